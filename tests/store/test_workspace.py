"""Users, cases, roles, grants and case reports, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from corroborate.errors import ConfigError, NotFound
from corroborate.model import Report
from corroborate.store import Store
from corroborate.store.access import audit_rows
from corroborate.store.workspace import (
    add_case,
    add_case_reports,
    add_user,
    case_report_ids,
    find_user,
    membership,
    memberships,
    set_grant,
    set_member,
)
from tests.store.test_store import record

PASSWORD = "correct horse battery"


def seed_reports(store: Store, *texts: str) -> list[Report]:
    records = [record(text, name=f"f{n}.txt") for n, text in enumerate(texts)]
    store.add_ingests(records, actor="test")
    return [r for rec in records for r in rec.reports]


def test_a_member_has_one_role_and_grants_per_case(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    add_case(store, "kharkiv", actor="cli")
    add_case(store, "izium", actor="cli")
    set_member(store, "kharkiv", "anna", "viewer", actor="cli")
    set_member(store, "kharkiv", "anna", "analyst", actor="cli")
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli")
    found = memberships(store, anna.id)
    assert [(m.case.name, m.role, m.witness_identities) for m in found] == [
        ("kharkiv", "analyst", True)
    ]
    assert membership(store, anna.id, "izium") is None
    set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli", revoke=True)
    standing = membership(store, anna.id, "kharkiv")
    assert standing is not None and not standing.witness_identities


def test_bad_names_roles_and_grants_are_coded(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    add_case(store, "kharkiv", actor="cli")
    cases = [
        (lambda: add_user(store, "Anna Smith", PASSWORD, actor="cli"), "C060"),
        (lambda: add_user(store, "anna", PASSWORD, actor="cli"), "C061"),
        (lambda: add_user(store, "bob", "short", actor="cli"), "C062"),
        (lambda: add_case(store, "kharkiv", actor="cli"), "C061"),
        (lambda: set_member(store, "kharkiv", "anna", "admin", actor="cli"), "C063"),
        (lambda: set_grant(store, "kharkiv", "anna", "witness-identities", actor="cli"), "C064"),
        (lambda: set_grant(store, "kharkiv", "anna", "everything", actor="cli"), "C065"),
        (lambda: set_member(store, "nowhere", "anna", "viewer", actor="cli"), "N011"),
        (lambda: set_member(store, "kharkiv", "nobody", "viewer", actor="cli"), "N010"),
    ]
    for call, code in cases:
        with pytest.raises((ConfigError, NotFound)) as raised:
            call()
        assert raised.value.code == code


def test_reports_join_a_case_once(store: Store) -> None:
    first, second = seed_reports(store, "Shelling hit Izium.", "Shelling hit Kupiansk.")
    case = add_case(store, "kharkiv", actor="cli")
    assert add_case_reports(store, "kharkiv", [first.id], actor="cli") == 1
    assert case_report_ids(store, case.id) == {first.id}
    assert add_case_reports(store, "kharkiv", None, actor="cli") == 1
    assert add_case_reports(store, "kharkiv", None, actor="cli") == 0
    assert case_report_ids(store, case.id) == {first.id, second.id}
    with pytest.raises(NotFound, match="N001"):
        add_case_reports(store, "kharkiv", ["sha256:" + "0" * 64], actor="cli")


def test_every_change_is_audited(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    case = add_case(store, "kharkiv", actor="owner")
    set_member(store, "kharkiv", "anna", "viewer", actor="owner")
    rows = audit_rows(store)
    assert [r.action for r in rows] == ["member-set", "case-add", "user-add"]
    assert rows[0].case_id == case.id and rows[0].detail == {"role": "viewer", "user": "anna"}
    assert find_user(store, "anna") is not None and find_user(store, "bob") is None


def test_the_password_is_stored_hashed(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT password_hash FROM users").scalar_one()
    assert PASSWORD not in stored and stored.startswith("$argon2id$")
