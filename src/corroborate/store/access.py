"""Credentials and the audit log of the multi-user service.

Passwords are kept as Argon2id hashes (``argon2-cffi``). API tokens and session cookies are
random secrets of 256 bits; only their SHA-256 digests are stored, so a copy of the database
lets nobody sign in. Tokens expire and can be revoked; sessions expire after
``SESSION_HOURS`` and each carries its own CSRF token. The audit log records who did what,
when and in which case — every change to the workspace, every sign-in (failed ones too,
which is how failed logins are rate-limited) and every read of witness identities.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, delete, func, insert, select, update

from corroborate.errors import AccessDenied, ConfigError, NotFound
from corroborate.store import schema
from corroborate.store.core import Store

SESSION_HOURS = 12
TOKEN_PREFIX = "cbt_"
_hasher = PasswordHasher()
# a login for an unknown user verifies against this, so both take the same time
_DUMMY = _hasher.hash(secrets.token_hex(16))


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts as: the user, and the CSRF token when signed in by cookie."""

    user_id: int
    name: str
    csrf: str | None = None


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: str
    actor: str
    action: str
    case_id: int | None
    subject: str
    detail: dict[str, Any]


def now_iso(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).isoformat(timespec="microseconds")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def digest(secret: str) -> str:
    return "sha256:" + hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_password(store: Store, name: str, password: str) -> Principal | None:
    """The user if ``password`` is theirs; None otherwise (in the same time either way);
    A009 if it is theirs but the account is disabled."""
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.users).where(schema.users.c.name == name)).first()
    try:
        _hasher.verify(row.password_hash if row else _DUMMY, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is not None and row.disabled_at:  # said only to whoever knows the password
        raise AccessDenied(9, "the account is disabled", subject=name)
    return Principal(row.id, row.name) if row else None


# -- API tokens -----------------------------------------------------------------------------


def add_token(store: Store, user: str, *, days: int, actor: str) -> tuple[int, str]:
    """A new API token for ``user``, valid ``days``; returns its id and the token, which is
    shown this once (only its digest is kept)."""
    if not 1 <= days <= 3650:
        raise ConfigError(66, "a token expires in 1 to 3650 days", subject=str(days))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        user_id = _user_id(conn, user)
        values = {
            "user_id": user_id,
            "token_hash": digest(token),
            "created_at": now_iso(now),
            "expires_at": now_iso(now + timedelta(days=days)),
        }
        key = conn.execute(insert(schema.api_tokens).values(**values)).inserted_primary_key
        assert key is not None
        write_audit(conn, actor=actor, action="token-add", subject=user, detail={"days": days})
    return int(key[0]), token


def revoke_token(store: Store, token_id: int, *, actor: str) -> None:
    tokens = schema.api_tokens
    with store.engine.begin() as conn:
        found = conn.execute(
            update(tokens)
            .where((tokens.c.id == token_id) & tokens.c.revoked_at.is_(None))
            .values(revoked_at=now_iso())
        )
        if not found.rowcount:
            raise NotFound(12, "no unrevoked token with this id", subject=str(token_id))
        write_audit(conn, actor=actor, action="token-revoke", subject=str(token_id))


def token_principal(store: Store, token: str) -> Principal | None:
    """The user a bearer token acts for, if it is known, unexpired and not revoked."""
    tokens, users = schema.api_tokens, schema.users
    query = (
        select(users.c.id, users.c.name)
        .join(tokens, tokens.c.user_id == users.c.id)
        .where(
            (tokens.c.token_hash == digest(token))
            & tokens.c.revoked_at.is_(None)
            & (tokens.c.expires_at > now_iso())
            & users.c.disabled_at.is_(None)
        )
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return Principal(row.id, row.name) if row else None


# -- sessions -------------------------------------------------------------------------------


def open_session(store: Store, principal: Principal) -> tuple[str, str]:
    """A new session for a signed-in user: the cookie's value and the CSRF token."""
    value, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    values = {
        "id_hash": digest(value),
        "user_id": principal.user_id,
        "csrf": csrf,
        "created_at": now_iso(now),
        "expires_at": now_iso(now + timedelta(hours=SESSION_HOURS)),
    }
    with store.engine.begin() as conn:
        expired = schema.sessions.c.expires_at < values["created_at"]
        conn.execute(delete(schema.sessions).where(expired))  # old ones go as new ones come
        conn.execute(insert(schema.sessions).values(**values))
    return value, csrf


def session_principal(store: Store, value: str) -> Principal | None:
    sessions, users = schema.sessions, schema.users
    query = (
        select(users.c.id, users.c.name, sessions.c.csrf)
        .join(sessions, sessions.c.user_id == users.c.id)
        .where(
            (sessions.c.id_hash == digest(value))
            & (sessions.c.expires_at > now_iso())
            & users.c.disabled_at.is_(None)
        )
    )
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    return Principal(row.id, row.name, row.csrf) if row else None


def close_session(store: Store, value: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(schema.sessions).where(schema.sessions.c.id_hash == digest(value)))


def csrf_matches(principal: Principal, offered: str | None) -> bool:
    return bool(principal.csrf and offered and hmac.compare_digest(principal.csrf, offered))


# -- the audit log ---------------------------------------------------------------------------


def write_audit(
    conn: Connection,
    *,
    actor: str,
    action: str,
    subject: str,
    case_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    values = {
        "at": now_iso(),
        "actor": actor,
        "action": action,
        "case_id": case_id,
        "subject": subject,
        "detail": json.dumps(detail or {}, sort_keys=True),
    }
    conn.execute(insert(schema.audit).values(**values))


def audit(store: Store, **entry: Any) -> None:
    """Write one audit row in its own transaction (see ``write_audit``)."""
    with store.engine.begin() as conn:
        write_audit(conn, **entry)


def audit_rows(store: Store, *, case_id: int | None = None, limit: int = 1000) -> list[AuditRow]:
    """The newest rows first, of one case or of all."""
    query = select(schema.audit).order_by(schema.audit.c.id.desc()).limit(limit)
    if case_id is not None:
        query = query.where(schema.audit.c.case_id == case_id)
    with store.engine.connect() as conn:
        return [
            AuditRow(
                r.id, r.at, r.actor, r.action, r.case_id, r.subject, json.loads(r.detail or "{}")
            )
            for r in conn.execute(query)
        ]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """What an owner asks of a case's audit log; None ignores a field. Days are ISO dates."""

    actor: str | None = None
    action: str | None = None
    since: str | None = None
    until: str | None = None


def audit_page(
    store: Store, case_id: int, wanted: AuditFilter, *, offset: int = 0, limit: int = 50
) -> tuple[int, list[AuditRow]]:
    """How many rows of the case match, and ``limit`` of them from ``offset``, newest first."""
    table = schema.audit
    where = [table.c.case_id == case_id]
    if wanted.actor:
        where.append(table.c.actor == wanted.actor)
    if wanted.action:
        where.append(table.c.action == wanted.action)
    if wanted.since:
        where.append(table.c.at >= wanted.since)
    if wanted.until:  # before the next day begins (ISO times sort as text)
        after = date.fromisoformat(wanted.until) + timedelta(days=1)
        where.append(table.c.at < after.isoformat())
    query = select(schema.audit).where(*where).order_by(table.c.id.desc())
    with store.engine.connect() as conn:
        total = int(conn.execute(select(func.count()).where(*where)).scalar_one())
        rows = conn.execute(query.offset(offset).limit(limit))
        return total, [
            AuditRow(
                r.id, r.at, r.actor, r.action, r.case_id, r.subject, json.loads(r.detail or "{}")
            )
            for r in rows
        ]


def audit_choices(store: Store, case_id: int) -> tuple[list[str], list[str]]:
    """The actors and the actions the case's audit log holds, for the filter's menus."""
    table = schema.audit
    with store.engine.connect() as conn:
        actors = conn.execute(
            select(table.c.actor).where(table.c.case_id == case_id).distinct()
        ).scalars()
        actions = conn.execute(
            select(table.c.action).where(table.c.case_id == case_id).distinct()
        ).scalars()
        return sorted(actors), sorted(actions)


def failed_logins(
    store: Store, *, minutes: int, name: str | None = None, client: str | None = None
) -> int:
    """How many sign-ins failed in the last ``minutes``: as ``name``, or from ``client``
    (the address the audit row's detail names), or both."""
    since = now_iso(datetime.now(UTC) - timedelta(minutes=minutes))
    table = schema.audit
    query = select(func.count()).where((table.c.action == "login-failed") & (table.c.at > since))
    if name is not None:
        query = query.where(table.c.subject == name)
    if client is not None:
        query = query.where(table.c.detail == json.dumps({"client": client}, sort_keys=True))
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def _user_id(conn: Connection, name: str) -> int:
    found = conn.execute(select(schema.users.c.id).where(schema.users.c.name == name)).scalar()
    if found is None:
        raise NotFound(10, "no user with this name", subject=name[:80])
    return int(found)
