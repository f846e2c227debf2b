"""The case's audit log for its owners: who did what and when, newest first, filterable by
user, action and date, 50 a page. Witness-identity reads (``witness-read``: a page, an
export or an evidence download that showed a protected name) are rows like the others, and
so are the analysts' decisions, read from the review ledger (``decisions``)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from corroborate.errors import ConfigError
from corroborate.store.access import AuditFilter, audit_choices
from corroborate.web.common import Visit, case_page, render
from corroborate.web.decisions import decision_rows, log_page
from corroborate.web.pages import _day, _int

router = APIRouter(include_in_schema=False)
PER_PAGE = 50
FILTERS = ("actor", "action", "since", "until")


@router.get("/cases/{case}/audit", response_class=HTMLResponse)
def audit_log(request: Request, case: str) -> Response:
    return case_page(request, case, _audit_log)


def _audit_log(visit: Visit) -> Response:
    asked = {k: v[:64] for k in FILTERS if (v := visit.request.query_params.get(k, "").strip())}
    standing = visit.member("owner")
    page = _int(visit.request.query_params.get("page", "1"))
    wanted = AuditFilter(
        actor=asked.get("actor"),
        action=asked.get("action"),
        since=_calendar_day(asked.get("since")),
        until=_calendar_day(asked.get("until")),
    )
    if wanted.since and wanted.until and wanted.since > wanted.until:
        raise ConfigError(50, "bad request parameters: the first day is after the last")
    offset = (page - 1) * PER_PAGE
    total, rows = log_page(visit.svc, standing, wanted, offset=offset, limit=PER_PAGE)
    actors, actions = audit_choices(visit.svc.store, standing.case.id)
    decided = decision_rows(visit.svc, standing, AuditFilter())
    actors = sorted({*actors, *(r.actor for r in decided)})
    actions = sorted({*actions, *(r.action for r in decided)})
    return render(
        "audit.html.j2",
        **visit.base(),
        rows=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PER_PAGE)),
        asked=asked,
        form={k: asked.get(k, "") for k in FILTERS},
        actors=actors,
        actions=actions,
        link=lambda number: "?" + urlencode({**asked, "page": number}),
    )


def _calendar_day(value: str | None) -> str | None:
    """A day written YYYY-MM-DD that the calendar has (C050 otherwise)."""
    if _day(value) is None:
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ConfigError(
            50, "bad request parameters: no such day in the calendar", subject=str(value)[:20]
        ) from None
