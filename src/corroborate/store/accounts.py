"""Managing the workspace: listing and disabling accounts, new passwords, listing cases and
their members, taking a member out of a case.

A disabled account cannot sign in, and disabling it ends its sessions and revokes its API
tokens in the same transaction, so nothing it held keeps working. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from corroborate.errors import ConfigError
from corroborate.store import schema
from corroborate.store.access import hash_password, now_iso, write_audit
from corroborate.store.core import Store
from corroborate.store.workspace import MIN_PASSWORD, _case, _role, _user


@dataclass(frozen=True, slots=True)
class Account:
    name: str
    created_at: str
    disabled_at: str | None
    cases: int  # how many cases the user is a member of
    tokens: int  # API tokens that work now (unexpired, unrevoked)


@dataclass(frozen=True, slots=True)
class CaseRow:
    name: str
    created_at: str
    created_by: str
    members: int
    reports: int


@dataclass(frozen=True, slots=True)
class Member:
    name: str
    role: str
    grants: tuple[str, ...]
    disabled: bool


def accounts(store: Store) -> list[Account]:
    users, members, tokens = schema.users, schema.case_members, schema.api_tokens
    cases = (
        select(func.count())
        .where(members.c.user_id == users.c.id)
        .correlate(users)
        .scalar_subquery()
    )
    live = (
        select(func.count())
        .where(
            (tokens.c.user_id == users.c.id)
            & tokens.c.revoked_at.is_(None)
            & (tokens.c.expires_at > now_iso())
        )
        .correlate(users)
        .scalar_subquery()
    )
    query = select(users.c.name, users.c.created_at, users.c.disabled_at, cases, live)
    with store.engine.connect() as conn:
        return [Account(*row) for row in conn.execute(query.order_by(users.c.name))]


def set_password(store: Store, name: str, password: str, *, actor: str) -> None:
    """A new password for ``name`` (kept as an Argon2id hash); their sessions end."""
    if len(password) < MIN_PASSWORD:
        raise ConfigError(62, f"a password has at least {MIN_PASSWORD} characters", subject=name)
    hashed = hash_password(password)
    with store.engine.begin() as conn:
        user = _user(conn, name)
        conn.execute(
            update(schema.users).where(schema.users.c.id == user.id).values(password_hash=hashed)
        )
        conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user.id))
        write_audit(conn, actor=actor, action="user-password", subject=name)


def set_disabled(store: Store, name: str, *, actor: str, disabled: bool = True) -> None:
    """Disable an account (its sessions end and its tokens are revoked), or enable it again
    (its old tokens stay revoked)."""
    now = now_iso()
    with store.engine.begin() as conn:
        user = _user(conn, name)
        users = schema.users
        conn.execute(
            update(users).where(users.c.id == user.id).values(disabled_at=now if disabled else None)
        )
        if disabled:
            conn.execute(delete(schema.sessions).where(schema.sessions.c.user_id == user.id))
            tokens = schema.api_tokens
            conn.execute(
                update(tokens)
                .where((tokens.c.user_id == user.id) & tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        action = "user-disable" if disabled else "user-enable"
        write_audit(conn, actor=actor, action=action, subject=name)


def case_rows(store: Store) -> list[CaseRow]:
    cases, members, reports = schema.cases, schema.case_members, schema.case_reports
    count_members = (
        select(func.count()).where(members.c.case_id == cases.c.id).correlate(cases)
    ).scalar_subquery()
    count_reports = (
        select(func.count()).where(reports.c.case_id == cases.c.id).correlate(cases)
    ).scalar_subquery()
    query = select(
        cases.c.name, cases.c.created_at, cases.c.created_by, count_members, count_reports
    ).order_by(cases.c.name)
    with store.engine.connect() as conn:
        return [CaseRow(*row) for row in conn.execute(query)]


def case_members(store: Store, case: str) -> list[Member]:
    """The members of ``case`` by name, with their role and grants there (N011 if no case)."""
    members, users, grants = schema.case_members, schema.users, schema.case_grants
    with store.engine.connect() as conn:
        found = _case(conn, case)
        held: dict[int, list[str]] = {}
        for user_id, grant in conn.execute(
            select(grants.c.user_id, grants.c.grant).where(grants.c.case_id == found.id)
        ):
            held.setdefault(user_id, []).append(grant)
        query = (
            select(users.c.id, users.c.name, members.c.role, users.c.disabled_at)
            .join(members, members.c.user_id == users.c.id)
            .where(members.c.case_id == found.id)
            .order_by(users.c.name)
        )
        return [
            Member(row.name, row.role, tuple(sorted(held.get(row.id, []))), bool(row.disabled_at))
            for row in conn.execute(query)
        ]


def remove_member(store: Store, case: str, name: str, *, actor: str) -> None:
    """Take ``name`` out of ``case``: their role and grants there go (C064 if not a member)."""
    with store.engine.begin() as conn:
        found, user = _case(conn, case), _user(conn, name)
        if _role(conn, found.id, user.id) is None:
            raise ConfigError(64, f"not a member of case {case}", subject=name)
        for table in (schema.case_members, schema.case_grants):
            key = (table.c.case_id == found.id) & (table.c.user_id == user.id)
            conn.execute(delete(table).where(key))
        write_audit(conn, actor=actor, action="member-remove", subject=name, case_id=found.id)
