"""Report detail: attributions as character spans of the text as served, pseudonymised for
a member without the witness-identities grant and revealed for one with it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from corroborate.export.pseudonyms import for_store
from corroborate.export.reveal import for_store as revealer_for
from corroborate.model import Span, Statement
from corroborate.pipeline import run_statements
from tests.api.conftest import CASE, Seeded, bearer

BASE = f"/api/v1/cases/{CASE}"


def stored_spans(statement: Statement) -> dict[str, Span]:
    attribution, allegation = statement.attribution, statement.allegation
    found = {"speaker": attribution.speaker.span, "content": attribution.content}
    if attribution.cue is not None:
        found["cue"] = attribution.cue
    if allegation is not None:
        marks = {
            "perpetrator": allegation.perpetrator,
            "victims": allegation.victims,
            "place": allegation.place.span if allegation.place else None,
            "time": allegation.time.span if allegation.time else None,
        }
        found |= {k: s for k, s in marks.items() if s is not None and s.end > s.start}
    return found


def served_spans(entry: dict[str, Any]) -> list[tuple[str, dict[str, int]]]:
    found = [("speaker", entry["speaker"]), ("content", entry["content"])]
    found += [("cue", entry["cue"])] if entry["cue"] else []
    return found + [(m["kind"], m) for m in entry["marks"]]


@pytest.mark.parametrize("member", ["analyst", "analyst-g", "viewer-g"])
def test_every_span_covers_the_served_form_of_its_words(
    client: TestClient, seeded: Seeded, member: str
) -> None:
    linked = run_statements(seeded.store)
    assert linked is not None
    by_key: dict[str, list[Statement]] = {}
    for incident in linked.incidents:
        for statement in incident.statements:
            by_key.setdefault(statement.attribution.key, []).append(statement)
    shared, revealer = for_store(seeded.store), revealer_for(seeded.store)
    granted = member.endswith("-g")

    def served(words: str) -> str:
        return revealer.text(shared.text(words)) if granted else shared.text(words)

    checked, moved = 0, 0
    for report_id in sorted({s.report_id for ss in by_key.values() for s in ss}):
        got = client.get(f"{BASE}/reports/{report_id}", headers=bearer(seeded, member))
        if got.status_code == 404:  # a viewer reads only what is published
            continue
        body = got.json()
        stored = seeded.store.report(report_id)
        assert stored is not None
        assert {e["statement_id"] for e in body["attributions"]} <= set(by_key)
        for entry in body["attributions"]:
            spans: dict[str, list[Span]] = {}
            for statement in by_key[entry["statement_id"]]:
                for kind, span in stored_spans(statement).items():
                    spans.setdefault(kind, []).append(span)
            for kind, at in served_spans(entry):
                covered = body["text"][at["start"] : at["end"]]
                assert covered in {served(s.text) for s in spans[kind]}, (kind, covered)
                moved += any(s.start != at["start"] for s in spans[kind])
                checked += 1
    if member == "viewer-g":
        return  # nothing is published in the seeded case: a viewer reads no report
    assert checked >= 10, "the corpus must give spans to check"
    assert moved > 0, "some span must come after a pseudonymised mention"


def test_a_viewer_reads_no_span_of_what_is_unpublished(client: TestClient, seeded: Seeded) -> None:
    linked = run_statements(seeded.store)
    assert linked is not None
    report_id = linked.incidents[0].statements[0].report_id
    got = client.get(f"{BASE}/reports/{report_id}", headers=bearer(seeded, "viewer"))
    assert got.status_code == 404
