"""The case's members, for its owners: each member's role and grants; add a user with a
role, change a role, remove a member, grant or revoke the witness identities. Every form
carries the session's CSRF token (A006 without it) and every change is written to the audit
log by the store, in the same transaction. A case keeps one owner at least (A016)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.errors import AccessDenied, ConfigError
from corroborate.store import Store
from corroborate.store.workspace import (
    ROLES,
    list_members,
    remove_member,
    set_grant,
    set_member,
)
from corroborate.web.common import Visit, case_page, render

router = APIRouter(include_in_schema=False)
GRANT = "witness-identities"
DONE = {
    "add": "Member added.",
    "role": "Role changed.",
    "remove": "Member removed.",
    "grant": "Witness identities granted.",
    "revoke": "Witness identities revoked.",
    "account": "Account created and added to the case.",
}


@router.get("/cases/{case}/members", response_class=HTMLResponse)
def members_page(request: Request, case: str) -> Response:
    return case_page(request, case, _members_page)


def _members_page(visit: Visit) -> Response:
    visit.member("owner")
    found = list_members(visit.svc.store, visit.name)
    done = DONE.get(visit.request.query_params.get("done", ""), "")
    base = visit.base()
    return render("members.html.j2", **base, members=found, roles=ROLES, grant=GRANT, done=done)


@router.post("/cases/{case}/members")
def change_member(
    request: Request,
    case: str,
    op: Annotated[str, Form(max_length=10)] = "",
    user: Annotated[str, Form(max_length=64)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """One change to the case's members, then the members page again."""
    return members_form(
        request, case, csrf_token, lambda visit: _change(visit, op, user.strip(), role), op
    )


def members_form(
    request: Request, case: str, csrf_token: str, act: Callable[[Visit], None], done: str
) -> Response:
    """A form of the members page posted (with the session's CSRF token): ``act`` makes the
    change, then the members page again says what was ``done`` (a key of ``DONE``)."""

    def changed(visit: Visit) -> Response:
        act(visit)
        return RedirectResponse(f"/cases/{quote(case, safe='')}/members?done={done}", 303)

    return case_page(request, case, changed, csrf=csrf_token)


def _change(visit: Visit, op: str, user: str, role: str) -> None:
    store, name, actor = visit.svc.store, visit.name, visit.caller.name
    visit.member("owner")
    if not user:
        raise ConfigError(50, "bad request parameters: name the user")
    if op in ("add", "role"):  # adding a member already in the case changes the role
        _keeps_an_owner(store, name, user, role, member=op == "role")
        set_member(store, name, user, role, actor=actor)
    elif op == "remove":
        remove_member(store, name, user, actor=actor)
    elif op in ("grant", "revoke"):
        set_grant(store, name, user, GRANT, actor=actor, revoke=op == "revoke")
    else:
        raise ConfigError(50, "bad request parameters: no such change to the members")


def _keeps_an_owner(store: Store, case: str, user: str, role: str, *, member: bool) -> None:
    """A role change may not leave the case without an owner (A016); ``member``: the user
    must be a member already (C064)."""
    found = list_members(store, case)
    owners = [m.name for m in found if m.role == "owner"]
    if member and user not in {m.name for m in found}:
        raise ConfigError(64, f"not a member of case {case}: add them first", subject=user)
    if role != "owner" and owners == [user]:
        raise AccessDenied(16, "a case keeps one owner at least", subject=user)
