"""The seeded store of the API tests (the witness-leak corpus, one member per role, with and
without the witness grant, in case ``sloviansk``) served on 127.0.0.1 for the pages, on
SQLite and on the real PostgreSQL server (a fresh schema, dropped afterwards), as the API
tests run: every page test runs on both."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from corroborate.api import create_app
from corroborate.pipeline import run as run_pipeline
from tests.api.conftest import PASSWORD, Seeded, seed, serving
from tests.conftest import PG_URL, _pg_schema_url

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@contextmanager
def seeded_store(backend: str, root: Path) -> Iterator[Seeded]:
    """A freshly seeded store on ``backend``, closed (and its schema dropped) afterwards."""
    if backend == "sqlite":
        seeded = seed(f"sqlite:///{root / 'store.db'}", root)
        yield seeded
        seeded.store.close()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        seeded = seed(_pg_schema_url(schema), root)
        yield seeded
        seeded.store.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def web_seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    with seeded_store(request.param, tmp_path_factory.mktemp(f"web-{request.param}")) as found:
        yield found


@pytest.fixture
def pages(web_seeded: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(web_seeded.settings, store=web_seeded.store)) as found:
        yield found


def signed_in(client: TestClient, name: str) -> TestClient:
    form = client.get("/sign-in")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    done = client.post(
        "/sign-in",
        data={"name": name, "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    return client


@pytest.fixture(scope="session")
def web_url(web_seeded: Seeded) -> Iterator[str]:
    with serving(web_seeded) as url:
        yield url


@pytest.fixture(scope="module", params=BACKENDS)
def fresh(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Seeded]:
    """A seeded store of this module's own, whose decisions no other test sees."""
    with seeded_store(request.param, tmp_path_factory.mktemp(f"fresh-{request.param}")) as found:
        yield found


@pytest.fixture
def fresh_pages(fresh: Seeded) -> Iterator[TestClient]:
    with TestClient(create_app(fresh.settings, store=fresh.store)) as found:
        yield found


def run_again(seeded: Seeded) -> None:
    """``corroborate run`` over the same files: the reviews take effect."""
    corpus = seeded.settings.key_dir.parent / "oksvetta_case"
    run_pipeline(seeded.store, [corpus], settings=seeded.settings)


def hidden(html: str, form_start: str) -> dict[str, str]:
    """The hidden fields of the first form whose opening tag starts with ``form_start``."""
    form = html.split(form_start)[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))


CSRF_VALUE = re.compile(r'name="csrf_token" value="([^"]+)"')


def without_tokens(page: str, cookies: Iterable[str] = ()) -> str:
    """``page`` with the random tokens it was issued (session cookie, CSRF token) blanked:
    they are random letters and digits, so one may happen to spell a part of a witness's
    name ("q77"), which is no leak."""
    tokens = set(CSRF_VALUE.findall(page)) | {value for value in cookies if value}
    for token in sorted(tokens, key=len, reverse=True):
        page = page.replace(token, "<token>")
    return page
