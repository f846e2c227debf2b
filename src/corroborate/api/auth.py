"""Who is calling: a bearer API token, or the session cookie of a signed-in user.

Signing in (``POST /api/v1/session``, a form) checks the Argon2id hash and sets the session
cookie: HttpOnly, SameSite=strict, Secure when the request came over TLS. A state-changing
request made with the cookie must carry the session's CSRF token (header ``X-CSRF-Token``
or form field ``csrf_token``); a bearer token needs none (browsers never send it by
themselves). After ``MAX_FAILURES`` failed sign-ins as one name, or ``MAX_ADDRESS_FAILURES``
from one client address (whatever the names), within ``WINDOW_MINUTES``, further attempts
(as that name, or from that address) are refused (429) until the window passes; every
attempt is audited, with the address. A disabled account cannot sign in (A009), and its
sessions and tokens no longer work.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request, Response
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer

from corroborate.api.models import SignedIn
from corroborate.api.problems import documented
from corroborate.api.service import Service
from corroborate.errors import AccessDenied
from corroborate.store.access import (
    SESSION_HOURS,
    Principal,
    audit,
    check_password,
    close_session,
    csrf_matches,
    failed_logins,
    open_session,
    session_principal,
    token_principal,
)
from corroborate.store.workspace import NAME

COOKIE = "corroborate_session"
MAX_FAILURES = 5  # per name
MAX_ADDRESS_FAILURES = 20  # per client address, whatever the names tried
WINDOW_MINUTES = 15
bearer = HTTPBearer(auto_error=False, description="A personal API token (`corroborate token add`)")
cookie = APIKeyCookie(name=COOKIE, auto_error=False, description="The session of a signed-in user")
router = APIRouter(prefix="/api/v1", tags=["session"])
REFUSED: dict[int | str, dict[str, Any]] = {
    401: documented("Not signed in"),
    403: documented("Not allowed"),
    422: documented("Bad request parameters"),
}


def service(request: Request) -> Service:
    found: Service = request.app.state.service
    return found


async def app_service(request: Request) -> Service:
    """``service`` as a dependency: async, as it does no I/O, so no worker thread is taken."""
    return service(request)


def principal(
    request: Request,
    token: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    session: Annotated[str | None, Depends(cookie)],
) -> Principal:
    """The caller, from a bearer token first, else the session cookie (A001 with neither,
    A002 when the one given is unknown, expired or revoked)."""
    svc = service(request)
    if token is not None:
        found = token_principal(svc.store, token.credentials)
        if found is None:
            raise AccessDenied(2, "the API token is unknown, expired or revoked")
        return found
    if session:
        found = session_principal(svc.store, session)
        if found is None:
            raise AccessDenied(2, "the session has expired: sign in again")
        return found
    raise AccessDenied(1, "not signed in: send a bearer token or sign in")


Caller = Annotated[Principal, Depends(principal)]


async def require_csrf(request: Request, caller: Caller) -> Principal:
    """A cookie-authenticated change must carry the session's CSRF token (A006)."""
    if caller.csrf is None:  # a bearer token
        return caller
    offered = request.headers.get("x-csrf-token")
    if offered is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get("csrf_token")
        offered = value if isinstance(value, str) else None
    if not csrf_matches(caller, offered):
        raise AccessDenied(6, "missing or wrong CSRF token")
    return caller


@router.post(
    "/session",
    response_model=SignedIn,
    responses={
        401: REFUSED[401],
        422: REFUSED[422],
        429: documented("Too many failed sign-ins"),
    },
)
def sign_in(
    request: Request,
    response: Response,
    name: Annotated[str, Form(min_length=1, max_length=64)],
    password: Annotated[str, Form(min_length=1, max_length=1024)],
) -> SignedIn:
    """Sign in with a name and password (a form); sets the session cookie."""
    svc = service(request)
    client = request.client.host if request.client else "unknown"
    if not NAME.fullmatch(name):  # no account bears it; odd bytes (NUL) never reach the store
        raise AccessDenied(2, "wrong name or password")
    if failed_logins(svc.store, name=name, minutes=WINDOW_MINUTES) >= MAX_FAILURES:
        raise AccessDenied(3, f"too many failed sign-ins: try again in {WINDOW_MINUTES} minutes")
    if failed_logins(svc.store, client=client, minutes=WINDOW_MINUTES) >= MAX_ADDRESS_FAILURES:
        raise AccessDenied(
            10, f"too many failed sign-ins from this address: try again in {WINDOW_MINUTES} minutes"
        )
    found = check_password(svc.store, name, password)
    if found is None:
        audit(svc.store, actor=name, action="login-failed", subject=name, detail={"client": client})
        raise AccessDenied(2, "wrong name or password")
    value, csrf = open_session(svc.store, found)
    audit(svc.store, actor=name, action="login", subject=name, detail={"client": client})
    response.set_cookie(
        COOKIE,
        value,
        max_age=SESSION_HOURS * 3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return SignedIn(user=found.name, csrf_token=csrf)


@router.post("/session/end", status_code=204, responses=REFUSED)
def sign_out(
    request: Request,
    caller: Annotated[Principal, Depends(require_csrf)],
    session: Annotated[str | None, Depends(cookie)],
) -> Response:
    """End the session (needs its CSRF token); with a bearer token, nothing to end."""
    if session and caller.csrf is not None:
        close_session(service(request).store, session)
        audit(service(request).store, actor=caller.name, action="logout", subject=caller.name)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
    return response
