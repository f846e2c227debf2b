"""Versioned events: an append that first checks the subject's latest event of its kind.

Analysts' reviews (``review/``) are written this way: the version of a subject is the ledger
seq of its latest event of that action (0 when there is none). A writer that names the
version it last saw gets ``ReviewConflict`` (R001) if another write came in between, so two
people never silently overwrite each other. The check and the append share one transaction
that holds the chain head's lock, so no write can slip between them on either backend.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Connection, func, select

from corroborate.errors import ReviewConflict
from corroborate.store import schema
from corroborate.store.chain import LedgerRow
from corroborate.store.core import Store


def append_versioned(
    store: Store,
    *,
    actor: str,
    action: str,
    subject: str,
    payload: dict[str, Any],
    expected: int | None = None,
) -> LedgerRow:
    """Append the event if ``subject``'s version is ``expected`` (any version when None)."""
    with store.engine.begin() as conn:
        _lock_head(conn)
        current = _version(conn, action, subject)
        if expected is not None and current != expected:
            raise ReviewConflict(
                1,
                f"stale version {expected}: the latest is {current}; reload and decide again",
                subject=subject,
            )
        return store._append(conn, actor=actor, action=action, subject=subject, payload=payload)


def version(store: Store, action: str, subject: str) -> int:
    with store.engine.connect() as conn:
        return _version(conn, action, subject)


def events(store: Store, action: str) -> Iterator[LedgerRow]:
    """Every event of ``action``, oldest first."""
    query = select(schema.ledger).where(schema.ledger.c.action == action)
    with store.engine.connect() as conn:
        for row in conn.execute(query.order_by(schema.ledger.c.seq)):
            yield LedgerRow(**row._asdict())


def _lock_head(conn: Connection) -> None:
    """SQLite's writers already hold the database lock (BEGIN IMMEDIATE); PostgreSQL's take
    the chain head's row lock now, before reading the version, not only when appending."""
    if conn.dialect.name != "sqlite":
        head = select(schema.chain_head.c.seq).where(schema.chain_head.c.id == 1)
        conn.execute(head.with_for_update()).first()


def _version(conn: Connection, action: str, subject: str) -> int:
    query = select(func.max(schema.ledger.c.seq)).where(
        schema.ledger.c.subject == subject, schema.ledger.c.action == action
    )
    return int(conn.execute(query).scalar() or 0)
