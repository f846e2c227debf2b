"""SQLite transactions: a read takes WAL's snapshot and proceeds while another connection
holds the write lock; a write begins IMMEDIATE and waits for that lock."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.exc import OperationalError

from corroborate.store import Store
from corroborate.store.engine import is_busy


@pytest.fixture
def store(tmp_path: Path) -> Store:
    handle = Store(f"sqlite:///{tmp_path / 'store.db'}", busy_timeout=0.2)
    handle.migrate()
    return handle


def held(store: Store) -> sqlite3.Connection:
    """Another connection in the middle of a write transaction (its row not committed)."""
    other = sqlite3.connect(store.url.removeprefix("sqlite:///"), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO secrets (name, value) VALUES ('pending', 'x')")
    return other


def test_a_read_proceeds_while_a_write_transaction_is_open(store: Store) -> None:
    lock = held(store)
    try:
        head = store.head()  # a deferred read: no wait, no busy error
        with store.engine.connect() as conn:
            names = conn.execute(text("SELECT name FROM secrets")).scalars().all()
    finally:
        lock.rollback()
        lock.close()
    assert head == store.head()
    assert "pending" not in names  # the snapshot holds only what was committed


def test_a_write_still_waits_for_the_lock_and_is_busy_after_the_timeout(store: Store) -> None:
    lock = held(store)
    try:
        with pytest.raises(OperationalError) as refused, store.engine.begin() as conn:
            conn.execute(text("SELECT count(*) FROM secrets"))  # IMMEDIATE: waits here
    finally:
        lock.rollback()
        lock.close()
    assert is_busy(refused.value)
    with store.engine.begin() as conn:  # the lock is free again
        conn.execute(text("INSERT INTO secrets (name, value) VALUES ('after', 'y')"))


def test_reads_and_writes_begin_as_they_should(store: Store) -> None:
    begun: list[str] = []

    @event.listens_for(store.engine, "before_cursor_execute")
    def _seen(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        begun.append(statement)

    store.head()
    with store.engine.begin() as conn:
        conn.execute(text("SELECT 1"))
    assert "BEGIN" in begun and "BEGIN IMMEDIATE" in begun
    assert begun.index("BEGIN") < begun.index("BEGIN IMMEDIATE")
