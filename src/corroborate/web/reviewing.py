"""The review form of a report's statements: confirm, reject or correct the stance, with a
reason, posted through the same function as ``POST /api/v1/cases/{case}/reviews``.

The form carries the statement's version as it was when the page was drawn; if another
analyst reviewed it since, the write is refused (R001) and nothing is recorded. Analysts
and owners review; a viewer gets no form. A review re-grades the run at once.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from corroborate.api import auth, reviews
from corroborate.api.service import Service
from corroborate.errors import AccessDenied, ConfigError, CorroborateError
from corroborate.store.access import Principal, csrf_matches
from corroborate.web.common import caller_of, failed_page, page_context

router = APIRouter(include_in_schema=False)
ACTIONS = {
    "confirm": "Confirm as extracted",
    "reject": "Reject (wrong)",
    "correct_stance": "Correct the stance to",
}
STANCES = ("supports", "denies", "counter_accuses", "neutral")


def review_state(
    svc: Service, caller: Principal, case: str, statements: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """What the report page needs to offer reviews: each statement's version and history;
    None for a member who may not review."""
    standing = svc.member(caller, case)
    if standing.role not in {"owner", "analyst"}:
        return None
    found: dict[str, Any] = {}
    for said in statements:
        if not said.get("id"):
            continue
        past = reviews.review_history(svc, caller, case, said["id"], Response())
        found[said["id"]] = {"version": past.version, "items": past.items}
    return {"statements": found, "actions": ACTIONS, "stances": STANCES}


@router.post("/cases/{case}/reviews")
def post_review(
    request: Request,
    case: str,
    statement: Annotated[str, Form(max_length=80)],
    report: Annotated[str, Form(max_length=80)],
    version: Annotated[str, Form(max_length=18)] = "",
    action: Annotated[str, Form(max_length=40)] = "",
    stance: Annotated[str, Form(max_length=40)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record one decision, then show the report again with what was recorded."""
    caller = caller_of(request)
    if caller is None:
        return RedirectResponse("/sign-in", status_code=303)
    try:
        if not csrf_matches(caller, csrf_token):
            raise AccessDenied(6, "missing or wrong CSRF token")
        decision = _decision(statement, action, stance, reason)
        if not version.isdigit():
            raise ConfigError(50, "bad request parameters: the form carries no version")
        written = reviews.review(
            auth.service(request), caller, case[:64], decision, Response(), if_match=version
        )
    except CorroborateError as error:
        return failed_page(error, page_context(request, caller, case))
    back = f"/cases/{quote(case, safe='')}/reports/{quote(report, safe='')}"
    return RedirectResponse(f"{back}?recorded={written.seq}#said-{statement[7:19]}", 303)


def _decision(statement: str, action: str, stance: str, reason: str) -> reviews.ReviewIn:
    if action not in ACTIONS:
        raise ConfigError(50, "bad request parameters: choose confirm, reject or a stance")
    if action == "correct_stance" and stance not in STANCES:
        raise ConfigError(50, "bad request parameters: choose the corrected stance")
    if not reason.strip():
        raise ConfigError(50, "bad request parameters: give the reason for the decision")
    value = stance if action == "correct_stance" else ""
    return reviews.ReviewIn(
        action=action, target=statement, value=value, other="", part=[], reason=reason.strip()
    )
