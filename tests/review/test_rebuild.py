"""A re-grading after a review builds only the incidents the review touches, and what it
gives equals a full build with every review (``results.build_incidents``), after each of a
sequence of reviews: corrections, a merge, a status, a split, a move, a rejection and a
wire copy marked."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from corroborate import pipeline, results
from corroborate.export.pseudonyms import for_store
from corroborate.export.results import IncidentJSON, ReviewsJSON, RunResults
from corroborate.results import build_incidents, reviews_summary
from corroborate.review import Decision, Overlay, decide, reviews
from corroborate.review.sources import corrected
from corroborate.store import Store
from corroborate.store.runs import latest_run
from corroborate.taxonomy.registry import layered, registry
from tests.review.conftest import Analyse, incident, statement
from tests.review.test_overlay_runs import GOVERNOR

IZIUM = "Torture or ill-treatment at Izium"
KHARKIV = "Attack on civilians or civilian objects at Kharkiv"


def full_build(store: Store) -> tuple[list[IncidentJSON], ReviewsJSON]:
    """Every incident built again with every review, as a run grades."""
    head = latest_run(store)
    assert head is not None
    found = pipeline._indexed(store, head.base)
    assert found is not None
    linked, index = found
    made = reviews(store)
    sources, corrected_sources = corrected(registry(), made)
    overlay = Overlay(made)
    overlay.applied |= corrected_sources
    reports = [r for r in map(store.report, sorted(index.report_ids)) if r is not None]
    with layered(sources):
        built = build_incidents(reports, linked, overlay)
    shared = for_store(store)
    return [shared.apply(i) for i in built], reviews_summary(overlay)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The ids of the incidents each re-grading builds."""
    built: list[str] = []
    make = results._incident

    def counting(*args: Any) -> IncidentJSON:
        found = make(*args)
        built.append(found["id"])
        return found

    monkeypatch.setattr(results, "_incident", counting)
    return built


def holding(found: RunResults, statement_id: str) -> IncidentJSON:
    return next(i for i in found["incidents"] if statement_id in {s["id"] for s in i["statements"]})


def test_each_regrade_equals_a_full_build(
    store: Store, analyse: Analyse, counted: list[str]
) -> None:
    first = analyse()
    izium, kharkiv = incident(first, IZIUM), incident(first, KHARKIV)
    governor = next(i for i in first["incidents"] if i["label"].startswith(GOVERNOR))
    monitor = statement(first, "Donbas Monitor Group", IZIUM)["id"]
    told = str(governor["statements"][0]["id"])  # the governor's statement
    ngo = str(kharkiv["statements"][0]["id"])  # the NGO's on Kharkiv
    first_izium, second_izium = (str(s["id"]) for s in izium["statements"][:2])
    copy, original = list(dict.fromkeys(s["report_id"] for s in izium["statements"]))[-2:]
    # each step names its incidents by a statement they hold: their ids change with reviews
    steps: list[Callable[[RunResults], Decision]] = [
        lambda _: Decision("correct_stance", monitor, "denies"),
        lambda r: Decision("merge", holding(r, ngo)["id"], other=holding(r, told)["id"]),
        lambda r: Decision("status", holding(r, monitor)["id"], "reviewed"),
        lambda r: Decision("split", holding(r, ngo)["id"], part=(told,)),
        lambda r: Decision("move", told, other=holding(r, ngo)["id"]),
        lambda _: Decision("reject", first_izium),
        lambda _: Decision("correct_speaker", second_izium, "a resident"),
        lambda _: Decision("mark_copy", copy, other=original),
    ]
    for step in steps:
        head = latest_run(store)
        assert head is not None
        written = decide(store, step(head.results), actor="analyst", reason="checked")
        if written.action == "status":  # the service re-grades on the next other review
            continue
        counted.clear()
        regraded = pipeline.regrade(store, actor="analyst", review=written)
        assert regraded is not None
        assert 0 < len(counted) < len(regraded["incidents"]) + 1
        incidents, summary = full_build(store)
        assert regraded["incidents"] == incidents, written.action
        assert regraded["reviews"] == summary, written.action
        head = latest_run(store)
        assert head is not None and head.results["incidents"] == incidents
    assert summary["orphaned"] == [] and summary["applied"] == len(steps)


def test_a_correction_builds_only_its_incident(
    store: Store, analyse: Analyse, counted: list[str]
) -> None:
    first = analyse()
    monitor = statement(first, "Donbas Monitor Group", IZIUM)["id"]
    written = decide(store, Decision("correct_stance", monitor, "denies"), actor="a")
    counted.clear()
    regraded = pipeline.regrade(store, actor="a", review=written)
    assert regraded is not None and len(regraded["incidents"]) >= 3
    assert counted == [incident(regraded, IZIUM)["id"]]
