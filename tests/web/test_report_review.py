"""The report page's review panel and downloads, in-process over a store of their own:
every correction the review API knows is offered, posted with its value and reason and shown
in the history; a stale form is refused in words (409); a marked passage opens its panel;
the original bytes need the grant and are audited, the pseudonymised text is for every
reader and names no witness."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corroborate.review import Decision, decide, load_targets, reviews
from corroborate.store.access import audit_rows
from tests.api.conftest import Seeded
from tests.cli.test_witness_leaks import PARTS
from tests.web.own_store import CASE_URL, client_for, csrf_of, hidden, links, own_seeded

NEWS_TITLE = ", a resident of Sloviansk, said that soldiers tortured"


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("review-pages"))
    yield seeded
    seeded.store.close()


def news_report(client: TestClient) -> str:
    """The news story's page (two statements): found by its title, not by position."""
    incident = links(client.get(CASE_URL).text, "incidents")[0]
    for url in links(client.get(incident).text, "reports"):
        if NEWS_TITLE in client.get(url).text:
            return url
    raise AssertionError("the news story is not listed")


def post(client: TestClient, url: str, change: dict[str, str | list[str]]) -> str:
    """Post the first statement's panel with ``change``; the page it leads to."""
    fields = hidden(client.get(url).text, '<form class="review"')
    done = client.post(f"{CASE_URL}/reviews", data={**fields, **change}, follow_redirects=False)
    assert done.status_code == 303, done.text
    return str(client.get(done.headers["location"]).text)


def test_the_panel_offers_every_correction_with_its_own_control(own: Seeded) -> None:
    client = client_for(own, "analyst")
    page = client.get(news_report(client)).text
    panel = page.split('<details class="review-panel"')[1].split("</details>")[0]
    actions = re.findall(r'name="action" value="([a-z_]+)"', panel)
    assert actions == [
        "confirm",
        "reject",
        "correct_speaker",
        "correct_party",
        "correct_kind",
        "correct_stance",
        "correct_types",
        "correct_place",
        "correct_time",
    ]
    for field in ("speaker", "party", "place", "time", "kind", "stance"):
        assert f'name="{field}"' in panel
    assert len(re.findall(r'type="checkbox" name="types"', panel)) == 12  # violations.yaml
    assert re.search(r'value="torture" checked', panel)  # the statement's own type, ticked
    assert 'for="reason-1"' in panel


def test_each_correction_is_recorded_with_its_value_and_shown(own: Seeded) -> None:
    client = client_for(own, "analyst")
    url = news_report(client)
    statement = hidden(client.get(url).text, '<form class="review"')["statement"]
    steps: list[dict[str, str | list[str]]] = [
        {"action": "confirm"},
        {"action": "correct_speaker", "speaker": "  the   village head "},
        {"action": "correct_party", "party": "none"},
        {"action": "correct_kind", "kind": "witness"},
        {"action": "correct_types", "types": ["torture", "arbitrary_detention"]},
        {"action": "correct_place", "place": "Kramatorsk"},
        {"action": "correct_time", "time": "2022-04-03"},
        {"action": "reject"},
    ]
    for n, step in enumerate(steps):
        page = post(client, url, {**step, "reason": f"reason {n}"})
        assert "The grades are recomputed with it." in page
    mine = [r for r in reviews(own.store) if r.target == statement]
    assert [(r.action, r.get("value"), r.reason) for r in mine] == [
        ("confirm", "", "reason 0"),
        ("correct_speaker", "the village head", "reason 1"),
        ("correct_party", "", "reason 2"),
        ("correct_kind", "witness", "reason 3"),
        ("correct_types", "torture,arbitrary_detention", "reason 4"),
        ("correct_place", "Kramatorsk", "reason 5"),
        ("correct_time", "2022-04-03", "reason 6"),
        ("reject", "", "reason 7"),
    ]
    history = page.split('<ul class="history"')[1].split("</ul>")[0]
    assert "analyst · correct speaker → the village head: “reason 1”" in history
    assert "analyst · correct types → torture,arbitrary detention: “reason 4”" in history
    assert "analyst · reject: “reason 7”" in history


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"action": "correct_time", "time": "April"}, 409, "R002"),
        ({"action": "correct_kind", "kind": "martian"}, 409, "R002"),
        ({"action": "correct_types", "types": ["no_such_type"]}, 409, "R002"),
        ({"action": "correct_kind"}, 422, "C050"),
        ({"action": "correct_types"}, 422, "C050"),
        ({"action": "correct_place", "place": "   "}, 422, "C050"),
    ],
)
def test_a_bad_correction_records_nothing(
    own: Seeded, change: dict[str, str | list[str]], status: int, code: str
) -> None:
    client = client_for(own, "owner")
    fields = hidden(client.get(news_report(client)).text, '<form class="review"')
    head = own.store.head()[0]
    got = client.post(f"{CASE_URL}/reviews", data={**fields, **change, "reason": "why"})
    assert (got.status_code, f"[{code}]" in got.text) == (status, True)
    assert own.store.head()[0] == head


