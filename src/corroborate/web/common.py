"""What every page shares: the template environment, the caller from the session cookie,
the header's context (user, cases, sign-out form) and the error page."""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from corroborate.api import auth
from corroborate.api.problems import status_of
from corroborate.errors import CorroborateError
from corroborate.export.html import words
from corroborate.export.svg import stance
from corroborate.store.access import Principal, session_principal
from corroborate.store.workspace import memberships


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
