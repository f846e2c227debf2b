"""A review changes grades at once: right after a stance correction, the incident served
has the grade and explanation a new run would give, without extracting again (the run kept
its linked statements). Expected values are written out from the grading rules
(``grading.yaml``): the corpus's one incident has five supporting statements from two
witnesses (two each, in four reports) and "monitors"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Table, func, select

from corroborate.api import create_app
from corroborate.export.context import load_context
from corroborate.pipeline import run as run_pipeline
from corroborate.review.sources import correct_source
from corroborate.store import schema
from corroborate.store.runs import latest_run
from corroborate.store.verify import verify
from corroborate.taxonomy.registry import registry
from tests.api.conftest import CASE, Seeded, bearer, seed, write_corpus

BASE = f"/api/v1/cases/{CASE}"


@pytest.fixture
def fresh(store_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Seeded]]:
    seeded = seed(store_url, tmp_path)
    with TestClient(create_app(seeded.settings, store=seeded.store)) as client:
        yield client, seeded
    seeded.store.close()


def the_incident(client: TestClient, seeded: Seeded) -> dict[str, Any]:
    listed = client.get(f"{BASE}/incidents", headers=bearer(seeded, "analyst")).json()
    assert listed["total"] == 1
    found = client.get(
        f"{BASE}/incidents/{listed['items'][0]['id']}", headers=bearer(seeded, "analyst")
    )
    return dict(found.json())


def correct(client: TestClient, seeded: Seeded, statement: str, stance: str) -> None:
    who = bearer(seeded, "analyst")
    version = client.get(f"{BASE}/reviews/{statement}", headers=who).headers["etag"]
    body = {"action": "correct_stance", "target": statement, "value": stance, "reason": "reread"}
    written = client.post(f"{BASE}/reviews", json=body, headers={**who, "If-Match": version})
    assert written.status_code == 201, written.text


def test_a_stance_correction_changes_the_grade_at_once(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    before = the_incident(client, seeded)
    assert before["grade"] == {
        "reliability": "C",
        "credibility": 1,
        "standard": "corroborated: meets the reasonable-grounds threshold",
    }
    said = before["statements"]
    assert [s["stance"] for s in said] == ["supports"] * 5
    a, b = said[0]["speaker"], said[1]["speaker"]  # the two witnesses, as pseudonymised
    assert [s["speaker"] for s in said] == [a, b, a, "monitors", b]
    # the second statement of each witness and the monitors' one: supports -> denies
    for statement in (said[2], said[3], said[4]):
        correct(client, seeded, statement["id"], "denies")
    after = the_incident(client, seeded)
    today = datetime.now(UTC).date().isoformat()
    assert after["grade"] == {
        "reliability": "C",
        "credibility": 2,  # two independent origins: probably true (three confirm)
        "standard": "corroborated: meets the reasonable-grounds threshold",
    }
    words = after["explanation"]
    assert words.startswith(
        f"4 reports, 2 origins: {a}, a first-hand witness; {b}, a first-hand witness. "
        "Corroborated by 2 independent origins, 2 of them first-hand. Denied by "
    )
    denied = words.split("Denied by ", 1)[1].split(". Grade", 1)[0]
    assert sorted(denied.split(", denied by ")) == sorted([a, b, "monitors"])
    assert words.endswith(
        ". Grade C2: source reliability C, credibility 2 (probably true); corroborated: meets "
        f"the reasonable-grounds threshold. Stance corrected by an analyst on {today} (3 times)."
    )
    assert [s["stance"] for s in after["statements"]] == ["supports"] * 2 + ["denies"] * 3
    assert sorted(r["stance"] for r in after["reports"]) == [
        "denies",
        "denies",
        "supports",
        "supports",
    ]
    assert len(after["origins"]) == 2 and after["pending_reviews"] == 0
    assert after["run_seq"] > before["run_seq"]
    assert verify(seeded.store).ok  # the re-gradings are runs of the ledger like any other


def test_the_regrade_is_what_a_new_run_gives(
    fresh: tuple[TestClient, Seeded], tmp_path: Path
) -> None:
    client, seeded = fresh
    said = the_incident(client, seeded)["statements"]
    correct(client, seeded, said[3]["id"], "denies")
    regraded = latest_run(seeded.store)
    assert regraded is not None
    run_pipeline(seeded.store, [write_corpus(tmp_path / "again")], settings=seeded.settings)
    rerun = latest_run(seeded.store)
    assert rerun is not None and rerun.seq > regraded.seq
    assert rerun.results["incidents"] == regraded.results["incidents"]
    assert rerun.results["reviews"] == regraded.results["reviews"]


def test_a_regrade_lays_the_owners_source_corrections_over_the_registry_as_a_run_does(
    fresh: tuple[TestClient, Seeded], tmp_path: Path
) -> None:
    """Regression: a re-grade read the shipped registry, so after a source correction its
    results differed from what the next run gave."""
    client, seeded = fresh
    correct_source(
        seeded.store,
        registry(),
        "Agencia EFE",
        {"kind": "wire"},
        actor="owner",
        reason="checked",
    )
    said = the_incident(client, seeded)["statements"]
    correct(client, seeded, said[3]["id"], "denies")
    regraded = latest_run(seeded.store)
    assert regraded is not None
    run_pipeline(seeded.store, [write_corpus(tmp_path / "again")], settings=seeded.settings)
    rerun = latest_run(seeded.store)
    assert rerun is not None and rerun.seq > regraded.seq
    assert rerun.results["reviews"] == regraded.results["reviews"]
    assert rerun.results["incidents"] == regraded.results["incidents"]


def test_a_split_is_applied_at_once(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    incident = the_incident(client, seeded)
    who = bearer(seeded, "analyst")
    version = client.get(f"{BASE}/reviews/{incident['id']}", headers=who).headers["etag"]
    part = [s["id"] for s in incident["statements"] if s["speaker"] == "monitors"]
    body = {"action": "split", "target": incident["id"], "part": part, "reason": "another day"}
    written = client.post(f"{BASE}/reviews", json=body, headers={**who, "If-Match": version})
    assert written.status_code == 201, written.text
    listed = client.get(f"{BASE}/incidents", headers=who).json()
    assert listed["total"] == 2
    sizes = sorted(item["reports"] for item in listed["items"])
    assert sizes == [1, 4]  # the monitors' report alone; the other keeps all four


def test_a_review_writes_only_what_it_changed_and_exports_read_a_full_runs_results(
    fresh: tuple[TestClient, Seeded], tmp_path: Path
) -> None:
    """A re-grading is an amendment: no new run, no copy of the run's incidents or linked
    statements, only the incidents it changed; an export reads the run with it laid over,
    exactly as a new run gives it."""
    client, seeded = fresh
    store = seeded.store

    def rows(table: Table) -> int:
        with store.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    kept = (schema.runs, schema.run_incidents, schema.run_links)
    before = [rows(t) for t in kept]
    incident = the_incident(client, seeded)
    who = bearer(seeded, "analyst")
    version = client.get(f"{BASE}/reviews/{incident['id']}", headers=who).headers["etag"]
    part = [s["id"] for s in incident["statements"] if s["speaker"] == "monitors"]
    body = {"action": "split", "target": incident["id"], "part": part, "reason": "another day"}
    written = client.post(f"{BASE}/reviews", json=body, headers={**who, "If-Match": version})
    assert written.status_code == 201, written.text
    assert [rows(t) for t in kept] == before
    listed = client.get(f"{BASE}/incidents", headers=who).json()["items"]
    with store.engine.connect() as conn:
        amended = dict(
            conn.execute(
                select(schema.amended_incidents.c.incident_id, schema.amended_incidents.c.incident)
            ).all()
        )
    assert {k for k, v in amended.items() if v is not None} == {i["id"] for i in listed}
    assert [k for k, v in amended.items() if v is None] == [incident["id"]]
    context = load_context(store)
    exported, results = list(context.incidents()), context.results
    run_pipeline(store, [write_corpus(tmp_path / "again")], settings=seeded.settings)
    rerun = load_context(store)
    assert rerun.run_seq > context.run_seq and rerun.amends == 0 < context.amends
    assert list(rerun.incidents()) == exported and len(exported) == 2
    assert rerun.results["reviews"] == results["reviews"]
    assert rerun.results["counts"]["incidents"] == results["counts"]["incidents"] == 2
    assert verify(store).ok


def test_a_run_without_its_links_keeps_reviews_pending(store_url: str, tmp_path: Path) -> None:
    """A run recorded before runs kept their linked statements cannot be re-graded: the
    review waits for the next run, and the incident says so. The links go before the
    server starts, as such a run's were never there (the server indexes the latest run's
    statements on a thread when it starts: removed after, they would already be read)."""
    seeded = seed(store_url, tmp_path)
    with seeded.store.engine.begin() as conn:
        conn.execute(schema.run_links.delete())
    with TestClient(create_app(seeded.settings, store=seeded.store)) as client:
        said = the_incident(client, seeded)["statements"]
        correct(client, seeded, said[3]["id"], "denies")
        after = the_incident(client, seeded)
    seeded.store.close()
    assert after["pending_reviews"] == 1 and after["grade"]["credibility"] == 1
    assert "Stance corrected" not in after["explanation"]
