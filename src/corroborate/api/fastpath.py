"""Kept reads answered before routing: the incident list, an incident, a report.

Routing, validating the parameters, solving the dependencies and two hops to a worker thread
cost a read answered from memory (``answers``) several times the answer's own work. So a GET
of one of those endpoints is first looked up here, as plain ASGI: the request (its path and
query string, exactly as sent) names an answer only once the full path has answered that
same request, and it is served from memory only if, at this moment, the caller's credential
is live, the caller is a member of the case, and an answer is kept for their role and grant
at the ledger head and case version the store holds now (``store.standing``: one statement).
An answer that showed witness identities is audited again for this reader. Anything else
(a credential unknown or expired, no membership, nothing kept, the store busy) goes the full
path, which decides, refuses and answers as it always does.
"""

from __future__ import annotations

import re

from fastapi.security.utils import get_authorization_scheme_param
from sqlalchemy.exc import DBAPIError
from starlette.datastructures import Headers
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Receive, Scope, Send

from corroborate.api.answers import Answer, requested
from corroborate.api.auth import COOKIE
from corroborate.api.service import Service

KEPT = re.compile(r"/api/v1/cases/[^/]+/(?:incidents|incidents/[^/]+|reports/[^/]+)")


class KeptReads:
    """Serves a kept answer without routing when everything that decides it still holds."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or not KEPT.fullmatch(scope["path"]):
            await self.app(scope, receive, send)
            return
        raw = (scope["path"], scope["query_string"])
        answer = self._kept(scope, raw)
        if answer is None:  # the full path answers, and teaches this one what it answered
            marked = requested.set(raw)
            try:
                await self.app(scope, receive, send)
            finally:
                requested.reset(marked)
            return
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(answer.body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": answer.body})

    def _kept(self, scope: Scope, raw: tuple[str, bytes]) -> Answer | None:
        token, session = credentials(Headers(scope=scope))
        try:
            return self.service.kept(raw, token=token, session=session)
        except DBAPIError:  # the store busy or gone: the full path answers it as it does
            return None


def credentials(headers: Headers) -> tuple[str | None, str | None]:
    """The bearer token and the session cookie as ``auth.principal`` is given them
    (``HTTPBearer`` and ``APIKeyCookie``, neither raising)."""
    authorization = headers.get("authorization")
    scheme, value = get_authorization_scheme_param(authorization)
    token = value if authorization and scheme.lower() == "bearer" and value else None
    session = cookie_parser(headers.get("cookie", "")).get(COOKIE) or None
    return token, session
