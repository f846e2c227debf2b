"""What every page shares: the template environment, the caller from the session cookie,
the header's context (user, cases, sign-out form), the error page, and the prologue of
every case page (``case_page``): a visitor without a session goes to the sign-in form, a
form without the session's CSRF token is refused (A006), and a coded error from the page's
own work is drawn as the error page (a stale review as the stale page, R001)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi import Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from corroborate.api import auth
from corroborate.api.problems import status_of
from corroborate.api.service import Service, require
from corroborate.errors import AccessDenied, CorroborateError
from corroborate.export.html import words
from corroborate.export.svg import stance
from corroborate.store.access import Principal, csrf_matches, session_principal
from corroborate.store.workspace import Membership, memberships


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("corroborate.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["words"] = words
    env.filters["stance"] = lambda code: stance(code).label
    env.filters["q"] = lambda value: quote(value, safe="")
    return env


def render(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(_environment().get_template(template).render(context), status)


def caller_of(request: Request) -> Principal | None:
    value = request.cookies.get(auth.COOKIE)
    return session_principal(auth.service(request).store, value) if value else None


def page_context(request: Request, caller: Principal, case: str | None) -> dict[str, Any]:
    """What every signed-in page shows: the user, their cases and the sign-out form."""
    cases = memberships(auth.service(request).store, caller.user_id)
    return {"user": caller.name, "csrf": caller.csrf or "", "cases": cases, "case": case}


def to_sign_in() -> RedirectResponse:
    return RedirectResponse("/sign-in", status_code=303)


def failed_page(error: CorroborateError, base: dict[str, Any]) -> HTMLResponse:
    status = 422 if error.code == "C050" else status_of(error)  # as the API answers it
    return render("error.html.j2", status, error=str(error), **base)


@dataclass(frozen=True, slots=True)
class Stale:
    """Where a stale decision's page sends the reader back to, and what was decided."""

    back: str
    what: str


@dataclass(frozen=True, slots=True)
class Visit:
    """A signed-in caller's request of one case's page. ``case`` is the name as the address
    gives it (links and the header use it); ``name`` is that name cut to 64 characters,
    as the service is asked."""

    request: Request
    caller: Principal
    svc: Service
    case: str

    @property
    def name(self) -> str:
        return self.case[:64]

    def member(self, *roles: str) -> Membership:
        """The caller's standing in the case (N011 if not a member), in one of ``roles``
        when any are named (A004 otherwise)."""
        standing = self.svc.member(self.caller, self.name)
        if roles:
            require(standing, *roles)
        return standing

    def check(self, csrf: str) -> None:
        """A form's token must be the session's (A006)."""
        if not csrf_matches(self.caller, csrf):
            raise AccessDenied(6, "missing or wrong CSRF token")

    def base(self) -> dict[str, Any]:
        """The header's context, as ``page_context`` gives it."""
        return page_context(self.request, self.caller, self.case)

    def failed(self, error: CorroborateError, stale: Stale | None) -> HTMLResponse:
        if stale is not None and error.code == "R001":
            page = {"error": str(error), "back": stale.back, "what": stale.what}
            return render("stale.html.j2", 409, **page, **self.base())
        return failed_page(error, self.base())


def visit_of(request: Request, case: str) -> Visit | None:
    """The signed-in caller's visit of ``case``, or None without a session."""
    caller = caller_of(request)
    return None if caller is None else Visit(request, caller, auth.service(request), case)


def case_page(
    request: Request,
    case: str,
    build: Callable[[Visit], Response],
    *,
    csrf: str | None = None,
    stale: Stale | None = None,
) -> Response:
    """The page ``build`` draws for a signed-in caller; for a form (``csrf``: the token it
    carried) the token is checked first. A coded error is drawn as the error page."""
    visit = visit_of(request, case)
    if visit is None:
        return to_sign_in()
    try:
        if csrf is not None:
            visit.check(csrf)
        return build(visit)
    except CorroborateError as error:
        return visit.failed(error, stale)


async def case_form(
    request: Request, case: str, build: Callable[[Visit], Awaitable[Response]]
) -> Response:
    """``case_page`` for a handler that must await (a form read in full, its files
    included); ``build`` checks the form's token itself, once it has read the form."""
    visit = visit_of(request, case)
    if visit is None:
        return to_sign_in()
    try:
        return await build(visit)
    except CorroborateError as error:
        return visit.failed(error, None)
