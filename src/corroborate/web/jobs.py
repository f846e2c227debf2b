"""The upload page and a job's progress page, over ``/api/v1/cases/{case}/jobs``.

``/cases/{case}/jobs`` offers a file picker that takes files dropped on it, and one that
takes a whole folder (``webkitdirectory``, where the browser has it), to start an ingest or
an ingest and run; it lists the case's recent jobs. ``/cases/{case}/jobs/{id}`` shows the
job's state, stage, counts, the time left and the coded failures, and reloads itself every
few seconds (``<meta http-equiv=refresh>``: no script) until the job has ended. Both call
the functions the API endpoints call, so they show exactly what the API would.
"""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile as StarletteUpload

from corroborate.api import jobs
from corroborate.errors import ConfigError
from corroborate.web.common import Visit, case_form, case_page, render

router = APIRouter(include_in_schema=False)
REFRESH_SECONDS = 2
# a job in these states is still moving: its page reloads itself until it ends
UNFINISHED = ("queued", "running", "cancelling")
KINDS = {"ingest": "Ingest into the case", "run": "Ingest, then run the analysis"}


@router.get("/cases/{case}/jobs", response_class=HTMLResponse)
def upload_page(request: Request, case: str) -> Response:
    """The upload form and the case's recent jobs (analysts and owners)."""

    def listed(visit: Visit) -> Response:
        found = jobs.jobs(visit.svc, visit.caller, visit.name, limit=20)
        return render("jobs.html.j2", jobs=found.items, kinds=KINDS, **visit.base())

    return case_page(request, case, listed)


@router.post("/cases/{case}/jobs")
async def start(request: Request, case: str) -> Response:
    """Queue the job as ``POST /api/v1/cases/{case}/jobs`` does, then show its progress.
    The form is read as sent: a picker left empty sends a part without a file."""
    return await case_form(request, case, _start)


async def _start(visit: Visit) -> Response:
    form = await visit.request.form(max_files=jobs.MAX_FILES + 2)
    chosen = [
        part
        for part in [*form.getlist("files"), *form.getlist("folder")]
        if isinstance(part, StarletteUpload) and part.filename
    ]
    kind = str(form.get("kind", ""))
    visit.check(str(form.get("csrf_token", "")))
    if kind not in KINDS:
        raise ConfigError(50, "bad request parameters: choose ingest, or ingest and run")
    args = (visit.svc, visit.request, visit.caller, visit.name, _kind(kind), chosen)
    job = await run_in_threadpool(jobs.queue, *args)
    return RedirectResponse(f"/cases/{quote(visit.name, safe='')}/jobs/{job.id}", 303)


def _kind(kind: str) -> Literal["ingest", "run"]:
    return "run" if kind == "run" else "ingest"


@router.get("/cases/{case}/jobs/{job_id}", response_class=HTMLResponse)
def progress_page(
    request: Request, case: str, job_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
) -> Response:
    """One job: state, stage, counts, time left, failures; reloads until it has ended."""

    def progress(visit: Visit) -> Response:
        found = jobs.job(visit.svc, visit.caller, visit.name, job_id)
        running = found.state in UNFINISHED
        refresh = REFRESH_SECONDS if running else None
        page = render("job.html.j2", job=found, refresh=refresh, kinds=KINDS, **visit.base())
        if refresh:
            page.headers["Refresh"] = str(refresh)
        return page

    return case_page(request, case, progress)
