"""Errors as RFC 9457 problem details carrying the project's error codes.

Every refusal and failure is ``application/problem+json``: ``type`` names the code
(``urn:corroborate:error:A004``), ``title`` the class of error, ``status`` the HTTP status,
``detail`` the coded one-line message, ``code`` the code alone. The status comes from the
error's class (and a few codes); nothing else about the request is echoed back. A store too
busy to write (``A014``, ``R006``) is 503 with ``Retry-After``, never a server error.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException

from corroborate.errors import (
    AccessDenied,
    ConfigError,
    CorroborateError,
    NotFound,
    ReviewConflict,
    SealingError,
    StoreError,
)
from corroborate.store.engine import is_busy

log = logging.getLogger(__name__)
MEDIA_TYPE = "application/problem+json"
STATUS_BY_CODE = {
    "A001": 401,
    "A002": 401,
    "A003": 429,
    "A007": 404,
    "A008": 413,
    "A009": 401,
    "A010": 429,
    "C050": 422,
    "R006": 503,
}
RETRY_AFTER = {"A003": "900", "A010": "900", "A014": "5", "R006": "5"}  # seconds
STATUS_BY_CLASS: tuple[tuple[type[CorroborateError], int], ...] = (
    (AccessDenied, 403),
    (NotFound, 404),
    (ConfigError, 400),
    (ReviewConflict, 409),
    (SealingError, 503),
    (StoreError, 503),
)


class Problem(BaseModel):
    """RFC 9457 problem details, with the project's error code."""

    type: str
    title: str
    status: int
    detail: str
    code: str


def documented(description: str) -> dict[str, Any]:
    """An OpenAPI response entry: a problem, in its own media type."""
    ref = {"schema": {"$ref": "#/components/schemas/Problem"}}
    return {"model": Problem, "description": description, "content": {MEDIA_TYPE: ref}}


def status_of(error: CorroborateError) -> int:
    if error.code in STATUS_BY_CODE:
        return STATUS_BY_CODE[error.code]
    return next((status for cls, status in STATUS_BY_CLASS if isinstance(error, cls)), 500)


def problem(code: str, title: str, status: int, detail: str) -> JSONResponse:
    body = Problem(
        type=f"urn:corroborate:error:{code}", title=title, status=status, detail=detail, code=code
    )
    headers = {"WWW-Authenticate": 'Bearer realm="corroborate"'} if status == 401 else {}
    if code in RETRY_AFTER:  # a sign-in lock-out; a store busy with another write
        headers["Retry-After"] = RETRY_AFTER[code]
    return JSONResponse(body.model_dump(), status, headers=headers, media_type=MEDIA_TYPE)


def install(app: FastAPI) -> None:
    """Route every error the app can meet to one problem shape."""

    @app.exception_handler(CorroborateError)
    async def coded(_request: Request, error: CorroborateError) -> JSONResponse:
        return problem(error.code, type(error).__name__, status_of(error), str(error))

    @app.exception_handler(DBAPIError)
    async def busy(_request: Request, error: DBAPIError) -> JSONResponse:
        if not is_busy(error):
            raise error  # a server error (500), which the log names
        detail = "[A014] the store is busy with another write: try again shortly"
        return problem("A014", "StoreBusy", 503, detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        where = ", ".join(".".join(str(p) for p in e["loc"]) for e in error.errors()[:5])
        return problem("C050", "ConfigError", 422, f"[C050] bad request parameters: {where}")

    @app.exception_handler(HTTPException)
    async def http(_request: Request, error: HTTPException) -> JSONResponse:
        code = {404: "N020", 405: "C051"}.get(error.status_code, "C052")
        detail = f"[{code}] {error.detail}"
        return problem(code, "HTTPError", error.status_code, detail)
