"""Decisions checked against the latest run: targets by id or prefix, values from the
vocabulary, statuses in order, and stale versions refused (optimistic concurrency)."""

from __future__ import annotations

import threading

import pytest

from corroborate.errors import CorroborateError, NotFound, ReviewConflict
from corroborate.review import Decision, decide, target_version
from corroborate.store import Store, verify
from tests.review.conftest import Analyse, incident, statement

IZIUM = "Torture or ill-treatment at Izium"


def test_nothing_to_review_before_a_run(store: Store) -> None:
    with pytest.raises(NotFound, match=r"\[N003\]"):
        decide(store, Decision("confirm", "abcd"), actor="a")


def test_targets_by_id_or_unique_prefix_and_of_the_right_kind(
    store: Store, analyse: Analyse
) -> None:
    results = analyse()
    monitor = statement(results, "Donbas Monitor Group", IZIUM)
    event = decide(store, Decision("confirm", monitor["id"][7:19]), actor="a")
    assert event.target == monitor["id"] and event.get("kind") == "statement"
    with pytest.raises(NotFound, match=r"\[N006\] ffffffff: no statement of the latest run"):
        decide(store, Decision("confirm", "ffffffff"), actor="a")
    izium = incident(results, IZIUM)
    with pytest.raises(NotFound, match=r"\[N006\]"):
        decide(store, Decision("confirm", izium["id"]), actor="a")  # an incident, not a statement
    with pytest.raises(NotFound, match=r"\[N007\]"):
        decide(store, Decision("note", "sha256:", "any"), actor="a")  # every id starts so


@pytest.mark.parametrize(
    ("action", "value", "code"),
    [
        ("correct_stance", "maybe", "R002"),
        ("correct_types", "torture,nonsense", "R002"),
        ("correct_kind", "hero", "R002"),
        ("correct_time", "last spring", "R002"),
        ("correct_speaker", "  ", "R002"),
        ("correct_colour", "red", "R005"),
    ],
)
def test_values_outside_the_vocabulary_are_refused(
    store: Store, analyse: Analyse, action: str, value: str, code: str
) -> None:
    monitor = statement(analyse(), "Donbas Monitor Group", IZIUM)
    with pytest.raises(ReviewConflict, match=rf"\[{code}\]"):
        decide(store, Decision(action, monitor["id"], value), actor="a")
    assert target_version(store, monitor["id"]) == 0  # nothing written


def test_a_correction_records_the_value_it_replaces(store: Store, analyse: Analyse) -> None:
    results = analyse()
    monitor = statement(results, "Donbas Monitor Group", IZIUM)
    types = decide(store, Decision("correct_types", monitor["id"], "torture, killing"), actor="a")
    assert (types.get("value"), types.get("replaces")) == ("torture,killing", "torture")
    place = decide(store, Decision("correct_place", monitor["id"], "Balakliia"), actor="a")
    assert (place.get("value"), place.get("replaces")) == ("Balakliia", "Izium")
    kind = decide(store, Decision("correct_kind", monitor["id"], "independent"), actor="a")
    assert (kind.get("value"), kind.get("replaces")) == ("independent", "documentary")


def test_statuses_go_in_order(store: Store, analyse: Analyse) -> None:
    izium = incident(analyse(), IZIUM)
    with pytest.raises(ReviewConflict, match=r"\[R003\]"):
        decide(store, Decision("status", izium["id"], "published"), actor="a")
    decide(store, Decision("status", izium["id"], "reviewed"), actor="a")
    with pytest.raises(ReviewConflict, match=r"\[R003\]"):
        decide(store, Decision("status", izium["id"], "reviewed"), actor="a")
    decide(store, Decision("status", izium["id"], "published"), actor="a")
    back = decide(store, Decision("status", izium["id"], "draft"), actor="a")
    assert back.get("replaces") == "published"


def test_merges_and_splits_that_change_nothing_are_refused(store: Store, analyse: Analyse) -> None:
    izium = incident(analyse(), IZIUM)
    with pytest.raises(ReviewConflict, match=r"\[R004\]"):
        decide(store, Decision("merge", izium["id"], other=izium["id"]), actor="a")
    every = tuple(s["id"] for s in izium["statements"])
    with pytest.raises(ReviewConflict, match=r"\[R004\]"):
        decide(store, Decision("split", izium["id"], part=every), actor="a")


def test_a_stale_version_is_refused(store: Store, analyse: Analyse) -> None:
    monitor = statement(analyse(), "Donbas Monitor Group", IZIUM)["id"]
    seen = target_version(store, monitor)
    assert seen == 0
    first = decide(store, Decision("correct_stance", monitor, "denies"), actor="a", expected=seen)
    assert target_version(store, monitor) == first.seq
    with pytest.raises(ReviewConflict, match=r"\[R001\].*stale version 0: the latest is"):
        decide(store, Decision("correct_stance", monitor, "neutral"), actor="b", expected=seen)
    decide(store, Decision("confirm", monitor), actor="b", expected=first.seq)


def test_two_concurrent_edits_one_conflicts(store: Store, analyse: Analyse) -> None:
    """Two analysts who saw the same version write at the same moment: one wins."""
    monitor = statement(analyse(), "Donbas Monitor Group", IZIUM)["id"]
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(actor: str, stance: str) -> None:
        start.wait()
        try:
            decide(store, Decision("correct_stance", monitor, stance), actor=actor, expected=0)
            outcomes.append("written")
        except CorroborateError as error:
            outcomes.append(error.code)

    threads = [threading.Thread(target=edit, args=a) for a in (("a", "denies"), ("b", "neutral"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["R001", "written"]
    assert verify(store).ok
