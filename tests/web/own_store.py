"""A seeded store of its own for page tests that change things (members, reviews, source
corrections), so that the shared store of the other page tests stays as seeded."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from corroborate.api import create_app
from tests.api.conftest import Seeded, seed
from tests.web.conftest import signed_in

CASE_URL = "/cases/sloviansk"


def own_seeded(root: Path) -> Seeded:
    return seed(f"sqlite:///{root / 'store.db'}", root)


def client_for(seeded: Seeded, name: str) -> TestClient:
    return signed_in(TestClient(create_app(seeded.settings, store=seeded.store)), name)


def links(html: str, kind: str) -> list[str]:
    return sorted(set(re.findall(rf'href="(/cases/sloviansk/{kind}/[^"/]+)"', html)))


def hidden(html: str, marker: str) -> dict[str, str]:
    """The hidden fields of the first form that starts with ``marker``."""
    form = html.split(marker)[1].split("</form>")[0]
    return dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))


def csrf_of(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]
