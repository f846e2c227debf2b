"""What the earlier access and workspace tests leave out: a disabled account's sign-in,
failed sign-ins counted per client and per window, a token's and a session's life, the audit
log's order and limits, and a case's lookups."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

import pytest
from sqlalchemy import func, select, update

from corroborate.errors import AccessDenied, ConfigError, NotFound
from corroborate.ids import digest_bytes
from corroborate.store import Store, access, schema
from corroborate.store.access import (
    AuditFilter,
    Principal,
    add_token,
    audit,
    audit_page,
    audit_rows,
    check_password,
    csrf_matches,
    failed_logins,
    open_session,
    revoke_token,
    session_principal,
    token_principal,
)
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


def _times(store: Store, table: str) -> list[timedelta]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(f"SELECT created_at, expires_at FROM {table}").all()
    return [datetime.fromisoformat(b) - datetime.fromisoformat(a) for a, b in rows]


def test_a_token_is_prefixed_expires_in_its_days_and_is_audited(store: Store) -> None:
    add_user(store, "anna", PASSWORD, actor="cli")
    token_id, token = add_token(store, "anna", days=30, actor="owner")
    assert token.startswith("cbt_") and len(token) == 4 + 43  # 32 random bytes, base64url
    assert _times(store, "api_tokens") == [timedelta(days=30)]
    add_token(store, "anna", days=1, actor="owner")
    add_token(store, "anna", days=3650, actor="owner")
    with pytest.raises(ConfigError) as caught:
        add_token(store, "anna", days=3651, actor="owner")
    assert str(caught.value) == "[C066] 3651: a token expires in 1 to 3650 days"
    revoke_token(store, token_id, actor="owner")
    with pytest.raises(NotFound) as missing:
        revoke_token(store, token_id, actor="owner")
    assert str(missing.value) == f"[N012] {token_id}: no unrevoked token with this id"
    rows = [(r.actor, r.action, r.subject, r.detail) for r in audit_rows(store)]
    assert rows[:2] == [
        ("owner", "token-revoke", str(token_id), {}),
        ("owner", "token-add", "anna", {"days": 3650}),
    ]
    assert rows[-2] == ("owner", "token-add", "anna", {"days": 30})


def test_a_disabled_account_signs_in_with_no_token_or_session(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    set_disabled(store, "anna", actor="cli")
    _, token = add_token(store, "anna", days=3, actor="cli")
    value, _ = open_session(store, Principal(anna.id, "anna"))
    assert token_principal(store, token) is None
    assert session_principal(store, value) is None


def test_a_session_lasts_twelve_hours_and_opening_one_clears_the_expired(store: Store) -> None:
    anna = add_user(store, "anna", PASSWORD, actor="cli")
    first, _ = open_session(store, Principal(anna.id, "anna"))
    assert _times(store, "sessions") == [timedelta(hours=12)]
    with store.engine.begin() as conn:
        conn.execute(update(schema.sessions).values(expires_at="2000-01-01T00:00:00+00:00"))
    assert session_principal(store, first) is None
    second, csrf = open_session(store, Principal(anna.id, "anna"))
    assert _times(store, "sessions") == [timedelta(hours=12)]  # the expired one is gone
    found = session_principal(store, second)
    assert found is not None and found.csrf == csrf
    assert not csrf_matches(Principal(anna.id, "anna"), csrf)  # signed in by token: no CSRF


def test_audit_rows_newest_first_of_one_case_or_all_at_most_limit(store: Store) -> None:
    kharkiv = add_case(store, "kharkiv", actor="cli").id
    for n in range(3):
        audit(store, actor="anna", action="note", subject=f"s{n}", case_id=kharkiv)
    audit(store, actor="bob", action="note", subject="other")
    made = ["s2", "s1", "s0", "kharkiv"]  # the case's own row (case-add) first written
    assert [r.subject for r in audit_rows(store, case_id=kharkiv)] == made
    assert [r.subject for r in audit_rows(store, limit=2)] == ["other", "s2"]
    assert [r.subject for r in audit_rows(store, case_id=kharkiv, limit=1)] == ["s2"]
    total, rows = audit_page(store, kharkiv, AuditFilter())
    assert total == 4 and [r.subject for r in rows] == made
    assert rows == audit_rows(store, case_id=kharkiv)
    first = rows[-1]
    assert (first.id, first.actor, first.action, first.case_id, first.detail) == (
        1,
        "cli",
        "case-add",
        kharkiv,
        {},
    )
    assert [r.id for r in rows] == [4, 3, 2, 1] and all(r.at.endswith("+00:00") for r in rows)


def test_an_audit_page_is_fifty_rows_unless_told(store: Store) -> None:
    kharkiv = add_case(store, "kharkiv", actor="cli").id
    for n in range(51):
        audit(store, actor="anna", action="note", subject=f"s{n}", case_id=kharkiv)
    total, rows = audit_page(store, kharkiv, AuditFilter(action="note"))
    assert total == 51 and len(rows) == 50 and rows[0].subject == "s50"


class _Noon(datetime):
    """The clock at noon UTC on 1 May 2026 (naive when asked without a zone, as datetime's)."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _Noon:
        return cls(2026, 5, 1, 12, 0, tzinfo=tz)


def test_the_window_of_failed_sign_ins_excludes_its_first_instant(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "datetime", _Noon)
    for at in ("11:45:00.000000", "11:45:00.000001", "11:59:59.999999"):
        audit(store, actor="anna", action="login-failed", subject="anna")
        with store.engine.begin() as conn:
            latest = select(func.max(schema.audit.c.id)).scalar_subquery()
            conn.execute(
                update(schema.audit)
                .where(schema.audit.c.id == latest)
                .values(at=f"2026-05-01T{at}+00:00")
            )
    assert failed_logins(store, minutes=15, name="anna") == 2
    assert failed_logins(store, minutes=1, name="anna") == 1
