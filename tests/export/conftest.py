"""A realistic, fictional run to render: the training scenario of the sample corpus.

Two fictional parties, "Northern Coalition" and "the Republic"; a detention incident at
Sloviansk told by a witness, a monitoring mission and a party, relayed and copied by wire
outlets, denied and counter-accused by the other party; a smaller shelling incident at
Kramatorsk; and one incident with neither place nor dates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from corroborate.export.origins import ORIGIN
from corroborate.export.results import (
    IncidentJSON,
    OriginJSON,
    ReportRefJSON,
    RunResults,
    StatementJSON,
)
from corroborate.model import statement_key
from tests.export.stored import StoredRun, build

SLOVIANSK_LABEL = "Torture, arbitrary detention at Sloviansk, April 2022"


def report(rid: str, title: str | None, outlet: str | None, **fields: Any) -> ReportRefJSON:
    """A report reference with quiet defaults; keyword fields override."""
    base: ReportRefJSON = {
        "id": rid,
        "title": title,
        "source_name": f"corpus/{rid}.html",
        "outlet": outlet,
        "published": None,
        "url": None,
        "blob_id": f"sha256:{rid * 4}",
        "stance": "supports",
        "origin_id": None,
        "via": [],
        "copy_of": None,
    }
    return {**base, **fields}  # type: ignore[typeddict-item]


def origin(oid: str, kind: str, speaker: str, party: str | None, *ids: str) -> OriginJSON:
    return {"id": oid, "kind": kind, "speaker": speaker, "party": party, "report_ids": list(ids)}


def statement(
    rid: str, speaker: str, party: str | None, stance: str, content: str, time: str | None
) -> StatementJSON:
    return {
        "id": statement_key(rid, content),
        "verdict": None,
        "report_id": rid,
        "speaker": speaker,
        "party": party,
        "stance": stance,
        "content": content,
        "types": ["torture", "arbitrary_detention"] if stance == "supports" else [],
        "time": time,
    }


def sloviansk() -> IncidentJSON:
    """Eight reports, four origins: a witness, a mission, and one origin per party."""
    reports = [
        report(
            "r1",
            "Former detainees describe beatings in a Sloviansk basement",
            "Donbas Herald",
            published="2022-04-06",
            origin_id="o1",
        ),
        report(
            "r2",
            "Detainees say they were beaten in Sloviansk",
            "Wire Agency North",
            published="2022-04-07",
            origin_id="o1",
        ),
        report(
            "r3",
            "Detainees say they were beaten in Sloviansk",
            "Coastal Daily",
            published="2022-04-07",
            origin_id="o1",
            via=["Wire Agency North"],
            copy_of="r2",
        ),
        report(
            "r4",
            "Beatings reported in Sloviansk",
            "Evening Courier",
            published="2022-04-08",
            origin_id="o1",
            via=["Coastal Daily", "Wire Agency North"],
            copy_of="r2",
            stance="neutral",
        ),
        report(
            "r5",
            "Monitoring mission documents detention site in Sloviansk",
            "Eastern Monitoring Mission",
            published="2022-04-10",
            origin_id="o2",
        ),
        report(
            "r6",
            "Regional administration accuses Republic forces of torture",
            "Coalition Press Service",
            published="2022-04-05",
            origin_id="o3",
        ),
        report(
            "r7",
            "Ministry rejects 'staged' torture claims",
            "Republic State Television",
            published="2022-04-08",
            origin_id="o4",
            stance="denies",
        ),
        report(
            "r8",
            "Republic says Coalition shelled its own detention site",
            "Capital Times",
            published="2022-04-09",
            origin_id="o4",
            via=["Republic News Agency"],
            stance="counter_accuses",
        ),
    ]
    origins = [
        origin("o1", "witness", "Former detainee W-17", None, "r1", "r2", "r3", "r4"),
        origin("o2", "independent", "Eastern Monitoring Mission", None, "r5"),
        origin("o3", "party", "Coalition regional administration", "Northern Coalition", "r6"),
        origin("o4", "party", "Ministry of Defence of the Republic", "the Republic", "r7", "r8"),
    ]
    statements = [
        statement(
            "r1",
            "Former detainee W-17",
            None,
            "supports",
            "They kept us in the basement of the school for three days and beat us every night.",
            "2022-04-03",
        ),
        statement(
            "r5",
            "Eastern Monitoring Mission",
            None,
            "supports",
            "The mission visited the site and recorded marks consistent with the accounts.",
            "2022-04-10T09:30:00+00:00",
        ),
        statement(
            "r6",
            "Coalition regional administration",
            "Northern Coalition",
            "supports",
            "Republic forces tortured civilians held in Sloviansk.",
            "2022-04-05",
        ),
        statement(
            "r7",
            "Ministry of Defence of the Republic",
            "the Republic",
            "denies",
            "The claims are staged; no detention site exists in Sloviansk.",
            "2022-04-08",
        ),
        statement(
            "r8",
            "Ministry of Defence of the Republic",
            "the Republic",
            "counter_accuses",
            "Coalition artillery shelled the building it now calls a detention site.",
            None,
        ),
    ]
    return {
        "id": "sha256:aa11",
        "label": SLOVIANSK_LABEL,
        "types": ["torture", "arbitrary_detention"],
        "accused": ["fighters of the Volunteer Territorial Guard"],
        "place": {
            "canonical": "Sloviansk",
            "lat": 48.87,
            "lon": 37.62,
            "country": "UA",
            "within": "Donetsk Oblast",
            "geonames_id": None,
            "region": "UA-14",
            "resolved": True,
        },
        "conflict": "Russia–Ukraine war",
        "first_day": "2022-04-03",
        "last_day": "2022-04-05",
        "grade": {
            "reliability": "B",
            "credibility": 2,
            "standard": "reasonable grounds to believe",
            "explanation": "Three independent origins (a witness, a monitoring mission and a "
            "party) agree; two of eight reports are copies; the accused party denies it.",
        },
        "status": "draft",
        "origins": origins,
        "origins_note": "4 origins in 8 reports: 2 origins carried by several reports "
        "(copies or re-reports)",
        "reports": reports,
        "statements": statements,
    }


def kramatorsk() -> IncidentJSON:
    """One party's claim, relayed once: the weakest grade."""
    return {
        "id": "sha256:bb22",
        "label": "Shelling of civilian housing at Kramatorsk, May 2022",
        "types": ["indiscriminate_attack"],
        "accused": [],
        "place": {
            "canonical": "Kramatorsk",
            "lat": 48.74,
            "lon": 37.58,
            "country": "UA",
            "within": "Donetsk Oblast",
            "geonames_id": None,
            "region": "UA-14",
            "resolved": True,
        },
        "first_day": "2022-05-02",
        "last_day": None,
        "grade": {
            "reliability": "D",
            "credibility": 4,
            "standard": "unverified claim",
            "explanation": "One origin, a conflict party; no independent source.",
        },
        "status": "draft",
        "origins": [origin("o5", "party", "Republic News Agency", "the Republic", "r9", "r10")],
        "origins_note": "1 origin in 2 reports: 1 origin carried by two reports "
        "(copies or re-reports)",
        "reports": [
            report(
                "r9",
                "Coalition shells housing in Kramatorsk",
                "Republic News Agency",
                published="2022-05-02",
                origin_id="o5",
            ),
            report(
                "r10",
                "Agency: housing shelled in Kramatorsk",
                "Capital Times",
                published="2022-05-03",
                origin_id="o5",
                via=["Republic News Agency"],
                stance="neutral",
            ),
        ],
        "statements": [],
    }