def test_a_stale_panel_is_refused_in_words(own: Seeded) -> None:
    first, second = client_for(own, "analyst"), client_for(own, "owner")
    url = news_report(first)
    seen = hidden(first.get(url).text, '<form class="review"')
    post(second, url, {"action": "confirm", "reason": "looked first"})
    head = own.store.head()[0]
    stale = {**seen, "action": "correct_place", "place": "Izium", "reason": "late"}
    got = first.post(f"{CASE_URL}/reviews", data=stale)
    assert got.status_code == 409
    assert "Not recorded: the statement changed" in got.text
    assert "[R001]" in got.text
    assert f'href="{url}"' in got.text  # back to the report
    assert own.store.head()[0] == head


def test_a_marked_passage_opens_its_panel(own: Seeded) -> None:
    client = client_for(own, "analyst")
    url = news_report(client)
    page = client.get(url).text
    targets = re.findall(r'<a class="said-link" href="\?review=([0-9a-f]{12})#said-\1">', page)
    assert targets and '<details class="review-panel" open>' not in page
    opened = client.get(url, params={"review": targets[0]}).text
    assert opened.count('<details class="review-panel" open>') == 1
    section = opened.split(f'id="said-{targets[0]}"')[1].split("</section>")[0]
    assert '<details class="review-panel" open>' in section


def test_the_pseudonymised_text_is_for_every_reader(own: Seeded) -> None:
    for name in ("analyst", "analyst-g", "owner-g"):
        client = client_for(own, name)
        url = news_report(client)
        got = client.get(f"{url}/text")
        assert got.status_code == 200
        assert got.headers["content-type"] == "text/plain; charset=utf-8"
        assert got.headers["content-disposition"].startswith('attachment; filename="report-')
        sha = client.get(url).text.split('<code class="hash">')[1].split("<")[0]
        assert f"Evidence SHA-256: {sha}\n" in got.text
        assert re.search(r"Title: Witness [0-9A-F]{8}, a resident of Sloviansk", got.text)
        assert not [p for p in PARTS if p in got.text.lower()], name
    viewer = client_for(own, "viewer")  # nothing is published: no report to read
    assert viewer.get(f"{url}/text").status_code == 404


def test_the_original_bytes_need_the_grant_and_are_audited(own: Seeded) -> None:
    plain = client_for(own, "analyst")
    url = news_report(plain)
    assert "the original bytes need the witness-identities grant" in plain.get(url).text
    refused = plain.get(f"{url}/original")
    assert refused.status_code == 403 and "[A005]" in refused.text
    granted = client_for(own, "analyst-g")
    page = granted.get(url).text
    assert f'href="{url}/original"' in page
    sha = page.split('<code class="hash">')[1].split("<")[0]
    before = len(audit_rows(own.store, limit=10_000))
    got = granted.get(f"{url}/original")
    assert got.status_code == 200
    assert hashlib.sha256(got.content).hexdigest() == sha == got.headers["x-content-sha256"]
    assert b"Oksvetta" in got.content  # as received: the witness is named
    new = audit_rows(own.store, limit=10_000)[: len(audit_rows(own.store)) - before]
    assert [(r.actor, r.action, r.subject) for r in new] == [
        ("analyst-g", "witness-read", f"sha256:{sha}")
    ]


def test_a_viewer_of_a_published_incident_downloads_but_reviews_nothing(own: Seeded) -> None:
    [incident] = load_targets(own.store).incidents
    for status in ("reviewed", "published"):
        decide(own.store, Decision("status", incident, status), actor="owner")
    viewer = client_for(own, "viewer")
    url = news_report(viewer)
    page = viewer.get(url).text
    assert '<details class="review-panel"' not in page and 'class="said-link"' not in page
    assert "the original bytes need the witness-identities grant" in page
    assert viewer.get(f"{url}/text").status_code == 200
    assert viewer.get(f"{url}/original").status_code == 403
    form = {"statement": "x", "report": "y", "version": "0", "action": "confirm", "reason": "r"}
    refused = viewer.post(f"{CASE_URL}/reviews", data={**form, "csrf_token": csrf_of(page)})
    assert (refused.status_code, "[A004]" in refused.text) == (403, True)
    granted = client_for(own, "viewer-g")
    assert f'href="{url}/original"' in granted.get(url).text
    assert granted.get(f"{url}/original").status_code == 200
