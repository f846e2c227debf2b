"""Accounts made from the members page, over a store of their own: an owner creates a user
with an initial password and a role in the case (Argon2id hash only, CSRF-checked, in the
case's audit log); the new user signs in; a non-owner is refused, and bad input (a name
taken, a short password, one holding the name, two that differ) is a coded message that
changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from corroborate.api import create_app
from corroborate.store import schema
from corroborate.store.access import audit_rows
from corroborate.store.workspace import list_members
from tests.api.conftest import Seeded
from tests.web.own_store import CASE_URL, client_for, csrf_of, own_seeded

ACCOUNTS = f"{CASE_URL}/accounts"
NEW = "correct pony staple"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("accounts-page"))
    yield seeded
    seeded.store.close()


def form(**fields: str) -> dict[str, str]:
    return {"user": "nadia", "password": NEW, "again": NEW, "role": "analyst", **fields}


def stored_hash(own: Seeded, name: str) -> str | None:
    users = schema.users
    with own.store.engine.connect() as conn:
        found = conn.execute(select(users.c.password_hash).where(users.c.name == name)).first()
    return None if found is None else str(found[0])


def test_the_members_page_offers_the_form_to_owners(own: Seeded) -> None:
    page = client_for(own, "owner").get(f"{CASE_URL}/members").text
    created = page.split('<h2 id="account-h">')[1].split("</form>")[0]
    assert 'action="/cases/sloviansk/accounts"' in created
    assert 'name="csrf_token" value="' in created
    assert created.count('type="password"') == 2


def test_an_owner_creates_an_account_that_signs_in(own: Seeded) -> None:
    owner = client_for(own, "owner")
    token = csrf_of(owner.get(f"{CASE_URL}/members").text)
    got = owner.post(ACCOUNTS, data={**form(), "csrf_token": token}, follow_redirects=False)
    assert (got.status_code, got.headers["location"]) == (303, f"{CASE_URL}/members?done=account")
    assert "Account created and added to the case." in owner.get(got.headers["location"]).text
    assert ("nadia", "analyst") in {(m.name, m.role) for m in list_members(own.store, "sloviansk")}
    hashed = stored_hash(own, "nadia")
    assert hashed is not None and hashed.startswith("$argon2id$") and NEW not in hashed
    case_id = audit_rows(own.store, limit=1)[0].case_id
    assert case_id is not None
    rows = [(r.actor, r.action, r.subject) for r in audit_rows(own.store, case_id=case_id)[:2]]
    assert rows == [("owner", "member-set", "nadia"), ("owner", "user-add", "nadia")]
    log = owner.get(f"{CASE_URL}/audit", params={"action": "user-add"}).text
    assert "nadia" in log

    newcomer = own_client(own)
    form_page = newcomer.get("/sign-in")
    sign = form_page.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = newcomer.post(
        "/sign-in",
        data={"name": "nadia", "password": NEW, "csrf_token": sign},
        follow_redirects=False,
    )
    assert done.status_code == 303
    assert newcomer.get(CASE_URL).status_code == 200


def own_client(own: Seeded) -> TestClient:
    return TestClient(create_app(own.settings, store=own.store))


@pytest.mark.parametrize(
    ("name", "fields", "status", "code"),
    [
        ("owner", {**form(user="olga"), "csrf_token": "x"}, 403, "A006"),
        ("analyst", form(user="olga"), 403, "A004"),
        ("viewer", form(user="olga"), 403, "A004"),
        ("owner", form(user="analyst"), 400, "C061"),  # the name is taken
        ("owner", form(user="olga", password="short", again="short"), 400, "C062"),
        ("owner", form(user="olga", password="olga-1234567", again="olga-1234567"), 400, "C091"),
        ("owner", form(user="olga", again="another one entirely"), 400, "C090"),
        ("owner", form(user="Olga Ivanova"), 400, "C060"),
        ("owner", form(user="olga", role="boss"), 400, "C063"),
    ],
)
def test_a_refused_account_changes_nothing(
    own: Seeded, name: str, fields: dict[str, str], status: int, code: str
) -> None:
    client = client_for(own, name)
    before = (list_members(own.store, "sloviansk"), len(audit_rows(own.store, limit=100_000)))
    token = csrf_of(client.get(CASE_URL).text)
    got = client.post(ACCOUNTS, data={"csrf_token": token, **fields})
    assert (got.status_code, f"[{code}]" in got.text) == (status, True), got.text[-600:]
    assert stored_hash(own, "olga") is None
    after = (list_members(own.store, "sloviansk"), len(audit_rows(own.store, limit=100_000)))
    assert after == before


def test_signed_out_is_sent_to_sign_in(own: Seeded) -> None:
    got = own_client(own).post(ACCOUNTS, data=form(user="olga"), follow_redirects=False)
    assert (got.status_code, got.headers["location"]) == (303, "/sign-in")
    assert stored_hash(own, "olga") is None
