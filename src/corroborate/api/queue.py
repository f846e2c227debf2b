"""The review queue: the statements of a case no analyst has decided yet, the machine's least
certain first, and the incidents whose grade one decision would change most.

A statement's certainty is the lesser of the two machine decisions an analyst confirms or
rejects with it: the attribution (who said it, ``extract/certainty.py``) and its stance
toward the incident (``link/answer.decide``). Least certain first; among equals, the
statement whose decision could move its incident's grade most (``impact``); then the run's
order. Statements of runs recorded before certainties were kept have none, and come after
those that have one. A statement is *decided* once the ledger holds a confirm, a reject or a
correction of it; it then leaves the queue at once.

``GET /api/v1/cases/{case}/queue`` serves it (analysts and owners), paginated; the web page
(``web/queue.py``) draws the same queue.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from corroborate.api import models
from corroborate.api.auth import Caller, app_service
from corroborate.api.impact import Change, changes
from corroborate.api.routes import ERRORS, CaseName
from corroborate.api.service import Service, require
from corroborate.export.results import IncidentJSON, StatementJSON
from corroborate.review import reviews as ledger_reviews
from corroborate.review import target_version
from corroborate.review.overlay import STATEMENT_FIELDS, VERDICTS
from corroborate.store.workspace import Membership

router = APIRouter(prefix="/api/v1")
DECIDING = frozenset({*VERDICTS, *STATEMENT_FIELDS})
WORST = 20  # incidents listed beside the statements


@dataclass(frozen=True, slots=True)
class Item:
    """One statement waiting for a decision, and what deciding it could do to the grade."""

    statement: StatementJSON
    incident: IncidentJSON
    change: Change
    version: int = 0

    @property
    def certainty(self) -> float | None:
        return certainty_of(self.statement)


@dataclass(frozen=True, slots=True)
class Queue:
    items: list[Item]
    incidents: list[tuple[IncidentJSON, Change]]  # the incident and its largest change


def certainty_of(statement: StatementJSON) -> float | None:
    """The lesser of the attribution's and the stance's certainty; None where neither was
    kept (a stance an analyst corrected has none: the attribution's stands)."""
    known = [
        value
        for value in (statement.get("certainty"), statement.get("stance_certainty"))
        if value is not None
    ]
    return min(known) if known else None


def decided(svc: Service) -> set[str]:
    """The statements an analyst has decided (confirmed, rejected or corrected)."""
    return {r.target for r in ledger_reviews(svc.store) if r.action in DECIDING}


def all_changes(incidents: list[IncidentJSON]) -> list[list[Change]]:
    """Each incident's changes, for every statement the run shows undecided (pure); the
    costly part of the queue, which depends on the run alone."""
    return [
        changes(incident, {s["id"] for s in incident["statements"] if not s["verdict"]})
        for incident in incidents
    ]


def build(
    incidents: list[IncidentJSON],
    done: set[str],
    skipped: list[str],
    computed: list[list[Change]] | None = None,
) -> Queue:
    """The queue (pure): undecided statements least certain first, then by the size of the
    change their decision could make, largest first, then the run's order; skipped ones (id
    prefixes) last. ``computed`` is ``all_changes(incidents)``, where it was kept."""
    items: list[Item] = []
    worst: list[tuple[IncidentJSON, Change]] = []
    for incident, possible in zip(incidents, computed or all_changes(incidents), strict=True):
        found = [c for c in possible if c.statement_id not in done]
        said = {s["id"]: s for s in incident["statements"]}
        items += [Item(said[c.statement_id], incident, c) for c in found]
        if found and found[0].size > 0:
            worst.append((incident, found[0]))
    order = {id(item): n for n, item in enumerate(items)}
    items.sort(key=lambda i: (_skipped(i, skipped), *_unsure(i), -i.change.size, order[id(i)]))
    worst.sort(key=lambda pair: -pair[1].size)
    return Queue(items, worst)


def _unsure(item: Item) -> tuple[int, float]:
    """Least certain first; statements without a certainty after all that have one."""
    certainty = item.certainty
    return (1, 0.0) if certainty is None else (0, certainty)


def _skipped(item: Item, skipped: list[str]) -> int:
    short = item.statement["id"][7:19]
    return skipped.index(short) + 1 if short in skipped else 0


_KEPT: dict[tuple[int, int], tuple[str, list[list[Change]]]] = {}
_LOCK = threading.Lock()


def kept_changes(
    svc: Service, standing: Membership, incidents: list[IncidentJSON]
) -> list[list[Change]]:
    """``all_changes`` of the case's incidents, kept until the run or the case's reports change
    (a review adds to the ledger but changes no grade before the next run)."""
    key = (id(svc.store), standing.case.id)
    stamp = (
        f"{svc.run()[0]} "
        + hashlib.sha256(" ".join(i["id"] for i in incidents).encode()).hexdigest()
    )
    with _LOCK:
        found = _KEPT.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    computed = all_changes(incidents)
    with _LOCK:
        _KEPT[key] = (stamp, computed)
    return computed


def case_queue(svc: Service, standing: Membership, skipped: list[str]) -> Queue:
    """The queue of a case as its analysts and owners see it."""
    require(standing, "owner", "analyst")
    incidents = svc.incidents(standing)
    return build(incidents, decided(svc), skipped, kept_changes(svc, standing, incidents))


@router.get(
    "/cases/{case}/queue", response_model=models.QueuePage, responses=ERRORS, tags=["reviews"]
)
def queue(
    svc: Annotated[Service, Depends(app_service)],
    caller: Caller,
    case: CaseName,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> models.QueuePage:
    """The statements no analyst has decided yet, the machine's least certain first (ties:
    the largest change one decision could make to the incident's grade), each with the
    version to review it at; and the incidents one decision would change most (analysts and
    owners)."""
    standing = svc.member(caller, case)
    found = case_queue(svc, standing, [])
    shown = found.items[(page - 1) * per_page : page * per_page]
    body = models.QueuePage(
        total=len(found.items),
        page=page,
        per_page=per_page,
        items=[_item(svc, item) for item in shown],
        incidents=[_incident(i, c) for i, c in found.incidents[:WORST]],
    )
    shown_body = svc.shown(caller, standing, body.model_dump(), f"review queue of {case}")
    return models.QueuePage.model_validate(shown_body)


def _item(svc: Service, item: Item) -> models.QueueItem:
    return models.QueueItem(
        statement=models.Statement.model_validate(item.statement),
        certainty=item.certainty,
        incident_id=item.incident["id"],
        incident_label=item.incident["label"],
        change=_change(item.change),
        version=target_version(svc.store, item.statement["id"]),
    )


def _incident(incident: IncidentJSON, change: Change) -> models.QueueIncident:
    return models.QueueIncident(
        id=incident["id"], label=incident["label"], statement_id=change.statement_id,
        change=_change(change),
    )  # fmt: skip


def _change(change: Change) -> models.GradeChange:
    return models.GradeChange(
        now=change.now.code,
        rejected=change.rejected.code,
        flipped=change.flipped.code,
        flipped_to=change.flipped_to,
        size=change.size,
    )
