"""Reviews through the service: history with its ETag, a decision only at the version the
analyst read (a stale one is 409), who may review and who may publish, and a published
incident reaching the case's viewers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corroborate.api import create_app
from tests.api.conftest import CASE, PASSWORD, Seeded, bearer, seed


@pytest.fixture
def fresh(store_url: str, tmp_path: Path) -> Iterator[tuple[TestClient, Seeded]]:
    """A store of its own: these tests write reviews."""
    seeded = seed(store_url, tmp_path)
    with TestClient(create_app(seeded.settings, store=seeded.store)) as client:
        yield client, seeded
    seeded.store.close()


def first_incident(client: TestClient, seeded: Seeded) -> str:
    listed = client.get(f"/api/v1/cases/{CASE}/incidents", headers=bearer(seeded, "owner"))
    return str(listed.json()["items"][0]["id"])


def post(
    client: TestClient, seeded: Seeded, who: str, body: dict[str, str], version: str
) -> tuple[int, dict[str, str], dict[str, object]]:
    response = client.post(
        f"/api/v1/cases/{CASE}/reviews",
        json=body,
        headers={**bearer(seeded, who), "If-Match": version},
    )
    return response.status_code, dict(response.headers), response.json()


def test_a_stale_write_is_refused(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    incident = first_incident(client, seeded)
    read = client.get(f"/api/v1/cases/{CASE}/reviews/{incident}", headers=bearer(seeded, "analyst"))
    assert read.status_code == 200 and read.headers["etag"] == '"0"' and read.json()["items"] == []
    note = {"action": "note", "target": incident, "value": "checked against the map"}
    code, headers, body = post(client, seeded, "analyst", note, '"0"')
    assert code == 201 and headers["etag"] == f'"{body["seq"]}"'
    code, _, body = post(client, seeded, "analyst-g", note, '"0"')  # the other analyst
    assert code == 409 and body["code"] == "R001"
    again = client.get(f"/api/v1/cases/{CASE}/reviews/{incident}", headers=bearer(seeded, "owner"))
    assert [r["action"] for r in again.json()["items"]] == ["note"]
    assert again.json()["items"][0]["actor"] == "analyst"


def test_owners_publish_and_viewers_then_read(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    incident = first_incident(client, seeded)
    viewer = bearer(seeded, "viewer")
    assert client.get(f"/api/v1/cases/{CASE}/incidents", headers=viewer).json()["total"] == 0
    status = {"action": "status", "target": incident, "value": "reviewed"}
    code, headers, _ = post(client, seeded, "analyst", status, '"0"')
    assert code == 201
    published = {**status, "value": "published"}
    code, _, body = post(client, seeded, "analyst", published, headers["etag"])
    assert code == 403 and body["code"] == "A004"
    code, _, _ = post(client, seeded, "owner", published, headers["etag"])
    assert code == 201
    listed = client.get(f"/api/v1/cases/{CASE}/incidents", headers=viewer).json()
    assert listed["total"] == 1 and listed["items"][0]["status"] == "published"
    detail = client.get(f"/api/v1/cases/{CASE}/incidents/{incident}", headers=viewer)
    assert detail.status_code == 200


def test_viewers_and_outsiders_cannot_review(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    incident = first_incident(client, seeded)
    note = {"action": "note", "target": incident, "value": "x"}
    assert post(client, seeded, "viewer-g", note, '"0"')[0] == 403
    assert post(client, seeded, "outsider", note, '"0"')[0] == 404
    bad = {"action": "note", "target": "sha256:" + "0" * 64, "value": "x"}
    assert post(client, seeded, "owner", bad, '"0"')[2]["code"] == "N006"


def test_a_cookie_review_needs_the_csrf_token(fresh: tuple[TestClient, Seeded]) -> None:
    client, seeded = fresh
    incident = first_incident(client, seeded)
    csrf = client.post("/api/v1/session", data={"name": "analyst", "password": PASSWORD}).json()[
        "csrf_token"
    ]
    note = {"action": "note", "target": incident, "value": "x"}
    url = f"/api/v1/cases/{CASE}/reviews"
    refused = client.post(url, json=note, headers={"If-Match": '"0"'})
    assert refused.status_code == 403 and refused.json()["code"] == "A006"
    done = client.post(url, json=note, headers={"If-Match": '"0"', "X-CSRF-Token": csrf})
    assert done.status_code == 201
