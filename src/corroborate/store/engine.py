"""Opening a store's database: the SQLAlchemy engine for a URL, and SQLite's settings.

A missing database driver names the optional part of the package that brings it
(``S005``), and no error repeats a password from the URL. A writer waits at most
``busy_timeout`` seconds for another's lock (SQLite's busy timeout, PostgreSQL's
``lock_timeout``). On SQLite a transaction that only reads (``engine.connect()`` and a query,
with no explicit ``begin``) starts deferred, so that it reads WAL's snapshot while a writer
holds the lock; an explicit one (``engine.begin()``, ``conn.begin()``) writes, and starts
``IMMEDIATE``, taking the write lock before its first read. ``is_busy`` tells such a
timeout, or a serialization failure or deadlock, from other database errors, so that
callers can say "try again" rather than fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from corroborate.errors import StoreError

BUSY_TIMEOUT = 30.0  # seconds a write waits for another's lock
BUSY_SQLITE = ("database is locked", "database is busy", "database table is locked")
BUSY_SQLSTATES = frozenset({"40001", "40P01", "55P03"})  # serialization, deadlock, lock timeout


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine for a store URL; a SQLite file's folder is made, its pragmas set; a
    write waits ``busy_timeout`` seconds at most for another's lock."""
    millis = max(1, round(busy_timeout * 1000))
    try:
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(
                parents=True, exist_ok=True
            )
        engine = create_engine(url)
    except ImportError as exc:
        raise StoreError(5, _missing_driver(url, exc), subject=_without_password(url)) from exc
    except (SQLAlchemyError, OSError) as exc:
        raise StoreError(
            4, f"cannot open store: {_first_line(exc)}", subject=_without_password(url)
        ) from exc
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine, millis)
    elif engine.dialect.name == "postgresql":
        _configure_postgres(engine, millis)
    return engine


def is_busy(error: BaseException) -> bool:
    """Whether a database error is another writer's doing (a lock waited for too long, a
    serialization failure, a deadlock): the same request may succeed if tried again."""
    if not isinstance(error, DBAPIError):
        return False
    sqlstate = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "pgcode", None)
    if sqlstate is not None:
        return str(sqlstate) in BUSY_SQLSTATES
    message = str(error.orig).lower()
    return any(words in message for words in BUSY_SQLITE)


DRIVER_EXTRAS = {"postgresql": "postgres"}


def _missing_driver(url: str, exc: ImportError) -> str:
    """Name the optional part to install for a backend whose driver is not installed."""
    backend = url.split(":", 1)[0].split("+", 1)[0]
    extra = DRIVER_EXTRAS.get(backend)
    module = exc.name or "its driver"
    if extra is None:
        return f"the driver for {backend} ({module}) is not installed"
    return f"{module} is not installed; install the extra: pip install 'corroborate[{extra}]'"


def _without_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return url.split("@")[-1]


class _StoreConnection(Connection):
    """A connection that knows whether its transaction began by itself, on a first query
    (a read: ``engine.connect()``), or was begun explicitly (a write: ``engine.begin()``)."""

    reading = False

    def _autobegin(self) -> None:
        self.reading = True
        try:
            super()._autobegin()
        finally:
            self.reading = False


def _configure_sqlite(engine: Engine, busy_millis: int) -> None:
    """WAL, foreign keys; a write begins IMMEDIATE (it holds the lock from the start, so it
    never fails to upgrade a stale snapshot), a read begins deferred (WAL gives it a
    snapshot: it neither waits for a writer nor holds one up)."""
    engine._connection_cls = _StoreConnection

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_millis}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN" if getattr(conn, "reading", False) else "BEGIN IMMEDIATE")


def _configure_postgres(engine: Engine, lock_millis: int) -> None:
    """A statement waits ``lock_millis`` at most for a lock (then fails, SQLSTATE 55P03)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        cursor = dbapi_conn.cursor()
        cursor.execute(f"SET lock_timeout = {lock_millis}")
        cursor.close()
        dbapi_conn.commit()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
