"""``GET /api/v1/cases/{case}/exports/{format}``: the same exports as ``corroborate export``.

The export is the case's incidents of the store's latest run (those with a report in the
case), written by the format's own writer into a temporary folder and sent as a download (a
folder format, BagIt, as a zip archive); the folder is removed once the response is sent.
Viewers get only published incidents, as everywhere in the service. Every export is
pseudonymised, except BagIt, which carries the original bytes: like an evidence download it
needs the witness-identities grant, and every such export is audited.
"""

from __future__ import annotations

import mimetypes
import shutil
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from corroborate.api.auth import Caller
from corroborate.api.problems import documented
from corroborate.api.routes import ERRORS, CaseName, Svc
from corroborate.api.service import require_grant
from corroborate.export.catalog import FORMATS
from corroborate.export.context import load_context
from corroborate.export.formats import lookup

router = APIRouter(prefix="/api/v1")
FormatName = Annotated[str, Path(max_length=40, description="An export format, e.g. acled")]
TYPES = {".csv": "text/csv", ".jsonl": "application/x-ndjson", ".pdf": "application/pdf"}
DOWNLOAD: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    400: documented("No such export format, or not an incident status"),
    200: {
        "content": {"application/octet-stream": {"schema": {"type": "string"}}},
        "description": "The export, as a file (a folder format as a zip archive)",
    },
}


@router.get(
    "/cases/{case}/exports/{format_name}",
    responses=DOWNLOAD,
    response_class=FileResponse,
    tags=["exports"],
)
def export(
    svc: Svc,
    caller: Caller,
    case: CaseName,
    format_name: FormatName,
    status: Annotated[str | None, Query(max_length=20)] = None,
) -> FileResponse:
    """The case's incidents in one of the export formats (``docs/exports.md``)."""
    standing = svc.member(caller, case)
    exporter = lookup(FORMATS, format_name)
    if exporter.writes == "folder":
        require_grant(standing)  # the original bytes, witnesses' testimonies included
    if standing.role == "viewer":
        status = "published"
    context = load_context(svc.store, case=standing.case.name, status=status)
    folder = FilePath(tempfile.mkdtemp(prefix="corroborate-export-"))
    name = f"{standing.case.name}-{exporter.name}"
    try:
        out = folder / f"{name}{exporter.suffix}"
        exporter.write(context, out)
        if exporter.writes == "folder":
            out = FilePath(shutil.make_archive(str(folder / name), "zip", root_dir=out))
            svc.audit_read(caller, standing, f"export:{exporter.name}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    media = TYPES.get(out.suffix) or mimetypes.guess_type(out.name)[0]
    return FileResponse(
        out,
        media_type=media or "application/octet-stream",
        filename=out.name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
