"""5a. Review: analysts' decisions, appended to the evidence ledger and laid over every run.

1. ``decide`` checks a decision (confirm, reject, correct, wire copy, merge, split, move,
   status, note; ``taxonomy/reviews.yaml``) against the latest run and appends it as a
   ``review`` event, refusing a stale version with ``ReviewConflict`` (``ledger``)
2. ``Overlay`` replays the reviews on a new run's machine output, before grading; the
   pipeline (``results``) applies it, and lists the reviews whose targets are gone as
   orphaned (``overlay``)

This stage reads the store and the vocabulary only; it never imports extract, link or grade.
"""

from __future__ import annotations

from corroborate.errors import NotFound
from corroborate.model import ReviewEvent
from corroborate.review.decide import Decision, decide
from corroborate.review.ledger import history, reviews, target_version
from corroborate.review.overlay import Group, Overlay
from corroborate.review.targets import Targets, load_targets
from corroborate.store import Store
from corroborate.store.runs import latest_run

__all__ = [
    "Decision",
    "Group",
    "Overlay",
    "Targets",
    "decide",
    "history",
    "load_targets",
    "orphaned",
    "review_history",
    "reviews",
    "target_version",
]


def orphaned(store: Store) -> list[ReviewEvent]:
    """The reviews the latest run could not find a target for (none before any run)."""
    run = latest_run(store)
    if run is None:
        return []
    seqs = {o["seq"] for o in run.results.get("reviews", {}).get("orphaned", [])}
    return [r for r in reviews(store) if r.seq in seqs]


def review_history(store: Store, target: str) -> tuple[str, list[ReviewEvent]]:
    """``(full id, reviews)`` of a target named by id or prefix: one of the latest run, or
    one reviewed once that the run no longer has (an orphan's). An incident's history holds
    its statements' reviews and those of incidents they were in."""
    targets, found = load_targets(store), reviews(store)
    try:
        kind, full = targets.resolve(target)
    except NotFound:
        key = target if target.startswith("sha256:") else f"sha256:{target}"
        gone = {r.target for r in found if r.target.startswith(key)}
        if len(gone) != 1:
            raise
        [full] = gone
        return full, history(found, full)
    related = targets.statement_ids(full) if kind == "incident" else []
    return full, history(found, full, related)
