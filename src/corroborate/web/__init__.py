"""The web pages (server-rendered, no script needed): sign in, the case's incidents with
their map and timeline, an incident, a report with its review panel and downloads, the
review queue, merging and splitting incidents, the sources, the audit log, the members and
new accounts; ``install(app)`` mounts them and their assets (stylesheet, the queue's
keys) on the service."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from corroborate.web import (
    accounts,
    audit,
    downloads,
    jobs,
    members,
    merge,
    pages,
    queue,
    reviewing,
    sources,
)


def install(app: FastAPI) -> None:
    app.include_router(pages.router)
    app.include_router(reviewing.router)
    app.include_router(downloads.router)
    app.include_router(audit.router)
    app.include_router(members.router)
    app.include_router(accounts.router)
    app.include_router(sources.router)
    app.include_router(queue.router)
    app.include_router(merge.router)
    app.include_router(jobs.router)
    app.mount("/assets", StaticFiles(packages=[("corroborate.web", "static")]), name="assets")


__all__ = ["install"]
