"""A run's incidents as people read them: origins, denials and grades from linked reports.

The incident is built by hand the way ``link`` hands it over: unnamed "sources" in three
reports, one of which is a wire copy of another, an independent mission that denies it and
a party that denies and counter-accuses. Unnamed sources are never merged by name, so only
the copy makes two reports one origin.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from corroborate.extract import AUTHOR_ROLE, WITNESS_ROLE
from corroborate.ids import make_id
from corroborate.link import Weights
from corroborate.model import (
    Allegation,
    Copy,
    Incident,
    Linked,
    Place,
    Report,
    ReviewEvent,
    Span,
    Statement,
    TimeRef,
    statement_key,
)
from corroborate.results import ORIGIN, build_incidents, reviews_summary, source_label, terms
from corroborate.review import Overlay
from tests.linked import attribution, one_incident, speaker

SLOVIANSK = Place("Slovyansk", "Sloviansk", 48.87, 37.62, "UA", "Donetsk Oblast")
MISSION = "Joint Civilian Protection Monitoring Mission"
TORTURED = "residents of Sloviansk were tortured"


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
    source: Report, name: str, cue: str, stance: str, *, role: str | None = None
) -> Statement:
    made = attribution(source.id, speaker(name, role=role), TORTURED, cue=cue)
    alleged = Allegation(made.id, ("torture",), place=SLOVIANSK) if stance == "supports" else None
    return Statement(source.id, made, stance, alleged)


REPORTS = [
    report(1, "Steppe Daily"),
    report(2, "Frontline Digest"),  # a wire copy of report 1
    report(3, "Danube Courier"),
    report(4, MISSION),
    report(5, "Republic Herald"),
]


def linked(*, mission_cue: str = "denied", copied: bool = True, monitor: str = MISSION) -> Linked:
    r1, r2, r3, r4, r5 = REPORTS
    statements = [
        statement(r1, "sources", "said", "supports"),
        statement(r2, "sources", "said", "supports"),
        statement(r3, "sources", "said", "supports"),
        statement(r4, monitor, mission_cue, "denies"),
        statement(
            r5,
            "Iryna Halchenko",
            "rejected",
            "counter_accuses",
            role="spokesperson of the Republic's General Staff",
        ),
    ]
    copies = {r2.id: Copy(r2.id, r1.id, 0.9, 0.95)} if copied else {}
    return Linked(copies, [one_incident(statements)])


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
    assert incident["label"] == "Torture or ill-treatment at Sloviansk, reported April 2022"
    assert (incident["types"], incident["first_day"], incident["last_day"]) == (
        ["torture"],
        None,  # no report dates the event: its publication is no event day
        None,
    )
    assert incident["place"] is not None and incident["place"]["canonical"] == "Sloviansk"
    assert [(s["speaker"], s["party"], s["stance"]) for s in incident["statements"]] == [
        ("sources", None, "supports"),
        ("sources", None, "supports"),
        ("sources", None, "supports"),
        (MISSION, None, "denies"),
        ("Iryna Halchenko", "Republic", "counter_accuses"),
    ]


def filed(digit: str, *, published: str | None, outlet: str | None = None, **fields: str) -> Report:
    """A report stored as blob ``sha256:<digit x 64>``."""
    return Report(
        blob_id=f"sha256:{digit * 64}",
        item=fields.pop("item", ""),
        source_name=f"{digit}.csv",
        media_type="text/csv",
        text=f"Report {digit}.",
        published=published,
        outlet=outlet,
        **fields,
    )


def spoken(
    source: Report,
    name: str,
    stance: str,
    *,
    content: str = "residents of Sloviansk were detained",
    start: int = 0,
    cue: str = "said",
    role: str | None = None,
    affiliation: str | None = None,
    via: tuple[str, ...] = (),
    allegation: Allegation | None = None,
    certainty: float | None = None,
    stance_certainty: float | None = None,
) -> Statement:
    made = attribution(
        source.id,
        speaker(name, role=role, affiliation=affiliation),
        content,
        start=start,
        cue=cue,
        via=via,
        certainty=certainty,
    )
    return Statement(source.id, made, stance, allegation, stance_certainty)


def alleged(
    source: Report,
    *types: str,
    time: str | None = None,
    place: Place | None = SLOVIANSK,
    perpetrator: str | None = None,
    start: int = 0,
) -> Allegation:
    return Allegation(
        f"{source.id}:{start}",
        types,
        perpetrator=Span(0, len(perpetrator), perpetrator) if perpetrator else None,
        place=place,
        time=TimeRef(Span(0, 4, "then"), time) if time else None,
    )


def test_an_incident_as_people_read_it_field_by_field() -> None:
    """A Coalition-affiliated speaker alleges twice in one report, relayed by the wire and
    by Reuters; a registered Republic body denies; a Republic officer counter-accuses."""
    ra = filed(
        "a",
        published="2022-04-14",
        outlet="Steppe Daily",
        title="Detentions in Sloviansk",
        url="https://steppe.example/a",
    )
    rb = filed("b", published="2022-04-12", outlet="Frontline Digest", item="row:2")
    rc = filed("c", published="2022-04-13", outlet="Republic Herald")
    allegation = alleged(
        ra, "arbitrary_detention", "torture", time="2022-04-10", perpetrator="the guard"
    )
    marchuk = {"affiliation": "Northern Coalition", "allegation": allegation}
    statements = [
        spoken(ra, "Oleh Marchuk", "supports", via=("Eastern Wire Agency",), **marchuk),
        spoken(
            ra,
            "Oleh Marchuk",
            "supports",
            start=40,
            via=("Eastern Wire Agency", "Reuters"),
            **marchuk,
        ),
        spoken(rb, "State Security Bureau", "denies", content="the claims", cue="denied"),
        spoken(
            rc,
            "Iryna Halchenko",
            "counter_accuses",
            content="the claims",
            cue="rejected",
            affiliation="General Staff of the Republic",
            certainty=0.85,
            stance_certainty=0.9,
        ),
    ]
    [incident] = build_incidents([ra, rb, rc], Linked({}, [one_incident(statements)]))
    [origin] = incident["origins"]
    assert (origin["kind"], origin["speaker"], origin["party"], origin["report_ids"]) == (
        "party",
        "Oleh Marchuk",
        "Northern Coalition",
        [ra.id],
    )
    explanation = incident["grade"]["explanation"]
    assert explanation.startswith(
        "3 reports, 1 origin: Oleh Marchuk, an official, body or outlet of a party to the "
        "conflict (Northern Coalition), relayed by Eastern Wire Agency, Steppe Daily and 1 "
        "other outlet. No independent corroboration. Denied by State Security Bureau "
        "(Republic), denied and counter-accused by Iryna Halchenko (Republic). Grade "
    )
    assert incident["origins_note"] == (
        "1 origin in 3 reports: 2 reports with no origin of the claim (denials or unnamed "
        "speakers only)"
    )
    del incident["grade"], incident["origins"], incident["origins_note"]
    assert incident == {
        "id": make_id("incident", [allegation.id]),
        "label": "Arbitrary detention, Torture or ill-treatment at Sloviansk, April 2022",
        "types": ["arbitrary_detention", "torture"],
        "accused": ["the guard"],
        "place": {
            "canonical": "Sloviansk",
            "lat": 48.87,
            "lon": 37.62,
            "country": "UA",
            "within": "Donetsk Oblast",
            "geonames_id": None,  # SLOVIANSK above is written by hand, without one
            "region": None,
            "resolved": True,
        },
        # its statements name the Coalition and the Republic: their war, though in Ukraine
        "conflict": "Coalition–Republic war (fictional scenario)",
        "first_day": "2022-04-10",
        "last_day": "2022-04-10",
        "first_published": "2022-04-12",
        "last_published": "2022-04-14",
        "status": "draft",
        "fatalities": None,  # no statement gives a count of the dead
        "reports": [  # by publication day, not by file name
            {
                "id": rb.id,
                "title": None,
                "source_name": "file bbbbbbbb, row:2",
                "outlet": "Frontline Digest",
                "published": "2022-04-12",
                "url": None,
                "blob_id": "sha256:" + "b" * 64,
                "stance": "denies",
                "origin_id": None,
                "via": [],
                "copy_of": None,
            },
            {
                "id": rc.id,
                "title": None,
                "source_name": "file cccccccc",
                "outlet": "Republic Herald",
                "published": "2022-04-13",
                "url": None,
                "blob_id": "sha256:" + "c" * 64,
                "stance": "counter_accuses",
                "origin_id": None,
                "via": [],
                "copy_of": None,
            },
            {
                "id": ra.id,
                "title": "Detentions in Sloviansk",
                "source_name": "file aaaaaaaa",
                "outlet": "Steppe Daily",
                "published": "2022-04-14",
                "url": "https://steppe.example/a",
                "blob_id": "sha256:" + "a" * 64,
                "stance": "supports",
                "origin_id": origin["id"],
                "via": ["Eastern Wire Agency", "Reuters"],
                "copy_of": None,
            },
        ],
        "statements": [
            {
                "id": statement_key(ra.id, "residents of Sloviansk were detained"),
                "verdict": None,
                "report_id": ra.id,
                "speaker": "Oleh Marchuk",
                "party": "Northern Coalition",
                "stance": "supports",
                "content": "residents of Sloviansk were detained",
                "types": ["arbitrary_detention", "torture"],
                "time": "2022-04-10",
                "certainty": None,  # made without one
                "stance_certainty": None,
            },
            {
                "id": statement_key(ra.id, "residents of Sloviansk were detained"),
                "verdict": None,
                "report_id": ra.id,
                "speaker": "Oleh Marchuk",
                "party": "Northern Coalition",
                "stance": "supports",
                "content": "residents of Sloviansk were detained",
                "types": ["arbitrary_detention", "torture"],
                "time": "2022-04-10",
                "certainty": None,  # made without one
                "stance_certainty": None,
            },
            {
                "id": statement_key(rb.id, "the claims"),
                "verdict": None,
                "report_id": rb.id,
                "speaker": "State Security Bureau",
                "party": "Republic",
                "stance": "denies",
                "content": "the claims",
                "types": [],
                "time": None,
                "certainty": None,
                "stance_certainty": None,
            },
            {
                "id": statement_key(rc.id, "the claims"),
                "verdict": None,
                "report_id": rc.id,
                "speaker": "Iryna Halchenko",
                "party": "Republic",
                "stance": "counter_accuses",
                "content": "the claims",
                "types": [],
                "time": None,
                "certainty": 0.85,  # the machine's, carried through
                "stance_certainty": 0.9,
            },
        ],
    }


def origins_of(statements: list[Statement], reports: list[Report]) -> list[tuple[str, str | None]]:
    [incident] = build_incidents(reports, Linked({}, [one_incident(statements)]))
    return [(o["kind"], o["party"]) for o in incident["origins"]]


def test_the_speaker_role_says_witness_own_voice_or_party() -> None:
    """Without their roles: a named witness and a byline in a media outlet are unknown
    origins, and a spokesperson named by role belongs to no party."""
    r1, r2, r3 = (filed(d, published="2022-04-12", outlet="Steppe Daily") for d in "123")
    statements = [
        spoken(r1, "Witness S-1", "supports", role=WITNESS_ROLE, allegation=alleged(r1, "torture")),
        spoken(
            r2, "Olena Marchenko", "supports", role=AUTHOR_ROLE, allegation=alleged(r2, "torture")
        ),
        spoken(
            r3,
            "Iryna Halchenko",
            "supports",
            role="spokesperson of the Republic's General Staff",
            allegation=alleged(r3, "torture"),
        ),
    ]
    assert origins_of(statements, [r1, r2, r3]) == [
        ("witness", None),
        ("independent", None),
        ("party", "Republic"),
    ]


def test_the_three_most_named_perpetrators_are_the_accused() -> None:
    named = ["the guard", "the battalion", "the guard", "police", "the battalion", "the guard"]
    named.append("drones")  # named once, like the police, but later: fourth
    reports = [filed(str(n), published="2022-04-12") for n in range(len(named))]
    statements = [
        spoken(
            r,
            f"Witness S-{n}",
            "supports",
            role=WITNESS_ROLE,
            allegation=alleged(r, "torture", perpetrator=p),
        )
        for n, (r, p) in enumerate(zip(reports, named, strict=True))
    ]
    [incident] = build_incidents(reports, Linked({}, [one_incident(statements)]))
    assert incident["accused"] == ["the guard", "the battalion", "police"]


def days_and_label(
    *allegations: tuple[str, ...],
    published: str | None = "2022-04-12",
    times: tuple[str | None, ...] = (),
    place: Place | None = SLOVIANSK,
) -> tuple[str | None, str | None, str]:
    """(first_day, last_day, label) of one incident of one report per allegation."""
    statements = []
    reports = []
    for n, types in enumerate(allegations):
        source = filed(str(n), published=published)
        time = times[n] if n < len(times) else None
        reports.append(source)
        allegation = alleged(source, *types, time=time, place=place)
        statements.append(spoken(source, f"Witness S-{n}", "supports", allegation=allegation))
    [incident] = build_incidents(reports, Linked({}, [one_incident(statements)]))
    return incident["first_day"], incident["last_day"], incident["label"]


def test_days_come_from_the_allegations_first_including_the_start_of_a_range() -> None:
    """The earliest alleged day names the month and year: December 2021."""
    assert days_and_label(
        ("torture",), ("torture",), times=("2021-12-30/2022-01-02", "2022-01-05")
    ) == ("2021-12-30", "2022-01-05", "Torture or ill-treatment at Sloviansk, December 2021")


def test_without_alleged_days_no_day_is_shown_and_the_publication_is_named_apart() -> None:
    """Regression: an incident whose reports dated no event showed its reports' publication
    days (13 April to 16 May) as its days, beyond the 7-day bound it was formed within. Its
    days are the events' own; when its reports were published is shown apart, named so."""
    statements, reports = [], []
    for n, published in enumerate(("2022-04-13T08:30:00+03:00", "2022-05-16")):
        source = filed(str(n), published=published)
        reports.append(source)
        allegation = alleged(source, "torture", place=SLOVIANSK)
        statements.append(spoken(source, f"Witness S-{n}", "supports", allegation=allegation))
    [incident] = build_incidents(reports, Linked({}, [one_incident(statements)]))
    assert (incident["first_day"], incident["last_day"]) == (None, None)
    assert (incident.get("first_published"), incident.get("last_published")) == (
        "2022-04-13",
        "2022-05-16",
    )
    assert incident["label"] == "Torture or ill-treatment at Sloviansk, reported April 2022"


