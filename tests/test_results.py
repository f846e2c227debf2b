"""A run's incidents as people read them: origins, denials and grades from linked reports.

The incident is built by hand the way ``link`` hands it over: unnamed "sources" in three
reports, one of which is a wire copy of another, an independent mission that denies it and
a party that denies and counter-accuses. Unnamed sources are never merged by name, so only
the copy makes two reports one origin.
"""

from __future__ import annotations

from corroborate.link.assemble import IncidentLinks, Linked, Statement
from corroborate.link.reuse import Copy
from corroborate.model import Allegation, Attribution, Place, Report, Span, Speaker
from corroborate.results import build_incidents

SLOVIANSK = Place("Slovyansk", "Sloviansk", 48.87, 37.62, "UA", "Donetsk Oblast")
MISSION = "Joint Civilian Protection Monitoring Mission"


def report(n: int, outlet: str) -> Report:
    return Report(
        blob_id=f"sha256:{n:064x}",
        item="",
        source_name=f"r{n}.txt",
        media_type="text/plain",
        text=f"Report {n}.",
        published=f"2022-04-{11 + n:02d}",
        outlet=outlet,
    )


def statement(
    source: Report, speaker: str, cue: str, stance: str, *, role: str | None = None
) -> Statement:
    content = "residents of Sloviansk were tortured"
    attribution = Attribution(
        report_id=source.id,
        speaker=Speaker(Span(0, len(speaker), speaker), speaker, role=role),
        cue=Span(0, len(cue), cue),
        content=Span(0, len(content), content),
        direct=False,
    )
    alleged = (
        Allegation(attribution.id, ("torture",), place=SLOVIANSK) if stance == "supports" else None
    )
    return Statement(source.id, attribution, stance, alleged)


REPORTS = [
    report(1, "Steppe Daily"),
    report(2, "Frontline Digest"),  # a wire copy of report 1
    report(3, "Danube Courier"),
    report(4, MISSION),
    report(5, "Republic Herald"),
]


def linked(*, mission_cue: str = "denied", copied: bool = True) -> Linked:
    r1, r2, r3, r4, r5 = REPORTS
    statements = [
        statement(r1, "sources", "said", "supports"),
        statement(r2, "sources", "said", "supports"),
        statement(r3, "sources", "said", "supports"),
        statement(r4, MISSION, mission_cue, "denies"),
        statement(
            r5,
            "Iryna Halchenko",
            "rejected",
            "counter_accuses",
            role="spokesperson of the Republic's General Staff",
        ),
    ]
    incident = IncidentLinks(
        allegations=[s.allegation for s in statements if s.allegation],
        statements=statements,
        report_stances={s.report_id: s.stance for s in statements},
    )
    copies = {r2.id: Copy(r2.id, r1.id, 0.9, 0.95)} if copied else {}
    return Linked(copies, [incident])


def test_a_wire_copy_joins_its_original_origin_and_an_independent_denial_counts() -> None:
    [incident] = build_incidents(REPORTS, linked())
    r1, r2, r3, r4, r5 = (r.id for r in REPORTS)
    assert [
        (o["kind"], o["speaker"], o["party"], o["report_ids"]) for o in incident["origins"]
    ] == [("unknown", "sources", None, [r1, r2]), ("unknown", "sources", None, [r3])]
    assert incident["grade"] == {
        "reliability": "F",
        "credibility": 5,
        "standard": "uncorroborated claim",
        "explanation": "5 reports, 2 origins: sources, an unnamed or unidentified source, "
        "relayed by Steppe Daily, Frontline Digest (2 reports); sources, an unnamed or "
        "unidentified source, relayed by Danube Courier. No independent corroboration. Denied "
        f"by {MISSION}, denied and counter-accused by Iryna Halchenko (Republic). Grade F5: "
        "source reliability F, credibility 5 (improbable); uncorroborated claim.",
    }
    first, second = (o["id"] for o in incident["origins"])
    assert first != second
    by_report = {r["id"]: (r["stance"], r["origin_id"], r["copy_of"]) for r in incident["reports"]}
    assert by_report == {
        r1: ("supports", first, None),
        r2: ("supports", first, r1),
        r3: ("supports", second, None),
        r4: ("denies", None, None),
        r5: ("counter_accuses", None, None),
    }


def test_without_the_copy_each_unnamed_source_is_its_own_origin() -> None:
    [incident] = build_incidents(REPORTS, linked(copied=False))
    assert [len(o["report_ids"]) for o in incident["origins"]] == [1, 1, 1]
    assert incident["grade"]["explanation"].startswith("5 reports, 3 origins: sources, ")


def test_a_monitor_that_speaks_without_a_denial_verb_is_not_an_independent_denial() -> None:
    """Only "denied", "rejected" … by an independent body counts against an allegation."""
    [incident] = build_incidents(REPORTS, linked(mission_cue="said"))
    grade = incident["grade"]
    assert (grade["reliability"], grade["credibility"]) == ("F", 4)
    assert grade["explanation"].endswith(
        "Grade F4: source reliability F, credibility 4 (doubtful); uncorroborated claim."
    )


def test_label_days_types_and_statements() -> None:
    [incident] = build_incidents(REPORTS, linked())
    assert incident["label"] == "Torture or ill-treatment at Sloviansk, April 2022"
    assert (incident["types"], incident["first_day"], incident["last_day"]) == (
        ["torture"],
        "2022-04-12",
        "2022-04-16",
    )
    assert incident["place"] is not None and incident["place"]["canonical"] == "Sloviansk"
    assert [(s["speaker"], s["party"], s["stance"]) for s in incident["statements"]] == [
        ("sources", None, "supports"),
        ("sources", None, "supports"),
        ("sources", None, "supports"),
        (MISSION, None, "denies"),
        ("Iryna Halchenko", "Republic", "counter_accuses"),
    ]
