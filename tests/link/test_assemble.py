"""Linking extracted statements: incidents, attached denials, report stances, copies."""

from __future__ import annotations

from corroborate.ids import digest_bytes
from corroborate.link.assemble import IncidentLinks, link
from corroborate.model import Allegation, Attribution, Place, Report, Span, Speaker

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
        [first, copy, denial], statements, {r.id: {"Sloviansk"} for r in (first, copy, denial)}
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


def statements_of(incident: IncidentLinks) -> list[tuple[str, str]]:
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


def test_a_denial_beside_an_allegation_of_the_same_speaker_counter_accuses() -> None:
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
    )
    assert [statements_of(i) for i in linked.incidents] == [
        [("Arkady Dobrynets", "supports"), ("Iryna Halchenko", "counter_accuses")],
        [("Iryna Halchenko", "supports")],
    ]
