"""Passwords, API tokens, sessions and the audit log, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from corroborate.errors import ConfigError, NotFound
from corroborate.store import Store, schema
from corroborate.store.access import (
    Principal,
    add_token,
    audit,
    check_password,
    close_session,
    csrf_matches,
    failed_logins,
    open_session,
    revoke_token,
    session_principal,
    token_principal,
)
from corroborate.store.workspace import add_user

PASSWORD = "correct horse battery"


def test_a_password_signs_in_only_its_user(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    assert check_password(store, "anna", PASSWORD) == Principal(anna.id, "anna")
    assert check_password(store, "anna", PASSWORD + "!") is None
    assert check_password(store, "bob", PASSWORD) is None


def test_a_token_works_until_revoked_and_is_stored_as_a_digest(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    token_id, token = add_token(store, "anna", days=30, actor="cli")
    principal = token_principal(store, token)
    assert principal is not None and principal.name == "anna"
    assert token_principal(store, token + "x") is None
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash FROM api_tokens").scalar_one()
    assert token not in stored and token[4:] not in stored
    revoke_token(store, token_id, actor="cli")
    assert token_principal(store, token) is None
    with pytest.raises(NotFound, match="N012"):
        revoke_token(store, token_id, actor="cli")


def test_an_expired_token_signs_in_nobody(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    _, token = add_token(store, "anna", days=1, actor="cli")
    with store.engine.begin() as conn:
        conn.execute(update(schema.api_tokens).values(expires_at="2020-01-01T00:00:00+00:00"))
    assert token_principal(store, token) is None
    with pytest.raises(ConfigError, match="C066"):
        add_token(store, "anna", days=0, actor="cli")
    with pytest.raises(NotFound, match="N010"):
        add_token(store, "bob", days=3, actor="cli")


def test_a_session_carries_its_csrf_token_until_closed(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    value, csrf = open_session(store, Principal(anna.id, anna.name))
    principal = session_principal(store, value)
    assert principal is not None and principal.name == "anna"
    assert csrf_matches(principal, csrf) and not csrf_matches(principal, csrf[:-1] + "?")
    assert not csrf_matches(principal, None)
    close_session(store, value)
    assert session_principal(store, value) is None


def test_failed_logins_are_counted_per_name(store: Store) -> None:
    for _ in range(3):
        audit(store, actor="anna", action="login-failed", subject="anna")
    audit(store, actor="bob", action="login-failed", subject="bob")
    assert failed_logins(store, name="anna", minutes=15) == 3
    assert failed_logins(store, name="carol", minutes=15) == 0
