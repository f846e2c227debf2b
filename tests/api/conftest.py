"""A seeded store served in-process: the witness-leak corpus, run once per backend, and one
member per role (with and without the witness grant) in case ``sloviansk``; a second case,
``other``, that none of them is in.

Users: ``owner``/``analyst``/``viewer`` (no grant), ``owner-g``/``analyst-g``/``viewer-g``
(grant), ``outsider`` (member of ``other`` only). Each has an API token in ``TOKENS``.
"""

from __future__ import annotations

import socket
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from corroborate.api import create_app
from corroborate.pipeline import run as run_pipeline
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import add_token
from corroborate.store.sealing import WitnessKey
from corroborate.store.workspace import (
    add_case,
    add_case_reports,
    add_user,
    set_grant,
    set_member,
)
from tests.cli.test_witness_leaks import NEWS, NGO, TESTIMONIES
from tests.conftest import PG_URL, _pg_schema_url

PASSWORD = "correct horse battery"
CASE = "sloviansk"
MEMBERS = {
    "owner": "owner",
    "analyst": "analyst",
    "viewer": "viewer",
    "owner-g": "owner",
    "analyst-g": "analyst",
    "viewer-g": "viewer",
}


@dataclass
class Seeded:
    store: Store
    settings: Settings
    tokens: dict[str, str]


def write_corpus(root: Path) -> Path:
    (root / "witnesses").mkdir(parents=True)
    (root / "news").mkdir()
    (root / "witnesses" / "zabelina_oksvetta_interview.csv").write_text(TESTIMONIES)
    (root / "news" / "oksvetta-mrs-story.txt").write_text(NEWS)
    (root / "news" / "q-77_field_note.md").write_text(NGO)
    return root


def seed(url: str, root: Path) -> Seeded:
    store = Store(url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=url, fast=True, workers=1, key_dir=root / "keys")
    run_pipeline(store, [write_corpus(root / "oksvetta_case")], settings=settings)
    add_case(store, CASE, actor="test")
    add_case(store, "other", actor="test")
    add_case_reports(store, CASE, None, actor="test")
    tokens = {}
    for name, role in [*MEMBERS.items(), ("outsider", "")]:
        add_user(store, name, PASSWORD, actor="test")
        set_member(store, "other" if not role else CASE, name, role or "owner", actor="test")
        if name.endswith("-g"):
            set_grant(store, CASE, name, "witness-identities", actor="test")
        tokens[name] = add_token(store, name, days=1, actor="test")[1]
    return Seeded(store, settings, tokens)


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    root = tmp_path_factory.mktemp("api-sqlite")
    seeded = seed(f"sqlite:///{root / 'store.db'}", root)
    yield seeded
    seeded.store.close()


@pytest.fixture(scope="session")
def seeded_postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        seeded = seed(_pg_schema_url(schema), tmp_path_factory.mktemp("api-pg"))
        yield seeded
        seeded.store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded(request: pytest.FixtureRequest) -> Seeded:
    found: Seeded = request.getfixturevalue(f"seeded_{request.param}")
    return found


@pytest.fixture
def client(seeded: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(seeded.settings, store=seeded.store)) as found:
        yield found


def bearer(seeded: Seeded, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {seeded.tokens[name]}"}


@contextmanager
def serving(seeded: Seeded) -> Iterator[str]:
    """The service on a free port of 127.0.0.1, served by uvicorn as `corroborate serve` does."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(seeded.settings, store=seeded.store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def live_url(seeded: Seeded) -> Iterator[str]:
    with serving(seeded) as url:
        yield url
