"""What the earlier access and workspace tests leave out: a disabled account's sign-in,
failed sign-ins counted per client and per window, and a case's lookups."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from corroborate.errors import AccessDenied, NotFound
from corroborate.ids import digest_bytes
from corroborate.store import Store, schema
from corroborate.store.access import audit, check_password, failed_logins
from corroborate.store.accounts import set_disabled
from corroborate.store.workspace import (
    add_case,
    add_case_reports,
    add_user,
    case_report_count,
    find_case,
    in_case,
)
from tests.store.test_store import record

PASSWORD = "correct horse battery"


def test_a_disabled_account_is_told_so_only_with_its_password(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    set_disabled(store, "anna", actor="cli")
    with pytest.raises(AccessDenied) as caught:
        check_password(store, "anna", PASSWORD)
    assert str(caught.value) == "[A009] anna: the account is disabled"
    assert check_password(store, "anna", PASSWORD + "!") is None
    set_disabled(store, "anna", actor="cli", disabled=False)
    found = check_password(store, "anna", PASSWORD)
    assert found is not None and found.name == "anna"


def test_failed_sign_ins_are_counted_per_client_and_within_the_window(store: Store) -> None:
    for name, client in (("anna", "10.0.0.1"), ("bob", "10.0.0.1"), ("anna", "10.0.0.2")):
        audit(store, actor=name, action="login-failed", subject=name, detail={"client": client})
    audit(store, actor="anna", action="login", subject="anna", detail={"client": "10.0.0.1"})
    assert failed_logins(store, minutes=15, client="10.0.0.1") == 2
    assert failed_logins(store, minutes=15, client="10.0.0.1", name="anna") == 1
    assert failed_logins(store, minutes=15, client="10.0.0.3") == 0
    assert failed_logins(store, minutes=15) == 3
    with store.engine.begin() as conn:  # one of them an hour ago
        conn.execute(
            update(schema.audit)
            .where(schema.audit.c.subject == "bob")
            .values(at="2000-01-01T00:00:00.000000+00:00")
        )
    assert failed_logins(store, minutes=15, client="10.0.0.1") == 1


def test_a_case_is_found_by_name_or_is_n011(store: Store) -> None:
    made = add_case(store, "kharkiv", actor="cli")
    add_case(store, "izium", actor="cli")
    assert find_case(store, "kharkiv") == made
    with pytest.raises(NotFound) as caught:
        find_case(store, "lyman")
    assert str(caught.value) == "[N011] lyman: no case with this name"


def test_a_case_holds_its_reports_counted_and_by_report_or_blob(store: Store) -> None:
    one, two = record("Shelling near the depot", items=2), record("A convoy at dusk", name="c.txt")
    store.add_ingests([one, two], actor="t")
    kharkiv = add_case(store, "kharkiv", actor="cli").id
    izium = add_case(store, "izium", actor="cli").id
    assert case_report_count(store, kharkiv) == 0
    add_case_reports(store, "kharkiv", [one.reports[0].id], actor="cli")
    add_case_reports(store, "izium", [r.id for r in (*one.reports, *two.reports)], actor="cli")
    assert (case_report_count(store, kharkiv), case_report_count(store, izium)) == (1, 3)
    first, second = one.reports
    assert in_case(store, kharkiv, report_id=first.id)
    assert not in_case(store, kharkiv, report_id=second.id)
    assert in_case(store, kharkiv, blob_id=one.blob_id)
    assert not in_case(store, kharkiv, blob_id=two.blob_id)
    assert not in_case(store, kharkiv, blob_id=digest_bytes(b"never stored"))
    assert in_case(store, kharkiv, report_id=first.id, blob_id=one.blob_id)
    assert not in_case(store, kharkiv, report_id=first.id, blob_id=two.blob_id)
    assert in_case(store, izium, report_id=second.id, blob_id=one.blob_id)
