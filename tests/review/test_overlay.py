"""The overlay on its own: merges, splits and moves replayed on a run's incidents (given as
the stable ids of their statements), found again by the statements they held."""

from __future__ import annotations

from corroborate.model import ReviewEvent
from corroborate.review import Overlay
from corroborate.review.overlay import ids

MACHINE = [["a1", "a2", "a3"], ["b1", "b2"], ["c1"]]


def event(seq: int, action: str, target: str, **payload: str) -> ReviewEvent:
    pairs = tuple(sorted({"kind": _kind(action), **payload}.items()))
    return ReviewEvent("analyst", action, target, "2026-11-30T10:00:00+00:00", pairs, "", seq)


def _kind(action: str) -> str:
    return "incident" if action in ("merge", "split", "status") else "statement"


def merge(seq: int, one: list[str], other: list[str]) -> ReviewEvent:
    return event(seq, "merge", "incident-1", statements=" ".join(one), other=" ".join(other))


def keys(overlay: Overlay, machine: list[list[str]] = MACHINE) -> list[list[str]]:
    return [group.keys for group in overlay.regroup(machine)]


def test_no_reviews_leave_the_incidents_as_they_are() -> None:
    assert keys(Overlay(())) == MACHINE


def test_merge_then_split_gives_the_machine_incidents_back() -> None:
    merged = merge(1, ["a1", "a2", "a3"], ["b1", "b2"])
    split = event(2, "split", "incident-2", statements="a1 a2 a3 b1 b2", part="b1 b2")
    assert keys(Overlay([merged])) == [["a1", "a2", "a3", "b1", "b2"], ["c1"]]
    overlay = Overlay([merged, split])
    assert keys(overlay) == [["a1", "a2", "a3"], ["c1"], ["b1", "b2"]]
    assert overlay.orphaned() == []


def test_an_incident_is_found_by_most_of_its_statements() -> None:
    """A new run that lost a statement or gained one still finds the incident merged."""
    overlay = Overlay([merge(1, ["a1", "a2", "a3"], ["b1", "b2"])])
    assert keys(overlay, [["a1", "a2", "x9"], ["b2"], ["c1"]]) == [["a1", "a2", "x9", "b2"], ["c1"]]


def test_a_move_takes_the_statement_out_of_every_incident_it_was_in() -> None:
    moved = event(1, "move", "a3", statements="c1")
    assert keys(Overlay([moved])) == [["a1", "a2"], ["b1", "b2"], ["c1", "a3"]]
    gone = Overlay([moved])
    gone.regroup([["a1"], ["c1"]])
    assert gone.orphaned() == [moved]  # a3 is in no incident of this run


def test_decisions_whose_incidents_are_gone_are_orphaned() -> None:
    lost = merge(1, ["z1"], ["b1"])
    same = merge(2, ["a1"], ["a2"])  # both sides are one incident now: nothing to merge
    status = event(3, "status", "incident-9", statements="y1 y2", value="reviewed")
    overlay = Overlay([lost, same, status])
    assert keys(overlay) == MACHINE
    assert [e.seq for e in overlay.orphaned()] == [1, 2, 3]


def test_statement_decisions_count_where_the_run_has_their_target() -> None:
    here = event(1, "correct_stance", "a1", value="denies")
    gone = event(2, "confirm", "q7")
    overlay = Overlay([here, gone])
    overlay.mark_present({"a1", "a2"}, set())
    assert overlay.orphaned() == [gone]
    assert overlay.corrections("a1")["stance"].get("value") == "denies"
    assert overlay.verdict("q7") == "confirm"


def test_the_latest_decision_stands() -> None:
    overlay = Overlay(
        [
            event(1, "correct_stance", "a1", value="denies"),
            event(2, "reject", "a1"),
            event(3, "correct_stance", "a1", value="neutral"),
            event(4, "confirm", "a1"),
        ]
    )
    assert overlay.corrections("a1")["stance"].get("value") == "neutral"
    assert overlay.verdict("a1") == "confirm"


def test_the_words_say_what_was_decided_and_when() -> None:
    overlay = Overlay(
        [
            event(1, "correct_speaker", "a1", value="Someone"),
            event(2, "correct_speaker", "a2", value="Someone else"),
            event(3, "status", "incident-1", statements="a1 a2 a3", value="reviewed"),
            event(4, "note", "a3", value="private remark"),
            event(5, "correct_stance", "b1", value="denies"),
        ]
    )
    groups = overlay.regroup(MACHINE)
    overlay.mark_present({"a1", "a2", "a3", "b1"}, set())
    assert overlay.words(groups[0], set()) == (
        "Speaker corrected by an analyst on 2026-11-30 (2 times). "
        "Status set to reviewed by an analyst on 2026-11-30."
    )
    assert groups[0].status == "reviewed" and groups[1].status == "draft"


def test_ids_are_space_separated() -> None:
    assert ids("sha256:a sha256:b") == ["sha256:a", "sha256:b"] and ids("") == []
