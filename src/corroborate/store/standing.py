"""Who calls and where a case stands, in one statement: what every kept read checks.

A read the service answers from memory (``api.fastpath``) still needs, on every request, the
caller (a bearer token or a session cookie, checked as ``access.token_principal`` and
``access.session_principal`` check them: known, unexpired, not revoked, the account not
disabled), the caller's role and grants in the case, the ledger head and the case's version
(how many reports it holds: reports never leave a case). Asked one by one they are five
statements and as many connections; here they are one, built once (only its parameters
change), so a read from memory costs a single round trip to the store.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal, cast

from sqlalchemy import Select, and_, bindparam, func, literal, null, select

from corroborate.store import schema
from corroborate.store.access import Principal, digest, now_iso
from corroborate.store.core import Store
from corroborate.store.workspace import GRANTS, Case, Membership, Role


@dataclass(frozen=True, slots=True)
class Standing:
    """The caller, their membership of the case, the ledger head and the case's version."""

    principal: Principal
    membership: Membership
    head: int
    version: int


def standing(
    store: Store, case: str, *, token: str | None = None, session: str | None = None
) -> Standing | None:
    """The caller's standing in ``case`` by bearer ``token`` (or, without one, by
    ``session``); None when the credential is not a live one or the caller is not a member
    of the case (the full request path then says which, as it always does)."""
    if token is None and session is None:
        return None
    kind: Literal["token", "session"] = "token" if token is not None else "session"
    secret = digest(token if token is not None else str(session))
    with store.engine.connect() as conn:
        row = conn.execute(_query(kind), {"secret": secret, "now": now_iso(), "case": case}).first()
    if row is None:
        return None
    flags: tuple[object, ...] = tuple(row[9:])
    grants = frozenset(g for g, held in zip(GRANTS, flags, strict=True) if held)
    membership = Membership(
        Case(row.case_id, row.case_name, row.created_at), cast(Role, row.role), grants
    )
    return Standing(
        Principal(row.user_id, row.name, row.csrf), membership, int(row.head or 0), row.version
    )


@cache
def _query(kind: Literal["token", "session"]) -> Select[tuple[object, ...]]:
    users, members, cases = schema.users, schema.case_members, schema.cases
    reports, grants = schema.case_reports, schema.case_grants
    if kind == "token":
        tokens = schema.api_tokens
        caller = select(users.c.id.label("user_id"), users.c.name, null().label("csrf")).join(
            tokens,
            and_(
                tokens.c.user_id == users.c.id,
                tokens.c.token_hash == bindparam("secret"),
                tokens.c.revoked_at.is_(None),
                tokens.c.expires_at > bindparam("now"),
            ),
        )
    else:
        sessions = schema.sessions
        caller = select(users.c.id.label("user_id"), users.c.name, sessions.c.csrf).join(
            sessions,
            and_(
                sessions.c.user_id == users.c.id,
                sessions.c.id_hash == bindparam("secret"),
                sessions.c.expires_at > bindparam("now"),
            ),
        )
    head = select(schema.chain_head.c.seq).where(schema.chain_head.c.id == 1)
    version = select(func.count()).select_from(reports).where(reports.c.case_id == cases.c.id)
    held = [
        select(literal(1))
        .where(grants.c.user_id == users.c.id)
        .where(grants.c.case_id == cases.c.id)
        .where(grants.c.grant == grant)
        .exists()
        for grant in GRANTS
    ]
    return (
        caller.add_columns(
            cases.c.id.label("case_id"),
            cases.c.name.label("case_name"),
            cases.c.created_at,
            members.c.role,
            head.scalar_subquery().label("head"),
            version.scalar_subquery().label("version"),
            *held,
        )
        .join(members, members.c.user_id == users.c.id)
        .join(cases, and_(cases.c.id == members.c.case_id, cases.c.name == bindparam("case")))
        .where(users.c.disabled_at.is_(None))
    )