def unplaced() -> IncidentJSON:
    """No place, no dates, an origin that could not be traced."""
    return {
        "id": "sha256:cc33",
        "label": "Enforced disappearance, place and date unknown",
        "types": ["enforced_disappearance"],
        "accused": [],
        "place": None,
        "first_day": None,
        "last_day": None,
        "grade": {
            "reliability": "F",
            "credibility": 6,
            "standard": "unverified claim",
            "explanation": "The origin cannot be traced.",
        },
        "status": "draft",
        "origins": [],
        "origins_note": "0 origins in 1 report: 1 report with no origin of the claim "
        "(denials or unnamed speakers only)",
        "reports": [report("r11", None, None)],
        "statements": [],
    }


def run(*incidents: IncidentJSON) -> RunResults:
    return {
        "generated_at": "2024-05-01T12:00:00+00:00",
        "version": "0.1.0",
        "ledger_head": "#26 sha256:" + "ab" * 32,
        "corpus": "samples/corpus",
        "terms": {"origin": ORIGIN},
        "counts": {
            "reports": 41,
            "attributions": 57,
            "allegations": 23,
            "incidents": len(incidents),
            "failed_files": 2,
        },
        "failures": [
            "[I002] samples/corpus/broken/garbage-bytes.txt: binary content, not text (NUL bytes)",
            "[I004] samples/corpus/broken/truncated-briefing.pdf: truncated PDF (no %%EOF trailer)",
        ],
        "incidents": list(incidents),
        "reviews": {"applied": 0, "orphaned": []},
    }


@pytest.fixture
def make_results() -> Callable[..., RunResults]:
    """``make_results()`` is the full scenario; ``make_results(incident, …)`` any subset."""

    def make(*incidents: IncidentJSON) -> RunResults:
        return run(*(incidents or (sloviansk(), kramatorsk(), unplaced())))

    return make


@pytest.fixture(scope="session")
def stored_run(tmp_path_factory: pytest.TempPathFactory) -> StoredRun:
    """A real store with a real run (``stored.py``), made once for the evidence formats."""
    return build(tmp_path_factory.mktemp("stored-run"))