def test_the_days_shown_are_the_event_days_the_incident_was_formed_on() -> None:
    """Dated and undated allegations together: the days shown are the dated ones alone, as
    linking read them (the first day of a range, no month), within the linking bound."""
    first, last = days_and_label(
        ("torture",),
        ("torture",),
        ("torture",),
        ("torture",),
        published="2022-05-20",
        times=("2022-04-02", None, "2022-04", "2022-04-04/2022-04-10"),
    )[:2]
    assert (first, last) == ("2022-04-02", "2022-04-04")
    assert first is not None and last is not None
    span = date.fromisoformat(last) - date.fromisoformat(first)
    assert span.days <= Weights().span_days


def test_an_incident_without_a_real_date_has_no_days_and_no_date_in_its_label() -> None:
    for published in (None, "Tue, 12 Apr 2022"):
        assert days_and_label(("torture",), published=published) == (
            None,
            None,
            "Torture or ill-treatment at Sloviansk",
        )


def test_the_label_names_the_two_most_alleged_types_or_else_says_allegation() -> None:
    """Type codes outside the taxonomy are shown as they are; no place, no "at"."""
    many = (("killing", "looting", "curfew_breach"), ("killing", "looting"), ("killing",))
    dated = ("2022-04-03",) * 3
    assert (
        days_and_label(*many, times=dated)[2]
        == "Killing, Looting or pillage at Sloviansk, April 2022"
    )
    assert days_and_label(("curfew_breach",), place=None)[2] == "curfew_breach, reported April 2022"
    assert days_and_label((), place=None)[2] == "Allegation, reported April 2022"


