"""An incident's conflict, as the run's results name it, is served in the incident models."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import CASE, Seeded, bearer

BASE = f"/api/v1/cases/{CASE}"


def test_summary_and_detail_name_the_conflict_the_results_name(
    client: TestClient, seeded: Seeded
) -> None:
    who = bearer(seeded, "owner")
    items = client.get(f"{BASE}/incidents", headers=who).json()["items"]
    assert items and all("conflict" in i for i in items)
    named = {i["conflict"] for i in items}
    assert "Russia–Ukraine war" in named  # the case's corpus is placed in Ukraine
    assert named <= {"Russia–Ukraine war", None}
    first = items[0]
    detail = client.get(f"{BASE}/incidents/{first['id']}", headers=who).json()
    assert detail["conflict"] == first["conflict"]
