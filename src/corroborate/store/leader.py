"""Which server process runs a store's jobs: one leader per store, across processes.

Several server processes share one store (``corroborate serve --workers N``, or servers on
several machines over one PostgreSQL store); only one of them may run its jobs, and only it
may decide that a job left ``running`` is interrupted. Leadership is a lock that the
operating system or the database server releases by itself when its holder dies:

- PostgreSQL: a session advisory lock (``pg_try_advisory_lock``) on a connection kept for
  it, keyed by the store's schema; PostgreSQL ends the session, and with it the lock, when
  the process dies (``kill -9`` included) or its connection is lost.
- SQLite: an exclusive ``flock`` on a file beside the database (``store.db.jobs-lock``),
  which the kernel releases when the process holding it dies.
- An in-memory SQLite store lives in one process: a lock of that process.

A process that takes the lead has the only claim on running jobs, so every job it then finds
``running`` or ``cancelling`` was left by a leader that died (``store.jobs.interrupt_running``
marks those, and only those). A leader checks that it still holds the lead before it claims a
job and whenever a job writes its progress; one whose database session ended has lost it and
stops, leaving the job to the next leader.
"""

from __future__ import annotations

import fcntl
import logging
import os
import threading
import weakref
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from corroborate.errors import ConfigError
from corroborate.store.core import Store

log = logging.getLogger(__name__)
LOCK_CLASS = 0x636F7272  # the advisory lock's first key ("corr"); the second is the schema's
SUFFIX = ".jobs-lock"


class Leadership(Protocol):
    def acquire(self) -> bool:
        """Take the lead if nobody holds it (never waits); True while this holds it."""

    def held(self) -> bool:
        """Whether this still holds the lead (False once it is lost)."""

    def release(self) -> None:
        """Give the lead up (nothing if not held)."""


def leadership(store: Store) -> Leadership:
    """The lock that makes one process the job runner of ``store``."""
    if store.dialect == "postgresql":
        return AdvisoryLock(store.engine)
    database = store.engine.url.database
    if not database or database == ":memory:":
        return ProcessLock(store.engine)
    return FileLock(lock_path(database))


def lock_path(database: str) -> Path:
    """The lock file beside a SQLite database."""
    path = Path(database).expanduser()
    return path.with_name(path.name + SUFFIX)


class AdvisoryLock:
    """A PostgreSQL session advisory lock, held on a connection of its own."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None

    def acquire(self) -> bool:
        if self._conn is not None:
            return self.held()
        conn = self.engine.connect()
        try:
            taken = conn.execute(
                text("SELECT pg_try_advisory_lock(:cls, hashtext(current_schema()))"),
                {"cls": LOCK_CLASS},
            ).scalar()
            conn.commit()  # a session lock outlives the transaction that took it
        except DBAPIError:
            conn.invalidate()
            conn.close()
            raise
        if not taken:
            conn.close()
            return False
        self._conn = conn
        return True

    def held(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.execute(text("SELECT 1"))
            self._conn.rollback()
        except DBAPIError as error:  # the session ended, and the lock with it
            log.error("the job lead is lost: %s", str(error).splitlines()[0])
            self._drop()
            return False
        return True

    def release(self) -> None:
        self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            self._conn.invalidate()  # its session ends: PostgreSQL releases the lock
            self._conn.close()
            self._conn = None


class FileLock:
    """An exclusive ``flock`` on a file beside a SQLite database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self) -> bool:
        if self._fd is not None:
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise ConfigError(
                120,
                f"cannot open the job lock beside the store: {error.strerror}",
                subject=str(self.path),
            ) from error
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())  # who leads, for a person looking
        self._fd = fd
        return True

    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


_LOCAL: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()
_LOCAL_GUARD = threading.Lock()


class ProcessLock:
    """The lead over an in-memory store, which only this process can reach."""

    def __init__(self, engine: Engine) -> None:
        with _LOCAL_GUARD:
            self._lock = _LOCAL.setdefault(engine, threading.Lock())
        self._held = False

    def acquire(self) -> bool:
        if not self._held:
            self._held = self._lock.acquire(blocking=False)
        return self._held

    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        if self._held:
            self._lock.release()
            self._held = False
