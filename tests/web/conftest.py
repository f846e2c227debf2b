"""The seeded store of the API tests (the witness-leak corpus, one member per role, with and
without the witness grant, in case ``sloviansk``) served on 127.0.0.1 for the pages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from corroborate.api import create_app
from tests.api.conftest import PASSWORD, Seeded, seed, serving


@pytest.fixture(scope="session")
def web_seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    root = tmp_path_factory.mktemp("web")
    seeded = seed(f"sqlite:///{root / 'store.db'}", root)
    yield seeded
    seeded.store.close()


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
