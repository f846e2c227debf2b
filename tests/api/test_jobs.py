"""Background jobs through the service: the sample corpus uploaded and run to the end, its
broken files named with their codes, incidents served afterwards; jobs kept in the store
across a restart (a job a killed server left running shows as interrupted, a queued one
runs); one job at a time; a file's name only with the witness grant."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.api import create_app
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import add_token, audit_rows
from corroborate.store.jobs import claim_next, create_job
from corroborate.store.sealing import WitnessKey
from corroborate.store.workspace import add_case, add_user, find_case, set_grant, set_member
from tests.api.conftest import PASSWORD
from tests.conftest import SAMPLES

CASE = "donbas"
BROKEN = {
    "broken/garbage-bytes.txt": "I002",
    "broken/malformed-feed.json": "I006",
    "broken/truncated-briefing.pdf": "I004",
}


class Desk:
    """A store with one case, an analyst with the grant and one without, and a viewer."""

    def __init__(self, url: str, root: Path) -> None:
        self.store = Store(url)
        self.store.migrate()
        self.store.witness_key = WitnessKey.generate()
        self.settings = Settings(store_url=url, fast=True, workers=1, key_dir=root / "keys")
        add_case(self.store, CASE, actor="test")
        self.tokens = {}
        for name, role in (("ana", "analyst"), ("ana-g", "analyst"), ("vic", "viewer")):
            add_user(self.store, name, PASSWORD, actor="test")
            set_member(self.store, CASE, name, role, actor="test")
            self.tokens[name] = {
                "Authorization": f"Bearer {add_token(self.store, name, days=1, actor='test')[1]}"
            }
        set_grant(self.store, CASE, "ana-g", "witness-identities", actor="test")

    def client(self) -> TestClient:
        return TestClient(create_app(self.settings, store=self.store))


@pytest.fixture
def desk(store_url: str, tmp_path: Path) -> Iterator[Desk]:
    found = Desk(store_url, tmp_path)
    yield found
    found.store.close()


def corpus() -> list[tuple[str, tuple[str, bytes]]]:
    """The sample corpus as a browser sends a folder: each file with its relative path."""
    root = SAMPLES / "corpus"
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    return [("files", (str(p.relative_to(root)), p.read_bytes())) for p in paths]


def start(client: TestClient, who: dict[str, str], kind: str, files: Any = None) -> Any:
    response = client.post(
        f"/api/v1/cases/{CASE}/jobs", data={"kind": kind}, files=files, headers=who
    )
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/v1/cases/{CASE}/jobs/{response.json()['id']}"
    return response.json()


def wait(client: TestClient, who: dict[str, str], job_id: int, seconds: float = 180) -> Any:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        job = client.get(f"/api/v1/cases/{CASE}/jobs/{job_id}", headers=who).json()
        seen.append((job["state"], job["stage"]))
        if job["state"] not in ("queued", "running", "cancelling"):
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end: {seen[-5:]}")


def test_the_sample_corpus_uploaded_and_run(desk: Desk) -> None:
    with desk.client() as client:
        who = desk.tokens["ana"]
        job = start(client, who, "run", corpus())
        assert job["state"] == "queued" and job["files"] == 28 and job["kind"] == "run"
        done = wait(client, who, job["id"])
        assert done["state"] == "done" and done["error"] is None, done
        assert done["result"]["files"] == 28 and done["result"]["files_failed"] == 3
        assert done["result"]["reports_added_to_case"] == done["result"]["reports_stored"] > 20
        assert done["result"]["run_incidents"] > 0
        by_code = {f["code"]: f for f in done["failures"]}
        positions = {name: n for n, (_, (name, _)) in enumerate(corpus(), start=1)}
        for name, code in BROKEN.items():
            assert by_code[code]["file"] == positions[name]
            assert by_code[code]["name"] is None  # no grant: the place in the upload only
            assert name.rsplit("/", 1)[-1] not in by_code[code]["message"]
        granted = client.get(f"/api/v1/cases/{CASE}/jobs/{job['id']}", headers=desk.tokens["ana-g"])
        assert {f["name"] for f in granted.json()["failures"]} == set(BROKEN)
        listed = client.get(f"/api/v1/cases/{CASE}/incidents", headers=who).json()
        assert listed["total"] == done["result"]["run_incidents"]
        first = listed["items"][0]["id"]
        detail = client.get(f"/api/v1/cases/{CASE}/incidents/{first}", headers=who)
        assert detail.status_code == 200 and detail.json()["explanation"]
    actions = [(r.action, r.subject) for r in audit_rows(desk.store)]
    assert ("job-start", f"job {job['id']}") in actions and (
        "job-done",
        f"job {job['id']}",
    ) in actions


def test_a_bad_file_alone_gives_its_coded_failure(desk: Desk) -> None:
    with desk.client() as client:
        who = desk.tokens["ana"]
        files = [("files", ("notes/report.pdf", b"not a pdf at all"))]
        done = wait(client, who, start(client, who, "ingest", files)["id"])
    assert done["state"] == "done" and done["result"]["files_failed"] == 1
    assert done["failures"] == [
        {"file": 1, "name": None, "code": "I004", "message": done["failures"][0]["message"]}
    ]
    assert "pdf" in done["failures"][0]["message"].casefold()


def test_jobs_survive_a_restart(desk: Desk) -> None:
    case_id = find_case(desk.store, CASE).id
    text = b"Witnesses said soldiers detained two men in Sloviansk on 3 May 2022."
    left = create_job(
        desk.store, case_id=case_id, kind="ingest", actor="ana", uploads=[("a.txt", text)]
    )
    queued = create_job(
        desk.store, case_id=case_id, kind="ingest", actor="ana", uploads=[("b.txt", text)]
    )
    claimed = claim_next(desk.store)  # a server took it, then was killed
    assert claimed is not None and claimed.id == left.id
    assert claim_next(desk.store) is None  # one job at a time per store
    with desk.client() as client:
        who = desk.tokens["ana"]
        first = client.get(f"/api/v1/cases/{CASE}/jobs/{left.id}", headers=who).json()
        assert first["state"] == "interrupted" and first["error"].startswith("[A012]")
        second = wait(client, who, queued.id)
        assert second["state"] == "done" and second["result"]["files_stored"] == 1
        listed = client.get(f"/api/v1/cases/{CASE}/jobs", headers=who).json()["items"]
        assert [j["id"] for j in listed] == [queued.id, left.id]
        assert client.get(f"/api/v1/cases/{CASE}/jobs/999", headers=who).json()["code"] == "A007"


def test_who_may_start_a_job(desk: Desk) -> None:
    with desk.client() as client:
        refused = client.post(
            f"/api/v1/cases/{CASE}/jobs", data={"kind": "run"}, headers=desk.tokens["vic"]
        )
        assert refused.status_code == 403 and refused.json()["code"] == "A004"
        empty = client.post(
            f"/api/v1/cases/{CASE}/jobs", data={"kind": "ingest"}, headers=desk.tokens["ana"]
        )
        assert empty.status_code == 422 and empty.json()["code"] == "C050"
        listed = client.get(f"/api/v1/cases/{CASE}/jobs", headers=desk.tokens["ana"]).json()
        assert listed["items"] == []
        seen = client.get(f"/api/v1/cases/{CASE}/jobs", headers=desk.tokens["vic"])
        assert seen.status_code == 403 and seen.json()["code"] == "A004"
