"""The HTTP service (FastAPI): ``create_app(settings)`` serves ``/api/v1`` over a store.

A thin adapter like the CLI: it authenticates, checks the caller's role in the case, calls
library functions (``store.workspace``, ``store.access``, ``export.casework``) and renders
typed models. See docs/service.md and docs/access.md.
"""

from __future__ import annotations

from corroborate.api.app import create_app

__all__ = ["create_app"]
