"""Background jobs as the store keeps them (``store/jobs.py``): queued with their uploads,
claimed one at a time, cancelled, finished or interrupted, each end audited."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update

from corroborate.ids import digest_bytes
from corroborate.store import Store, schema
from corroborate.store.access import audit_rows
from corroborate.store.jobs import (
    INTERRUPTED,
    case_jobs,
    claim_next,
    create_job,
    find_job,
    finish_job,
    interrupt_running,
    job_uploads,
    join_case,
    record_progress,
    request_cancel,
)
from corroborate.store.workspace import add_case, case_report_ids
from tests.store.test_store import record

UPLOADS = [("b.txt", b"second file"), ("a.txt", b"first file")]
CANCEL = "[A021] anna: cancelled the job; what it finished before stopping is kept"


@pytest.fixture
def case_id(store: Store) -> int:
    return add_case(store, "kharkiv", actor="cli").id


def _audit(store: Store, case_id: int) -> list[tuple[str, str, str, dict[str, object]]]:
    """The case's job rows of the audit log, oldest first."""
    rows = reversed(audit_rows(store, case_id=case_id))
    return [(r.actor, r.action, r.subject, r.detail) for r in rows if r.action.startswith("job")]


def test_a_job_is_queued_with_its_uploads_in_order_and_audited(store: Store, case_id: int) -> None:
    job = create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=UPLOADS)
    assert (job.case_id, job.kind, job.state, job.stage, job.created_by) == (
        case_id,
        "ingest",
        "queued",
        "queued",
        "anna",
    )
    assert (job.done, job.total, job.files, job.failures, job.result) == (0, 0, 2, [], {})
    assert (job.started_at, job.finished_at, job.stage_started_at, job.error) == (None,) * 4
    assert job.created_at.endswith("+00:00")
    assert job_uploads(store, job.id) == UPLOADS
    assert find_job(store, case_id, job.id) == job
    assert _audit(store, case_id) == [
        ("anna", "job-start", f"job {job.id}", {"kind": "ingest", "files": 2})
    ]


def test_the_oldest_queued_job_is_claimed_and_only_one_runs_at_a_time(
    store: Store, case_id: int
) -> None:
    first = create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=[])
    second = create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    claimed = claim_next(store)
    assert claimed is not None and (claimed.id, claimed.state, claimed.stage) == (
        first.id,
        "running",
        "starting",
    )
    assert claimed.started_at is not None and claimed.started_at == claimed.stage_started_at
    assert claim_next(store) is None  # the first is running
    finish_job(store, claimed, state="done", failures=[], result={})
    after = claim_next(store)
    assert after is not None and (after.id, after.kind, after.state) == (
        second.id,
        "run",
        "running",
    )
    finish_job(store, after, state="done", failures=[], result={})
    assert claim_next(store) is None  # none queued


def test_progress_is_written_while_running_and_refused_once_a_cancel_is_asked(
    store: Store, case_id: int
) -> None:
    create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    job = claim_next(store)
    assert job is not None
    assert record_progress(store, job.id, stage="linking", done=3, total=7, stage_started_at="t1")
    found = find_job(store, case_id, job.id)
    assert found is not None
    assert (found.stage, found.done, found.total, found.stage_started_at) == ("linking", 3, 7, "t1")
    assert request_cancel(store, job, actor="anna") == "cancelling"
    later = {"stage": "grading", "done": 4, "total": 7, "stage_started_at": "t2"}
    assert not record_progress(store, job.id, **later)  # type: ignore[arg-type]
    found = find_job(store, case_id, job.id)
    assert found is not None and (found.state, found.stage, found.done) == (
        "cancelling",
        "linking",
        3,
    )
    assert found.error == CANCEL
    assert request_cancel(store, job, actor="anna") == "cancelling"  # asked twice: still so


def test_a_queued_job_is_cancelled_at_once_and_its_uploads_dropped(
    store: Store, case_id: int
) -> None:
    job = create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=UPLOADS)
    assert request_cancel(store, job, actor="anna") == "cancelled"
    found = find_job(store, case_id, job.id)
    assert found is not None
    assert (found.state, found.stage, found.error) == ("cancelled", "cancelled", CANCEL)
    assert found.finished_at is not None
    assert job_uploads(store, job.id) == []
    assert request_cancel(store, job, actor="anna") is None  # ended already
    assert claim_next(store) is None
    assert _audit(store, case_id)[1:] == [
        ("service", "job-cancelled", f"job {job.id}", {"failures": 0})
    ]


def test_a_running_cancel_is_audited_and_the_finished_job_keeps_who_cancelled_it(
    store: Store, case_id: int
) -> None:
    create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=UPLOADS)
    job = claim_next(store)
    assert job is not None and request_cancel(store, job, actor="anna") == "cancelling"
    finish_job(store, job, state="cancelled", failures=[], result={"stored": 1}, error="other")
    found = find_job(store, case_id, job.id)
    assert found is not None
    assert (found.state, found.stage, found.error, found.result) == (
        "cancelled",
        "cancelled",
        CANCEL,
        {"stored": 1},
    )
    assert job_uploads(store, job.id) == []
    assert _audit(store, case_id)[1:] == [
        ("anna", "job-cancel", f"job {job.id}", {}),
        ("service", "job-cancelled", f"job {job.id}", {"failures": 0}),
    ]


