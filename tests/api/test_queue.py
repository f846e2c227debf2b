"""``GET /api/v1/cases/{case}/queue``: the undecided statements, the machine's least certain
first, paginated, with the version to review each at; the seeded store is read only.

By hand (``--fast``: the rule levels alone): the seeded incident has five supporting
statements: two testimonies (attribution 1, the file names the witness) and three found by
a speech verb and its subject (0.8: "Mrs Oksvetta … said that …", "…, the monitors said",
"Witness Q-77 said …"); a supporting statement from no accused party is decided by
comparing acts and parties (0.6). Every statement's certainty is thus 0.6, and no single
decision changes the C1 grade (``tests/web/test_queue.py``)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import CASE, Seeded, bearer

URL = f"/api/v1/cases/{CASE}/queue"


def test_the_queue_lists_every_undecided_statement_least_certain_first(
    client: TestClient, seeded: Seeded
) -> None:
    served = client.get(URL, headers=bearer(seeded, "analyst"))
    assert served.status_code == 200, served.text
    body = served.json()
    assert body["total"] == 5 and body["page"] == 1 and len(body["items"]) == 5
    items = body["items"]
    assert [i["certainty"] for i in items] == [0.6] * 5
    for item in items:
        said = item["statement"]
        assert said["stance_certainty"] == 0.6
        testimony = said["content"].startswith(("My name is", "Armed men beat"))
        assert said["certainty"] == (1.0 if testimony else 0.8)
        assert item["change"]["now"] == "C1" and item["change"]["size"] == 0
        assert item["version"] >= 0
    assert sorted(i["statement"]["certainty"] for i in items) == [0.8, 0.8, 0.8, 1.0, 1.0]
    assert body["incidents"] == []  # no single decision changes the grade


def test_the_queue_is_paginated_and_in_the_schema(client: TestClient, seeded: Seeded) -> None:
    whole = client.get(URL, headers=bearer(seeded, "owner")).json()["items"]
    second = client.get(URL, params={"per_page": 2, "page": 2}, headers=bearer(seeded, "owner"))
    assert second.json()["total"] == 5
    assert [i["statement"]["id"] for i in second.json()["items"]] == [
        i["statement"]["id"] for i in whole[2:4]
    ]
    schema = client.get("/api/v1/openapi.json").json()
    assert "get" in schema["paths"]["/api/v1/cases/{case}/queue"]


def test_viewers_and_outsiders_have_no_queue(client: TestClient, seeded: Seeded) -> None:
    assert client.get(URL, headers=bearer(seeded, "viewer")).json()["code"] == "A004"
    assert client.get(URL, headers=bearer(seeded, "outsider")).status_code == 404
