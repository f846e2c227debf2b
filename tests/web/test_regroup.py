"""Merge and split from the pages over a seeded store of its own (SQLite and PostgreSQL):
statements selected one by one or by their report, a reason, the incident's version; the
decision listed at once as pending, then carried out by the next run.

By hand: the seeded case has one incident of four reports and five statements; the report
of the NGO's field note holds two of them (a witness's and the monitors'). Splitting that
report off leaves two incidents after the next run; merging them back leaves one."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Seeded
from tests.web.conftest import hidden, run_again, signed_in

CASE = "/cases/sloviansk"

# the tests of this module follow one another on one store: one worker runs them, in order
pytestmark = pytest.mark.xdist_group("web-regroup")


def incident_urls(client: TestClient) -> list[str]:
    found = re.findall(r'href="(/cases/sloviansk/incidents/[^"/]+)"', client.get(CASE).text)
    return sorted(set(found))


def regroup_page(client: TestClient, incident_url: str) -> tuple[str, str]:
    url = f"{incident_url}/regroup"
    return url, client.get(url).text


def boxes(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{name}" value="([^"]+)">', html)


def report_with_two(html: str) -> str:
    """The report whose block lists two statements."""
    for block in html.split('<div class="regroup-report">')[1:]:
        if len(boxes(block, "part")) == 2:
            return boxes(block, "report")[0]
    raise AssertionError("no report with two statements")


def test_split_merge_pending_then_run(fresh_pages: TestClient, fresh: Seeded) -> None:
    client = signed_in(fresh_pages, "analyst")
    [incident] = incident_urls(client)
    assert "Merge or split this incident" in client.get(incident).text
    url, page = regroup_page(client, incident)
    assert len(boxes(page, "part")) == 5
    assert len(boxes(page, "report")) == 4
    assert "No merge, split or move of this incident since the latest run." in page
    assert '<option value="">(none)</option>\n    </select>' in page  # no other incident yet

    fields = hidden(page, '<form class="regroup"')
    split = {**fields, "action": "split", "report": report_with_two(page), "reason": "another day"}
    done = client.post(url, data=split, follow_redirects=False)
    assert done.status_code == 303, done.text
    after = client.get(done.headers["location"]).text
    assert "pending until the next run" in after
    assert "2 statements split off into an incident of their own: “another day”" in after
    assert len(incident_urls(client)) == 1  # the pages show the latest run until then
    stale = client.post(url, data={**split, "reason": "again"})
    assert stale.status_code == 409
    assert "[R001]" in stale.text

    run_again(fresh)
    first, second = incident_urls(client)
    assert 'id="count">2 incidents<' in client.get(CASE).text
    url, page = regroup_page(client, first)
    others = re.findall(r'<option value="(sha256:[^"]+)">', page)
    assert others == [second.rsplit("/", 1)[1].replace("%3A", ":")]
    fields = hidden(page, '<form class="regroup"')
    merge = {**fields, "action": "merge", "other": others[0], "reason": "one event"}
    done = client.post(url, data=merge, follow_redirects=False)
    assert done.status_code == 303, done.text
    after = client.get(done.headers["location"]).text
    assert "merged with “" in after and "“one event”" in after
    _, other_side = regroup_page(client, second)
    assert "merged into “" in other_side

    run_again(fresh)
    assert 'id="count">1 incident<' in client.get(CASE).text


def test_a_bad_regroup_records_nothing(fresh_pages: TestClient, fresh: Seeded) -> None:
    client = signed_in(fresh_pages, "owner")
    incident = incident_urls(client)[0]
    url, page = regroup_page(client, incident)
    fields = hidden(page, '<form class="regroup"')
    head = fresh.store.head()[0]
    for change, code in [
        ({"action": "split", "reason": "x"}, "C050"),  # nothing selected
        ({"action": "merge", "reason": "x"}, "C050"),  # no other incident
        ({"action": "split", "part": boxes(page, "part")[0]}, "C050"),  # no reason
        ({"action": "delete", "reason": "x"}, "C050"),
        ({"action": "split", "part": boxes(page, "part"), "reason": "all"}, "R004"),
        ({"action": "split", "part": boxes(page, "part")[0], "csrf_token": "no"}, "A006"),
    ]:
        got = client.post(url, data={**fields, **change})
        assert f"[{code}]" in got.text, (change, got.text[-400:])
    assert fresh.store.head()[0] == head


def test_viewers_cannot_regroup(fresh_pages: TestClient) -> None:
    owner = signed_in(fresh_pages, "owner")
    incident = incident_urls(owner)[0]
    viewer = signed_in(fresh_pages, "viewer")
    got = viewer.get(f"{incident}/regroup")
    assert got.status_code == 403
    assert "[A004]" in got.text
