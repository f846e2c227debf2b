"""The analyst's pages: server-rendered HTML over the same service the API serves.

Every page finds the caller from the session cookie (a visitor without one is sent to the
sign-in page), then calls the functions the ``/api/v1`` endpoints call, so a page shows
exactly what the API would: pseudonymised unless the member holds the witness-identities
grant in the case, and such reads audited. Forms that change something carry the
session's CSRF token; the sign-in form carries a token of its own (a short-lived cookie
matched against the form field), so no other site can sign a browser in.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api import auth, routes
from corroborate.api.models import IncidentPage, ReportDetail, SortKey, Status
from corroborate.api.problems import status_of
from corroborate.api.service import Service
from corroborate.errors import AccessDenied, ConfigError, CorroborateError, NotFound
from corroborate.export.casework import IncidentQuery
from corroborate.export.chain import chain_graph
from corroborate.export.html import dates_words, place_words, when_words
from corroborate.export.results import IncidentJSON
from corroborate.export.svg import timeline
from corroborate.export.ukraine import incident_map
from corroborate.store.access import (
    audit,
    close_session,
    csrf_matches,
)
from corroborate.web import overview, reviewing, views
from corroborate.web.common import (
    Visit,
    caller_of,
    case_page,
    failed_page,
    page_context,
    render,
    to_sign_in,
)

router = APIRouter(include_in_schema=False)
SIGN_IN_COOKIE = "corroborate_sign_in"
PER_PAGE = 25


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_form(request: Request) -> Response:
    token = secrets.token_urlsafe(24)
    page = render("sign_in.html.j2", token=token, error=None, name="")
    _sign_in_cookie(request, page, token)
    return page


def _sign_in_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SIGN_IN_COOKIE,
        token,
        max_age=900,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/sign-in",
    )


@router.post("/sign-in", response_class=HTMLResponse)
def sign_in(
    request: Request,
    name: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Check the form's token, then sign in exactly as ``POST /api/v1/session`` does."""
    expected = request.cookies.get(SIGN_IN_COOKIE, "")
    page = RedirectResponse("/", status_code=303)
    try:
        if not expected or not secrets.compare_digest(expected, csrf_token):
            raise AccessDenied(6, "the sign-in form has expired: try again")
        if not name or not password:
            raise ConfigError(50, "bad request parameters: give a name and a password")
        auth.sign_in(request, page, name, password)
    except CorroborateError as error:
        token = secrets.token_urlsafe(24)
        failed = render(
            "sign_in.html.j2", status_of(error), token=token, error=str(error), name=name
        )
        _sign_in_cookie(request, failed, token)
        return failed
    page.delete_cookie(SIGN_IN_COOKIE, path="/sign-in")
    return page


