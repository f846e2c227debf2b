"""The workspace's refusals word for word, and what each change writes in the audit log
(``store/workspace.py``), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from corroborate.errors import AccessDenied, ConfigError, CorroborateError, NotFound
from corroborate.store import Store
from corroborate.store.access import audit_rows
from corroborate.store.workspace import (
    add_case,
    add_case_reports,
    add_user,
    check_name,
    find_user,
    list_members,
    memberships,
    remove_member,
    set_grant,
    set_member,
)
from tests.store.test_store import record

PASSWORD = "correct horse battery"
LONG = "x" * 100


def _refused(call: object) -> str:
    with pytest.raises(CorroborateError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


def test_each_refusal_says_what_is_allowed(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    add_case(store, "kharkiv", actor="cli")
    rule = "name is 1-64 lower-case letters, digits, '.', '_' or '-'"
    assert _refused(lambda: add_user(store, "Anna", PASSWORD, actor="cli")) == (
        f"[C060] Anna: a user {rule}"
    )
    assert _refused(lambda: add_case(store, LONG.upper(), actor="cli")) == (
        f"[C060] {LONG.upper()[:80]}: a case {rule}"
    )
    assert _refused(lambda: add_user(store, "bob", "x" * 9, actor="cli")) == (
        "[C062] bob: a password has at least 10 characters"
    )
    assert add_user(store, "bob", "x" * 10, actor="cli").name == "bob"
    assert _refused(lambda: add_user(store, "anna", PASSWORD, actor="cli")) == (
        "[C061] anna: a user with this name exists"
    )
    assert _refused(lambda: add_case(store, "kharkiv", actor="cli")) == (
        "[C061] kharkiv: a case with this name exists"
    )
    assert _refused(lambda: set_member(store, "kharkiv", "anna", "admin" * 10, actor="cli")) == (
        f"[C063] {('admin' * 10)[:40]}: a role is one of owner, analyst, viewer"
    )
    assert _refused(lambda: set_grant(store, "kharkiv", "anna", "all", actor="cli")) == (
        "[C065] all: a grant is one of witness-identities"
    )
    assert (
        _refused(lambda: set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli"))
        == "[C064] anna: not a member of case kharkiv: add them first"
    )
    assert _refused(lambda: remove_member(store, "kharkiv", "anna", actor="cli")) == (
        "[C064] anna: not a member of case kharkiv"
    )
    assert _refused(lambda: set_member(store, LONG, "anna", "viewer", actor="cli")) == (
        f"[N011] {LONG[:80]}: no case with this name"
    )
    assert _refused(lambda: set_member(store, "kharkiv", LONG, "viewer", actor="cli")) == (
        f"[N010] {LONG[:80]}: no user with this name"
    )


def test_a_name_of_one_to_sixty_four_allowed_characters() -> None:
    for name in ("a", "0-case", "a.b_c-d", "a" * 64):
        assert check_name(name, "case") == name
    for name in ("", "-a", ".a", "a" * 65, "a b", "é"):
        with pytest.raises(ConfigError):
            check_name(name, "case")


def test_each_change_is_audited_with_its_case_and_detail(store: Store) -> None:
    kharkiv = add_case(store, "kharkiv", actor="cli").id
    add_user(store, "anna", PASSWORD, actor="owner", case_id=kharkiv)
    add_user(store, "boris", PASSWORD, actor="cli")
    set_member(store, "kharkiv", "boris", "owner", actor="cli")
    set_member(store, "kharkiv", "anna", "analyst", actor="boris")
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="boris")
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="boris", revoke=True)
    remove_member(store, "kharkiv", "anna", actor="boris")
    store.add_ingests([record("Shelling near the depot")], actor="t")
    add_case_reports(store, "kharkiv", None, actor="boris")
    rows = [(r.actor, r.action, r.case_id, r.subject, r.detail) for r in audit_rows(store)]
    assert rows[::-1] == [
        ("cli", "case-add", kharkiv, "kharkiv", {}),
        ("owner", "user-add", kharkiv, "anna", {}),
        ("cli", "user-add", None, "boris", {}),
        ("cli", "member-set", kharkiv, "boris", {"user": "boris", "role": "owner"}),
        ("boris", "member-set", kharkiv, "anna", {"user": "anna", "role": "analyst"}),
        ("boris", "grant-add", kharkiv, "anna", {"user": "anna", "grant": "witness-identities"}),
        (
            "boris",
            "grant-revoke",
            kharkiv,
            "anna",
            {"user": "anna", "grant": "witness-identities"},
        ),
        ("boris", "member-remove", kharkiv, "anna", {"user": "anna", "role": "analyst"}),
        ("boris", "case-reports", kharkiv, "kharkiv", {"added": 1, "all": True}),
    ]


def test_a_removed_member_loses_the_grants_in_that_case_only(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    add_user(store, "boris", PASSWORD, actor="cli")
    for case in ("kharkiv", "izium"):
        add_case(store, case, actor="cli")
        set_member(store, case, "boris", "owner", actor="cli")
        set_member(store, case, "anna", "analyst", actor="cli")
        set_grant(store, case, "anna", "witness-identities", actor="cli")
    set_grant(store, "izium", "boris", "witness-identities", actor="cli")
    remove_member(store, "kharkiv", "anna", actor="cli")
    assert [(m.case.name, m.role, m.grants) for m in memberships(store, anna.id)] == [
        ("izium", "analyst", frozenset({"witness-identities"}))
    ]
    set_member(store, "kharkiv", "anna", "viewer", actor="cli")  # back, without the grant
    assert [(m.name, m.role, m.grants) for m in list_members(store, "kharkiv")] == [
        ("anna", "viewer", frozenset()),
        ("boris", "owner", frozenset()),
    ]
    with pytest.raises(AccessDenied) as caught:
        remove_member(store, "kharkiv", "boris", actor="cli")
    assert str(caught.value) == "[A016] boris: a case keeps one owner at least"
    set_member(store, "kharkiv", "anna", "owner", actor="cli")
    remove_member(store, "kharkiv", "boris", actor="cli")  # another owner is left
    assert [m.name for m in list_members(store, "kharkiv")] == ["anna"]
    with pytest.raises(NotFound):
        list_members(store, "lyman")


def test_a_users_cases_come_by_name_each_with_its_record(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    assert find_user(store, "anna") == anna
    kharkiv = add_case(store, "kharkiv", actor="cli")
    izium = add_case(store, "izium", actor="cli")
    for case in ("kharkiv", "izium"):
        set_member(store, case, "anna", "viewer", actor="cli")
    assert [(m.case, m.role) for m in memberships(store, anna.id)] == [
        (izium, "viewer"),
        (kharkiv, "viewer"),
    ]
