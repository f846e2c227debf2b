"""The web pages (server-rendered, no script needed): sign in, the case's incidents, an
incident, a report; ``install(app)`` mounts them and their stylesheet on the service."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from corroborate.web import jobs, pages, reviewing


def install(app: FastAPI) -> None:
    app.include_router(pages.router)
    app.include_router(reviewing.router)
    app.include_router(jobs.router)
    app.mount("/assets", StaticFiles(packages=[("corroborate.web", "static")]), name="assets")


__all__ = ["install"]
