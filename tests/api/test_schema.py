"""schemathesis against the live service (uvicorn on 127.0.0.1) and the OpenAPI 3.1 schema
it serves: requests
generated from the schema for every operation, made with the token of an owner who holds
the witness grant, get no 5xx, and every response matches the schema (status codes, media
types, headers, bodies)."""

from __future__ import annotations

from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.api.conftest import Seeded, bearer

EXAMPLES = 25


def test_the_api_keeps_its_schema(seeded: Seeded, live_url: str) -> None:
    served = httpx.get(f"{live_url}/api/v1/openapi.json", timeout=10).json()
    assert served["openapi"].startswith("3.1")
    api = schemathesis.openapi.from_url(f"{live_url}/api/v1/openapi.json")
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
            case.call_and_validate(base_url=live_url, headers=headers)

        keeps_schema()
