"""Kept reads answered before routing (``api/fastpath.py``): only a request the full path
answered before, only to a caller who may read it now, with the security headers, and
never once the credential, the membership or the store has changed."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corroborate.api.app import SECURITY_HEADERS
from corroborate.api.service import Service
from corroborate.store.access import add_token, revoke_token
from corroborate.store.workspace import add_user, remove_member, set_member
from tests.api.conftest import CASE, PASSWORD, Seeded, bearer

BASE = f"/api/v1/cases/{CASE}"


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each request was answered from memory before routing."""
    found: list[bool] = []
    kept = Service.kept

    def spy(self: Service, *args: object, **kwargs: object) -> object:
        answer = kept(self, *args, **kwargs)  # type: ignore[arg-type]
        found.append(answer is not None)
        return answer

    monkeypatch.setattr(Service, "kept", spy)
    yield found


def _member(seeded: Seeded, role: str) -> tuple[str, int, str]:
    name = f"fp-{uuid.uuid4().hex[:8]}"
    add_user(seeded.store, name, PASSWORD, actor="test")
    set_member(seeded.store, CASE, name, role, actor="test")
    token_id, token = add_token(seeded.store, name, days=1, actor="test")
    return name, token_id, token


def _first_incident(client: TestClient, seeded: Seeded) -> str:
    listed = client.get(f"{BASE}/incidents", headers=bearer(seeded, "owner")).json()
    return str(listed["items"][0]["id"])


def test_a_repeated_read_is_answered_from_memory_with_the_headers(
    client: TestClient, seeded: Seeded, served: list[bool]
) -> None:
    url = f"{BASE}/incidents/{_first_incident(client, seeded)}"
    first = client.get(url, headers=bearer(seeded, "analyst"))
    served.clear()
    again = client.get(url, headers=bearer(seeded, "analyst"))
    assert served == [True]
    assert (again.status_code, again.content) == (200, first.content)
    assert again.headers["content-type"] == "application/json"
    for name, value in SECURITY_HEADERS.items():
        assert again.headers[name] == value


def test_only_the_same_request_is_answered_from_memory(
    client: TestClient, seeded: Seeded, served: list[bool]
) -> None:
    """A page asked with other parameters, or invalid ones, goes the full path."""
    client.get(f"{BASE}/incidents?per_page=7", headers=bearer(seeded, "analyst"))
    served.clear()
    other = client.get(f"{BASE}/incidents?per_page=8", headers=bearer(seeded, "analyst"))
    wrong = client.get(f"{BASE}/incidents?per_page=0", headers=bearer(seeded, "analyst"))
    assert (other.status_code, other.json()["per_page"]) == (200, 8)
    assert wrong.status_code == 422
    assert True not in served


def test_a_revoked_token_is_refused_at_once(
    client: TestClient, seeded: Seeded, served: list[bool]
) -> None:
    _, token_id, token = _member(seeded, "analyst")
    url = f"{BASE}/incidents/{_first_incident(client, seeded)}"
    who = {"Authorization": f"Bearer {token}"}
    assert [client.get(url, headers=who).status_code for _ in range(2)] == [200, 200]
    assert served[-1] is True
    revoke_token(seeded.store, token_id, actor="test")
    refused = client.get(url, headers=who)
    assert refused.status_code == 401
    assert refused.json()["code"] == "A002"


def test_a_member_taken_out_is_refused_and_a_new_role_gets_its_own_answer(
    client: TestClient, seeded: Seeded
) -> None:
    name, _, token = _member(seeded, "analyst")
    who = {"Authorization": f"Bearer {token}"}
    url = f"{BASE}/incidents?per_page=200"
    analyst = [client.get(url, headers=who).json() for _ in range(2)][-1]
    drafts = [i for i in analyst["items"] if i["status"] != "published"]
    assert drafts, "the seeded case must hold a draft"
    set_member(seeded.store, CASE, name, "viewer", actor="test")
    viewer = client.get(url, headers=who).json()
    assert viewer["total"] == analyst["total"] - len(drafts)
    remove_member(seeded.store, CASE, name, actor="test")
    gone = client.get(url, headers=who)
    assert (gone.status_code, gone.json()["code"]) == (404, "N011")


def test_a_session_cookie_is_answered_from_memory_until_it_ends(
    client: TestClient, seeded: Seeded, served: list[bool]
) -> None:
    url = f"{BASE}/incidents/{_first_incident(client, seeded)}"
    signed = client.post("/api/v1/session", data={"name": "analyst", "password": PASSWORD})
    assert signed.status_code == 200
    client.get(url)
    served.clear()
    assert client.get(url).status_code == 200
    assert served == [True]
    csrf = {"X-CSRF-Token": signed.json()["csrf_token"]}
    assert client.post("/api/v1/session/end", headers=csrf).status_code == 204
    assert client.get(url).status_code == 401