def test_incidents_with_more_reports_come_first_then_by_label() -> None:
    r1, r2, r3, r4 = (filed(d, published="2022-04-12") for d in "1234")

    def incident(types: str, *reports: Report) -> Incident:
        return one_incident(
            [
                spoken(r, f"Witness {r.source_name}", "supports", allegation=alleged(r, types))
                for r in reports
            ]
        )

    linked = Linked(
        {}, [incident("torture", r1), incident("looting", r2), incident("killing", r3, r4)]
    )
    assert [i["label"] for i in build_incidents([r1, r2, r3, r4], linked)] == [
        "Killing at Sloviansk, reported April 2022",
        "Looting or pillage at Sloviansk, reported April 2022",
        "Torture or ill-treatment at Sloviansk, reported April 2022",
    ]


def test_a_source_is_named_by_its_file_digest_and_item_never_by_its_file_name() -> None:
    assert source_label(filed("d", published=None)) == "file dddddddd"
    assert source_label(filed("d", published=None, item="row:7")) == "file dddddddd, row:7"


def test_an_explicit_denial_by_an_ngo_counts_as_independent_too() -> None:
    """Like the monitoring mission's: credibility 5, not the 4 of an undenied claim."""
    [incident] = build_incidents(REPORTS, linked(monitor="Human Rights Watch"))
    assert (incident["grade"]["reliability"], incident["grade"]["credibility"]) == ("F", 5)
    [incident] = build_incidents(REPORTS, linked(monitor="Human Rights Watch", mission_cue="said"))
    assert (incident["grade"]["reliability"], incident["grade"]["credibility"]) == ("F", 4)


