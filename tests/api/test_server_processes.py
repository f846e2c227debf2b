"""Several server processes on one store, on both backends, each a real `corroborate serve`:
a job started through either is run once, by the process holding the job lead; a process
that starts while another runs a job leaves that job alone; a `kill -9` of the job-running
process has its job marked interrupted and another process takes the lead and runs the next
job; an answer one process keeps is not served after a review written through another.
`--workers 2` serves with two processes."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from corroborate.pipeline import run as run_pipeline
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import add_token, audit_rows
from corroborate.store.jobs import claim_next, create_job, find_job, finish_job
from corroborate.store.keys import open_key
from corroborate.store.leader import leadership
from corroborate.store.workspace import (
    add_case,
    add_case_reports,
    add_user,
    find_case,
    set_member,
)
from tests.api.conftest import PASSWORD, write_corpus

CASE = "sloviansk"
TEXT = "Witnesses said soldiers detained {n} men in Sloviansk on 3 May 2022.\n"


class Server:
    """`corroborate serve` in a process of its own on a free port of 127.0.0.1."""

    def __init__(self, url: str, root: Path, *extra: str) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        env = {**os.environ, "CORROBORATE_KEY_DIR": str(root / "keys"), "CORROBORATE_FAST": "1"}
        env |= {"CORROBORATE_WORKERS": "1"}
        command = [sys.executable, "-m", "corroborate", "serve", "--store", url]
        self.log = (root / f"server-{port}.log").open("wb")
        self.process = subprocess.Popen(
            [*command, "--port", str(port), *extra], env=env, stderr=self.log
        )
        self.base = f"http://127.0.0.1:{port}/api/v1"
        deadline = time.monotonic() + 300  # several processes import everything at once
        while time.monotonic() < deadline:
            assert self.process.poll() is None, "the server stopped: see its log"
            try:
                httpx.get(f"{self.base}/openapi.json", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise AssertionError("the server did not start")

    def children(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except FileNotFoundError:
            return []

    def stop(self) -> None:
        left = self.children()  # uvicorn's worker processes, if any
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)
        for pid in left:
            with contextlib.suppress(ProcessLookupError):  # it ended with its parent
                os.kill(pid, signal.SIGKILL)
        self.log.close()


class Desk:
    """A store with a run, case ``sloviansk`` holding its reports, an analyst and an owner."""

    def __init__(self, url: str, root: Path) -> None:
        self.url, self.root = url, root
        self.store = Store(url)
        self.store.migrate()
        settings = Settings(store_url=url, fast=True, workers=1, key_dir=root / "keys")
        self.store.witness_key = open_key(self.store, settings, create=True)
        run_pipeline(self.store, [write_corpus(root / "corpus")], settings=settings)
        add_case(self.store, CASE, actor="test")
        add_case_reports(self.store, CASE, None, actor="test")
        self.who = {}
        for name, role in (("ana", "analyst"), ("olga", "owner")):
            add_user(self.store, name, PASSWORD, actor="test")
            set_member(self.store, CASE, name, role, actor="test")
            token = add_token(self.store, name, days=1, actor="test")[1]
            self.who[name] = {"Authorization": f"Bearer {token}"}
        self.servers: list[Server] = []

    def serve(self, *extra: str) -> Server:
        self.servers.append(Server(self.url, self.root, *extra))
        return self.servers[-1]

    def case_id(self) -> int:
        return find_case(self.store, CASE).id

    def job(self, job_id: int) -> Any:
        found = find_job(self.store, self.case_id(), job_id)
        assert found is not None
        return found


@pytest.fixture
def desk(store_url: str, tmp_path: Path) -> Iterator[Desk]:
    found = Desk(store_url, tmp_path)
    try:
        yield found
    finally:
        for server in found.servers:
            server.stop()
        found.store.close()


def start_job(server: Server, desk: Desk, files: int, first: int = 0) -> int:
    numbers = range(first, first + files)
    sent = [("files", (f"note-{n}.txt", TEXT.format(n=n).encode())) for n in numbers]
    response = httpx.post(
        f"{server.base}/cases/{CASE}/jobs",
        data={"kind": "ingest"},
        files=sent,
        headers=desk.who["ana"],
        timeout=60,
    )
    assert response.status_code == 202, response.text
    return int(response.json()["id"])


def wait_state(desk: Desk, job_id: int, states: tuple[str, ...], seconds: float = 120) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = desk.job(job_id)
        if found.state in states:
            return found
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} is {desk.job(job_id).state}, not one of {states}")


def ended(desk: Desk, job_id: int) -> list[str]:
    """How the job ended, as audited (each ending is one row)."""
    rows = [r.action for r in audit_rows(desk.store) if r.subject == f"job {job_id}"]
    return [action for action in rows if action != "job-start"]


def test_a_starting_process_leaves_a_live_leaders_job_alone(desk: Desk) -> None:
    lead = leadership(desk.store)  # this test leads, as a live server would
    assert lead.acquire()
    case_id = desk.case_id()
    text = TEXT.format(n=1).encode()
    job = create_job(desk.store, case_id=case_id, kind="ingest", actor="ana", uploads=[])
    create_job(desk.store, case_id=case_id, kind="ingest", actor="ana", uploads=[("a.txt", text)])
    claimed = claim_next(desk.store)
    assert claimed is not None and claimed.id == job.id
    server = desk.serve()
    time.sleep(3)  # three tries at the lead
    assert desk.job(job.id).state == "running"  # its runner is alive: not interrupted
    finish_job(desk.store, claimed, state="done", failures=[], result={})
    lead.release()
    queued = wait_state(desk, job.id + 1, ("done", "failed", "interrupted"), seconds=60)
    assert queued.state == "done" and queued.result["files_stored"] == 1  # the server leads
    assert ended(desk, job.id) == ["job-done"] and ended(desk, queued.id) == ["job-done"]
    assert not leadership(desk.store).acquire()
    server.stop()
    assert leadership(desk.store).acquire()  # a stopped server gives the lead up


def test_two_processes_one_runner_and_a_killed_runner_replaced(desk: Desk) -> None:
    first = desk.serve()
    second = desk.serve()
    assert not leadership(desk.store).acquire()
    job_id = start_job(second, desk, 3)  # through the process that does not lead
    done = wait_state(desk, job_id, ("done", "failed", "interrupted"))
    assert done.state == "done" and done.result["files_stored"] == 3
    assert ended(desk, job_id) == ["job-done"]  # run once, not interrupted by the other
    busy = start_job(second, desk, 400, 10)
    wait_state(desk, busy, ("running",))
    first.process.send_signal(signal.SIGKILL)  # the process running it
    first.process.wait(timeout=30)
    gone = wait_state(desk, busy, ("interrupted", "done", "failed"), seconds=60)
    assert gone.state == "interrupted" and (gone.error or "").startswith("[A012]")
    assert ended(desk, busy) == ["job-interrupted"]
    after = wait_state(desk, start_job(second, desk, 2, 1000), ("done", "failed", "interrupted"))
    assert after.state == "done" and after.result["files_stored"] == 2  # the other leads now


def test_a_kept_answer_is_not_served_after_a_review_through_another_process(desk: Desk) -> None:
    first, second = desk.serve(), desk.serve()
    ana, olga = desk.who["ana"], desk.who["olga"]
    listed = httpx.get(f"{first.base}/cases/{CASE}/incidents", headers=ana).json()
    incident = listed["items"][0]["id"]
    url = f"{first.base}/cases/{CASE}/incidents/{incident}"
    before = [httpx.get(url, headers=ana).json() for _ in range(2)]  # made, then kept
    assert before[0] == before[1] and before[0]["status"] == "draft"
    review = {"action": "status", "target": incident, "value": "reviewed"}
    written = httpx.post(
        f"{second.base}/cases/{CASE}/reviews", json=review, headers={**olga, "If-Match": '"0"'}
    )
    assert written.status_code == 201, written.text
    assert httpx.get(url, headers=ana).json()["status"] == "reviewed"
    again = httpx.get(f"{first.base}/cases/{CASE}/incidents", headers=ana).json()
    assert {i["id"]: i["status"] for i in again["items"]}[incident] == "reviewed"


def test_serve_with_two_worker_processes(desk: Desk) -> None:
    server = desk.serve("--workers", "2")
    assert len(server.children()) >= 2  # uvicorn's workers (and its resource tracker)
    listed = [httpx.get(f"{server.base}/cases/{CASE}/incidents", headers=desk.who["ana"])]
    listed += [httpx.get(f"{server.base}/cases/{CASE}/incidents", headers=desk.who["ana"])]
    assert [r.status_code for r in listed] == [200, 200]
    job_id = start_job(server, desk, 2)
    done = wait_state(desk, job_id, ("done", "failed", "interrupted"))
    assert done.state == "done" and ended(desk, job_id) == ["job-done"]
