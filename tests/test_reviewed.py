"""Reviews laid over a run's linking (``reviewed.py``), with every expected value written out:
corrected statements, the speaker decisions grading reads, verdicts, wire copies marked and
unmarked, merges, splits and moves, and the groups a caller picks."""

from __future__ import annotations

from corroborate.model import (
    Allegation,
    Copy,
    Linked,
    Place,
    ReviewEvent,
    Span,
    Stance,
    Statement,
    TimeRef,
)
from corroborate.review import Overlay
from corroborate.reviewed import Reviewed
from tests.linked import attribution, one_incident, speaker

AT = "2026-11-30T10:00:00+00:00"
KHARKIV = Place("Kharkiv", "Kharkiv")


def said(report: str, name: str, content: str, stance: Stance = Stance.SUPPORTS) -> Statement:
    made = attribution(
        report, speaker(name, affiliation="Republic", unresolved=True), content, start=10
    )
    alleged = Allegation(made.id, ("shelling",), place=KHARKIV)
    return Statement(report, made, stance, alleged if stance == "supports" else None, 0.8)


MAYOR = said("r1", "the mayor", "the school was shelled")
MONITOR = said("r2", "the monitor", "the school was shelled on Monday")
ARMY = said("r3", "the army", "no school was shelled", Stance.DENIES)
WITNESS = said("r4", "a witness", "the market burned")


def linked(copies: dict[str, Copy] | None = None) -> Linked:
    return Linked(copies or {}, [one_incident([MAYOR, MONITOR, ARMY]), one_incident([WITNESS])])


def event(action: str, target: str, seq: int, **payload: str) -> ReviewEvent:
    return ReviewEvent("analyst", action, target, AT, tuple(payload.items()), "", seq)


def reviewed(*events: ReviewEvent, copies: dict[str, Copy] | None = None) -> Reviewed:
    return Reviewed(Overlay(events), linked(copies), {"r1", "r2", "r3", "r4"})


def keys(*statements: Statement) -> str:
    return " ".join(s.attribution.key for s in statements)


def test_without_reviews_the_machine_s_incidents_stand_untouched() -> None:
    machine = linked()
    view = Reviewed(Overlay(()), machine, {"r1"})
    assert view.linked is machine
    assert [g.keys for g in view.groups] == [
        [MAYOR.attribution.key, MONITOR.attribution.key, ARMY.attribution.key],
        [WITNESS.attribution.key],
    ]
    assert [v.incident for v in view.views] == machine.incidents


def test_corrections_replace_each_field_they_name() -> None:
    target = MAYOR.attribution.key
    view = reviewed(
        event("correct_speaker", target, 1, value="Mayor Olena Marchenko"),
        event("correct_stance", target, 2, value="neutral"),
        event("correct_types", target, 3, value="shelling,killing"),
        event("correct_place", target, 4, value="Chuhuiv"),
        event("correct_time", target, 5, value="2022-05-02"),
    )
    corrected = view.views[0].incident.statements[0]
    speaker = corrected.attribution.speaker
    assert (speaker.canonical, speaker.affiliation, speaker.unresolved) == (
        "Mayor Olena Marchenko",
        None,
        False,
    )
    assert speaker.span == MAYOR.attribution.speaker.span
    assert (corrected.stance, corrected.stance_certainty) == ("neutral", None)
    assert corrected.allegation == Allegation(
        MAYOR.attribution.id,
        ("shelling", "killing"),
        place=Place("Chuhuiv", "Chuhuiv"),
        time=TimeRef(Span(0, 0, "2022-05-02"), "2022-05-02"),
    )
    assert view.views[0].incident.report_stances["r1"] == "neutral"
    # the others keep the machine's statement, its certainty included
    assert view.views[0].incident.statements[1:] == [MONITOR, ARMY]


def test_a_place_or_time_alone_keeps_the_other_fields_and_a_denial_gains_an_allegation() -> None:
    view = reviewed(
        event("correct_place", MAYOR.attribution.key, 1, value="Chuhuiv"),
        event("correct_time", ARMY.attribution.key, 2, value="2022-05-02"),
    )
    mayor, _, army = view.views[0].incident.statements
    assert mayor.allegation == Allegation(
        MAYOR.attribution.id, ("shelling",), place=Place("Chuhuiv", "Chuhuiv")
    )
    assert army.allegation == Allegation(
        ARMY.attribution.id, (), time=TimeRef(Span(0, 0, "2022-05-02"), "2022-05-02")
    )
    assert (army.stance, army.stance_certainty) == ("denies", 0.8)


def test_speaker_decisions_are_the_party_and_kind_an_analyst_set() -> None:
    view = reviewed(
        event("correct_party", MAYOR.attribution.key, 1, value="Republic"),
        event("correct_kind", MONITOR.attribution.key, 2, value="independent"),
    )
    assert view.speaker_decisions(MAYOR) == ("Republic", None)
    assert view.speaker_decisions(MONITOR) == (None, "independent")
    assert view.speaker_decisions(ARMY) == (None, None)


