"""``store.standing``: the caller, their membership, the head and the case's version in one
statement, agreeing with the functions that ask for each (on SQLite and PostgreSQL)."""

from __future__ import annotations

from corroborate.store import Store
from corroborate.store.access import (
    Principal,
    add_token,
    close_session,
    open_session,
    revoke_token,
)
from corroborate.store.accounts import set_disabled
from corroborate.store.standing import standing
from corroborate.store.workspace import (
    add_case,
    add_user,
    remove_member,
    set_grant,
    set_member,
)

PASSWORD = "correct horse battery"


def _case_of(store: Store) -> tuple[Principal, str]:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    add_user(store, "bob", PASSWORD, actor="cli")
    add_case(store, "kharkiv", actor="cli")
    add_case(store, "izium", actor="cli")
    set_member(store, "kharkiv", "bob", "owner", actor="cli")
    set_member(store, "kharkiv", "anna", "analyst", actor="cli")
    return Principal(anna.id, "anna"), add_token(store, "anna", days=1, actor="cli")[1]


def test_a_token_gives_the_members_role_grants_head_and_version(store: Store) -> None:
    anna, token = _case_of(store)
    found = standing(store, "kharkiv", token=token)
    assert found is not None
    assert found.principal == anna
    assert (found.membership.case.name, found.membership.role) == ("kharkiv", "analyst")
    assert found.membership.grants == frozenset()
    assert (found.head, found.version) == (store.head()[0], 0)
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli")
    granted = standing(store, "kharkiv", token=token)
    assert granted is not None and granted.membership.witness_identities
    assert granted.head == store.head()[0]


def test_no_standing_outside_the_case_or_with_a_dead_credential(store: Store) -> None:
    _, token = _case_of(store)
    assert standing(store, "izium", token=token) is None  # not a member there
    assert standing(store, "kharkiv", token=token + "x") is None
    assert standing(store, "kharkiv") is None  # no credential at all
    remove_member(store, "kharkiv", "anna", actor="cli")
    assert standing(store, "kharkiv", token=token) is None
    set_member(store, "kharkiv", "anna", "viewer", actor="cli")
    back = standing(store, "kharkiv", token=token)
    assert back is not None and back.membership.role == "viewer"
    set_disabled(store, "anna", actor="cli")  # its tokens are revoked with it
    assert standing(store, "kharkiv", token=token) is None


def test_a_revoked_token_has_no_standing(store: Store) -> None:
    _case_of(store)
    token_id, token = add_token(store, "anna", days=1, actor="cli")
    assert standing(store, "kharkiv", token=token) is not None
    revoke_token(store, token_id, actor="cli")
    assert standing(store, "kharkiv", token=token) is None


def test_a_session_gives_the_same_standing_with_its_csrf_token(store: Store) -> None:
    anna, _ = _case_of(store)
    value, csrf = open_session(store, anna)
    found = standing(store, "kharkiv", session=value)
    assert found is not None
    assert found.principal == Principal(anna.user_id, "anna", csrf)
    assert found.membership.role == "analyst"
    close_session(store, value)
    assert standing(store, "kharkiv", session=value) is None


def test_a_token_is_asked_for_before_the_session(store: Store) -> None:
    anna, token = _case_of(store)
    value, _ = open_session(store, anna)
    assert standing(store, "kharkiv", token=token + "x", session=value) is None