def test_an_incident_carries_the_fewest_dead_its_supporting_statements_report() -> None:
    """ACLED's rule, the most conservative figure; a denial's figure does not count."""
    ra = filed("a", published="2022-04-14", outlet="Steppe Daily")
    rb = filed("b", published="2022-04-15", outlet="Frontline Digest")
    rc = filed("c", published="2022-04-15", outlet="Republic Herald")
    allegation = alleged(ra, "killing", time="2022-04-10")
    statements = [
        spoken(
            ra,
            "Oleh Marchuk",
            "supports",
            content="the guards killed 53 prisoners",
            allegation=allegation,
        ),
        spoken(
            rb,
            "Witness 1A2B3C4D",
            "supports",
            content="forty prisoners were shot dead",
            allegation=allegation,
        ),
        spoken(
            rc, "State Security Bureau", "denies", content="only 2 prisoners died", cue="denied"
        ),
    ]
    [incident] = build_incidents([ra, rb, rc], Linked({}, [one_incident(statements)]))
    assert incident["fatalities"] == 40
    without = [spoken(ra, "Oleh Marchuk", "supports", allegation=allegation)]
    [incident] = build_incidents([ra], Linked({}, [one_incident(without)]))
    assert incident["fatalities"] is None


def test_an_incident_names_its_conflict_from_its_parties_then_its_place() -> None:
    """A conflict whose parties the statements name, weighed against the place's country;
    with no party named, the place's; with neither, no conflict is named rather than a
    guess (taxonomy/conflicts.py)."""
    ra = filed("a", published="2022-04-14", outlet="Steppe Daily")

    def conflict(place: Place | None, speaker: str, affiliation: str | None) -> str | None:
        allegation = alleged(ra, "killing", place=place)
        said = spoken(ra, speaker, "supports", affiliation=affiliation, allegation=allegation)
        [incident] = build_incidents([ra], Linked({}, [one_incident([said])]))
        return incident["conflict"]

    assert conflict(SLOVIANSK, "Oleh Marchuk", None) == "Russia–Ukraine war"
    # a place in Ukraine, parties of the Syrian war: the parties weigh against the place
    assert conflict(SLOVIANSK, "Oleh Marchuk", "Syrian Arab Army") == "Syrian civil war"
    assert conflict(SLOVIANSK, "Oleh Marchuk", "Ukrainian army") == "Russia–Ukraine war"
    assert conflict(None, "Oleh Marchuk", "Syrian Arab Army") == "Syrian civil war"
    assert conflict(None, "Oleh Marchuk", "Israel Defense Forces") is None  # two conflicts tie
    assert conflict(None, "Oleh Marchuk", None) is None


