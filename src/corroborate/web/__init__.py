"""The web pages (server-rendered, no script needed): sign in, the case's incidents, an
incident, a report, the review queue, merging and splitting incidents; ``install(app)``
mounts them and their assets (stylesheet, the queue's keys) on the service."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from corroborate.web import merge, pages, queue, reviewing


def install(app: FastAPI) -> None:
    app.include_router(pages.router)
    app.include_router(reviewing.router)
    app.include_router(queue.router)
    app.include_router(merge.router)
    app.mount("/assets", StaticFiles(packages=[("corroborate.web", "static")]), name="assets")


__all__ = ["install"]
