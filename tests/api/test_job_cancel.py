"""Cancelling a job: a queued one at once, a running one at its next step, by its starter or
an owner of the case; the store keeps what the job finished (files stored, extractions of
the batches written) and verifies; a job that has ended cannot be cancelled."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.api import worker
from corroborate.extract.cached import WRITE_EVERY
from corroborate.store.access import add_token, audit_rows
from corroborate.store.extractions import count_extractions
from corroborate.store.runs import latest_run
from corroborate.store.verify import verify
from corroborate.store.workspace import add_user, set_member
from tests.api.conftest import PASSWORD
from tests.api.test_jobs import CASE, Desk, corpus, start, wait

JOBS = f"/api/v1/cases/{CASE}/jobs"


@pytest.fixture
def desk(store_url: str, tmp_path: Path) -> Any:
    found = Desk(store_url, tmp_path)
    add_user(found.store, "olga", PASSWORD, actor="test")
    set_member(found.store, CASE, "olga", "owner", actor="test")
    token = add_token(found.store, "olga", days=1, actor="test")[1]
    found.tokens["olga"] = {"Authorization": f"Bearer {token}"}
    yield found
    found.store.close()


def test_a_queued_job_is_cancelled_at_once_by_its_starter(desk: Desk) -> None:
    client = TestClient(desk.client().app)  # not started: its worker takes no job
    who = desk.tokens["ana"]
    job = start(client, who, "ingest", [("files", ("a.txt", b"Shelling hit Izium."))])
    gone = client.delete(f"{JOBS}/{job['id']}", headers=who)
    assert gone.status_code == 200, gone.text
    assert gone.json()["state"] == "cancelled" and gone.json()["error"].startswith("[A021] ana:")
    again = client.delete(f"{JOBS}/{job['id']}", headers=who)
    assert again.status_code == 409 and again.json()["code"] == "R010"
    actions = [(r.action, r.subject) for r in audit_rows(desk.store)]
    assert ("job-cancelled", f"job {job['id']}") in actions
    assert desk.store.counts()["blobs"] == 0  # its upload was never stored


def test_who_may_cancel_a_job(desk: Desk) -> None:
    client = TestClient(desk.client().app)
    files = [("files", ("a.txt", b"Shelling hit Izium."))]
    first = start(client, desk.tokens["ana"], "ingest", files)
    for name, code in (("ana-g", "A020"), ("vic", "A004")):
        refused = client.delete(f"{JOBS}/{first['id']}", headers=desk.tokens[name])
        assert refused.status_code == 403 and refused.json()["code"] == code, name
    by_owner = client.post(f"{JOBS}/{first['id']}/cancel", headers=desk.tokens["olga"])
    assert by_owner.status_code == 200 and by_owner.json()["state"] == "cancelled"
    missing = client.delete(f"{JOBS}/999", headers=desk.tokens["olga"])
    assert missing.status_code == 404 and missing.json()["code"] == "A007"


def test_a_running_job_stops_at_its_next_step_and_keeps_what_it_finished(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The run is held at a progress step of extraction once a batch of extractions has been
    written; the cancel is asked for there; the job ends at its next step."""
    reached, resume = threading.Event(), threading.Event()
    progress = worker.record_progress

    def held(*args: Any, **kwargs: Any) -> bool:
        if kwargs["stage"] == "extract" and kwargs["done"] > WRITE_EVERY and not reached.is_set():
            reached.set()
            assert resume.wait(120)
        return progress(*args, **kwargs)

    monkeypatch.setattr(worker, "record_progress", held)
    monkeypatch.setattr(worker, "WRITE_SECONDS", 0.0)  # every step writes its progress
    with desk.client() as client:
        who = desk.tokens["ana"]
        job = start(client, who, "run", corpus())
        assert reached.wait(300), "the run never reached its extraction"
        asked = client.delete(f"{JOBS}/{job['id']}", headers=who)
        assert asked.status_code == 200 and asked.json()["state"] == "cancelling"
        resume.set()
        ended = wait(client, who, job["id"])
    assert ended["state"] == "cancelled" and ended["error"].startswith("[A021] ana:")
    assert desk.store.counts()["reports"] > WRITE_EVERY  # the files it stored stay
    assert count_extractions(desk.store) >= WRITE_EVERY  # so do the batches it wrote
    assert latest_run(desk.store) is None  # the run was not recorded
    assert verify(desk.store).ok
    actions = [r.action for r in audit_rows(desk.store)]
    assert "job-cancel" in actions and "job-cancelled" in actions
