"""Linking extracted statements: incidents, attached denials, report stances, copies."""

from __future__ import annotations

from dataclasses import replace

import pytest

from corroborate.ids import digest_bytes
from corroborate.link.assemble import _combine, denial_cue, link
from corroborate.link.incidents import Weights
from corroborate.model import (
    Allegation,
    Attribution,
    Incident,
    Place,
    Report,
    Span,
    Speaker,
    TimeRef,
)

SLOVIANSK = Place("Sloviansk", "Sloviansk", 48.87, 37.62, "UA", "Donetsk Oblast")
CLAIM = "that fighters tortured residents of Sloviansk and forced detainees to pay bribes in April"


def report(name: str, text: str, published: str = "2022-04-12") -> Report:
    return Report(
        blob_id=digest_bytes(text.encode()),
        item="",
        source_name=name,
        media_type="text/plain",
        text=text,
        published=published,
    )


def statement(
    rep: Report, speaker: str, content: str, cue: str | None, types: tuple[str, ...] = ()
):  # type: ignore[no-untyped-def]
    start = rep.text.index(content)
    attribution = Attribution(
        rep.id,
        Speaker(Span(0, len(speaker), speaker), speaker),
        Span(0, len(cue), cue) if cue is not None else None,
        Span(start, start + len(content), content),
        False,
    )
    allegations = [Allegation(attribution.id, types, place=SLOVIANSK)] if types else []
    return attribution, allegations


def named_in(text: str) -> set[str]:
    """The places a denial's words name, as ``find_places`` would: here only Sloviansk."""
    return {"Sloviansk"} if "Sloviansk" in text else set()


def test_claims_copies_and_denials_form_one_incident_with_report_stances() -> None:
    first = report("a.txt", f"Dobrynets said {CLAIM}. " * 3)
    copy = report(
        "b.txt", f"Dobrynets said {CLAIM}. " * 3 + "The agency added nothing.", "2022-04-13"
    )
    denial = report(
        "c.txt", "Halchenko denied the claims about Sloviansk, calling them fabricated."
    )
    statements = {}
    for rep in (first, copy):
        attribution, allegations = statement(
            rep, "Arkady Dobrynets", CLAIM, "said", ("torture", "extortion")
        )
        statements[rep.id] = ([attribution], allegations)
    attribution, _ = statement(
        denial, "Iryna Halchenko", "the claims about Sloviansk, calling them fabricated", "denied"
    )
    statements[denial.id] = ([attribution], [])
    linked = link(
        [first, copy, denial],
        statements,
        {r.id: {"Sloviansk"} for r in (first, copy, denial)},
        places_in=named_in,
    )
    [incident] = linked.incidents
    assert incident.report_stances == {
        first.id: "supports",
        copy.id: "supports",
        denial.id: "denies",
    }
    assert linked.copies[copy.id].origin_id == first.id


def test_statements_without_a_cue_or_with_an_empty_cue_are_linked() -> None:
    rep = report("n.txt", f"Residents said {CLAIM}.")
    for cue in (None, ""):
        attribution, allegations = statement(rep, "Witness S-1", CLAIM, cue, ("torture",))
        linked = link([rep], {rep.id: ([attribution], allegations)}, {rep.id: {"Sloviansk"}})
        assert linked.incidents[0].report_stances == {rep.id: "supports"}


def test_a_title_in_one_report_is_the_person_another_report_names() -> None:
    from corroborate.link.speakers import unify_speakers

    named = Attribution(
        "r1",
        Speaker(Span(0, 4, "Name"), "Arkady Dobrynets", "Colonel General; head of the centre"),
        None,
        Span(0, 1, "x"),
        False,
    )
    titled = Attribution(
        "r2",
        Speaker(Span(0, 4, "the colonel general"), "colonel general"),
        None,
        Span(0, 1, "y"),
        False,
    )
    unified = unify_speakers({"r1": ([named], []), "r2": ([titled], [])})
    assert unified["r2"][0][0].speaker.canonical == "Arkady Dobrynets"


def statements_of(incident: Incident) -> list[tuple[str, str]]:
    return [(s.attribution.speaker.canonical, s.stance) for s in incident.statements]


