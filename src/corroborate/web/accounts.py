"""Making an account from the web: an owner of a case creates a user with an initial
password and gives them a role in that case, in one form on the members page.

The owner chooses the initial password and hands it to the new user by a channel of their
own; the account is made by the same function as ``corroborate user add`` (the password
kept as an Argon2id hash only), and written to the case's audit log (``user-add``, then
``member-set``). The form carries the session's CSRF token. Besides the store's rules (a
name of lower-case letters, digits, ``.``, ``_``, ``-``, C060; a name not taken, C061; ten
characters at least, C062; a role, C063), the page asks for the password twice (C090)
and refuses one that holds the user's name (C091): an owner who types someone else's
password should not make a guessable one.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request, Response

from corroborate.errors import ConfigError
from corroborate.store.workspace import ROLES, add_user, set_member
from corroborate.web.common import Visit
from corroborate.web.members import members_form

router = APIRouter(include_in_schema=False)


@router.post("/cases/{case}/accounts")
def create_account(
    request: Request,
    case: str,
    user: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    again: Annotated[str, Form(max_length=1024)] = "",
    role: Annotated[str, Form(max_length=20)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """A new account and its role in the case, then the members page again."""

    def create(visit: Visit) -> None:
        new_account(visit, user.strip(), password, again, role)

    return members_form(request, case, csrf_token, create, "account")


def new_account(visit: Visit, user: str, password: str, again: str, role: str) -> None:
    """Check the form, make the account, give it the role; owners of the case only."""
    standing = visit.member("owner")
    if role not in ROLES:
        raise ConfigError(63, f"a role is one of {', '.join(ROLES)}", subject=role[:40])
    if password != again:
        raise ConfigError(90, "the two passwords differ: type the same one twice", subject=user)
    if user and user in password.lower():
        raise ConfigError(91, "a password may not hold the user's name", subject=user)
    store, actor = visit.svc.store, visit.caller.name
    add_user(store, user, password, actor=actor, case_id=standing.case.id)
    set_member(store, visit.name, user, role, actor=actor)
