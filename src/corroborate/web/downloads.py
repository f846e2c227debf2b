"""A report's downloads: its original bytes and its pseudonymised text.

The original bytes are the evidence as received, served by the API's own evidence endpoint
(``api.routes.evidence``): they need the witness-identities grant in the case, and every
download is audited. The pseudonymised text is for every member who may read the report
(viewers: of a published incident): the report's metadata and text with every protected
person replaced by their code, whatever grant the member holds, so it can be shared.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from corroborate.api import routes
from corroborate.model import Report
from corroborate.web.common import Visit, case_page

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case}/reports/{report_id}/original")
def original(request: Request, case: str, report_id: str) -> Response:
    """The bytes as received (grant needed; audited), as ``GET .../evidence/{blob}``."""

    def bytes_of(visit: Visit) -> Response:
        found = _report(visit, report_id)
        return routes.evidence(visit.svc, visit.caller, visit.name, found.blob_id)

    return case_page(request, case, bytes_of)


@router.get("/cases/{case}/reports/{report_id}/text")
def pseudonymised_text(request: Request, case: str, report_id: str) -> Response:
    """The report's metadata and text, pseudonymised for everyone, as a text file."""

    def text_of(visit: Visit) -> Response:
        found = _report(visit, report_id)
        body = visit.svc.pseudonyms().apply(text_file(found))
        name = found.blob_id.removeprefix("sha256:")[:16]
        headers = {"Content-Disposition": f'attachment; filename="report-{name}.txt"'}
        return Response(body, media_type="text/plain; charset=utf-8", headers=headers)

    return case_page(request, case, text_of)


def _report(visit: Visit, report_id: str) -> Report:
    """The report of the case this member may read, as the API finds it."""
    standing = visit.member()
    incidents = visit.svc.incidents(standing)
    return routes._case_report(visit.svc, standing, incidents, report_id[:80])


def text_file(report: Report) -> str:
    """The report as a plain text file: its metadata, the evidence's SHA-256, its text."""
    lines = [
        f"Title: {report.title or '(untitled)'}",
        f"Outlet: {report.outlet or '-'}",
        f"Author: {report.author or '-'}",
        f"Published: {report.published or 'undated'}",
        f"Language: {report.language or '-'}",
        f"Report: {report.id}",
        f"Evidence SHA-256: {report.blob_id.removeprefix('sha256:')}",
        "",
        report.text,
    ]
    return "\n".join(lines) + ("" if report.text.endswith("\n") else "\n")
