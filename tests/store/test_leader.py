"""The job lead: one holder per store at a time, on both backends; it passes on when its
holder gives it up or dies (a process killed with SIGKILL, a PostgreSQL session ended);
stores in other schemas or files have leads of their own."""

from __future__ import annotations

import logging
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from corroborate.errors import ConfigError
from corroborate.store import Store
from corroborate.store.leader import AdvisoryLock, FileLock, ProcessLock, leadership, lock_path
from tests.conftest import PG_URL

HOLD = """
import sys, time
from corroborate.store import Store
from corroborate.store.leader import leadership
lead = leadership(Store(sys.argv[1]))
print(lead.acquire(), flush=True)
time.sleep(600)
"""


@pytest.fixture
def two(store_url: str) -> Iterator[tuple[Store, Store]]:
    first, second = Store(store_url), Store(store_url)
    first.migrate()
    yield first, second
    first.close()
    second.close()


def test_one_holder_at_a_time(two: tuple[Store, Store]) -> None:
    first, second = leadership(two[0]), leadership(two[1])
    assert first.acquire() and first.held() and first.acquire()  # taking it again keeps it
    assert not second.acquire() and not second.held()
    first.release()
    assert not first.held()
    assert second.acquire() and second.held()
    assert not first.acquire()
    second.release()


def test_a_killed_holder_passes_the_lead_on(two: tuple[Store, Store]) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, two[0].url],
        stdout=subprocess.PIPE,
        env={**os.environ},
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        lead = leadership(two[1])
        assert not lead.acquire()
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        deadline = time.monotonic() + 20  # PostgreSQL notices the closed socket at once
        while not lead.acquire() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert lead.held()
        lead.release()
    finally:
        holder.kill()
        holder.wait(timeout=30)


def _backend_alive(conn: Connection, pid: object) -> bool:
    found = conn.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :p"), {"p": pid})
    alive = bool(found.scalar())
    conn.rollback()
    return alive


@pytest.mark.postgres
def test_an_ended_session_loses_the_lead(pg_url: str, caplog: pytest.LogCaptureFixture) -> None:
    first, second = Store(pg_url), Store(pg_url)
    first.migrate()
    try:
        lead = leadership(first)
        assert isinstance(lead, AdvisoryLock) and lead.acquire()
        assert lead._conn is not None
        pid = lead._conn.execute(text("SELECT pg_backend_pid()")).scalar()
        lead._conn.rollback()
        with second.engine.connect() as conn:
            assert conn.execute(text("SELECT pg_terminate_backend(:p)"), {"p": pid}).scalar()
            conn.commit()
            deadline = time.monotonic() + 10
            while _backend_alive(conn, pid) and time.monotonic() < deadline:
                time.sleep(0.1)
        with caplog.at_level(logging.ERROR, logger="corroborate.store.leader"):
            assert lead.held() is False  # the first check after the session ended says so
        [record] = caplog.records
        assert record.getMessage() == (  # the error's first line: PostgreSQL's words for it
            "the job lead is lost: (psycopg.errors.AdminShutdown) "
            "terminating connection due to administrator command"
        )
        assert lead._conn is None and lead.held() is False
        other = leadership(second)
        assert other.acquire()
        other.release()
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_each_schema_has_its_own_lead(pg_url: str) -> None:
    here, elsewhere = Store(pg_url), Store(PG_URL)  # the test's schema, and public
    try:
        first, second = leadership(here), leadership(elsewhere)
        assert first.acquire() and second.acquire()
        first.release()
        second.release()
    finally:
        here.close()
        elsewhere.close()


def test_sqlite_lead_is_a_file_beside_the_store(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    lead = leadership(store)
    assert isinstance(lead, FileLock) and lead.path == tmp_path / "store.db.jobs-lock"
    assert lead.acquire()
    assert lock_path(str(tmp_path / "store.db")).read_text() == f"{os.getpid()}\n"
    assert stat.S_IMODE(lead.path.stat().st_mode) == 0o600  # its holder alone may write it
    assert not leadership(Store(f"sqlite:///{tmp_path / 'other.db'}")).held()
    assert leadership(Store(f"sqlite:///{tmp_path / 'other.db'}")).acquire()
    lead.release()
    store.close()


def test_an_unwritable_place_is_a_coded_error(tmp_path: Path) -> None:
    lead = FileLock(tmp_path / "missing" / "store.db.jobs-lock")
    with pytest.raises(ConfigError, match=r"^\[C120\] .*store.db.jobs-lock: cannot open"):
        lead.acquire()


def test_an_in_memory_store_leads_within_its_process() -> None:
    store, other = Store("sqlite://"), Store("sqlite://")
    first, second, third = leadership(store), leadership(store), leadership(other)
    assert isinstance(first, ProcessLock)
    assert first.held() is False
    assert first.acquire() and not second.acquire()
    assert third.acquire()  # another in-memory store is another database
    first.release()
    assert first.held() is False
    assert second.acquire()
    second.release()
    third.release()


def test_a_named_in_memory_store_leads_within_its_process_too() -> None:
    store = Store("sqlite:///:memory:")  # the URL's database is ":memory:", no file
    assert isinstance(leadership(store), ProcessLock)
    store.close()
