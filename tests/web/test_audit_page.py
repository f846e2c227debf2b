"""The audit log page, over a store of its own (so the seeded rows are known by hand):
owners only, newest first, filtered by user, action and date, 50 a page, witness-identity
reads included."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from corroborate.store.access import audit
from corroborate.store.workspace import find_case
from tests.api.conftest import Seeded
from tests.web.own_store import CASE_URL, client_for, links, own_seeded

AUDIT = f"{CASE_URL}/audit"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("audit-page"))
    yield seeded
    seeded.store.close()


def rows(html: str) -> list[tuple[str, str, str]]:
    """(user, action, about) of each row shown."""
    body = html.split('<table class="audit">')[1].split("</table>")[0]
    found = re.findall(
        r"<tr class=\"action-[^\"]+\">\s*<td[^>]*>[^<]*</td>\s*<td>([^<]*)</td>\s*<td>([a-z-]+)"
        r"(?:\s*<span[^>]*>[^<]*</span>)?</td>\s*<td class=\"hash\">([^<]*)</td>",
        body,
    )
    return [(a, b, c) for a, b, c in found]


def test_the_seeded_case_s_log_newest_first(own: Seeded) -> None:
    page = client_for(own, "owner").get(AUDIT).text
    assert 'id="count">11 entries<' in page  # sign-ins belong to no case
    # by hand, from tests/api/conftest.py's seed(): the case, its reports, six members,
    # three of them granted the witness identities
    assert rows(page) == [
        ("test", "grant-add", "viewer-g"),
        ("test", "member-set", "viewer-g"),
        ("test", "grant-add", "analyst-g"),
        ("test", "member-set", "analyst-g"),
        ("test", "grant-add", "owner-g"),
        ("test", "member-set", "owner-g"),
        ("test", "member-set", "viewer"),
        ("test", "member-set", "analyst"),
        ("test", "member-set", "owner"),
        ("test", "case-reports", "sloviansk"),
        ("test", "case-add", "sloviansk"),
    ]
    assert "grant: witness-identities; user: viewer-g" in page
    assert '<a href="/cases/sloviansk/audit">Audit log</a>' in page


def test_filters_by_user_action_and_date(own: Seeded) -> None:
    client = client_for(own, "owner")
    granted = client.get(AUDIT, params={"action": "grant-add"}).text
    assert 'id="count">3 entries match the filter<' in granted
    assert [r[2] for r in rows(granted)] == ["viewer-g", "analyst-g", "owner-g"]
    assert 'id="count">0 entries match' in client.get(AUDIT, params={"actor": "owner"}).text
    today = datetime.now(UTC).date()
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
    assert 'id="count">0 entries' in client.get(AUDIT, params={"since": str(tomorrow)}).text
    assert 'id="count">0 entries' in client.get(AUDIT, params={"until": str(yesterday)}).text
    both = client.get(AUDIT, params={"since": str(today), "until": str(today)}).text
    assert 'id="count">11 entries match the filter<' in both
    menu = both.split('id="a-action"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([a-z-]+)"', menu) == [
        "case-add",
        "case-reports",
        "grant-add",
        "member-set",
    ]


def test_a_witness_identity_read_is_listed(own: Seeded) -> None:
    reader = client_for(own, "analyst-g")
    incident = links(reader.get(CASE_URL).text, "incidents")[0]
    reader.get(incident)
    page = client_for(own, "owner").get(AUDIT, params={"action": "witness-read"}).text
    found = rows(page)
    assert found and {(user, action) for user, action, _ in found} == {
        ("analyst-g", "witness-read")
    }
    assert incident.rsplit("/", 1)[1].replace("%3A", ":") in {about for _, _, about in found}
    assert "(witness identities shown)" in page


def test_fifty_a_page(own: Seeded) -> None:
    case_id = find_case(own.store, "sloviansk").id
    for n in range(60):
        audit(own.store, actor="batch", action="note", subject=f"n{n:02d}", case_id=case_id)
    client = client_for(own, "owner")
    first = client.get(AUDIT, params={"actor": "batch"}).text
    assert "60 entries match the filter · page 1 of 2" in first
    assert [r[2] for r in rows(first)] == [f"n{n:02d}" for n in range(59, 9, -1)]
    assert 'href="?actor=batch&amp;page=2" rel="next"' in first
    second = client.get(AUDIT, params={"actor": "batch", "page": "2"}).text
    assert [r[2] for r in rows(second)] == [f"n{n:02d}" for n in range(9, -1, -1)]
    assert 'rel="prev"' in second and 'rel="next"' not in second


@pytest.mark.parametrize(
    ("name", "params", "status", "code"),
    [
        ("analyst", {}, 403, "A004"),
        ("viewer-g", {}, 403, "A004"),
        ("outsider", {}, 404, "N011"),
        ("owner", {"since": "yesterday"}, 422, "C050"),
        ("owner", {"until": "2024-02-30"}, 422, "C050"),
        ("owner", {"since": "2024-02-02", "until": "2024-02-01"}, 422, "C050"),
        ("owner", {"page": "0"}, 422, "C050"),
    ],
)
def test_refused(own: Seeded, name: str, params: dict[str, str], status: int, code: str) -> None:
    client = client_for(own, name)
    got = client.get(AUDIT, params=params)
    assert (got.status_code, f"[{code}]" in got.text) == (status, True)
    if name in ("analyst", "viewer-g"):  # the link is for owners (outsider owns "other")
        assert "Audit log</a>" not in client.get(CASE_URL).text
