"""Background jobs of the service: an ingest or a pipeline run, one row each.

A job is ``queued`` when it is asked for, ``running`` while the service's worker does it,
then ``done`` (its coded failures, if any, listed file by file), ``failed`` (the job itself
could not finish), ``interrupted`` (the server stopped while it ran: a job found
``running`` when a server takes the job lead was left by a leader that died:
``store.leader``) or ``cancelled``. A queued
job is cancelled at once; a running one is ``cancelling`` until the worker stops it at its
next step (``request_cancel``), each batch it finished kept. One job runs at a time
per store: ``claim_next`` starts the oldest queued job only while none is running. The files
uploaded for a job are kept in ``job_files`` until the job has stored them as evidence.
Every job is written to the audit log when it is asked for and when it ends.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import Connection, delete, exists, insert, select, update

from corroborate.store import schema
from corroborate.store.access import now_iso, write_audit
from corroborate.store.core import Store
from corroborate.store.workspace import add_case_reports

JobKind = Literal["ingest", "run"]
JobState = Literal["queued", "running", "cancelling", "done", "failed", "interrupted", "cancelled"]
FINISHED: tuple[JobState, ...] = ("done", "failed", "interrupted", "cancelled")
BUSY: tuple[JobState, ...] = ("running", "cancelling")  # a worker holds the job
INTERRUPTED = "[A012] the server stopped while the job ran: start it again"


def cancelled_by(actor: str) -> str:
    """A cancelled job's error line."""
    return f"[A021] {actor}: cancelled the job; what it finished before stopping is kept"


@dataclass(frozen=True, slots=True)
class Job:
    id: int
    case_id: int
    kind: JobKind
    state: JobState
    created_by: str
    created_at: str
    started_at: str | None
    finished_at: str | None
    stage: str
    stage_started_at: str | None
    done: int
    total: int
    files: int
    failures: list[dict[str, Any]]  # {file (1-based, or None), name, code, message}
    result: dict[str, int]
    error: str | None


def _job(row: Any) -> Job:
    return Job(
        row.id,
        row.case_id,
        row.kind,
        row.state,
        row.created_by,
        row.created_at,
        row.started_at,
        row.finished_at,
        row.stage,
        row.stage_started_at,
        row.done,
        row.total,
        row.files,
        json.loads(row.failures),
        json.loads(row.result),
        row.error,
    )


def create_job(
    store: Store, *, case_id: int, kind: JobKind, actor: str, uploads: list[tuple[str, bytes]]
) -> Job:
    """Queue a job with its uploaded files, audited, in one transaction."""
    values = {
        "case_id": case_id,
        "kind": kind,
        "state": "queued",
        "created_by": actor,
        "created_at": now_iso(),
        "stage": "queued",
        "done": 0,
        "total": 0,
        "files": len(uploads),
        "failures": "[]",
        "result": "{}",
    }
    with store.engine.begin() as conn:
        key = conn.execute(insert(schema.jobs).values(**values)).inserted_primary_key
        assert key is not None
        job_id = int(key[0])
        for pos, (name, data) in enumerate(uploads, start=1):
            row = {"job_id": job_id, "pos": pos, "name": name, "data": data}
            conn.execute(insert(schema.job_files).values(**row))
        detail = {"kind": kind, "files": len(uploads)}
        write_audit(
            conn,
            actor=actor,
            action="job-start",
            subject=f"job {job_id}",
            case_id=case_id,
            detail=detail,
        )
        return _job(conn.execute(select(schema.jobs).where(schema.jobs.c.id == job_id)).one())


def claim_next(store: Store) -> Job | None:
    """Start the oldest queued job, unless a job is running in this store already."""
    jobs = schema.jobs
    running = exists().where(jobs.c.state.in_(BUSY))
    with store.engine.begin() as conn:
        if conn.execute(select(running)).scalar():
            return None
        job_id = conn.execute(
            select(jobs.c.id).where(jobs.c.state == "queued").order_by(jobs.c.id).limit(1)
        ).scalar()
        if job_id is None:
            return None
        now = now_iso()
        claimed = conn.execute(
            update(jobs)
            .where((jobs.c.id == job_id) & (jobs.c.state == "queued") & ~running)
            .values(state="running", started_at=now, stage="starting", stage_started_at=now)
        )
        if not claimed.rowcount:
            return None
        return _job(conn.execute(select(jobs).where(jobs.c.id == job_id)).one())


def record_progress(
    store: Store, job_id: int, *, stage: str, done: int, total: int, stage_started_at: str
) -> bool:
    """Write a running job's progress; False when it is no longer running (a cancel was
    asked for): the worker then stops it."""
    jobs = schema.jobs
    with store.engine.begin() as conn:
        written = conn.execute(
            update(jobs)
            .where((jobs.c.id == job_id) & (jobs.c.state == "running"))
            .values(stage=stage, done=done, total=total, stage_started_at=stage_started_at)
        )
        return bool(written.rowcount)


