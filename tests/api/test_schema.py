"""schemathesis against the service's own OpenAPI 3.1 schema, as it serves it: requests
generated from the schema for every operation, made with the token of an owner who holds
the witness grant, get no 5xx, and every response matches the schema (status codes, media
types, headers, bodies)."""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from corroborate.api import create_app
from tests.api.conftest import Seeded, bearer

EXAMPLES = 25


def test_the_api_keeps_its_schema(seeded: Seeded) -> None:
    app = create_app(seeded.settings, store=seeded.store)
    with TestClient(app) as client:
        assert client.get("/api/v1/openapi.json").json()["openapi"].startswith("3.1")
    api = schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 9
    token = bearer(seeded, "owner-g")
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_schema(case: Any) -> None:
            headers = dict(case.headers or {})
            if "authorization" not in {k.lower() for k in headers}:
                headers |= token
            case.call_and_validate(headers=headers)

        keeps_schema()
