"""The review queue over a seeded store of its own (SQLite and PostgreSQL): every undecided
statement listed with a link to it, confirm and reject at the version drawn, skip, decided
statements leaving at once, and an incident whose grade one decision would change.

By hand: the seeded incident is graded C1 from four witness origins and one unnamed
("monitors"); no single statement's rejection or flip leaves fewer than three independent
origins, so no one decision changes its grade. Once one statement of each witness is
confirmed or undecided, the others and the monitors' rejected, and the run repeated, two
witness origins remain (C2), and rejecting the undecided one leaves one: C3, a change of 2
(a digit and the standard of proof)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from corroborate.review import reviews
from corroborate.store.access import audit_rows
from corroborate.web import queue as web_queue
from tests.api.conftest import Seeded
from tests.cli.test_witness_leaks import PARTS
from tests.web.conftest import hidden, run_again, signed_in, without_tokens

QUEUE = "/cases/sloviansk/queue"


def statement_ids(html: str) -> list[str]:
    return re.findall(r'<input type="hidden" name="statement" value="([^"]+)"', html)


def decide(client: TestClient, html: str, n: int, **change: str) -> object:
    forms = html.split('<form class="decide"')[1:]
    fields = dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', forms[n]))
    return client.post(QUEUE, data={**fields, **change}, follow_redirects=False)


def test_the_grant_reveals_names_and_the_read_is_audited(
    fresh_pages: TestClient, fresh: Seeded
) -> None:
    page = signed_in(fresh_pages, "analyst-g").get(QUEUE).text
    assert "zabelina" in page.lower()
    reads = [r for r in audit_rows(fresh.store, limit=1000) if r.action == "witness-read"]
    assert [r.subject for r in reads if r.actor == "analyst-g"] == ["review queue of sloviansk"]


def test_the_queue_in_order_decided_items_leave(fresh_pages: TestClient, fresh: Seeded) -> None:
    client = signed_in(fresh_pages, "analyst")
    page = client.get(QUEUE)
    assert page.status_code == 200
    assert 'id="q-count">(5)<' in page.text
    first = statement_ids(page.text)
    assert len(first) == 5
    assert "No single decision would change an incident's grade." in page.text
    assert page.text.count('class="grade">C1<') == 3 * 5  # now, rejected, flipped
    for said in first:
        assert f'#said-{said[7:19]}"' in page.text  # each links to its statement
    assert '<script src="/assets/queue.js" defer></script>' in page.text
    assert not [part for part in PARTS if part in without_tokens(page.text).lower()]

    done = decide(client, page.text, 0, action="confirm")
    assert done.status_code == 303, done.text
    after = client.get(done.headers["location"])
    assert "Review #" in after.text and "The grades are recomputed with it." in after.text
    assert sorted(statement_ids(after.text)) == sorted(first[1:])  # re-graded: the order may move
    report = re.search(r'href="(/cases/sloviansk/reports/[^"#]+)#said-' + first[0][7:19], page.text)
    assert report is not None
    shown = client.get(report.group(1))  # a review with no value (a confirm) in the history
    assert shown.status_code == 200
    assert "analyst · confirm" in shown.text

    decided = len(reviews(fresh.store))
    unreasoned = decide(client, after.text, 0, action="reject")
    assert unreasoned.status_code == 422
    assert "[C050]" in unreasoned.text
    stale = decide(client, page.text, 1, action="reject", reason="not said")  # drawn before
    assert stale.status_code == 303  # nobody decided it since: its version still holds
    again = decide(client, page.text, 1, action="confirm")
    assert again.status_code == 409
    assert "[R001]" in again.text
    assert len(reviews(fresh.store)) == decided + 1  # the stale confirm recorded nothing
    assert sorted(statement_ids(client.get(QUEUE).text)) == sorted(first[2:])


def test_skipped_goes_last(fresh_pages: TestClient) -> None:
    client = signed_in(fresh_pages, "owner")
    order = statement_ids(client.get(QUEUE).text)
    skipped = client.get(QUEUE, params={"skip": order[0][7:19]}).text
    assert statement_ids(skipped) == [*order[1:], order[0]]
    assert hidden(skipped, '<form class="decide"')["skip"] == order[0][7:19]


def test_an_incident_one_decision_would_regrade(
    fresh_pages: TestClient, fresh: Seeded, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = signed_in(fresh_pages, "analyst")
    page = client.get(QUEUE).text
    speakers = re.findall(r'<h3 id="q-\d+-h">([^<]+?)\s*<', page)
    witnesses = [n for n, name in enumerate(speakers) if name.startswith("Witness")]
    assert len(witnesses) == 2  # of the three left: two witnesses and the monitors
    decide(client, page, witnesses[0], action="reject", reason="hearsay")
    page = client.get(QUEUE).text
    speakers = re.findall(r'<h3 id="q-\d+-h">([^<]+?)\s*<', page)
    decide(client, page, speakers.index("monitors"), action="reject", reason="no source")
    assert len(statement_ids(client.get(QUEUE).text)) == 1  # a witness's
    run_again(fresh)
    page = client.get(QUEUE).text
    incidents = page.split('id="q-incidents-h"')[1].split("</section>")[0]
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", incidents)).count("(change 2)") == 1
    assert '<span class="grade">C2</span>: rejecting a statement of' in incidents
    assert 'gives <span class="grade">C3</span>' in incidents
    monkeypatch.setattr(web_queue, "WORST", 0)  # at most WORST incidents, as the API lists
    assert 'id="q-no-incidents"' in client.get(QUEUE).text


@pytest.mark.parametrize(("name", "status"), [("viewer", 403), ("viewer-g", 403)])
def test_viewers_have_no_queue(fresh_pages: TestClient, name: str, status: int) -> None:
    got = signed_in(fresh_pages, name).get(QUEUE)
    assert got.status_code == status
    assert "[A004]" in got.text
    assert "Review queue" not in got.text


def test_a_visitor_is_sent_to_sign_in_and_the_keys_are_served(fresh_pages: TestClient) -> None:
    assert fresh_pages.get(QUEUE, follow_redirects=False).headers["location"] == "/sign-in"
    script = fresh_pages.get("/assets/queue.js")
    assert script.status_code == 200
    assert "javascript" in script.headers["content-type"]
    assert 'addEventListener("keydown"' in script.text
