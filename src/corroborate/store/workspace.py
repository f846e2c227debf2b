"""The workspace of the multi-user service: users, cases, roles, grants, case reports.

A *case* is an investigation. Every user has at most one role in a case: ``owner``
(manages members and publishing), ``analyst`` (reviews) or ``viewer`` (reads what is
published, pseudonymised). A separate grant, ``witness-identities``, lets one member see
witness identities in that case alone. Reports belong to cases (``case_reports``);
incidents belong to a case through their reports. Every change is written to the audit
log (``store/access.py``) by the same transaction.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal, cast, get_args

from sqlalchemy import Connection, Table, delete, func, insert, select

from corroborate.errors import AccessDenied, ConfigError, NotFound
from corroborate.store import schema
from corroborate.store.access import hash_password, now_iso, write_audit
from corroborate.store.core import Store

Role = Literal["owner", "analyst", "viewer"]
Grant = Literal["witness-identities"]
ROLES: tuple[Role, ...] = get_args(Role)
GRANTS: tuple[Grant, ...] = get_args(Grant)
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
MIN_PASSWORD = 10


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    name: str
    created_at: str


@dataclass(frozen=True, slots=True)
class Membership:
    """A user's standing in one case: the role, and the grants held there."""

    case: Case
    role: Role
    grants: frozenset[str]

    @property
    def witness_identities(self) -> bool:
        return "witness-identities" in self.grants


def check_name(name: str, what: str) -> str:
    if not NAME.fullmatch(name):
        raise ConfigError(
            60,
            f"a {what} name is 1-64 lower-case letters, digits, '.', '_' or '-'",
            subject=name[:80],
        )
    return name


def add_user(
    store: Store, name: str, password: str, *, actor: str, case_id: int | None = None
) -> User:
    """A new account; its password kept as an Argon2id hash only. ``case_id``: the case
    whose owner made it, for that case's audit log (none when made from the command line)."""
    check_name(name, "user")
    if len(password) < MIN_PASSWORD:
        raise ConfigError(62, f"a password has at least {MIN_PASSWORD} characters", subject=name)
    hashed = hash_password(password)
    with store.engine.begin() as conn:
        _unique(conn, schema.users, name, "user")
        values = {"name": name, "password_hash": hashed, "created_at": now_iso()}
        user_id = conn.execute(insert(schema.users).values(**values)).inserted_primary_key
        write_audit(conn, actor=actor, action="user-add", subject=name, case_id=case_id)
    assert user_id is not None
    return User(int(user_id[0]), name)


def add_case(store: Store, name: str, *, actor: str) -> Case:
    check_name(name, "case")
    created = now_iso()
    with store.engine.begin() as conn:
        _unique(conn, schema.cases, name, "case")
        values = {"name": name, "created_at": created, "created_by": actor}
        case_id = conn.execute(insert(schema.cases).values(**values)).inserted_primary_key
        assert case_id is not None
        write_audit(conn, actor=actor, action="case-add", subject=name, case_id=int(case_id[0]))
    return Case(int(case_id[0]), name, created)


def set_member(store: Store, case: str, user: str, role: str, *, actor: str) -> None:
    """Give ``user`` this role in ``case`` (replacing any other role there)."""
    if role not in ROLES:
        raise ConfigError(63, f"a role is one of {', '.join(ROLES)}", subject=role[:40])
    with store.engine.begin() as conn:
        found, member = _case(conn, case), _user(conn, user)
        key = (schema.case_members.c.case_id == found.id) & (
            schema.case_members.c.user_id == member.id
        )
        conn.execute(delete(schema.case_members).where(key))
        conn.execute(
            insert(schema.case_members).values(case_id=found.id, user_id=member.id, role=role)
        )
        detail = {"user": user, "role": role}
        write_audit(
            conn, actor=actor, action="member-set", subject=user, case_id=found.id, detail=detail
        )


