"""Shared fixtures: stores on both backends, and builders for test documents."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from corroborate.store import Store
from corroborate.store.sealing import WitnessKey

PG_URL = os.environ.get("CORROBORATE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _pg_schema_url(schema: str) -> str:
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(autouse=True)
def private_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Witness keys made by a test go to its own folder, never the working directory's."""
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "keys"))
    monkeypatch.delenv("CORROBORATE_KEY", raising=False)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the real PostgreSQL server, dropped afterwards."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        pytest.fail(f"PostgreSQL at {PG_URL} is not reachable (.ci/run starts it): {exc}")
    try:
        yield _pg_schema_url(schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """The store suite runs on both backends, for real."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return str(request.getfixturevalue(name))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    handle = Store(store_url)
    handle.migrate()
    handle.witness_key = WitnessKey.generate()  # testimonies can be stored (sealed)
    yield handle
    handle.close()


@pytest.fixture
def write_files(tmp_path: Path) -> Callable[[dict[str, bytes | str]], Path]:
    """Write ``{relative name: content}`` under a fresh folder and return it."""

    def write(files: dict[str, bytes | str]) -> Path:
        root = tmp_path / f"in-{uuid.uuid4().hex[:6]}"
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            path.write_bytes(data)
        return root

    return write
