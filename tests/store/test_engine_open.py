"""Opening a store's database (``store/engine.py``): coded errors without the password, the
settings each backend gets, and which errors mean "another writer, try again"."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, OperationalError

from corroborate.errors import StoreError
from corroborate.store.engine import (
    _first_line,
    _missing_driver,
    _without_password,
    is_busy,
    make_engine,
)


def test_a_missing_driver_names_the_extra_to_install_or_the_module() -> None:
    assert _missing_driver("postgresql+psycopg://u@h/db", ImportError(name="psycopg")) == (
        "psycopg is not installed; install the extra: pip install 'corroborate[postgres]'"
    )
    assert _missing_driver("mysql://h/db", ImportError(name="MySQLdb")) == (
        "the driver for mysql (MySQLdb) is not installed"
    )
    assert _missing_driver("mysql+pymysql://h/db", ImportError()) == (
        "the driver for mysql (its driver) is not installed"
    )


def test_no_error_repeats_a_password_from_the_url() -> None:
    assert _without_password("postgresql://anna:secret@db.example/ev") == (
        "postgresql://anna:***@db.example/ev"
    )
    assert _without_password("sqlite:///store.db") == "sqlite:///store.db"
    assert _without_password("not a url:secret@db.example") == "db.example"
    assert _without_password("not a url") == "not a url"
    with pytest.raises(StoreError) as caught:
        make_engine("mysql://anna:secret@db.example/ev")
    assert str(caught.value) == (
        "[S005] mysql://anna:***@db.example/ev: the driver for mysql (MySQLdb) is not installed"
    )


def test_a_url_that_cannot_be_opened_is_coded_on_one_line() -> None:
    with pytest.raises(StoreError) as caught:
        make_engine("nosuch://anna:secret@host/db")
    assert str(caught.value) == (
        "[S004] nosuch://anna:***@host/db: cannot open store: "
        "Can't load plugin: sqlalchemy.dialects:nosuch"
    )


def test_a_sqlite_files_folder_is_made_and_its_settings_are_set(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "store.db"
    engine = make_engine(f"sqlite:///{path}", busy_timeout=2.5)
    with engine.connect() as conn:
        settings = [
            conn.exec_driver_sql(f"PRAGMA {name}").scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        ]
    assert settings == ["wal", 1, 1, 2500]
    assert path.exists()
    with make_engine(f"sqlite:///{path}", busy_timeout=0.0001).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1  # never 0: no wait
    with make_engine("sqlite:///:memory:").connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    assert not (Path.cwd() / ":memory:").exists()


@pytest.mark.postgres
def test_a_postgres_statement_waits_for_a_lock_as_long_as_told(pg_url: str) -> None:
    for seconds, shown in ((2.5, "2500ms"), (30.0, "30s"), (0.0001, "1ms")):
        engine = make_engine(pg_url, busy_timeout=seconds)
        with engine.connect() as conn:
            assert conn.execute(text("SHOW lock_timeout")).scalar() == shown
            conn.execute(text("SELECT 1"))  # the setting did not leave a transaction open
        engine.dispose()


class _Orig(Exception):
    def __init__(self, message: str, *, sqlstate: str | None = None, pgcode: str | None = None):
        super().__init__(message)
        self.sqlstate, self.pgcode = sqlstate, pgcode


def _error(message: str, **codes: str) -> DBAPIError:
    return OperationalError("SELECT 1", {}, _Orig(message, **codes))


def test_busy_is_a_lock_timeout_serialization_failure_or_deadlock() -> None:
    assert is_busy(_error("lock timeout", sqlstate="55P03"))
    assert is_busy(_error("could not serialize", sqlstate="40001"))
    assert is_busy(_error("deadlock detected", pgcode="40P01"))
    assert not is_busy(_error("duplicate key", sqlstate="23505"))
    assert not is_busy(_error("database is locked", sqlstate="23505"))  # the code decides
    for message in ("Database is LOCKED", "database is busy", "database table is locked"):
        assert is_busy(_error(message))
    assert not is_busy(_error("no such table: blobs"))
    assert not is_busy(sqlite3.OperationalError("database is locked"))  # not wrapped
    assert not is_busy(ValueError("database is locked"))


def test_an_error_is_told_by_its_first_line_or_else_its_type() -> None:
    assert _first_line(ValueError("  first line\nsecond line\n")) == "first line"
    assert _first_line(TimeoutError()) == "TimeoutError"
    assert _first_line(ValueError(" \n ")) == "ValueError"