def test_a_stance_corrected_by_an_analyst_has_no_machine_certainty() -> None:
    """The stance is the analyst's then: its certainty goes; the attribution's stays."""
    source = report(1, "Steppe Daily")
    said = spoken(source, "Oleh Marchuk", "supports", certainty=0.7, stance_certainty=0.6)
    event = ReviewEvent(
        "analyst", "correct_stance", said.attribution.key, "2026-11-30T10:00:00+00:00",
        (("value", "denies"),), "reread", 1,
    )  # fmt: skip
    linked = Linked({}, [one_incident([said])])
    [machine] = build_incidents([source], linked)
    [corrected] = build_incidents([source], linked, Overlay((event,)))
    assert [(s["certainty"], s["stance_certainty"]) for s in machine["statements"]] == [(0.7, 0.6)]
    [decided] = corrected["statements"]
    assert (decided["stance"], decided["certainty"], decided["stance_certainty"]) == (
        "denies",
        0.7,
        None,
    )


def test_the_terms_state_the_incident_bound_of_the_linking_weights() -> None:
    """The glossary ``results.json`` carries: its incident bound is the linking's own (an
    event span of 7 days, a report window of 60), never a number written apart."""
    glossary = terms()
    assert list(glossary) == ["incident", "origin", "report", "days"]
    assert glossary["incident"] == (
        "allegations of a single event at a single place (as specific as the reports allow) "
        "whose event dates lie at most 7 days apart; allegations that name different places, "
        "regions or countries, days further apart, or different accused parties are never the "
        "same incident, nor is an allegation whose report gives no event date with one whose "
        "event date or report lies more than 60 days before its report"
    )
    assert glossary["origin"] == ORIGIN
    assert glossary["report"] == (
        "an ingested item: a file, or an item of a feed, table or web archive"
    )
    assert glossary["days"] == (
        "first_day and last_day are the event's own days, as its reports date the act (never "
        "the day a statement was made or a report published), the days the incident was "
        "formed on; first_published and last_published are when its reports were published, "
        "shown apart"
    )


