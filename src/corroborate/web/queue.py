"""The review queue: the statements of the case an analyst has not decided yet, those whose
decision would move their incident's grade most first, and the incidents whose grade would
change most with one decision (``impact``).

Each statement is confirmed or rejected (with a reason, required to reject) through the
same function as ``POST /api/v1/cases/{case}/reviews``, at the version the page drew; or
skipped, which moves it to the end of the queue for this visit (the skipped ids travel in
the address). A decided statement leaves the queue at once: any confirm, reject or
correction in the ledger decides it. The keys ``j``/``k`` move between items and
``c``/``r``/``s`` confirm, reject or skip (``queue.js``, served from the package's assets);
without script the buttons do the same.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api import auth, reviews
from corroborate.api.service import Service, require
from corroborate.errors import AccessDenied, ConfigError, CorroborateError
from corroborate.export.results import IncidentJSON, StatementJSON
from corroborate.review import reviews as ledger_reviews
from corroborate.review import target_version
from corroborate.review.overlay import STATEMENT_FIELDS, VERDICTS
from corroborate.store.access import Principal, csrf_matches
from corroborate.store.workspace import Membership
from corroborate.web.common import caller_of, failed_page, page_context, render, to_sign_in
from corroborate.web.impact import Change, changes

router = APIRouter(include_in_schema=False)
SHOWN = 20  # statements drawn on one page of the queue
DECIDING = frozenset({*VERDICTS, *STATEMENT_FIELDS})


@dataclass(frozen=True, slots=True)
class Item:
    """One statement waiting for a decision, and what deciding it could do to the grade."""

    statement: StatementJSON
    incident: IncidentJSON
    change: Change
    version: int = 0


@dataclass(frozen=True, slots=True)
class Queue:
    items: list[Item]
    incidents: list[tuple[IncidentJSON, Change]]  # the incident and its largest change


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
    """The queue (pure): undecided statements by the size of the change their decision could
    make, largest first (the run's order among equals); skipped ones (id prefixes) last.
    ``computed`` is ``all_changes(incidents)``, where it was kept."""
    items: list[Item] = []
    worst: list[tuple[IncidentJSON, Change]] = []
    for incident, possible in zip(incidents, computed or all_changes(incidents), strict=True):
        found = [c for c in possible if c.statement_id not in done]
        said = {s["id"]: s for s in incident["statements"]}
        items += [Item(said[c.statement_id], incident, c) for c in found]
        if found and found[0].size > 0:
            worst.append((incident, found[0]))
    order = {id(item): n for n, item in enumerate(items)}
    items.sort(key=lambda i: (_skipped(i, skipped), -i.change.size, order[id(i)]))
    worst.sort(key=lambda pair: -pair[1].size)
    return Queue(items, worst)


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


def _skipped(item: Item, skipped: list[str]) -> int:
    short = item.statement["id"][7:19]
    return skipped.index(short) + 1 if short in skipped else 0


def _skip_list(value: str) -> list[str]:
    parts = [p for p in value.split(",") if p]
    return [p for p in parts if len(p) == 12 and all(c in "0123456789abcdef" for c in p)][:200]


def _member(svc: Service, caller: Principal, case: str) -> Membership:
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    return standing


@router.get("/cases/{case}/queue", response_class=HTMLResponse)
def queue_page(request: Request, case: str) -> Response:
    caller = caller_of(request)
    if caller is None:
        return to_sign_in()
    base = page_context(request, caller, case)
    svc = auth.service(request)
    skipped = _skip_list(request.query_params.get("skip", ""))
    try:
        standing = _member(svc, caller, case[:64])
        incidents = svc.incidents(standing)
        computed = kept_changes(svc, standing, incidents)
        found = build(incidents, decided(svc), skipped, computed)
        shown = [
            Item(i.statement, i.incident, i.change, target_version(svc.store, i.statement["id"]))
            for i in found.items[:SHOWN]
        ]
        view = _view(shown, found)
        view = svc.shown(caller, standing, view, f"review queue of {case[:64]}")
    except CorroborateError as error:
        return failed_page(error, base)
    recorded = request.query_params.get("recorded", "")
    return render(
        "queue.html.j2",
        **base,
        **view,
        total=len(found.items),
        skip=",".join(skipped),
        recorded=recorded if recorded.isdigit() else "",
        skip_link=lambda short: "?" + urlencode({"skip": ",".join([*skipped, short])}),
    )


def _view(items: list[Item], found: Queue) -> dict[str, Any]:
    """What the template draws, as plain data (so that the grant's reveal can walk it)."""
    return {
        "items": [
            {
                "statement": item.statement,
                "incident": {"id": item.incident["id"], "label": item.incident["label"]},
                "now": item.change.now.code,
                "rejected": item.change.rejected.code,
                "flipped": item.change.flipped.code,
                "flipped_to": item.change.flipped_to,
                "size": item.change.size,
                "version": item.version,
            }
            for item in items
        ],
        "incidents": [
            {
                "id": incident["id"],
                "label": incident["label"],
                "now": change.now.code,
                "size": change.size,
                "speaker": _said(incident, change.statement_id)["speaker"],
                "rejected": change.rejected.code,
                "flipped": change.flipped.code,
                "flipped_to": change.flipped_to,
            }
            for incident, change in found.incidents
        ],
    }


def _said(incident: IncidentJSON, statement_id: str) -> StatementJSON:
    return next(s for s in incident["statements"] if s["id"] == statement_id)


@router.post("/cases/{case}/queue")
def decide_from_queue(
    request: Request,
    case: str,
    statement: Annotated[str, Form(max_length=80)],
    version: Annotated[str, Form(max_length=18)] = "",
    action: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    skip: Annotated[str, Form(max_length=3000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Confirm or reject one statement at the version the queue showed, then the queue again."""
    caller = caller_of(request)
    if caller is None:
        return to_sign_in()
    try:
        if not csrf_matches(caller, csrf_token):
            raise AccessDenied(6, "missing or wrong CSRF token")
        if action not in VERDICTS:
            raise ConfigError(50, "bad request parameters: confirm or reject")
        if action == "reject" and not reason.strip():
            raise ConfigError(50, "bad request parameters: give the reason for the rejection")
        if not version.isdigit():
            raise ConfigError(50, "bad request parameters: the form carries no version")
        decision = reviews.ReviewIn(
            action=action, target=statement, value="", other="", part=[], reason=reason.strip()
        )
        written = reviews.review(
            auth.service(request), caller, case[:64], decision, Response(), if_match=version
        )
    except CorroborateError as error:
        return failed_page(error, page_context(request, caller, case))
    query = urlencode({"recorded": written.seq, "skip": ",".join(_skip_list(skip))})
    return RedirectResponse(f"/cases/{quote(case, safe='')}/queue?{query}", 303)
