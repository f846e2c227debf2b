"""Managing the workspace (``store/accounts.py``): the account and case lists with their
counts, new passwords, disabling and enabling, a case's members and taking one out — each
change audited, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from corroborate.errors import ConfigError, NotFound
from corroborate.store import Store, schema
from corroborate.store import accounts as accounts_module
from corroborate.store.access import (
    add_token,
    audit_rows,
    check_password,
    open_session,
    revoke_token,
    session_principal,
    token_principal,
)
from corroborate.store.accounts import (
    Account,
    CaseRow,
    Member,
    accounts,
    case_members,
    case_rows,
    remove_member,
    set_disabled,
    set_password,
)
from corroborate.store.workspace import add_case, add_case_reports, add_user, set_grant, set_member
from tests.store.test_workspace import PASSWORD, seed_reports


def _workspace(store: Store) -> None:
    """anna (analyst in kharkiv, with the witness grant) and bob (viewer in kharkiv and
    izium); kharkiv holds two reports."""
    for name in ("bob", "anna"):
        add_user(store, name, PASSWORD, actor="cli")
    for case in ("kharkiv", "izium"):
        add_case(store, case, actor="cli")
    set_member(store, "kharkiv", "anna", "analyst", actor="cli")
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli")
    set_member(store, "kharkiv", "bob", "viewer", actor="cli")
    set_member(store, "izium", "bob", "viewer", actor="cli")
    reports = seed_reports(store, "The mayor said the school was hit.", "Nobody said a thing.")
    add_case_reports(store, "kharkiv", [r.id for r in reports], actor="cli")


def test_accounts_are_listed_by_name_with_their_cases_and_working_tokens(store: Store) -> None:
    _workspace(store)
    add_token(store, "anna", days=30, actor="cli")
    revoked, _ = add_token(store, "anna", days=30, actor="cli")
    revoke_token(store, revoked, actor="cli")
    found = accounts(store)
    assert [(a.name, a.disabled_at, a.cases, a.tokens) for a in found] == [
        ("anna", None, 1, 1),
        ("bob", None, 2, 0),
    ]
    assert all(isinstance(a, Account) and a.created_at for a in found)


def test_cases_are_listed_by_name_with_their_members_and_reports(store: Store) -> None:
    _workspace(store)
    found = case_rows(store)
    assert [(c.name, c.created_by, c.members, c.reports) for c in found] == [
        ("izium", "cli", 1, 0),
        ("kharkiv", "cli", 2, 2),
    ]
    assert all(isinstance(c, CaseRow) and c.created_at for c in found)


def test_a_case_s_members_come_by_name_with_role_grants_and_standing(store: Store) -> None:
    _workspace(store)
    set_disabled(store, "bob", actor="owner")
    assert case_members(store, "kharkiv") == [
        Member("anna", "analyst", ("witness-identities",), False),
        Member("bob", "viewer", (), True),
    ]
    assert case_members(store, "izium") == [Member("bob", "viewer", (), True)]
    with pytest.raises(NotFound, match="N011"):
        case_members(store, "lyman")


def test_a_new_password_replaces_the_old_and_ends_the_sessions(store: Store) -> None:
    _workspace(store)
    anna = check_password(store, "anna", PASSWORD)
    assert anna is not None
    cookie, _ = open_session(store, anna)
    set_password(store, "anna", "a longer new password", actor="owner")
    assert check_password(store, "anna", PASSWORD) is None
    assert check_password(store, "anna", "a longer new password") is not None
    assert session_principal(store, cookie) is None
    bob = check_password(store, "bob", PASSWORD)
    assert bob is not None  # another's password and sessions stay
    newest = audit_rows(store)[0]
    assert (newest.actor, newest.action, newest.subject) == ("owner", "user-password", "anna")


def test_a_password_needs_ten_characters(store: Store) -> None:
    _workspace(store)
    with pytest.raises(ConfigError) as refused:
        set_password(store, "anna", "nine char", actor="owner")
    assert str(refused.value) == "[C062] anna: a password has at least 10 characters"
    assert check_password(store, "anna", PASSWORD) is not None
    set_password(store, "anna", "ten chars!", actor="owner")
    assert check_password(store, "anna", "ten chars!") is not None


def test_disabling_ends_sessions_and_revokes_tokens_and_enabling_keeps_them_revoked(
    store: Store,
) -> None:
    _workspace(store)
    _, token = add_token(store, "anna", days=30, actor="cli")
    _, bobs = add_token(store, "bob", days=30, actor="cli")
    anna, bob = check_password(store, "anna", PASSWORD), check_password(store, "bob", PASSWORD)
    assert anna is not None and bob is not None
    cookie, _ = open_session(store, anna)
    bobs_cookie, _ = open_session(store, bob)
    set_disabled(store, "anna", actor="owner")
    assert session_principal(store, bobs_cookie) is not None  # another's session goes on
    listed = {a.name: a for a in accounts(store)}
    assert listed["anna"].disabled_at is not None and listed["anna"].tokens == 0
    assert token_principal(store, token) is None and session_principal(store, cookie) is None
    assert token_principal(store, bobs) is not None  # another's token works on
    assert listed["bob"].disabled_at is None
    set_disabled(store, "anna", actor="owner", disabled=False)
    listed = {a.name: a for a in accounts(store)}
    assert listed["anna"].disabled_at is None and listed["anna"].tokens == 0
    assert token_principal(store, token) is None
    assert session_principal(store, cookie) is None  # the sessions ended, not paused
    actions = [(r.action, r.subject) for r in audit_rows(store)[:2]]
    assert actions == [("user-enable", "anna"), ("user-disable", "anna")]


def test_taking_a_member_out_of_a_case_drops_role_and_grants_there_only(store: Store) -> None:
    _workspace(store)
    set_grant(store, "izium", "bob", "witness-identities", actor="cli")
    set_grant(store, "kharkiv", "bob", "witness-identities", actor="cli")
    remove_member(store, "kharkiv", "bob", actor="owner")
    assert [m.name for m in case_members(store, "kharkiv")] == ["anna"]
    assert case_members(store, "izium") == [Member("bob", "viewer", ("witness-identities",), False)]
    newest = audit_rows(store)[0]
    assert (newest.actor, newest.action, newest.subject) == ("owner", "member-remove", "bob")
    assert newest.case_id is not None
    with pytest.raises(ConfigError) as refused:
        remove_member(store, "kharkiv", "bob", actor="owner")
    assert str(refused.value) == "[C064] bob: not a member of case kharkiv"


def test_a_token_expiring_now_works_no_more(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _workspace(store)
    token_id, _ = add_token(store, "anna", days=1, actor="cli")
    now = "2026-11-30T10:00:00.000000+00:00"
    with store.engine.begin() as conn:
        tokens = schema.api_tokens
        conn.execute(update(tokens).where(tokens.c.id == token_id).values(expires_at=now))
    monkeypatch.setattr(accounts_module, "now_iso", lambda: now)
    assert {a.name: a.tokens for a in accounts(store)} == {"anna": 0, "bob": 0}
