"""The sources page, over a store of its own: the registry searchable by every member, each
source with the reliability its own statements are graded with; an owner's correction is a
review (versioned, with a reason), audited, shown with its history, and never written to
the shipped registry."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from corroborate.review import reviews
from corroborate.store.access import audit_rows
from corroborate.taxonomy.registry import registry
from tests.api.conftest import Seeded
from tests.web.own_store import CASE_URL, client_for, csrf_of, hidden, own_seeded

SOURCES = f"{CASE_URL}/sources"
MONITOR = f"{SOURCES}/{quote('Donbas Monitor Group', safe='')}"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("sources-page"))
    yield seeded
    seeded.store.close()


def listed(html: str) -> list[tuple[str, ...]]:
    """(name, kind, country, party, graded as, reliability) of each source shown."""
    body = html.split('<table class="sources">')[1].split("</table>")[0]
    found = []
    for row in body.split("<tr>")[2:]:
        name = re.search(r'">([^<]+)</a>', row)
        cells = re.findall(r"<td>([^<]*)</td>", row)
        grade = re.search(r'<span class="grade">([A-F])</span>', row)
        assert name and grade
        found.append((name.group(1), *cells, grade.group(1)))
    return found


def correct(client: TestClient, url: str, **fields: str) -> tuple[int, str]:
    form = hidden(client.get(url).text, 'aria-labelledby="correct-h"')
    got = client.post(url, data={**form, **fields}, follow_redirects=False)
    return got.status_code, got.headers.get("location", got.text)


def test_every_member_searches_the_registry(own: Seeded) -> None:
    for name in ("viewer", "analyst", "owner"):
        client = client_for(own, name)
        page = client.get(SOURCES, params={"q": "reuters"}).text
        assert listed(page) == [("Reuters", "wire", "GB", "none", "independent", "C")]
        assert '<a href="/cases/sloviansk/sources">Sources</a>' in page
    client = client_for(own, "viewer")
    found = listed(client.get(SOURCES, params={"q": "donbas monitor"}).text)
    assert found == [("Donbas Monitor Group", "ngo", "—", "none", "documentary", "B")]
    # by web domain, and by alias folded (case and accents do not matter)
    assert listed(client.get(SOURCES, params={"q": "apnews.com"}).text)[0][0] == (
        "Associated Press"
    )
    assert listed(client.get(SOURCES, params={"q": "DMG"}).text)[0][0] == "Donbas Monitor Group"
    wires = client.get(SOURCES, params={"kind": "wire"}).text
    assert {row[1] for row in listed(wires)} == {"wire"}
    assert 'id="count">0 sources' in client.get(SOURCES, params={"q": "no such outlet"}).text
    bad = client.get(SOURCES, params={"kind": "blog"})
    assert (bad.status_code, "[C050]" in bad.text) == (422, True)


def test_everything_is_paged_fifty_at_a_time(own: Seeded) -> None:
    client = client_for(own, "viewer")
    total = len(registry().sources)
    first = client.get(SOURCES).text
    pages = -(-total // 50)
    assert f'id="count">{total} sources · page 1 of {pages}<' in first
    assert len(listed(first)) == 50
    last = client.get(SOURCES, params={"page": str(pages)}).text
    assert len(listed(last)) == total - 50 * (pages - 1)


def test_a_source_s_page_and_its_form_for_owners_only(own: Seeded) -> None:
    viewer = client_for(own, "viewer").get(f"{SOURCES}/Reuters").text
    assert "<dt>Web domains</dt><dd>reuters.com</dd>" in viewer
    assert "As shipped: never corrected." in viewer
    assert 'aria-labelledby="correct-h"' not in viewer
    assert 'aria-labelledby="correct-h"' in client_for(own, "owner").get(MONITOR).text
    slash = client_for(own, "viewer").get(f"{SOURCES}/Radio Free Europe%2FRadio Liberty")
    assert slash.status_code == 200 and "<h1>Radio Free Europe/Radio Liberty</h1>" in slash.text
    missing = client_for(own, "viewer").get(f"{SOURCES}/No Such Outlet")
    assert (missing.status_code, "[N020]" in missing.text) == (404, True)


def test_an_owner_s_correction_is_a_review_audited_and_shown(own: Seeded) -> None:
    owner = client_for(own, "owner")
    status, where = correct(
        owner, MONITOR, kind="ngo", country="", party="Republic", reason="funded by the Republic"
    )
    assert status == 303
    [review] = [r for r in reviews(own.store) if r.action == "correct_source"]
    assert where == f"{MONITOR}?done={review.seq}"
    assert review.target == "source:Donbas Monitor Group"
    assert (review.actor, review.reason, review.get("set_party")) == (
        "owner",
        "funded by the Republic",
        "Republic",
    )
    row = audit_rows(own.store, limit=1)[0]
    assert (row.actor, row.action, row.subject, row.detail) == (
        "owner",
        "source-correct",
        "Donbas Monitor Group",
        {"party": "Republic", "review": review.seq},
    )
    page = owner.get(where).text
    assert f"Correction #{review.seq} recorded" in page
    assert "owner · party none → Republic: “funded by the Republic”" in page
    assert "<dt>Graded as</dt><dd>party, reliability" in page
    after = listed(owner.get(SOURCES, params={"q": "donbas monitor"}).text)
    assert after == [("Donbas Monitor Group", "ngo", "—", "Republic", "party", "D")]
    assert "corrected</span>" in owner.get(SOURCES, params={"q": "donbas monitor"}).text
    assert registry().lookup("Donbas Monitor Group").party is None  # type: ignore[union-attr]


def test_a_stale_or_refused_correction_records_nothing(own: Seeded) -> None:
    first, second = client_for(own, "owner"), client_for(own, "owner-g")
    url = f"{SOURCES}/Reuters"
    seen = hidden(first.get(url).text, 'aria-labelledby="correct-h"')
    assert correct(second, url, kind="media", country="GB", party="", reason="r")[0] == 303
    head = own.store.head()[0]
    got = first.post(url, data={**seen, "kind": "wire", "country": "US", "reason": "late"})
    assert got.status_code == 409
    assert "Not recorded: the source changed" in got.text and "[R001]" in got.text
    refusals = [
        ("owner", {"kind": "blog"}, 409, "R002"),
        ("owner", {"country": "UK"}, 409, "R002"),
        ("owner", {"reason": ""}, 409, "R002"),
        ("owner", {"kind": "media"}, 409, "R002"),  # changes nothing
        ("owner", {"csrf_token": "forged"}, 403, "A006"),
        ("analyst", {"kind": "wire"}, 403, "A004"),
    ]
    for name, change, status, code in refusals:
        client = client_for(own, name)
        fields = {"csrf_token": csrf_of(client.get(url).text), "version": str(head)}
        data = {**fields, "kind": "media", "country": "GB", "party": "", "reason": "r", **change}
        got = client.post(url, data=data)
        assert (got.status_code, f"[{code}]" in got.text) == (status, True), (change, got.text)
    assert own.store.head()[0] == head


def test_a_hostile_correction_stays_text(own: Seeded) -> None:
    owner = client_for(own, "owner")
    url = f"{SOURCES}/Kyodo%20News"
    hostile = '<script>alert("x")</script>'
    status, where = correct(owner, url, kind="wire", country="JP", party=hostile, reason=hostile)
    assert status == 303
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"
    for page in (
        owner.get(where).text,
        owner.get(SOURCES, params={"q": "kyodo"}).text,
        owner.get(f"{CASE_URL}/audit").text,
    ):
        assert "<script>" not in page
        assert escaped in page