def test_the_reviews_summary_counts_those_applied_and_lists_each_orphan_in_full() -> None:
    r1 = REPORTS[0]
    kept = statement(r1, "sources", "said", "supports").attribution.key
    found = ReviewEvent(
        "analyst",
        "correct_stance",
        kept,
        "2026-11-30T10:00:00+00:00",
        (("kind", "statement"), ("value", "neutral")),
        "",
        3,
    )
    lost = ReviewEvent("analyst", "reject", "sha256:gone", "2026-11-30T11:00:00+00:00", (), "", 7)
    overlay = Overlay((found, lost))
    build_incidents(REPORTS, linked(), overlay)
    assert reviews_summary(overlay) == {
        "applied": 1,
        "orphaned": [
            {
                "seq": 7,
                "at": "2026-11-30T11:00:00+00:00",
                "action": "reject",
                "target": "sha256:gone",
            }
        ],
    }
    assert reviews_summary(Overlay(())) == {"applied": 0, "orphaned": []}


def review(action: str, target: str, seq: int, value: str = "") -> ReviewEvent:
    payload = (("kind", "statement"), ("value", value)) if value else (("kind", "statement"),)
    return ReviewEvent("analyst", action, target, "2026-11-30T10:00:00+00:00", payload, "", seq)


def test_a_named_speaker_giving_testimony_is_a_witness_origin() -> None:
    """The extraction's testimony role makes a witness of a speaker no word describes so."""
    ra = filed("a", published="2022-04-14", outlet="Steppe Daily")
    said = spoken(
        ra, "Oleh Marchuk", "supports", role=WITNESS_ROLE, allegation=alleged(ra, "killing")
    )
    assert origins_of([said], [ra]) == [("witness", None)]
    plain = spoken(ra, "Oleh Marchuk", "supports", allegation=alleged(ra, "killing"))
    assert origins_of([plain], [ra]) == [("unknown", None)]


def test_an_analyst_s_party_and_kind_for_a_speaker_decide_its_origin() -> None:
    ra = filed("a", published="2022-04-14", outlet="Steppe Daily")
    said = spoken(ra, "Oleh Marchuk", "supports", allegation=alleged(ra, "killing"))
    key = said.attribution.key
    linked = Linked({}, [one_incident([said])])

    def origin(*events: ReviewEvent) -> tuple[str, str | None]:
        [incident] = build_incidents([ra], linked, Overlay(events))
        [found] = incident["origins"]
        return found["kind"], found["party"]

    assert origin() == ("unknown", None)
    assert origin(review("correct_party", key, 1, "Republic")) == ("party", "Republic")
    [incident] = build_incidents(
        [ra], linked, Overlay((review("correct_party", key, 1, "Republic"),))
    )
    assert [s["party"] for s in incident["statements"]] == ["Republic"]
    assert incident["grade"]["explanation"].endswith(
        "Grade D6: source reliability D, credibility 6 (cannot be judged); uncorroborated "
        "claim. Speaker's party corrected by an analyst on 2026-11-30."
    )
    [incident] = build_incidents([ra], linked, Overlay((review("correct_party", key, 1, ""),)))
    assert [s["party"] for s in incident["statements"]] == [None]  # decided: no party
    assert origin(review("correct_kind", key, 1, "witness")) == ("witness", None)
    assert origin(review("correct_kind", key, 1, "documentary")) == ("documentary", None)


