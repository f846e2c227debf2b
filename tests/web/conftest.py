"""The seeded store of the API tests (the witness-leak corpus, one member per role, with and
without the witness grant, in case ``sloviansk``) served on 127.0.0.1 for the pages."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from fastapi.testclient import TestClient

from corroborate.api import create_app
from tests.api.conftest import PASSWORD, Seeded, seed


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
    """The service on a free port of 127.0.0.1, served by uvicorn as `corroborate serve` does."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(web_seeded.settings, store=web_seeded.store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