def set_grant(
    store: Store, case: str, user: str, grant: str, *, actor: str, revoke: bool = False
) -> None:
    """Grant (or revoke) ``grant`` to a member of ``case``."""
    if grant not in GRANTS:
        raise ConfigError(65, f"a grant is one of {', '.join(GRANTS)}", subject=grant[:40])
    with store.engine.begin() as conn:
        found, member = _case(conn, case), _user(conn, user)
        if not revoke and _role(conn, found.id, member.id) is None:
            raise ConfigError(64, f"not a member of case {case}: add them first", subject=user)
        table = schema.case_grants
        key = (table.c.case_id == found.id) & (table.c.user_id == member.id)
        conn.execute(delete(table).where(key & (table.c.grant == grant)))
        if not revoke:
            values = {"granted_at": now_iso(), "granted_by": actor, "grant": grant}
            conn.execute(insert(table).values(case_id=found.id, user_id=member.id, **values))
        action = "grant-revoke" if revoke else "grant-add"
        detail = {"user": user, "grant": grant}
        write_audit(conn, actor=actor, action=action, subject=user, case_id=found.id, detail=detail)


@dataclass(frozen=True, slots=True)
class Member:
    """A member of a case as its owners see them: the name, the role, the grants held."""

    name: str
    role: Role
    grants: frozenset[str]


def list_members(store: Store, case: str) -> list[Member]:
    """The case's members by name, with their roles and grants (N011 for no such case)."""
    members, users, grants = schema.case_members, schema.users, schema.case_grants
    with store.engine.connect() as conn:
        found = _case(conn, case)
        held: dict[int, set[str]] = {}
        for user_id, grant in conn.execute(
            select(grants.c.user_id, grants.c.grant).where(grants.c.case_id == found.id)
        ):
            held.setdefault(user_id, set()).add(grant)
        rows = conn.execute(
            select(users.c.id, users.c.name, members.c.role)
            .join(members, members.c.user_id == users.c.id)
            .where(members.c.case_id == found.id)
            .order_by(users.c.name)
        )
        return [Member(r.name, cast(Role, r.role), frozenset(held.get(r.id, ()))) for r in rows]


def remove_member(store: Store, case: str, user: str, *, actor: str) -> None:
    """Take ``user`` out of ``case``, with their grants there. A case keeps one owner at
    least: removing its last is refused (A016); so is removing a non-member (C064)."""
    members, grants = schema.case_members, schema.case_grants
    with store.engine.begin() as conn:
        found, member = _case(conn, case), _user(conn, user)
        role = _role(conn, found.id, member.id)
        if role is None:
            raise ConfigError(64, f"not a member of case {case}", subject=user)
        if role == "owner" and _owners(conn, found.id) == 1:
            raise AccessDenied(16, "a case keeps one owner at least", subject=user)
        key = (members.c.case_id == found.id) & (members.c.user_id == member.id)
        conn.execute(delete(members).where(key))
        conn.execute(
            delete(grants).where((grants.c.case_id == found.id) & (grants.c.user_id == member.id))
        )
        detail = {"user": user, "role": role}
        write_audit(
            conn, actor=actor, action="member-remove", subject=user, case_id=found.id, detail=detail
        )


def _owners(conn: Connection, case_id: int) -> int:
    members = schema.case_members
    query = select(func.count()).where((members.c.case_id == case_id) & (members.c.role == "owner"))
    return int(conn.execute(query).scalar_one())


def add_case_reports(
    store: Store, case: str, report_ids: Collection[str] | None, *, actor: str
) -> int:
    """Put reports in ``case`` (``None``: every report in the store); returns how many
    were not in it yet. An unknown report id is N001 and nothing is added."""
    with store.engine.begin() as conn:
        found = _case(conn, case)
        wanted = _known_reports(conn, report_ids)
        have = set(
            conn.execute(
                select(schema.case_reports.c.report_id).where(
                    schema.case_reports.c.case_id == found.id
                )
            ).scalars()
        )
        new = sorted(set(wanted) - have)
        if new:
            conn.execute(
                insert(schema.case_reports), [{"case_id": found.id, "report_id": r} for r in new]
            )
        detail = {"added": len(new), "all": report_ids is None}
        write_audit(
            conn, actor=actor, action="case-reports", subject=case, case_id=found.id, detail=detail
        )
    return len(new)