def test_a_rejected_statement_is_set_aside_and_leaves_the_incident() -> None:
    view = reviewed(event("reject", ARMY.attribution.key, 1))
    first = view.views[0]
    assert first.incident.statements == [MAYOR, MONITOR]
    assert first.rejected == [ARMY]
    assert first.incident.report_stances == {"r1": "supports", "r2": "supports"}
    assert [s.allegation for s in first.incident.statements] == first.incident.allegations


def test_wire_copies_marked_and_unmarked_by_analysts() -> None:
    machine = {"r2": Copy("r2", "r1", 0.9, 0.95), "r4": Copy("r4", "r1", 0.8, 0.9)}
    view = reviewed(
        event("mark_copy", "r3", 1, value="r1"),
        event("unmark_copy", "r2", 2),
        event("mark_copy", "r4", 3, value="r9"),  # an origin outside the run: the machine's
        copies=machine,
    )
    assert view.linked.copies == {
        "r3": Copy("r3", "r1", 0.0, 0.0),
        "r4": Copy("r4", "r1", 0.8, 0.9),
    }
    # a report outside the run is not marked
    outside = Reviewed(Overlay((event("mark_copy", "r7", 1, value="r1"),)), linked(), {"r1"})
    assert outside.linked.copies == {}


def test_a_merge_joins_incidents_and_a_split_and_a_move_part_them() -> None:
    merged = reviewed(
        event("merge", "incident", 1, kind="incident", statements=keys(MAYOR), other=keys(WITNESS))
    )
    assert [v.incident.statements for v in merged.views] == [[MAYOR, MONITOR, ARMY, WITNESS]]
    split = reviewed(
        event("split", "incident", 1, kind="incident", statements=keys(MAYOR), part=keys(ARMY))
    )
    assert [v.incident.statements for v in split.views] == [[MAYOR, MONITOR], [WITNESS], [ARMY]]
    moved = reviewed(
        event("move", MONITOR.attribution.key, 1, kind="statement", statements=keys(WITNESS))
    )
    # the machine's order, incident by incident
    assert [v.incident.statements for v in moved.views] == [[MAYOR, ARMY], [WITNESS, MONITOR]]


def test_a_statement_in_two_incidents_is_taken_from_the_one_sharing_most_with_the_group() -> None:
    """The mayor's statement alleges a shelling and a killing, one in each machine incident;
    each review group takes it from the incident it shares most with."""
    killing = Allegation(MAYOR.attribution.id, ("killing",))
    mayor_killing = Statement("r1", MAYOR.attribution, Stance.SUPPORTS, killing, 0.8)
    twice = Linked({}, [one_incident([MAYOR]), one_incident([WITNESS, mayor_killing])])
    view = Reviewed(Overlay((event("reject", ARMY.attribution.key, 1),)), twice, {"r1", "r4"})
    assert [v.incident.statements for v in view.views] == [[MAYOR], [WITNESS, mayor_killing]]
    assert view.views[1].incident.allegations == [WITNESS.allegation, killing]


def test_groups_a_caller_does_not_want_are_formed_and_set_aside() -> None:
    view = Reviewed(
        Overlay(()), linked(), {"r1", "r2", "r3", "r4"}, wanted=lambda g: len(g.keys) == 1
    )
    assert [v.incident.statements for v in view.views] == [[WITNESS]]
    assert [g.keys for g in view.skipped] == [[k.attribution.key for k in (MAYOR, MONITOR, ARMY)]]
    assert view.linked.incidents == [view.views[0].incident]


def test_a_correction_of_the_types_alone_keeps_place_and_time() -> None:
    view = reviewed(event("correct_types", MAYOR.attribution.key, 1, value="killing"))
    corrected = view.views[0].incident.statements[0]
    assert corrected.allegation == Allegation(MAYOR.attribution.id, ("killing",), place=KHARKIV)


def test_unmarking_a_report_the_machine_never_called_a_copy_changes_nothing() -> None:
    machine = {"r2": Copy("r2", "r1", 0.9, 0.95)}
    view = reviewed(event("unmark_copy", "r3", 1), copies=machine)
    assert view.linked.copies == machine


def test_statement_and_report_decisions_found_in_the_run_are_not_orphaned() -> None:
    overlay = Overlay(
        (
            event("confirm", MAYOR.attribution.key, 1, kind="statement"),
            event("mark_copy", "r3", 2, kind="report", value="r1"),
            event("confirm", "no such statement", 3, kind="statement"),
            event("mark_copy", "r8", 4, kind="report", value="r1"),
        )
    )
    Reviewed(overlay, linked(), {"r1", "r2", "r3", "r4"})
    assert [e.seq for e in overlay.orphaned()] == [3, 4]
