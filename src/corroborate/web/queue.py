"""The review queue's page: the statements of the case an analyst has not decided yet, the
machine's least certain first, and the incidents whose grade would change most with one
decision (the queue itself is ``api.queue``'s, which the API serves too).

Each statement is confirmed or rejected (with a reason, required to reject) through the
same function as ``POST /api/v1/cases/{case}/reviews``, at the version the page drew; or
skipped, which moves it to the end of the queue for this visit (the skipped ids travel in
the address). A decided statement leaves the queue at once: any confirm, reject or
correction in the ledger decides it. The keys ``j``/``k`` move between items and
``c``/``r``/``s`` confirm, reject or skip (``queue.js``, served from the package's assets);
without script the buttons do the same.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api import auth, reviews
from corroborate.api.queue import WORST, Item, Queue, case_queue
from corroborate.errors import AccessDenied, ConfigError, CorroborateError
from corroborate.export.results import IncidentJSON, StatementJSON
from corroborate.review import target_version
from corroborate.review.overlay import VERDICTS
from corroborate.store.access import csrf_matches
from corroborate.web.common import caller_of, failed_page, page_context, render, to_sign_in

router = APIRouter(include_in_schema=False)
SHOWN = 20  # statements drawn on one page of the queue


def _skip_list(value: str) -> list[str]:
    parts = [p for p in value.split(",") if p]
    return [p for p in parts if len(p) == 12 and all(c in "0123456789abcdef" for c in p)][:200]


@router.get("/cases/{case}/queue", response_class=HTMLResponse)
def queue_page(request: Request, case: str) -> Response:
    caller = caller_of(request)
    if caller is None:
        return to_sign_in()
    base = page_context(request, caller, case)
    svc = auth.service(request)
    skipped = _skip_list(request.query_params.get("skip", ""))
    try:
        standing = svc.member(caller, case[:64])
        found = case_queue(svc, standing, skipped)
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
                "certainty": item.certainty,
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
            for incident, change in found.incidents[:WORST]  # as the API lists them
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