def request_cancel(store: Store, job: Job, *, actor: str) -> JobState | None:
    """Cancel a queued job at once (its uploads dropped, audited), or ask the worker to stop
    a running one at its next step (``cancelling``); returns the state now, or None for a job
    that has ended already."""
    jobs = schema.jobs
    with store.engine.begin() as conn:
        queued = conn.execute(
            update(jobs)
            .where((jobs.c.id == job.id) & (jobs.c.state == "queued"))
            .values(
                state="cancelled",
                stage="cancelled",
                finished_at=now_iso(),
                error=cancelled_by(actor),
            )
        )
        if queued.rowcount:
            _ended(conn, job.id, job.case_id, "cancelled", 0)
            return "cancelled"
        running = conn.execute(
            update(jobs)
            .where((jobs.c.id == job.id) & (jobs.c.state == "running"))
            .values(state="cancelling", error=cancelled_by(actor))
        )
        if running.rowcount:
            write_audit(
                conn,
                actor=actor,
                action="job-cancel",
                subject=f"job {job.id}",
                case_id=job.case_id,
                detail={},
            )
            return "cancelling"
        state = conn.execute(select(jobs.c.state).where(jobs.c.id == job.id)).scalar()
    return "cancelling" if state == "cancelling" else None


def finish_job(
    store: Store,
    job: Job,
    *,
    state: JobState,
    failures: list[dict[str, Any]],
    result: dict[str, int],
    error: str | None = None,
) -> None:
    """End a job a worker holds: its state, failures and result kept, its uploads dropped,
    audited (a cancelled job keeps the line that says who cancelled it). A job that is no
    longer ``running`` or ``cancelling`` is left as it is: a worker that lost the job lead
    finds its job marked interrupted by the next leader, and must not overwrite that."""
    values: dict[str, str | None] = {
        "state": state,
        "finished_at": now_iso(),
        "stage": state,
        "failures": json.dumps(failures, sort_keys=True),
        "result": json.dumps(result, sort_keys=True),
    }
    if state != "cancelled":
        values["error"] = error
    jobs = schema.jobs
    with store.engine.begin() as conn:
        held = (jobs.c.id == job.id) & jobs.c.state.in_(BUSY)
        if conn.execute(update(jobs).where(held).values(**values)).rowcount:
            _ended(conn, job.id, job.case_id, state, len(failures))


def _ended(conn: Connection, job_id: int, case_id: int, state: str, failures: int) -> None:
    conn.execute(delete(schema.job_files).where(schema.job_files.c.job_id == job_id))
    write_audit(
        conn,
        actor="service",
        action=f"job-{state}",
        subject=f"job {job_id}",
        case_id=case_id,
        detail={"failures": failures},
    )


def interrupt_running(store: Store) -> int:
    """Mark the jobs a stopped server left running as interrupted (those being cancelled as
    cancelled); returns how many. Only the process that has just taken the job lead
    (``store.leader``) may call it: any other could end a live leader's job."""
    jobs = schema.jobs
    with store.engine.begin() as conn:
        left = conn.execute(
            select(jobs.c.id, jobs.c.case_id, jobs.c.state).where(jobs.c.state.in_(BUSY))
        )
        found = list(left)
        for job_id, case_id, state in found:
            ended = "cancelled" if state == "cancelling" else "interrupted"
            values: dict[str, str] = {"state": ended, "stage": ended}
            if ended == "interrupted":
                values["error"] = INTERRUPTED
            conn.execute(
                update(jobs).where(jobs.c.id == job_id).values(finished_at=now_iso(), **values)
            )
            _ended(conn, job_id, case_id, ended, 0)
    return len(found)


def job_uploads(store: Store, job_id: int) -> list[tuple[str, bytes]]:
    files = schema.job_files
    query = select(files.c.name, files.c.data).where(files.c.job_id == job_id).order_by(files.c.pos)
    with store.engine.connect() as conn:
        return [(row.name, bytes(row.data)) for row in conn.execute(query)]


def case_jobs(store: Store, case_id: int, *, limit: int = 50) -> list[Job]:
    """The case's jobs, newest first."""
    jobs = schema.jobs
    query = select(jobs).where(jobs.c.case_id == case_id).order_by(jobs.c.id.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [_job(row) for row in conn.execute(query)]


def find_job(store: Store, case_id: int, job_id: int) -> Job | None:
    jobs = schema.jobs
    query = select(jobs).where((jobs.c.id == job_id) & (jobs.c.case_id == case_id))
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return _job(row) if row else None


def join_case(store: Store, case_id: int, blob_ids: set[str], *, actor: str) -> int:
    """Put every report read from these blobs in the case; returns how many were new."""
    if not blob_ids:
        return 0
    reports, cases = schema.reports, schema.cases
    with store.engine.connect() as conn:
        name = conn.execute(select(cases.c.name).where(cases.c.id == case_id)).scalar_one()
        found = conn.execute(select(reports.c.id).where(reports.c.blob_id.in_(sorted(blob_ids))))
        report_ids = sorted(found.scalars())
    return add_case_reports(store, name, report_ids, actor=actor) if report_ids else 0
