"""``/api/v1`` reviews: an analyst's decisions in a case, with optimistic concurrency.

``GET /cases/{case}/reviews/{target}`` is the review history of a statement, report or
incident of the case, with the target's version as its ``ETag``. ``POST /cases/{case}/reviews``
appends a decision (``corroborate.review.decide``) only if the request's ``If-Match`` still
names the target's version: a stale write is 409 (R001), so two analysts cannot silently
overwrite each other. Analysts and owners review; only owners publish. A decision that
changes grades (not a status or a note) re-grades the latest run at once
(``pipeline.regrade``: no extraction), so the incident read next shows it; writes made
together share one re-grading (``regrading``). Whatever a review
carries is served pseudonymised, like everything else. A write that finds the store busy
with another (a lock held past the busy timeout, a serialization failure) is 503 with
``Retry-After`` (R006), and nothing is recorded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError

from corroborate.api.auth import Caller, require_csrf
from corroborate.api.problems import documented
from corroborate.api.routes import ERRORS, CaseName, Svc
from corroborate.api.service import Service, require
from corroborate.errors import ConfigError, NotFound, ReviewConflict
from corroborate.model import ReviewEvent
from corroborate.pipeline import regrade
from corroborate.review import Decision, decide, history, load_targets, reviews, target_version
from corroborate.store.access import Principal
from corroborate.store.engine import is_busy
from corroborate.store.workspace import Membership

log = logging.getLogger(__name__)
router = APIRouter(prefix="/api/v1", tags=["reviews"])
VERSION = re.compile(r'^(?:W/)?"?(\d{1,18})"?$')
Target = Annotated[str, Path(max_length=80, description="A statement, report or incident id")]


class ReviewIn(BaseModel):
    action: str = Field(max_length=40, description="A review action (docs/reviews.md)")
    target: str = Field(max_length=80, description="The id (or unique prefix) it is about")
    value: str = Field("", max_length=2000)
    other: str = Field("", max_length=80)
    part: list[str] = Field(default_factory=list, max_length=500)
    reason: str = Field("", max_length=2000)


class ReviewOut(BaseModel):
    seq: int
    actor: str
    action: str
    target: str
    at: str
    reason: str
    payload: dict[str, str]


class ReviewHistory(BaseModel):
    target: str
    version: int
    items: list[ReviewOut]


def _out(review: ReviewEvent) -> ReviewOut:
    return ReviewOut(
        seq=review.seq,
        actor=review.actor,
        action=review.action,
        target=review.target,
        at=review.at,
        reason=review.reason,
        payload=dict(review.payload),
    )


def _in_case(svc: Service, standing: Membership, ref: str) -> str:
    """The full id of the case's target ``ref`` names (N006 outside the case)."""
    kind, full = load_targets(svc.store).resolve(ref)
    if full not in svc.case_ids(standing):
        raise NotFound(6, f"no {kind} of this case has this id or prefix", subject=ref[:80])
    return full


@router.get("/cases/{case}/reviews/{target}", response_model=ReviewHistory, responses=ERRORS)
def review_history(
    svc: Svc, caller: Caller, case: CaseName, target: Target, response: Response
) -> ReviewHistory:
    """The reviews about a statement, report or incident of the case, oldest first; its
    version (send it back as ``If-Match`` to review it) is the ``ETag``."""
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    full = _in_case(svc, standing, target)
    targets = load_targets(svc.store)
    related = targets.statement_ids(full) if full in targets.incidents else []
    found = [_out(r) for r in history(reviews(svc.store), full, related)]
    version = target_version(svc.store, full)
    response.headers["ETag"] = f'"{version}"'
    body = ReviewHistory(target=full, version=version, items=found).model_dump()
    shown = svc.shown(caller, standing, svc.pseudonyms().apply(body), full)
    return ReviewHistory.model_validate(shown)


@router.post(
    "/cases/{case}/reviews",
    response_model=ReviewOut,
    status_code=201,
    responses={**ERRORS, 409: documented("The target changed since its version was read")},
)
def review(
    svc: Svc,
    caller: Annotated[Principal, Depends(require_csrf)],
    case: CaseName,
    decision: ReviewIn,
    response: Response,
    if_match: Annotated[
        str, Header(pattern=r'^(W/)?"?[0-9]{1,18}"?$', description="The target's version")
    ],
) -> ReviewOut:
    """Append a decision about a target of the case if it is still at the version in
    ``If-Match`` (409 otherwise). Analysts and owners review; only owners publish."""
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    if decision.action == "status" and decision.value == "published":
        require(standing, "owner")
    target = _in_case(svc, standing, decision.target)
    other = _in_case(svc, standing, decision.other) if decision.other else ""
    part = tuple(_in_case(svc, standing, p) for p in decision.part)
    expected = _version(if_match)
    try:
        written = decide(
            svc.store,
            Decision(decision.action, target, decision.value, other, part),
            actor=caller.name,
            reason=decision.reason,
            expected=expected,
        )
    except DBAPIError as error:
        if not is_busy(error):
            raise
        raise ReviewConflict(6, BUSY, subject=decision.target[:80]) from error
    if written.action not in ("status", "note"):  # those change no grade
        _regrade(svc, caller.name, written)
    response.headers["ETag"] = f'"{written.seq}"'
    return _out(written)


BUSY = "the store is busy with another write: nothing was recorded; try again shortly"


def _regrade(svc: Service, actor: str, written: ReviewEvent) -> None:
    """Re-grade at once, in turns with the other writes (``regrading``: one re-grading
    takes in every review waiting); if the store stays busy the review stands and its
    incident shows it pending, until the next re-grading (which takes in every review made
    since the run it amends) or the next run."""

    def run(review: ReviewEvent, others: Sequence[ReviewEvent]) -> None:
        try:
            regrade(svc.store, actor=actor, review=review, also=others)
        except DBAPIError as error:
            if not is_busy(error):
                raise
            log.warning("review #%d recorded; its re-grading waits: %s", review.seq, error.orig)

    svc.turns.regrade(written, run)


def _version(header: str) -> int:
    found = VERSION.match(header.strip())
    if found is None:  # the header's pattern makes this unreachable through the API
        raise ConfigError(53, "If-Match must name the target's version", subject=header[:40])
    return int(found.group(1))
