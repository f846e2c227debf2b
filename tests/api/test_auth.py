"""Signing in and out: the session cookie's flags, CSRF on cookie-authenticated changes,
bearer tokens, rate-limited failed sign-ins, security headers, problem+json errors."""

from __future__ import annotations

from fastapi.testclient import TestClient

from corroborate.api import create_app
from corroborate.api.auth import COOKIE, MAX_ADDRESS_FAILURES, MAX_FAILURES
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import add_token, failed_logins, revoke_token
from corroborate.store.accounts import set_disabled
from corroborate.store.workspace import add_user
from tests.api.conftest import PASSWORD, Seeded, bearer


def fresh_client(store: Store) -> TestClient:
    return TestClient(create_app(Settings(store_url=store.url), store=store))


def test_the_session_cookie_is_httponly_and_strict(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    client = fresh_client(store)
    signed = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD})
    assert signed.status_code == 200 and signed.json()["user"] == "anna"
    cookie = signed.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=") and "HttpOnly" in cookie
    assert "SameSite=strict" in cookie and "Secure" not in cookie  # plain http here
    assert client.get("/api/v1/me").json()["user"] == "anna"


def test_over_tls_the_cookie_is_secure(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    client = TestClient(
        create_app(Settings(store_url=store.url), store=store), base_url="https://testserver"
    )
    signed = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD})
    assert "Secure" in signed.headers["set-cookie"]
    assert signed.headers["strict-transport-security"].startswith("max-age=")


def test_a_cookie_change_needs_the_csrf_token(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    client = fresh_client(store)
    csrf = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD}).json()[
        "csrf_token"
    ]
    refused = client.post("/api/v1/session/end")
    assert refused.status_code == 403 and refused.json()["code"] == "A006"
    wrong = client.post("/api/v1/session/end", data={"csrf_token": csrf + "x"})
    assert wrong.status_code == 403
    value = client.cookies[COOKIE]
    assert client.post("/api/v1/session/end", data={"csrf_token": csrf}).status_code == 204
    assert client.get("/api/v1/me").json()["code"] == "A001"  # the cookie was cleared
    gone = client.get("/api/v1/me", cookies={COOKIE: value})  # and the session closed
    assert gone.status_code == 401 and gone.json()["code"] == "A002"


def test_failed_sign_ins_are_rate_limited(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    client = fresh_client(store)
    for _ in range(MAX_FAILURES):
        failed = client.post("/api/v1/session", data={"name": "anna", "password": "guess-1234"})
        assert failed.status_code == 401 and failed.json()["code"] == "A002"
    limited = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD})
    assert limited.status_code == 429 and limited.json()["code"] == "A003"
    assert limited.headers["retry-after"] == "900"


def test_a_name_no_account_can_bear_is_refused_before_the_store(store: Store) -> None:
    """Regression: a name holding a NUL byte reached PostgreSQL, which refuses NUL in text,
    and the sign-in answered 500."""
    client = fresh_client(store)
    for name in ("C\u00d0\x00?", "Anna", "a b"):
        refused = client.post("/api/v1/session", data={"name": name, "password": "0"})
        assert refused.status_code == 401 and refused.json()["code"] == "A002", name


def test_tokens_sign_in_until_revoked(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    token_id, token = add_token(store, "anna", days=1, actor="test")
    client = fresh_client(store)
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/cases", headers=headers).json() == []
    revoke_token(store, token_id, actor="test")
    refused = client.get("/api/v1/cases", headers=headers)
    assert refused.status_code == 401 and refused.headers["www-authenticate"].startswith("Bearer")
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json() == {
        "type": "urn:corroborate:error:A002",
        "title": "AccessDenied",
        "status": 401,
        "detail": "[A002] the API token is unknown, expired or revoked",
        "code": "A002",
    }


def test_every_response_carries_the_security_headers(client: TestClient, seeded: Seeded) -> None:
    for url, headers in (
        ("/api/v1/cases", bearer(seeded, "owner")),
        ("/api/v1/cases", {}),
        ("/api/v1/nowhere", {}),
        ("/api/v1/openapi.json", {}),
    ):
        response = client.get(url, headers=headers)
        csp = response.headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "no-referrer"


def test_unknown_paths_and_bad_parameters_are_problems(client: TestClient, seeded: Seeded) -> None:
    missing = client.get("/api/v1/nowhere")
    assert missing.status_code == 404 and missing.json()["code"] == "N020"
    bad = client.get("/api/v1/cases/sloviansk/incidents?page=0", headers=bearer(seeded, "owner"))
    assert bad.status_code == 422 and bad.json()["code"] == "C050"
    assert bad.headers["content-type"] == "application/problem+json"


def test_failed_sign_ins_from_one_address_are_rate_limited(store: Store) -> None:
    """Guessing many names from one address is stopped too, not only one name guessed."""
    add_user(store, "anna", PASSWORD, actor="test")
    client = fresh_client(store)
    for n in range(MAX_ADDRESS_FAILURES):
        failed = client.post("/api/v1/session", data={"name": f"guess-{n}", "password": "x"})
        assert failed.status_code == 401 and failed.json()["code"] == "A002", n
    limited = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD})
    assert limited.status_code == 429 and limited.json()["code"] == "A010"
    assert failed_logins(store, client="testclient", minutes=15) == MAX_ADDRESS_FAILURES
    assert failed_logins(store, client="192.0.2.7", minutes=15) == 0
    assert failed_logins(store, name="anna", minutes=15) == 0  # no name reached its limit


def test_a_disabled_account_signs_in_no_more(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="test")
    _, token = add_token(store, "anna", days=1, actor="test")
    client = fresh_client(store)
    assert client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD}).is_success
    assert client.get("/api/v1/me").json()["user"] == "anna"
    set_disabled(store, "anna", actor="test")
    by_cookie = client.get("/api/v1/me")
    assert by_cookie.status_code == 401 and by_cookie.json()["code"] == "A002"
    client.cookies.clear()
    by_token = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert by_token.status_code == 401 and by_token.json()["code"] == "A002"
    again = client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD})
    assert again.status_code == 401 and again.json()["code"] == "A009"
    wrong = client.post("/api/v1/session", data={"name": "anna", "password": "not-hers-1234"})
    assert wrong.json()["code"] == "A002"  # the state is told only to whoever knows the password
    set_disabled(store, "anna", actor="test", disabled=False)
    assert client.post("/api/v1/session", data={"name": "anna", "password": PASSWORD}).is_success
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
