"""Merge and split from the pages over a seeded store of its own (SQLite and PostgreSQL):
statements selected one by one or by their report, a reason, the incident's version; the
decision listed at once as pending, then carried out by the next run.

By hand: the seeded case has one incident of four reports and five statements; the report
of the NGO's field note holds two of them (a witness's and the monitors'). Splitting that
report off leaves two incidents after the next run; merging them back leaves one."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.api.conftest import Seeded
from tests.web.conftest import hidden, run_again, signed_in

CASE = "/cases/sloviansk"


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


def test_a_split_then_a_merge_take_effect_at_once(fresh_pages: TestClient, fresh: Seeded) -> None:
    client = signed_in(fresh_pages, "analyst")
    [incident] = incident_urls(client)
    assert "Merge or split this incident" in client.get(incident).text
    url, page = regroup_page(client, incident)
    assert len(boxes(page, "part")) == 5
    assert len(boxes(page, "report")) == 4
    assert "Pending until the next run" not in page  # listed only for a run never re-graded
    assert '<option value="">(none)</option>\n    </select>' in page  # no other incident yet

    fields = hidden(page, '<form class="regroup"')
    split = {**fields, "action": "split", "report": report_with_two(page), "reason": "another day"}
    done = client.post(url, data=split, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert client.get(done.headers["location"]).status_code == 200
    first, second = incident_urls(client)  # re-graded at once: two incidents
    assert 'id="count">2 incidents<' in client.get(CASE).text
    stale = client.post(url, data={**split, "reason": "again"})
    assert stale.status_code in (404, 409)  # the incident split is gone, or its version moved on

    url, page = regroup_page(client, first)
    others = re.findall(r'<option value="(sha256:[^"]+)">', page)
    assert others == [second.rsplit("/", 1)[1].replace("%3A", ":")]
    fields = hidden(page, '<form class="regroup"')
    merge = {**fields, "action": "merge", "other": others[0], "reason": "one event"}
    done = client.post(url, data=merge, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert client.get(done.headers["location"]).status_code == 200
    assert 'id="count">1 incident<' in client.get(CASE).text

    run_again(fresh)  # a full run gives what the re-grades gave
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
