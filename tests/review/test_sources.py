"""Corrections of the source registry: checked and versioned like every review, laid over the
registry at the next run (never written to the shipped YAML), orphaned when the source is
gone, and refused by ``decide`` (they carry fields, not one value)."""

from __future__ import annotations

import pytest

from corroborate.errors import ReviewConflict
from corroborate.model import ReviewEvent
from corroborate.review import Decision, decide, reviews
from corroborate.review.ledger import write
from corroborate.review.sources import (
    correct_source,
    corrected,
    source_history,
    source_version,
)
from corroborate.store import Store
from corroborate.taxonomy.registry import Registry, layered, registry
from corroborate.taxonomy.source_entries import Source
from tests.review.conftest import Analyse, incident

MONITOR = "Donbas Monitor Group"
KHARKIV = "Attack on civilians or civilian objects at Kharkiv"


def test_a_correction_is_checked_and_versioned(store: Store) -> None:
    shown = registry()
    values = {"kind": "ngo", "country": "", "party": "Republic"}
    assert source_version(store, MONITOR) == 0
    first = correct_source(store, shown, MONITOR, values, actor="o", reason="its own", expected=0)
    assert first.target == "source:Donbas Monitor Group"
    assert dict(first.payload) == {"kind": "source", "set_party": "Republic", "was_party": ""}
    assert source_version(store, MONITOR) == first.seq
    with pytest.raises(ReviewConflict, match=r"\[R001\]"):
        correct_source(
            store, shown, MONITOR, {**values, "kind": "media"}, actor="p", reason="x", expected=0
        )
    assert [e.seq for e in source_history(store, MONITOR)] == [first.seq]


@pytest.mark.parametrize(
    ("name", "values", "reason", "message"),
    [
        ("No Such Outlet", {"kind": "media"}, "r", "no registered source has this name"),
        (MONITOR, {"kind": "blog"}, "r", "not a source kind"),
        (MONITOR, {"kind": "ngo", "country": "XX"}, "r", "a country is ISO 3166-1"),
        (MONITOR, {"kind": "ngo"}, "r", "the correction changes nothing"),
        (MONITOR, {"kind": "media"}, " ", "needs its reason"),
    ],
)
def test_a_bad_correction_is_refused_and_nothing_written(
    store: Store, name: str, values: dict[str, str], reason: str, message: str
) -> None:
    head = store.head()[0]
    with pytest.raises(ReviewConflict, match=rf"\[R002\].*{message}"):
        correct_source(store, registry(), name, values, actor="o", reason=reason)
    assert store.head()[0] == head


def test_corrections_are_laid_over_in_ledger_order() -> None:
    base = Registry({"Republic": ("Republic",)}, (Source("Kyiv Courier", "media", country="UA"),))

    def event(seq: int, name: str, **changes: str) -> ReviewEvent:
        payload = (("kind", "source"), *((f"set_{k}", v) for k, v in changes.items()))
        return ReviewEvent("o", "correct_source", f"source:{name}", "", payload, "r", seq)

    events = [
        event(3, "Kyiv Courier", kind="state_media", party="Republic"),
        event(5, "Kyiv Courier", party=""),
        event(7, "Gone Gazette", kind="media"),
        ReviewEvent("a", "confirm", "sha256:ab", "", (("kind", "statement"),), "", 8),
    ]
    found, applied = corrected(base, events)
    [source] = found.sources
    assert (source.kind, source.country, source.party) == ("state_media", "UA", None)
    assert applied == {3, 5}
    assert found.lookup("Kyiv Courier") is source
    assert base.sources[0].kind == "media"  # the shipped registry is untouched
    assert found.parties == base.parties
    with layered(found):
        assert registry() is found
    assert registry() is not found


def test_the_next_run_reads_the_corrected_registry(store: Store, analyse: Analyse) -> None:
    before = incident(analyse(), KHARKIV)
    assert [(o["kind"], o["party"]) for o in before["origins"]] == [("documentary", None)]
    assert (before["grade"]["reliability"], before["grade"]["credibility"]) == ("B", 3)
    values = {"kind": "ngo", "country": "", "party": "Republic"}
    correct_source(store, registry(), MONITOR, values, actor="o", reason="the Republic's")
    results = analyse()
    after = incident(results, KHARKIV)
    # by hand (docs/grading.md): a party's origin is reliability D, and with no independent
    # corroboration the credibility cannot be judged (6)
    assert [(o["kind"], o["party"]) for o in after["origins"]] == [("party", "Republic")]
    assert (after["grade"]["reliability"], after["grade"]["credibility"]) == ("D", 6)
    assert results["reviews"] == {"applied": 1, "orphaned": []}
    assert registry().lookup(MONITOR).party is None  # type: ignore[union-attr]


def test_a_correction_of_a_source_gone_is_orphaned(store: Store, analyse: Analyse) -> None:
    analyse()
    gone = ReviewEvent(
        "o",
        "correct_source",
        "source:Gone Gazette",
        "",
        (("kind", "source"), ("set_kind", "media")),
        "r",
    )
    written = write(store, gone)
    results = analyse()
    assert [o["seq"] for o in results["reviews"]["orphaned"]] == [written.seq]
    assert [r.seq for r in reviews(store)] == [written.seq]


def test_decide_refuses_a_source_correction(store: Store, analyse: Analyse) -> None:
    analyse()
    with pytest.raises(ReviewConflict, match=r"\[R005\]"):
        decide(store, Decision("correct_source", MONITOR, "media"), actor="o")