def test_a_finished_job_keeps_its_failures_result_and_error(store: Store, case_id: int) -> None:
    create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=UPLOADS)
    job = claim_next(store)
    assert job is not None
    failures = [{"file": 2, "name": "a.txt", "code": "I004", "message": "cannot read"}]
    finish_job(store, job, state="done", failures=failures, result={"stored": 1, "reports": 3})
    found = find_job(store, case_id, job.id)
    assert found is not None
    assert (found.state, found.stage, found.error) == ("done", "done", None)
    assert (found.failures, found.result) == (failures, {"reports": 3, "stored": 1})
    assert found.finished_at is not None and job_uploads(store, job.id) == []
    assert _audit(store, case_id)[-1] == ("service", "job-done", f"job {job.id}", {"failures": 1})
    assert request_cancel(store, job, actor="anna") is None
    queued = create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    # a job no worker holds is left as it is (a worker that lost the job lead must not end
    # what the next leader decided)
    finish_job(store, queued, state="failed", failures=[], result={}, error="[S003] x: broke")
    found = find_job(store, case_id, queued.id)
    assert found is not None and (found.state, found.error) == ("queued", None)
    failed = claim_next(store)
    assert failed is not None and failed.id == queued.id
    finish_job(store, failed, state="failed", failures=[], result={}, error="[S003] x: broke")
    found = find_job(store, case_id, failed.id)
    assert found is not None and (found.state, found.error) == ("failed", "[S003] x: broke")


def test_jobs_a_stopped_server_left_are_interrupted_or_cancelled(
    store: Store, case_id: int
) -> None:
    create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=UPLOADS)
    running = claim_next(store)
    queued = create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    assert running is not None and interrupt_running(store) == 1
    found = find_job(store, case_id, running.id)
    assert found is not None
    assert (found.state, found.stage, found.error) == ("interrupted", "interrupted", INTERRUPTED)
    assert found.finished_at is not None and job_uploads(store, running.id) == []
    assert INTERRUPTED.startswith("[A012] ")
    waiting = find_job(store, case_id, queued.id)
    assert waiting is not None and waiting.state == "queued"
    stopping = claim_next(store)
    assert stopping is not None and request_cancel(store, stopping, actor="anna") == "cancelling"
    assert interrupt_running(store) == 1
    found = find_job(store, case_id, queued.id)
    assert found is not None and (found.state, found.stage, found.error) == (
        "cancelled",
        "cancelled",
        CANCEL,
    )
    assert interrupt_running(store) == 0
    assert [(a, d) for _, a, _, d in _audit(store, case_id)] == [
        ("job-start", {"kind": "ingest", "files": 2}),
        ("job-start", {"kind": "run", "files": 0}),
        ("job-interrupted", {"failures": 0}),
        ("job-cancel", {}),
        ("job-cancelled", {"failures": 0}),
    ]


def test_a_cases_jobs_come_newest_first_and_are_found_in_their_case_only(
    store: Store, case_id: int
) -> None:
    other = add_case(store, "izium", actor="cli").id
    ids = [
        create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[]).id
        for _ in range(3)
    ]
    elsewhere = create_job(store, case_id=other, kind="run", actor="anna", uploads=[])
    assert [j.id for j in case_jobs(store, case_id)] == ids[::-1]
    assert [j.id for j in case_jobs(store, case_id, limit=2)] == ids[:0:-1]
    assert find_job(store, case_id, elsewhere.id) is None
    assert find_job(store, other, elsewhere.id) == elsewhere


def test_fifty_jobs_of_a_case_are_listed_unless_told(store: Store, case_id: int) -> None:
    for _ in range(51):
        create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    assert len(case_jobs(store, case_id)) == 50


def test_the_reports_read_from_a_jobs_files_join_its_case(store: Store, case_id: int) -> None:
    one, two = record("Shelling near the depot", items=2), record("A convoy at dusk", name="c.txt")
    store.add_ingests([one, two], actor="t")
    assert join_case(store, case_id, set(), actor="service") == 0
    assert join_case(store, case_id, {digest_bytes(b"never stored")}, actor="service") == 0
    assert [r.action for r in audit_rows(store, case_id=case_id)] == ["case-add"]  # no change
    assert join_case(store, case_id, {one.blob_id}, actor="service") == 2
    assert case_report_ids(store, case_id) == {r.id for r in one.reports}
    assert join_case(store, case_id, {one.blob_id, two.blob_id}, actor="service") == 1
    assert case_report_ids(store, case_id) == {r.id for r in (*one.reports, *two.reports)}


def test_the_oldest_queued_job_is_claimed_whatever_order_the_rows_are_stored_in(
    store: Store, case_id: int
) -> None:
    """PostgreSQL writes an updated row's new version at the end of the table, and a new
    index entry for it when an indexed column (the state) changes."""
    first = create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=[])
    create_job(store, case_id=case_id, kind="run", actor="anna", uploads=[])
    for state in ("failed", "queued"):  # set aside, then queued again
        with store.engine.begin() as conn:
            key = schema.jobs.c.id == first.id
            conn.execute(update(schema.jobs).where(key).values(state=state))
    claimed = claim_next(store)
    assert claimed is not None and claimed.id == first.id


def test_uploads_come_back_in_their_place_whatever_order_they_were_written(
    store: Store, case_id: int
) -> None:
    job = create_job(store, case_id=case_id, kind="ingest", actor="anna", uploads=[])
    with store.engine.begin() as conn:
        for pos, name in ((3, "c.txt"), (1, "a.txt"), (2, "b.txt")):
            row = {"job_id": job.id, "pos": pos, "name": name, "data": name.encode()}
            conn.execute(insert(schema.job_files).values(**row))
    assert [name for name, _ in job_uploads(store, job.id)] == ["a.txt", "b.txt", "c.txt"]