def _known_reports(conn: Connection, report_ids: Collection[str] | None) -> list[str]:
    query = select(schema.reports.c.id)
    if report_ids is None:
        return list(conn.execute(query).scalars())
    known = set(conn.execute(query.where(schema.reports.c.id.in_(list(report_ids)))).scalars())
    for report_id in report_ids:
        if report_id not in known:
            raise NotFound(1, "no report with this id or prefix", subject=report_id)
    return list(known)


def find_case(store: Store, name: str) -> Case:
    """The case of this name (N011 when there is none)."""
    with store.engine.connect() as conn:
        return _case(conn, name)


def case_report_ids(store: Store, case_id: int) -> frozenset[str]:
    query = select(schema.case_reports.c.report_id).where(schema.case_reports.c.case_id == case_id)
    with store.engine.connect() as conn:
        return frozenset(conn.execute(query).scalars())


def case_report_count(store: Store, case_id: int) -> int:
    """How many reports the case holds: its version, as reports never leave a case."""
    table = schema.case_reports
    query = select(func.count()).select_from(table).where(table.c.case_id == case_id)
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def memberships(store: Store, user_id: int) -> list[Membership]:
    """Every case the user is a member of, by name."""
    members, cases = schema.case_members, schema.cases
    query = (
        select(cases.c.id, cases.c.name, cases.c.created_at, members.c.role)
        .join(members, members.c.case_id == cases.c.id)
        .where(members.c.user_id == user_id)
        .order_by(cases.c.name)
    )
    grants = schema.case_grants
    with store.engine.connect() as conn:
        held: dict[int, set[str]] = {}
        for case_id, grant in conn.execute(
            select(grants.c.case_id, grants.c.grant).where(grants.c.user_id == user_id)
        ):
            held.setdefault(case_id, set()).add(grant)
        return [
            Membership(
                Case(row.id, row.name, row.created_at),
                cast(Role, row.role),
                frozenset(held.get(row.id, ())),
            )
            for row in conn.execute(query)
        ]


def membership(store: Store, user_id: int, case: str) -> Membership | None:
    return next((m for m in memberships(store, user_id) if m.case.name == case), None)


def find_user(store: Store, name: str) -> User | None:
    with store.engine.connect() as conn:
        row = conn.execute(
            select(schema.users.c.id, schema.users.c.name).where(schema.users.c.name == name)
        ).first()
    return User(row.id, row.name) if row else None


def _user(conn: Connection, name: str) -> User:
    row = conn.execute(
        select(schema.users.c.id, schema.users.c.name).where(schema.users.c.name == name)
    ).first()
    if row is None:
        raise NotFound(10, "no user with this name", subject=name[:80])
    return User(row.id, row.name)


def _case(conn: Connection, name: str) -> Case:
    row = conn.execute(select(schema.cases).where(schema.cases.c.name == name)).first()
    if row is None:
        raise NotFound(11, "no case with this name", subject=name[:80])
    return Case(row.id, row.name, row.created_at)


def _role(conn: Connection, case_id: int, user_id: int) -> str | None:
    members = schema.case_members
    return conn.execute(
        select(members.c.role).where(
            (members.c.case_id == case_id) & (members.c.user_id == user_id)
        )
    ).scalar()


def _unique(conn: Connection, table: Table, name: str, what: str) -> None:
    column = table.c.name
    if conn.execute(select(column).where(column == name)).first() is not None:
        raise ConfigError(61, f"a {what} with this name exists", subject=name)


def in_case(
    store: Store, case_id: int, *, report_id: str | None = None, blob_id: str | None = None
) -> bool:
    """Whether the case holds this report, or a report read from this blob."""
    cases, reports = schema.case_reports, schema.reports
    query = select(cases.c.report_id).where(cases.c.case_id == case_id).limit(1)
    if report_id is not None:
        query = query.where(cases.c.report_id == report_id)
    if blob_id is not None:
        query = query.join(reports, reports.c.id == cases.c.report_id).where(
            reports.c.blob_id == blob_id
        )
    with store.engine.connect() as conn:
        return conn.execute(query).first() is not None