def test_a_denial_that_names_the_violation_is_one_denial_not_a_counter_accusation() -> None:
    """Regression: "denied that anyone was tortured" carries an allegation of its own; it
    was counted once as a denial and again as a counter-accusation, its speaker taken for
    an accuser because her own denial named a violation."""
    claim = report("a.txt", f"Dobrynets said {CLAIM}.")
    denied = "that anyone was tortured in Sloviansk, calling the claims fabricated"
    denial = report("b.txt", f"Halchenko denied {denied}.")
    said, alleged = statement(claim, "Arkady Dobrynets", CLAIM, "said", ("torture",))
    rejected, named = statement(denial, "Iryna Halchenko", denied, "denied", ("torture",))
    linked = link(
        [claim, denial],
        {claim.id: ([said], alleged), denial.id: ([rejected], named)},
        {claim.id: {"Sloviansk"}, denial.id: {"Sloviansk"}},
    )
    [incident] = linked.incidents
    assert statements_of(incident) == [
        ("Arkady Dobrynets", "supports"),
        ("Iryna Halchenko", "denies"),
    ]
    assert incident.report_stances == {claim.id: "supports", denial.id: "denies"}


def test_a_denial_beside_an_accusation_of_another_act_is_a_denial() -> None:
    """Her accusation is of shelling, not of the torture she denies: not the same act, so
    no counter-accusation of this charge, and an incident of its own."""
    claim = report("a.txt", f"Dobrynets said {CLAIM}.")
    denied = "the claims about Sloviansk"
    blamed = "that the Coalition shelled houses in Sloviansk"
    denial = report("b.txt", f"Halchenko rejected {denied}. She said {blamed}.")
    said, alleged = statement(claim, "Arkady Dobrynets", CLAIM, "said", ("torture",))
    rejected, _ = statement(denial, "Iryna Halchenko", denied, "rejected")
    accuses, accusation = statement(
        denial, "Iryna Halchenko", blamed, "said", ("attack_on_civilians",)
    )
    linked = link(
        [claim, denial],
        {claim.id: ([said], alleged), denial.id: ([rejected, accuses], accusation)},
        {claim.id: {"Sloviansk"}, denial.id: {"Sloviansk"}},
        places_in=named_in,
    )
    # the incidents in any order: link orders them by nothing but their reports' content
    assert sorted(statements_of(i) for i in linked.incidents) == [
        [("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "denies")],
        [("Iryna Halchenko", "supports")],
    ]


KRAMATORSK = Place("Kramatorsk", "Kramatorsk", 48.72, 37.56, "UA", "Donetsk Oblast")


def alleging(
    rep: Report,
    content: str,
    *,
    types: tuple[str, ...] = ("arbitrary_detention",),
    place: Place | None = None,
    time: str | None = None,
    perpetrator: str | None = None,
    speaker: str = "Arkady Dobrynets",
    cue: str | None = "said",
) -> tuple[Attribution, Allegation]:
    """One attribution of ``rep`` and the allegation it carries."""
    start = rep.text.index(content)
    attribution = Attribution(
        rep.id,
        Speaker(Span(0, len(speaker), speaker), speaker),
        Span(0, len(cue), cue) if cue is not None else None,
        Span(start, start + len(content), content),
        False,
    )
    allegation = Allegation(
        attribution.id,
        types,
        perpetrator=Span(0, len(perpetrator), perpetrator) if perpetrator else None,
        place=place,
        time=TimeRef(Span(0, 4, "then"), time) if time else None,
    )
    return attribution, allegation


# round figures for the worked examples: a statement's words count 8 x their Jaccard, the
# report's other words nothing
WORKED = Weights(words=8.0, context=0.0)


def incidents_of(*pairs: tuple[Report, tuple[Attribution, Allegation]]) -> list[list[str]]:
    """Link one alleging statement per report; each incident as its reports' names, sorted
    (linking takes reports by id, not in the order given)."""
    reports = [rep for rep, _ in pairs]
    statements = {rep.id: ([a], [g]) for rep, (a, g) in pairs}
    linked = link(reports, statements, {}, weights=WORKED)
    name = {rep.id: rep.source_name for rep in reports}
    return sorted(sorted(name[s.report_id] for s in i.statements) for i in linked.incidents)


def twins(content: str, published: str = "2022-04-12") -> tuple[Report, Report]:
    """Two reports (two texts, so two ids) of the same statement."""
    return (
        report("a.txt", f"Dobrynets said {content}.", published),
        report("b.txt", f"Dobrynets said on Monday {content}.", published),
    )


def test_the_same_words_at_two_places_of_one_region_are_two_incidents() -> None:
    """Type, day and words agree (1 + 0.5 + 8), but the places differ: never compared,
    though both lie in one region."""
    content = "soldiers detained farmers near the granary at dawn"
    a, b = twins(content)
    assert incidents_of(
        (a, alleging(a, content, place=SLOVIANSK)), (b, alleging(b, content, place=KRAMATORSK))
    ) == [["a.txt"], ["b.txt"]]


def test_allegations_without_a_place_link_by_their_words() -> None:
    """No place, no day: type 1 + 8 x Jaccard 1 of the same words."""
    content = "soldiers detained farmers near the granary at dawn"
    a, b = twins(content, published="")
    assert incidents_of((a, alleging(a, content)), (b, alleging(b, content))) == [
        ["a.txt", "b.txt"]
    ]


def test_shared_stopwords_are_no_evidence() -> None:
    """{raid, happen} and {convoy, pass}: nothing shared once "they said that … would" is
    left out, so 1 for the type alone."""
    a_text, b_text = "they said that the raid would happen", "they said that the convoy would pass"
    a = report("a.txt", f"Dobrynets said {a_text}.", published="")
    b = report("b.txt", f"Dobrynets said {b_text}.", published="")
    assert incidents_of((a, alleging(a, a_text)), (b, alleging(b, b_text))) == [
        ["a.txt"],
        ["b.txt"],
    ]


def test_the_allegation_day_decides_before_the_publication_day() -> None:
    """Same place and type, both published the same day, but alleged 40 days apart: beyond
    the 7-day span, never one incident."""
    a = report("a.txt", "Dobrynets said guards beat detainees.")
    b = report("b.txt", "Dobrynets said a convoy was stopped.")
    assert incidents_of(
        (a, alleging(a, "guards beat detainees", place=SLOVIANSK, time="2022-03-01")),
        (b, alleging(b, "a convoy was stopped", place=SLOVIANSK, time="2022-04-10")),
    ) == [["a.txt"], ["b.txt"]]


def test_a_publication_day_is_no_event_day() -> None:
    """Undated allegations told 40 days apart: same place and type (2), one incident, for
    an event may be reported weeks later. An event dated after the other report was
    published is not the one that report told of."""
    texts = ("Dobrynets said guards beat detainees.", "Dobrynets said a convoy was stopped.")
    contents = ("guards beat detainees", "a convoy was stopped")
    days = ("2022-03-01T09:30:00", "2022-04-10T09:30:00")
    a, b = (report(n, t, d) for n, t, d in zip(("a.txt", "b.txt"), texts, days, strict=True))
    undated = [(r, alleging(r, c, place=SLOVIANSK)) for r, c in zip((a, b), contents, strict=True)]
    assert incidents_of(*undated) == [["a.txt", "b.txt"]]
    later = (b, alleging(b, contents[1], place=SLOVIANSK, time="2022-04-09"))
    assert incidents_of(undated[0], later) == [["a.txt"], ["b.txt"]]


def test_undated_allegations_told_months_apart_are_two_incidents() -> None:
    """Undated allegations of one place and type told 90 days apart, or one told 90 days
    after the other's event day: a report tells of an event at most ``told_days`` (60) after
    it, so these cannot be one event. The publication day bounds the event, never dates it:
    told 40 days apart they still link (above)."""
    texts = ("Dobrynets said guards beat detainees.", "Dobrynets said a convoy was stopped.")
    contents = ("guards beat detainees", "a convoy was stopped")
    days = ("2022-01-10", "2022-04-10")
    a, b = (report(n, t, d) for n, t, d in zip(("a.txt", "b.txt"), texts, days, strict=True))
    undated = [(r, alleging(r, c, place=SLOVIANSK)) for r, c in zip((a, b), contents, strict=True)]
    assert incidents_of(*undated) == [["a.txt"], ["b.txt"]]
    dated = (a, alleging(a, contents[0], place=SLOVIANSK, time="2022-01-08"))
    assert incidents_of(dated, undated[1]) == [["a.txt"], ["b.txt"]]
    soon = report("b.txt", texts[1], "2022-02-20")
    assert incidents_of(dated, (soon, alleging(soon, contents[1], place=SLOVIANSK))) == [
        ["a.txt", "b.txt"]
    ]


ACTOR_TEXTS = (
    "soldiers detained farmers near granary yesterday",  # 6 words of four letters or more
    "soldiers questioned drivers outside checkpoint",  # 5; one shared: Jaccard 1/10
)


def test_a_shared_perpetrator_adds_the_evidence_that_links() -> None:
    """No place and no day: type 1 + 8 x 1/10 = 1.8, under 2; the same perpetrator's
    words add 0.25: 2.05."""
    a = report("a.txt", f"Dobrynets said {ACTOR_TEXTS[0]}.", published="")
    b = report("b.txt", f"Dobrynets said {ACTOR_TEXTS[1]}.", published="")
    named = [
        (r, alleging(r, c, perpetrator="the guard battalion"))
        for r, c in zip((a, b), ACTOR_TEXTS, strict=True)
    ]
    unnamed = [(r, alleging(r, c)) for r, c in zip((a, b), ACTOR_TEXTS, strict=True)]
    assert incidents_of(*named) == [["a.txt", "b.txt"]]
    assert incidents_of(*unnamed) == [["a.txt"], ["b.txt"]]


def test_perpetrators_of_different_parties_are_different_incidents() -> None:
    content = "soldiers detained farmers near the granary at dawn"
    a, b = twins(content)
    assert incidents_of(
        (a, alleging(a, content, place=SLOVIANSK, perpetrator="Republic soldiers")),
        (b, alleging(b, content, place=SLOVIANSK, perpetrator="Northern Coalition soldiers")),
    ) == [["a.txt"], ["b.txt"]]


def test_a_statement_supports_unless_a_denial_verb_introduces_it() -> None:
    """ "denied access to lawyers", after "said", alleges; "rejected that …" denies, even
    with no refuting word of its own. Each statement keeps its allegation."""
    alleged = "detainees were denied access to lawyers"
    rejected = "that detainees were tortured in Sloviansk"
    a = report("a.txt", f"Dobrynets said {alleged}.")
    b = report("b.txt", f"Halchenko rejected {rejected}.")
    said_a, allegation_a = alleging(a, alleged, types=("torture",), place=SLOVIANSK)
    denied_b, allegation_b = alleging(
        b, rejected, types=("torture",), place=SLOVIANSK, speaker="Iryna Halchenko", cue="rejected"
    )
    linked = link(
        [a, b],
        {a.id: ([said_a], [allegation_a]), b.id: ([denied_b], [allegation_b])},
        {a.id: {"Sloviansk"}, b.id: {"Sloviansk"}},
    )
    [incident] = linked.incidents
    assert [(s.stance, s.allegation) for s in incident.statements] == [
        ("supports", allegation_a),
        ("denies", allegation_b),
    ]


DENIAL_TEXT = "Halchenko rejected the torture claims. She spoke at noon."


def denial_case(
    *extra: Attribution, named: frozenset[str] | set[str] | None = frozenset({"Sloviansk"})
) -> list[list[tuple[str, str]]]:
    """A claim at Sloviansk, and a report naming ``named`` places (None: not in the
    report places at all) in which Halchenko rejects the claims after ``extra``."""
    claim = report("a.txt", f"Dobrynets said {CLAIM}.")
    said, alleged = statement(claim, "Arkady Dobrynets", CLAIM, "said", ("torture",))
    denial = report("b.txt", DENIAL_TEXT)
    rejected, _ = statement(denial, "Iryna Halchenko", "the torture claims", "rejected")
    atts = [replace(e, report_id=denial.id) for e in extra] + [rejected]
    places = {claim.id: {"Sloviansk"}}
    if named is not None:
        places[denial.id] = set(named)
    linked = link([claim, denial], {claim.id: ([said], alleged), denial.id: (atts, [])}, places)
    return [statements_of(i) for i in linked.incidents]


def halchenko(content: str, cue: str | None) -> Attribution:
    start = DENIAL_TEXT.index(content)
    return Attribution(
        "",
        Speaker(Span(0, 9, "Halchenko"), "Iryna Halchenko"),
        Span(0, len(cue), cue) if cue is not None else None,
        Span(start, start + len(content), content),
        False,
    )


def test_a_statement_alleging_nothing_does_not_make_a_denier_an_accuser() -> None:
    assert denial_case(halchenko("She spoke at noon", "said")) == [
        [("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "denies")]
    ]


def test_a_continuation_before_a_denial_does_not_hide_it() -> None:
    assert denial_case(halchenko("She spoke at noon", None)) == [
        [("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "denies")]
    ]


def test_a_denial_in_a_report_naming_no_place_or_two_places_attaches_nowhere() -> None:
    alone = [[("Arkady Dobrynets", "supports")]]
    assert denial_case() == [[("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "denies")]]
    assert denial_case(named=None) == alone
    assert denial_case(named=set()) == alone
    assert denial_case(named={"Sloviansk", "Kramatorsk"}) == alone
    assert denial_case(named={"Lyman"}) == alone  # no incident there


def test_a_denial_attaches_at_the_places_its_own_words_name() -> None:
    """The report names two places; the denial's words name one: it attaches there only."""
    first = report("a.txt", f"Dobrynets said {CLAIM}.")
    said, alleged = statement(first, "Arkady Dobrynets", CLAIM, "said", ("torture",))
    other = "that fighters looted shops in Kramatorsk"
    second = report("c.txt", f"Dobrynets said {other}.")
    said_other, alleged_other = alleging(second, other, types=("looting",), place=KRAMATORSK)
    text = "Halchenko rejected the claims about Kramatorsk. Sloviansk was calm."
    denial = report("b.txt", text)
    rejected, _ = statement(denial, "Iryna Halchenko", "the claims about Kramatorsk", "rejected")
    linked = link(
        [first, second, denial],
        {
            first.id: ([said], alleged),
            second.id: ([said_other], [alleged_other]),
            denial.id: ([rejected], []),
        },
        {
            first.id: {"Sloviansk"},
            second.id: {"Kramatorsk"},
            denial.id: {"Sloviansk", "Kramatorsk"},
        },
        places_in=lambda text: {p for p in ("Sloviansk", "Kramatorsk") if p in text},
    )
    assert sorted(statements_of(i) for i in linked.incidents) == [
        [("Arkady Dobrynets", "supports")],
        [("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "denies")],
    ]


@pytest.mark.parametrize(
    ("stances", "expected"),
    [
        ({"supports"}, "supports"),
        ({"denies"}, "denies"),
        ({"counter_accuses"}, "counter_accuses"),
        ({"denies", "counter_accuses"}, "counter_accuses"),
        ({"supports", "denies"}, "neutral"),  # a report carrying both sides
        ({"supports", "counter_accuses"}, "neutral"),
        ({"neutral"}, "neutral"),
        (set(), "neutral"),
    ],
)
def test_a_report_stance_combines_its_statements(stances: set[str], expected: str) -> None:
    assert _combine(stances) == expected


@pytest.mark.parametrize(
    ("cue", "expected"),
    [("flatly denied", True), ("rejected", True), ("said", False), ("", False), (None, False)],
)
def test_denial_cue_reads_the_last_word_of_the_cue(cue: str | None, expected: bool) -> None:
    rep = report("a.txt", f"Halchenko {cue} the claims.")
    attribution, _ = statement(rep, "Iryna Halchenko", "the claims", cue)
    assert denial_cue(attribution) is expected


def test_the_earliest_published_report_is_the_origin_whatever_the_input_order() -> None:
    later = report("late.txt", f"Dobrynets said {CLAIM}. " * 3, "2022-04-14")
    earlier = report("early.txt", f"Dobrynets said {CLAIM}. " * 3 + "More.", "2022-04-12")
    linked = link([later, earlier], {}, {})
    assert {k: c.origin_id for k, c in linked.copies.items()} == {later.id: earlier.id}


def test_the_charge_is_worded_by_its_first_accuser_never_by_the_accused() -> None:
    from corroborate.link.answer import Voice
    from corroborate.link.assemble import _claim

    coalition, republic = "Northern Coalition", "Republic"
    voices = [
        Voice("the Republic shelled it", speaker_party=coalition, blamed=coalition),
        Voice("the market was hit by shells"),  # blames no one
        Voice("Coalition shells hit the market", speaker_party=republic, blamed=coalition),
        Voice("the Coalition fired again", named=coalition),
    ]
    assert _claim(voices, coalition) == "Coalition shells hit the market"
    assert _claim(voices, None) == ""
    assert _claim(voices[:2], coalition) == ""


def test_linking_tells_each_of_its_five_steps_as_it_ends() -> None:
    rep = report("n.txt", f"Residents said {CLAIM}.")
    attribution, allegations = statement(rep, "Witness S-1", CLAIM, "said", ("torture",))
    told: list[tuple[int, int]] = []
    linked = link(
        [rep],
        {rep.id: ([attribution], allegations)},
        {rep.id: {"Sloviansk"}},
        step=lambda done, total: told.append((done, total)),
    )
    assert told == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
    assert list(linked.features) == [rep.id]  # the report's features, for a later run
