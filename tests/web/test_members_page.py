"""The members page, over a store of its own: owners list members with roles and grants,
add a user, change a role, grant and revoke the witness identities, remove a member; every
change CSRF-checked and audited; a case keeps an owner (A016)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corroborate.errors import AccessDenied, ConfigError
from corroborate.store.access import audit_rows
from corroborate.store.workspace import add_user, list_members, remove_member
from tests.api.conftest import PASSWORD, Seeded
from tests.web.own_store import CASE_URL, client_for, csrf_of, own_seeded

MEMBERS = f"{CASE_URL}/members"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("members-page"))
    add_user(seeded.store, "newcomer", PASSWORD, actor="test")
    yield seeded
    seeded.store.close()


def table(html: str) -> list[tuple[str, str, str]]:
    """(name, role selected, grant state) of each member shown."""
    body = html.split('<table class="members">')[1].split("</table>")[0]
    found = []
    for row in body.split("<tr>")[2:]:
        name = re.search(r'<th scope="row">([^<]+)</th>', row)
        role = re.search(r'<option value="([a-z]+)" selected>', row)
        grant = "granted" if '<span class="corrected">granted</span>' in row else "-"
        assert name and role
        found.append((name.group(1), role.group(1), grant))
    return found


def change(client: TestClient, **fields: str) -> int:
    token = csrf_of(client.get(MEMBERS).text)
    got = client.post(MEMBERS, data={**fields, "csrf_token": token}, follow_redirects=False)
    return int(got.status_code)


def last_audit(own: Seeded) -> tuple[str, str, str, dict[str, object]]:
    row = audit_rows(own.store, limit=1)[0]
    return row.actor, row.action, row.subject, row.detail


def test_an_owner_sees_members_roles_and_grants(own: Seeded) -> None:
    page = client_for(own, "owner").get(MEMBERS).text
    assert table(page) == [
        ("analyst", "analyst", "-"),
        ("analyst-g", "analyst", "granted"),
        ("owner", "owner", "-"),
        ("owner-g", "owner", "granted"),
        ("viewer", "viewer", "-"),
        ("viewer-g", "viewer", "granted"),
    ]
    assert '<a href="/cases/sloviansk/members">Members</a>' in page


def test_add_change_grant_revoke_remove_each_audited(own: Seeded) -> None:
    owner = client_for(own, "owner")
    assert change(owner, op="add", user="newcomer", role="analyst") == 303
    assert last_audit(own) == (
        "owner",
        "member-set",
        "newcomer",
        {"user": "newcomer", "role": "analyst"},
    )
    newcomer = client_for(own, "newcomer")
    assert newcomer.get(CASE_URL).status_code == 200
    assert ("newcomer", "analyst", "-") in table(owner.get(MEMBERS).text)
    assert change(owner, op="role", user="newcomer", role="viewer") == 303
    assert last_audit(own)[1:3] == ("member-set", "newcomer")
    assert change(owner, op="grant", user="newcomer") == 303
    assert last_audit(own) == (
        "owner",
        "grant-add",
        "newcomer",
        {"user": "newcomer", "grant": "witness-identities"},
    )
    assert ("newcomer", "viewer", "granted") in table(owner.get(MEMBERS).text)
    assert change(owner, op="revoke", user="newcomer") == 303
    assert last_audit(own)[:3] == ("owner", "grant-revoke", "newcomer")
    assert change(owner, op="grant", user="newcomer") == 303
    assert change(owner, op="remove", user="newcomer") == 303
    assert last_audit(own) == (
        "owner",
        "member-remove",
        "newcomer",
        {"user": "newcomer", "role": "viewer"},
    )
    assert "newcomer" not in {m.name for m in list_members(own.store, "sloviansk")}
    assert newcomer.get(CASE_URL).status_code == 404  # no longer a member: as if absent
    assert "Members removed." not in owner.get(MEMBERS, params={"done": "remove"}).text
    assert "Member removed." in owner.get(MEMBERS, params={"done": "remove"}).text


@pytest.mark.parametrize(
    ("name", "fields", "status", "code"),
    [
        (
            "owner",
            {"op": "add", "user": "newcomer", "role": "viewer", "csrf_token": "x"},
            403,
            "A006",
        ),
        ("analyst", {"op": "add", "user": "newcomer", "role": "owner"}, 403, "A004"),
        ("owner", {"op": "add", "user": "nobody", "role": "viewer"}, 404, "N010"),
        ("owner", {"op": "add", "user": "newcomer", "role": "boss"}, 400, "C063"),
        ("owner", {"op": "role", "user": "newcomer", "role": "viewer"}, 400, "C064"),
        ("owner", {"op": "remove", "user": "newcomer"}, 400, "C064"),
        ("owner", {"op": "grant", "user": "newcomer"}, 400, "C064"),
        ("owner", {"op": "purge", "user": "viewer"}, 422, "C050"),
        ("owner", {"op": "add", "user": " ", "role": "viewer"}, 422, "C050"),
    ],
)
def test_a_refused_change_changes_nothing(
    own: Seeded, name: str, fields: dict[str, str], status: int, code: str
) -> None:
    client = client_for(own, name)
    before = (list_members(own.store, "sloviansk"), len(audit_rows(own.store, limit=100_000)))
    token = csrf_of(client.get(CASE_URL).text)
    got = client.post(MEMBERS, data={"csrf_token": token, **fields})
    assert (got.status_code, f"[{code}]" in got.text) == (status, True)
    after = (list_members(own.store, "sloviansk"), len(audit_rows(own.store, limit=100_000)))
    assert after == before


def test_a_case_keeps_an_owner(own: Seeded) -> None:
    sole = client_for(own, "outsider")  # the one owner of case "other"
    url = "/cases/other/members"
    token = csrf_of(sole.get(url).text)
    demote = [{"op": "role", "role": "analyst"}, {"op": "add", "role": "viewer"}]
    for fields in ({"op": "remove"}, *demote):
        got = sole.post(url, data={**fields, "user": "outsider", "csrf_token": token})
        assert got.status_code == 403 and "[A016]" in got.text
    assert [(m.name, m.role) for m in list_members(own.store, "other")] == [("outsider", "owner")]
    with pytest.raises(AccessDenied, match=r"\[A016\]"):
        remove_member(own.store, "other", "outsider", actor="test")
    with pytest.raises(ConfigError, match=r"\[C064\]"):
        remove_member(own.store, "other", "owner", actor="test")


def test_a_second_owner_may_leave(own: Seeded) -> None:
    remove_member(own.store, "sloviansk", "owner-g", actor="owner")
    assert [m.name for m in list_members(own.store, "sloviansk") if m.role == "owner"] == ["owner"]
    assert client_for(own, "owner-g").get(MEMBERS).status_code == 404
