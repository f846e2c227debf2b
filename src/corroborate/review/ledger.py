"""Reviews in the ledger: written as ``review`` events, read back as ``ReviewEvent``.

A review's ledger row has the target's stable id as subject and, as payload, the action
code, the reason, the target's kind and what was decided (``value``, the machine value it
``replaces``, the statements an incident held). The target's version is the seq of its
latest review (``store.events``), so a stale write is refused with ``ReviewConflict``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from corroborate.model import ReviewEvent
from corroborate.review.overlay import GROUPING
from corroborate.store import Store
from corroborate.store.chain import LedgerRow
from corroborate.store.events import append_versioned, events, version

ACTION = "review"  # the ledger action of every analyst's decision


def write(store: Store, review: ReviewEvent, *, expected: int | None = None) -> ReviewEvent:
    """Append ``review`` if its target is still at version ``expected`` (R001 if not)."""
    payload = {"action": review.action, "reason": review.reason, **dict(review.payload)}
    row = append_versioned(
        store,
        actor=review.actor,
        action=ACTION,
        subject=review.target,
        payload=payload,
        expected=expected,
    )
    return from_row(row)


def reviews(store: Store) -> list[ReviewEvent]:
    """Every review, oldest first."""
    return [from_row(row) for row in events(store, ACTION)]


def target_version(store: Store, target: str) -> int:
    """The seq of the target's latest review, 0 when it has none."""
    return version(store, ACTION, target)


def history(
    found: Iterable[ReviewEvent], target: str, related: Iterable[str] = ()
) -> list[ReviewEvent]:
    """The reviews about ``target``. A statement's: its own, and the merges, splits and moves
    that named it. An incident's (``related``: its statements): its own, its statements', and
    every incident decision that named one of them (under an earlier incident id)."""
    ids = {target, *related}
    incident = ids != {target}
    return [
        r
        for r in found
        if r.target in ids or (ids.intersection(_listed(r)) and (incident or r.action in GROUPING))
    ]


def _listed(review: ReviewEvent) -> set[str]:
    return {i for name in ("statements", "other", "part") for i in review.get(name).split()}


def from_row(row: LedgerRow) -> ReviewEvent:
    data = json.loads(row.payload)
    action = str(data.pop("action", ""))
    reason = str(data.pop("reason", ""))
    payload = tuple((str(k), str(v)) for k, v in sorted(data.items()))
    return ReviewEvent(
        actor=row.actor,
        action=action,
        target=row.subject,
        at=row.at,
        payload=payload,
        reason=reason,
        seq=row.seq,
    )
