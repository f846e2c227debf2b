"""``create_app(settings)``: the FastAPI application over one store.

Security headers go on every response: a Content-Security-Policy without inline script
(the pages of ``corroborate.web`` load one stylesheet from ``/assets``), ``nosniff``, frames
denied, no referrer, and no caching of what may name a witness. The interactive docs pages
are off (they load scripts from a CDN, and the product runs air-gapped); the OpenAPI 3.1
schema is at ``/api/v1/openapi.json``.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from corroborate import __version__, web
from corroborate.api import auth, exports, jobs, problems, queue, reviews, routes
from corroborate.api.fastpath import KeptReads
from corroborate.api.service import Service
from corroborate.api.worker import Worker
from corroborate.settings import Settings
from corroborate.store import Store

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(settings: Settings, *, store: Store | None = None) -> FastAPI:
    """The service over ``settings.store_url`` (or an open ``store``, for tests); its job
    worker runs while the app is served (between its startup and shutdown)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.worker.start()
        threading.Thread(target=warm, name="warm", daemon=True).start()
        try:
            yield
        finally:
            app.state.worker.stop()

    def warm() -> None:
        app.state.service.warm()
        if store is None:  # a served process (an app over a store it was given is a test's)
            # what it holds for its life (the run's statements indexed, the modules) leaves
            # the collector's reach: the full collections a re-grading's allocations set off
            # would otherwise walk it every time (some 40 % of a re-grading's CPU on a
            # 10,000-report run); freed objects are still freed, by their reference counts
            gc.freeze()

    app = FastAPI(
        lifespan=lifespan,
        title="corroborate",
        version=__version__,
        summary="Who alleges what, against whom, and how well it is corroborated.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.service = Service.open(settings, store)
    app.state.worker = Worker(app.state.service.store, settings)
    problems.install(app)
    app.include_router(auth.router)
    app.include_router(routes.router)
    app.include_router(reviews.router)
    app.include_router(exports.router)
    app.include_router(jobs.router)
    app.include_router(queue.router)
    web.install(app)

    app.add_middleware(KeptReads, service=app.state.service)  # inside: its answers get the headers
    app.add_middleware(SecurityHeaders)
    return app


def from_environment() -> FastAPI:
    """The app each server process makes when several serve one store (``corroborate serve
    --workers N`` names this factory to uvicorn): its settings from ``CORROBORATE_*``, the
    store's address included. Every process has its own caches, all keyed by the ledger
    head and case version each request reads, and a job worker that runs jobs only while
    it holds the store's job lead (``api.worker``)."""
    return create_app(Settings.from_env())


class SecurityHeaders:
    """Adds ``SECURITY_HEADERS`` (and HSTS over TLS) to every HTTP response: plain ASGI, as
    a ``BaseHTTPMiddleware`` runs each request through a task group and a stream of its own,
    which cost a read answered from memory several times its own work."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tls = scope.get("scheme") == "https"

        async def headed(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if tls:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
            await send(message)

        await self.app(scope, receive, headed)