@router.post("/sign-out")
def sign_out(request: Request, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    caller = caller_of(request)
    if caller is None:
        return to_sign_in()
    if not csrf_matches(caller, csrf_token):
        error = AccessDenied(6, "missing or wrong CSRF token")
        return failed_page(error, page_context(request, caller, None))
    store = auth.service(request).store
    close_session(store, request.cookies[auth.COOKIE])
    audit(store, actor=caller.name, action="logout", subject=caller.name)
    page = to_sign_in()
    page.delete_cookie(auth.COOKIE, path="/", httponly=True, samesite="strict")
    return page


@router.get("/")
def home(request: Request) -> Response:
    caller = caller_of(request)
    if caller is None:
        return to_sign_in()
    base = page_context(request, caller, None)
    if base["cases"]:
        return RedirectResponse(f"/cases/{quote(base['cases'][0].case.name, safe='')}", 303)
    return render("no_cases.html.j2", **base)


@router.get("/switch")
def switch(request: Request, case: Annotated[str, Query(max_length=64)] = "") -> Response:
    """The case switcher's target: the chosen case's incidents."""
    if caller_of(request) is None:
        return to_sign_in()
    return RedirectResponse(f"/cases/{quote(case, safe='')}" if case else "/", 303)


FILTERS = ("q", "type", "place", "party", "since", "until", "grade", "status", "sort", "order")


@router.get("/cases/{case}", response_class=HTMLResponse)
def incident_list(request: Request, case: str) -> Response:
    """The case's incidents, filtered, sorted and paginated as the API lists them."""
    return case_page(request, case, _incident_list)


def _incident_list(visit: Visit) -> Response:
    query = visit.request.query_params
    asked = {k: v for k in FILTERS if (v := query.get(k, "").strip())}
    page = _int(query.get("page", "1"))
    params: dict[str, Any] = {
        "type": asked.get("type"),
        "place": asked.get("place"),
        "party": asked.get("party"),
        "q": asked.get("q"),
        "since": _day(asked.get("since")),
        "until": _day(asked.get("until")),
        "grade": _grade(asked.get("grade")),
        "status": _status(asked.get("status")),
    }
    standing = visit.member()
    if not _analysed(visit.svc):
        may_run = standing.role in ("owner", "analyst")
        return render("no_run.html.j2", **visit.base(), may_run=may_run)
    asking = IncidentQuery(
        **params,
        sort=_sort(asked.get("sort")),
        descending=asked.get("order") != "asc",
        page=page,
        per_page=PER_PAGE,
    )
    answer = routes.incident_list(visit.svc, visit.caller, visit.name, asking)
    found = IncidentPage.model_validate_json(answer.body)
    drawn = overview.overview(overview.filtered(visit.svc, visit.caller, visit.name, params))
    return render(
        "incidents.html.j2",
        **visit.base(),
        found=found,
        overview=drawn,
        asked=asked,
        form={k: asked.get(k, "") for k in FILTERS},
        pages=max(1, -(-found.total // PER_PAGE)),
        link=lambda number: "?" + urlencode({**asked, "page": number}),
        place_words=place_words,
        dates_words=dates_words,
    )


def _analysed(svc: Service) -> bool:
    """Whether the store holds a run; a store just made has none (N003 from the service),
    and its case's list says so in words, with the way to start one."""
    try:
        svc.run()
    except NotFound as error:
        if error.code != "N003":
            raise
        return False
    return True


def _int(value: str) -> int:
    if not value.isdigit() or not 1 <= int(value) <= 100_000:
        raise ConfigError(
            50, "bad request parameters: the page must be a whole number from 1", subject=value[:20]
        )
    return int(value)


def _day(value: str | None) -> str | None:
    if value is None:
        return None
    parts = value.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or len(value) != 10:
        raise ConfigError(
            50, "bad request parameters: a date must be written YYYY-MM-DD", subject=value[:20]
        )
    return value


def _grade(value: str | None) -> str | None:
    if value is None:
        return None
    ok = value[0].upper() in "ABCDEF" and (len(value) == 1 or value[1:] in "123456")
    if len(value) > 2 or not ok:
        raise ConfigError(
            50,
            "bad request parameters: a grade is a letter A-F, optionally with 1-6",
            subject=value[:20],
        )
    return value


def _status(value: str | None) -> Status | None:
    for known in ("draft", "reviewed", "published"):
        if value == known:
            return known
    if value is not None:
        raise ConfigError(50, "bad request parameters: no such status", subject=value[:20])
    return None


def _sort(value: str | None) -> SortKey:
    for known in ("first_day", "last_day", "grade", "label"):
        if value == known:
            return known
    return "reports"


@router.get("/cases/{case}/incidents/{incident_id}", response_class=HTMLResponse)
def incident_page(request: Request, case: str, incident_id: str) -> Response:
    """One incident with its figures, drawn by the static report's own functions."""

    def drawn(visit: Visit) -> Response:
        svc, standing = visit.svc, visit.member()
        found = svc.view(standing).incident(
            incident_id[:80], published_only=standing.role == "viewer"
        )
        if found is None:
            raise NotFound(4, "no incident with this id in the case", subject=incident_id[:80])
        shown = _local_names_dropped(svc.shown(visit.caller, standing, found, incident_id))
        return render(
            "incident.html.j2",
            **visit.base(),
            incident=shown,
            grade=shown["grade"],
            place=place_words(shown["place"]),
            dates=when_words(shown),
            groups=views.grouped_statements(shown),
            chain=chain_graph(shown) if shown["reports"] else None,
            timeline=timeline(shown),
            map=incident_map([shown], ["place"], linked=False) if _mapped(shown) else None,
        )

    return case_page(request, case, drawn)


def _local_names_dropped(incident: IncidentJSON) -> IncidentJSON:
    """The file names stay local (they may name a witness), as in the API's reports."""
    reports = [
        {**r, "source_name": r["outlet"] or r["title"] or "report " + r["id"][7:15]}
        for r in incident["reports"]
    ]
    return {**incident, "reports": reports}  # type: ignore[typeddict-item]


def _mapped(incident: IncidentJSON) -> bool:
    place = incident["place"]
    return place is not None and place["lat"] is not None and place["lon"] is not None


@router.get("/cases/{case}/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, case: str, report_id: str) -> Response:
    """One report's text with its statements marked, as ``GET .../reports/{id}`` serves it."""

    def drawn(visit: Visit) -> Response:
        svc, query = visit.svc, visit.request.query_params
        answer = routes.report_answer(svc, visit.caller, visit.name, report_id[:80])
        found = ReportDetail.model_validate_json(answer.body)
        statements = [s.model_dump() for s in found.statements]
        review = reviewing.review_state(svc, visit.caller, visit.name, statements)
        recorded, opened = query.get("recorded", ""), query.get("review", "")
        return render(
            "report.html.j2",
            **visit.base(),
            report=found,
            segments=views.highlighted(found.text, statements),
            statements=statements,
            review=review,
            recorded=recorded if recorded.isdigit() else "",
            opened=opened if opened.isalnum() else "",
            grant=visit.member().witness_identities,
        )

    return case_page(request, case, drawn)
