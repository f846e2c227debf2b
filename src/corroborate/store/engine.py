"""Opening a store's database: the SQLAlchemy engine for a URL, and SQLite's settings.

A missing database driver names the optional part of the package that brings it
(``S005``), and no error repeats a password from the URL.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.exc import SQLAlchemyError

from corroborate.errors import StoreError


def make_engine(url: str) -> Engine:
    """An engine for a store URL; a SQLite file's folder is made, its pragmas set."""
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
        _configure_sqlite(engine)
    return engine


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


def _configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and BEGIN IMMEDIATE so a writer holds the lock from the start."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
