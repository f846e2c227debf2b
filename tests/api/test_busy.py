"""A store busy with another write is a coded 503 with ``Retry-After``, never a 500: the
test holds SQLite's write lock in another connection past the service's busy timeout."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.exc import OperationalError

from corroborate.api import create_app
from corroborate.api import reviews as review_api
from corroborate.review import reviews
from corroborate.store import Store
from corroborate.store.engine import is_busy
from tests.api.conftest import CASE, PASSWORD, Seeded, bearer, seed

BASE = f"/api/v1/cases/{CASE}"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[TestClient, Seeded, Path]]:
    path = tmp_path / "store.db"
    seeded = seed(f"sqlite:///{path}", tmp_path)
    impatient = Store(seeded.settings.store_url, busy_timeout=0.2)
    impatient.witness_key = seeded.store.witness_key
    with TestClient(create_app(seeded.settings, store=impatient)) as client:
        yield client, seeded, path
    impatient.close()
    seeded.store.close()


def held(path: Path) -> sqlite3.Connection:
    """Another connection holding the database's write lock until it is rolled back."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


def review_body(client: TestClient, seeded: Seeded, n: int) -> tuple[str, dict[str, str]]:
    """The version and body of a stance correction of the incident's ``n``-th statement."""
    who = bearer(seeded, "analyst")
    [incident] = client.get(f"{BASE}/incidents", headers=who).json()["items"]
    said = client.get(f"{BASE}/incidents/{incident['id']}", headers=who).json()["statements"]
    target = said[n]["id"]
    version = client.get(f"{BASE}/reviews/{target}", headers=who).headers["etag"]
    return version, {
        "action": "correct_stance",
        "target": target,
        "value": "denies",
        "reason": "reread",
    }


def post(client: TestClient, seeded: Seeded, version: str, body: dict[str, str]) -> Any:
    who = {**bearer(seeded, "analyst"), "If-Match": version}
    return client.post(f"{BASE}/reviews", json=body, headers=who)


def the_incident(client: TestClient, seeded: Seeded) -> dict[str, Any]:
    who = bearer(seeded, "analyst")
    [incident] = client.get(f"{BASE}/incidents", headers=who).json()["items"]
    return dict(client.get(f"{BASE}/incidents/{incident['id']}", headers=who).json())


def test_a_write_while_another_holds_the_write_lock_is_503_and_a_read_proceeds(
    served: tuple[TestClient, Seeded, Path],
) -> None:
    """Reads take WAL's snapshot and are served while another connection holds SQLite's
    write lock; a review (R006) and a sign-in (A014) wait for the lock, are refused, coded,
    and go through once the lock is gone."""
    client, seeded, path = served
    version, body = review_body(client, seeded, 3)
    count = len(reviews(seeded.store))
    lock = held(path)
    try:
        read = the_incident(client, seeded)
        refused = post(client, seeded, version, body)
        signed = client.post("/api/v1/session", data={"name": "analyst", "password": PASSWORD})
    finally:
        lock.rollback()
        lock.close()
    assert read["statements"] and read["pending_reviews"] == 0
    for got, code in ((refused, "R006"), (signed, "A014")):
        assert got.status_code == 503, got.text
        assert got.json()["code"] == code and got.headers["retry-after"] == "5"
        assert got.headers["content-type"] == "application/problem+json"
    assert len(reviews(seeded.store)) == count  # nothing was recorded
    assert post(client, seeded, version, body).status_code == 201


def test_a_review_whose_write_finds_the_lock_taken_is_503_r006_and_records_nothing(
    served: tuple[TestClient, Seeded, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another connection takes the write lock just before the review is written."""
    client, seeded, path = served
    version, body = review_body(client, seeded, 3)
    count = len(reviews(seeded.store))
    locks: list[sqlite3.Connection] = []
    decide = review_api.decide

    def decide_late(*args: Any, **kwargs: Any) -> Any:
        locks.append(held(path))
        return decide(*args, **kwargs)

    monkeypatch.setattr("corroborate.api.reviews.decide", decide_late)
    try:
        refused = post(client, seeded, version, body)
    finally:
        for lock in locks:
            lock.rollback()
            lock.close()
    assert refused.status_code == 503, refused.text
    assert refused.json()["code"] == "R006" and refused.headers["retry-after"] == "5"
    assert len(reviews(seeded.store)) == count
    monkeypatch.undo()
    assert post(client, seeded, version, body).status_code == 201
    after = the_incident(client, seeded)
    assert after["pending_reviews"] == 0 and "Stance corrected" in after["explanation"]


def test_a_regrading_that_finds_the_store_busy_waits_for_the_next_review(
    served: tuple[TestClient, Seeded, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The review stands (201) and its incident says it is pending; the next review's
    re-grading takes it in too."""
    client, seeded, path = served
    first_version, first = review_body(client, seeded, 2)
    grade = the_incident(client, seeded)["grade"]
    regrade = review_api.regrade

    def regrade_late(*args: Any, **kwargs: Any) -> Any:
        lock = held(path)
        try:
            return regrade(*args, **kwargs)
        finally:
            lock.rollback()
            lock.close()

    monkeypatch.setattr("corroborate.api.reviews.regrade", regrade_late)
    assert post(client, seeded, first_version, first).status_code == 201
    waiting = the_incident(client, seeded)
    assert waiting["pending_reviews"] == 1 and waiting["grade"] == grade
    monkeypatch.undo()
    second_version, second = review_body(client, seeded, 4)
    assert post(client, seeded, second_version, second).status_code == 201
    after = the_incident(client, seeded)
    assert after["pending_reviews"] == 0
    assert [s["stance"] for s in after["statements"]].count("denies") == 2
    assert "Stance corrected by an analyst" in after["explanation"]
    assert "(2 times)" in after["explanation"]


def test_only_lock_and_serialization_failures_count_as_busy() -> None:
    def failure(message: str) -> OperationalError:
        return OperationalError("INSERT", {}, sqlite3.OperationalError(message))

    assert is_busy(failure("database is locked"))
    assert not is_busy(failure("no such table: runs"))
    assert not is_busy(ValueError("database is locked"))