def test_statements_of_unresolved_speakers_are_counted_apart_for_and_against() -> None:
    ra, rb, rc = (filed(d, published="2022-04-14", outlet="Steppe Daily") for d in "abc")
    named = spoken(
        ra, "Oleh Marchuk", "supports", role=WITNESS_ROLE, allegation=alleged(ra, "killing")
    )
    unresolved = replace(
        spoken(rb, "he", "supports", allegation=alleged(rb, "killing")).attribution.speaker,
        unresolved=True,
    )

    def by_nobody(source: Report, stance: str) -> Statement:
        said = spoken(source, "he", stance, allegation=alleged(source, "killing"))
        return replace(said, attribution=replace(said.attribution, speaker=unresolved))

    statements = [named, by_nobody(rb, "supports"), by_nobody(rc, "denies")]
    [incident] = build_incidents([ra, rb, rc], Linked({}, [one_incident(statements)]))
    assert incident["grade"]["explanation"] == (
        "3 reports, 1 origin: Oleh Marchuk, a first-hand witness, relayed by Steppe Daily. "
        "2 statements by unresolved speakers were not counted. Corroborated by 1 independent "
        "origin, 1 of them first-hand. No denial found. Grade C3: source reliability C, "
        "credibility 3 (possibly true); partly corroborated: credible allegation, needs "
        "corroboration."
    )


def test_a_rejected_statement_is_listed_last_with_its_verdict_and_its_party_there() -> None:
    ra, rb = (filed(d, published="2022-04-14", outlet="Steppe Daily") for d in "ab")
    kept_said = spoken(ra, "Oleh Marchuk", "supports", allegation=alleged(ra, "killing"))
    rejected = spoken(
        rb,
        "Iryna Halchenko",
        "supports",
        role="spokesperson of the Republic's General Staff",
        allegation=alleged(rb, "killing"),
    )
    linked = Linked({}, [one_incident([kept_said, rejected])])
    overlay = Overlay((review("reject", rejected.attribution.key, 1),))
    [incident] = build_incidents([ra, rb], linked, overlay)
    listed = [(s["speaker"], s["party"], s["verdict"]) for s in incident["statements"]]
    # the place makes it the Russia-Ukraine war, where the Republic is no party: its
    # spokesperson is listed with none, as a statement kept would be
    assert listed == [("Oleh Marchuk", None, None), ("Iryna Halchenko", None, "reject")]
    assert [o["speaker"] for o in incident["origins"]] == ["Oleh Marchuk"]


def test_progress_is_told_every_hundred_incidents() -> None:
    reports = [filed(f"{n:x}", published="2022-04-12") for n in range(201)]
    linked = Linked(
        {},
        [
            one_incident([spoken(r, "Oleh Marchuk", "supports", allegation=alleged(r, "killing"))])
            for r in reports
        ],
    )
    told: list[tuple[int, int]] = []
    assert (
        len(build_incidents(reports, linked, step=lambda done, total: told.append((done, total))))
        == 201
    )
    assert told == [(100, 201), (200, 201)]


def test_incidents_without_allegations_are_named_by_their_statements() -> None:
    ra, rb = (filed(d, published="2022-04-14") for d in "ab")
    denials = [spoken(r, "Oleh Marchuk", "denies", content="the claims") for r in (ra, rb)]
    linked = Linked({}, [one_incident([denials[0]]), one_incident([denials[1]])])
    ids = [i["id"] for i in build_incidents([ra, rb], linked)]
    assert len(set(ids)) == 2 and all(i.startswith("sha256:") for i in ids)


def test_testimony_relayed_by_a_party_s_outlet_is_still_a_witness_origin() -> None:
    """A speaker the extraction found testifying is a witness whoever relays them; a speaker
    only described as a witness, relayed by an outlet of a party fighting there, reaches us
    through that party."""
    kharkiv = Place("Kharkiv", "Kharkiv", 49.99, 36.23, "UA", "Kharkiv Oblast")
    tass = filed("t", published="2022-04-14", outlet="TASS")

    def origin(speaker: str, role: str | None) -> list[tuple[str, str | None]]:
        allegation = alleged(tass, "killing", place=kharkiv)
        return origins_of(
            [spoken(tass, speaker, "supports", role=role, allegation=allegation)], [tass]
        )

    assert origin("Oleh Marchuk", WITNESS_ROLE) == [("witness", None)]
    assert origin("a resident", None) == [("party", "Russia")]
