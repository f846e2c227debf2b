"""The members of a case and its audit log as the owners' pages read them, on SQLite and
PostgreSQL: listing, removal (a case keeps an owner), and the log filtered and paged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from corroborate.errors import AccessDenied, ConfigError, NotFound
from corroborate.store import Store
from corroborate.store.access import AuditFilter, audit, audit_choices, audit_page
from corroborate.store.workspace import (
    Member,
    add_case,
    add_user,
    list_members,
    remove_member,
    set_grant,
    set_member,
)

PASSWORD = "correct horse battery"


@pytest.fixture
def case(store: Store) -> int:
    found = add_case(store, "izium", actor="cli")
    for name in ("anna", "boris", "chen"):
        add_user(store, name, PASSWORD, actor="cli")
    set_member(store, "izium", "boris", "owner", actor="cli")
    set_member(store, "izium", "anna", "analyst", actor="cli")
    set_grant(store, "izium", "anna", "witness-identities", actor="boris")
    return found.id


def test_members_by_name_with_roles_and_grants(store: Store, case: int) -> None:
    assert list_members(store, "izium") == [
        Member("anna", "analyst", frozenset({"witness-identities"})),
        Member("boris", "owner", frozenset()),
    ]
    with pytest.raises(NotFound, match=r"\[N011\]"):
        list_members(store, "nowhere")


def test_removal_takes_the_grants_and_is_audited(store: Store, case: int) -> None:
    remove_member(store, "izium", "anna", actor="boris")
    assert [m.name for m in list_members(store, "izium")] == ["boris"]
    set_member(store, "izium", "anna", "viewer", actor="boris")  # back, without the grant
    assert list_members(store, "izium")[0] == Member("anna", "viewer", frozenset())
    total, rows = audit_page(store, case, AuditFilter(action="member-remove"))
    assert total == 1
    assert (rows[0].actor, rows[0].subject, rows[0].detail) == (
        "boris",
        "anna",
        {"user": "anna", "role": "analyst"},
    )


def test_a_case_keeps_an_owner(store: Store, case: int) -> None:
    with pytest.raises(AccessDenied, match=r"\[A016\] boris: a case keeps one owner"):
        remove_member(store, "izium", "boris", actor="boris")
    with pytest.raises(ConfigError, match=r"\[C064\]"):
        remove_member(store, "izium", "chen", actor="boris")
    set_member(store, "izium", "chen", "owner", actor="boris")
    remove_member(store, "izium", "boris", actor="chen")
    assert [(m.name, m.role) for m in list_members(store, "izium")] == [
        ("anna", "analyst"),
        ("chen", "owner"),
    ]


def test_the_log_filtered_and_paged(store: Store, case: int) -> None:
    for n in range(7):
        audit(store, actor="anna", action="witness-read", subject=f"r{n}", case_id=case)
    audit(store, actor="anna", action="witness-read", subject="elsewhere")  # no case
    everything = audit_page(store, case, AuditFilter())
    assert everything[0] == 11  # the case, two members, a grant, seven reads
    total, rows = audit_page(store, case, AuditFilter(actor="anna"), offset=2, limit=3)
    assert total == 7
    assert [r.subject for r in rows] == ["r4", "r3", "r2"]
    today = datetime.now(UTC).date()
    day = today.isoformat()
    assert audit_page(store, case, AuditFilter(since=day, until=day))[0] == 11
    later = (today + timedelta(days=1)).isoformat()
    earlier = (today - timedelta(days=1)).isoformat()
    assert audit_page(store, case, AuditFilter(since=later))[0] == 0
    assert audit_page(store, case, AuditFilter(until=earlier))[0] == 0
    assert audit_choices(store, case) == (
        ["anna", "boris", "cli"],
        ["case-add", "grant-add", "member-set", "witness-read"],
    )
