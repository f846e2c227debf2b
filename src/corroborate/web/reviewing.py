"""The review panel of a report's statements: confirm, reject, or correct the speaker, party,
kind, stance, violation types, place or time, each with a reason, posted through the same
function as ``POST /api/v1/cases/{case}/reviews``.

The form carries the statement's version as it was when the page was drawn; if another
analyst reviewed it since, the write is refused (R001, 409), nothing is recorded and the
page says so in words. Analysts and owners review; a viewer gets no panel. A review re-grades
the run at once.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import RedirectResponse

from corroborate.api import reviews
from corroborate.api.service import Service
from corroborate.errors import ConfigError
from corroborate.model import OriginKind
from corroborate.store.access import Principal
from corroborate.taxonomy import stances, violations
from corroborate.web.common import Stale, Visit, case_page

router = APIRouter(include_in_schema=False)
# each action, what the panel calls it, and the form field holding its value ("" for none)
ACTIONS: dict[str, tuple[str, str]] = {
    "confirm": ("Confirm as extracted", ""),
    "reject": ("Reject (wrong)", ""),
    "correct_speaker": ("Correct the speaker to", "speaker"),
    "correct_party": ("Correct the party to", "party"),
    "correct_kind": ("Correct the speaker's kind to", "kind"),
    "correct_stance": ("Correct the stance to", "stance"),
    "correct_types": ("Correct the violation types to", "types"),
    "correct_place": ("Correct the place to", "place"),
    "correct_time": ("Correct the time to", "time"),
}


def review_state(
    svc: Service, caller: Principal, case: str, statements: list[dict[str, Any]]
) -> dict[str, Any] | None:
    """What the report page needs to offer reviews: each statement's version and history,
    and the vocabularies; None for a member who may not review."""
    standing = svc.member(caller, case)
    if standing.role not in {"owner", "analyst"}:
        return None
    found: dict[str, Any] = {}
    for said in statements:
        if not said.get("id"):
            continue
        past = reviews.review_history(svc, caller, case, said["id"], Response())
        found[said["id"]] = {"version": past.version, "items": past.items}
    return {
        "statements": found,
        "actions": ACTIONS,
        "stances": [s.code for s in stances()],
        "kinds": [k.value for k in OriginKind],
        "types": [(v.code, v.label) for v in violations()],
    }


@router.post("/cases/{case}/reviews")
def post_review(
    request: Request,
    case: str,
    statement: Annotated[str, Form(max_length=80)],
    report: Annotated[str, Form(max_length=80)],
    version: Annotated[str, Form(max_length=18)] = "",
    action: Annotated[str, Form(max_length=40)] = "",
    speaker: Annotated[str, Form(max_length=200)] = "",
    party: Annotated[str, Form(max_length=200)] = "",
    kind: Annotated[str, Form(max_length=40)] = "",
    stance: Annotated[str, Form(max_length=40)] = "",
    types: Annotated[list[str] | None, Form(max_length=40)] = None,
    place: Annotated[str, Form(max_length=200)] = "",
    time: Annotated[str, Form(max_length=20)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record one decision, then show the report again with what was recorded."""
    back = f"/cases/{quote(case, safe='')}/reports/{quote(report, safe='')}"
    values = {
        "speaker": speaker,
        "party": party,
        "kind": kind,
        "stance": stance,
        "types": ",".join(types or []),
        "place": place,
        "time": time,
    }

    def recorded(visit: Visit) -> Response:
        decision = decision_of(statement, action, values, reason)
        if not version.isdigit():
            raise ConfigError(50, "bad request parameters: the form carries no version")
        written = reviews.review(
            visit.svc, visit.caller, visit.name, decision, Response(), if_match=version
        )
        return RedirectResponse(f"{back}?recorded={written.seq}#said-{statement[7:19]}", 303)

    stale = Stale(back, "statement")
    return case_page(request, case, recorded, csrf=csrf_token, stale=stale)


def decision_of(
    statement: str, action: str, values: dict[str, str], reason: str
) -> reviews.ReviewIn:
    """The review the form asks for: the chosen action with the value of its own field."""
    if action not in ACTIONS:
        raise ConfigError(50, "bad request parameters: choose confirm, reject or a correction")
    field = ACTIONS[action][1]
    value = " ".join(values.get(field, "").split()) if field else ""
    if field and not value:
        raise ConfigError(50, f"bad request parameters: give the corrected {field}")
    if not reason.strip():
        raise ConfigError(50, "bad request parameters: give the reason for the decision")
    return reviews.ReviewIn(
        action=action, target=statement, value=value, other="", part=[], reason=reason.strip()
    )
