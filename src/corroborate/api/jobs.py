"""``/api/v1`` background jobs: ingest uploaded files into a case, or run the pipeline.

``POST /cases/{case}/jobs`` (multipart: ``kind`` = ``ingest`` or ``run``, and ``files``)
queues a job and answers 202 at once; the service's worker (``api.worker``) does it off the
request thread, one job at a time per store. ``GET /cases/{case}/jobs`` and
``/jobs/{job}`` show its state, stage, how far it got, an estimate of the time left, its
coded failures (file, code, one line) and the summary of what it did. Analysts and owners
start and read jobs; viewers do neither. A file's name as uploaded may name a witness, so it
is shown only with the witness-identities grant (and that read is audited); the file's
place in the upload stands for it otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Path, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field
from starlette.datastructures import UploadFile as StarletteUpload

from corroborate.api.auth import Caller, require_csrf
from corroborate.api.problems import documented
from corroborate.api.routes import ERRORS, CaseName, Svc
from corroborate.api.service import Service, require
from corroborate.errors import AccessDenied, ConfigError, ReviewConflict
from corroborate.store.access import Principal
from corroborate.store.jobs import BUSY, Job, case_jobs, create_job, find_job, request_cancel
from corroborate.store.workspace import Membership

router = APIRouter(prefix="/api/v1", tags=["jobs"])
MAX_FILES = 5000
MAX_BYTES = 256 * 1024 * 1024
JobId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The job's number")]


class JobFailure(BaseModel):
    file: int | None = Field(description="The file's place in the upload (1 = the first)")
    name: str | None = Field(description="The file's name: only with the witness grant")
    code: str
    message: str


class JobOut(BaseModel):
    id: int
    kind: Literal["ingest", "run"]
    state: Literal["queued", "running", "cancelling", "done", "failed", "interrupted", "cancelled"]
    created_by: str
    created_at: str
    started_at: str | None
    finished_at: str | None
    stage: str
    done: int
    total: int
    eta_seconds: float | None = Field(description="Time left in the current stage, estimated")
    files: int
    failures: list[JobFailure]
    result: dict[str, int]
    error: str | None


class JobPage(BaseModel):
    items: list[JobOut]


@router.post(
    "/cases/{case}/jobs",
    response_model=JobOut,
    status_code=202,
    responses={**ERRORS, 413: documented("Too many files, or too many bytes")},
)
def start_job(
    svc: Svc,
    request: Request,
    response: Response,
    caller: Annotated[Principal, Depends(require_csrf)],
    case: CaseName,
    kind: Annotated[Literal["ingest", "run"], Form(description="ingest, or run")],
    files: Annotated[
        list[UploadFile], File(description="Files to ingest (a run takes them too)")
    ] = [],  # noqa: B006 (FastAPI copies a default; a list shows as an array in the schema)
) -> JobOut:
    """Queue an ingest of the files uploaded (their reports join the case) or a run of
    the pipeline over the store (after ingesting any files sent); answers at once (202)."""
    found = queue(svc, request, caller, case, kind, files)
    response.headers["Location"] = f"/api/v1/cases/{case}/jobs/{found.id}"
    return found


def queue(
    svc: Service,
    request: Request,
    caller: Principal,
    case: str,
    kind: Literal["ingest", "run"],
    files: Sequence[StarletteUpload],
) -> JobOut:
    """Queue the job (a member who may) and wake the worker."""
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    uploads = _read(files)
    if kind == "ingest" and not uploads:
        raise ConfigError(50, "an ingest job needs at least one file", subject=case)
    job = create_job(
        svc.store, case_id=standing.case.id, kind=kind, actor=caller.name, uploads=uploads
    )
    request.app.state.worker.wake()
    return _shown(svc, caller, standing, job)


def _read(files: Sequence[StarletteUpload]) -> list[tuple[str, bytes]]:
    if len(files) > MAX_FILES:
        raise AccessDenied(8, f"at most {MAX_FILES} files in one job", subject=str(len(files)))
    uploads, size = [], 0
    for pos, upload in enumerate(files, start=1):
        data = upload.file.read(MAX_BYTES - size + 1)
        size += len(data)
        if size > MAX_BYTES:
            raise AccessDenied(8, f"an upload holds at most {MAX_BYTES >> 20} MiB")
        uploads.append((upload_name(upload.filename, pos), data))
    return uploads


def upload_name(sent: str | None, pos: int) -> str:
    """The name a file was sent with, as a relative path (a folder's files keep theirs):
    no drive, no leading '/', no '.' or '..' parts, no control characters."""
    parts = re.split(r"[\\/]+", sent or "")
    kept = [re.sub(r"[\x00-\x1f\x7f]", "", p).strip() for p in parts]
    kept = [p for p in kept if p and p not in (".", "..") and not p.endswith(":")]
    return "/".join(kept)[-300:] or f"file-{pos}"


@router.get("/cases/{case}/jobs", response_model=JobPage, responses=ERRORS)
def jobs(
    svc: Svc,
    caller: Caller,
    case: CaseName,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> JobPage:
    """The case's jobs, newest first (analysts and owners)."""
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    found = case_jobs(svc.store, standing.case.id, limit=limit)
    return JobPage(items=[_shown(svc, caller, standing, job) for job in found])


@router.get("/cases/{case}/jobs/{job_id}", response_model=JobOut, responses=ERRORS)
def job(svc: Svc, caller: Caller, case: CaseName, job_id: JobId) -> JobOut:
    """One job of the case: its state, stage, progress, failures and result."""
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    found = find_job(svc.store, standing.case.id, job_id)
    if found is None:
        raise AccessDenied(7, "no job with this number in the case", subject=str(job_id))
    return _shown(svc, caller, standing, found)


CANCELLED = {**ERRORS, 409: documented("The job has ended already")}


@router.delete("/cases/{case}/jobs/{job_id}", response_model=JobOut, responses=CANCELLED)
@router.post("/cases/{case}/jobs/{job_id}/cancel", response_model=JobOut, responses=CANCELLED)
def cancel_job(
    svc: Svc,
    request: Request,
    caller: Annotated[Principal, Depends(require_csrf)],
    case: CaseName,
    job_id: JobId,
) -> JobOut:
    """Cancel a job (its starter, or an owner of the case): a queued job is ``cancelled``
    at once; a running one is ``cancelling`` until the worker stops it at its next step,
    keeping what it finished (files stored, extractions of finished batches). ``POST
    …/cancel`` does the same as ``DELETE``, for a form (pages cannot send ``DELETE``)."""
    return cancel(svc, request, caller, case, job_id)


def cancel(svc: Service, request: Request, caller: Principal, case: str, job_id: int) -> JobOut:
    standing = svc.member(caller, case)
    require(standing, "owner", "analyst")
    found = find_job(svc.store, standing.case.id, job_id)
    if found is None:
        raise AccessDenied(7, "no job with this number in the case", subject=str(job_id))
    if standing.role != "owner" and found.created_by != caller.name:
        raise AccessDenied(
            20, "only the job's starter or an owner of the case can cancel it", subject=str(job_id)
        )
    if request_cancel(svc.store, found, actor=caller.name) is None:
        raise ReviewConflict(10, f"the job has ended already ({found.state})", subject=str(job_id))
    request.app.state.worker.wake()
    found = find_job(svc.store, standing.case.id, job_id)
    assert found is not None
    return _shown(svc, caller, standing, found)


def _shown(svc: Service, caller: Principal, standing: Membership, job: Job) -> JobOut:
    """The job as this member may read it: pseudonymised, the files' names left out; with
    the grant, identities revealed and the names kept, a read that shows one audited."""
    body = job_body(job, datetime.now().astimezone())
    names = [f["name"] for f in body["failures"]]
    body["failures"] = [{**f, "name": None} for f in body["failures"]]
    body = svc.pseudonyms().apply(body)
    if standing.witness_identities:
        revealed = svc.revealer().apply(body)
        for failure, name in zip(revealed["failures"], names, strict=True):
            failure["name"] = name
        if revealed != body or any(names):
            svc.audit_read(caller, standing, f"job {job.id}")
        body = revealed
    return JobOut.model_validate(body)


def job_body(job: Job, now: datetime) -> dict[str, Any]:
    return {
        "id": job.id,
        "kind": job.kind,
        "state": job.state,
        "created_by": job.created_by,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "eta_seconds": eta(job, now),
        "files": job.files,
        "failures": job.failures,
        "result": job.result,
        "error": job.error,
    }


def eta(job: Job, now: datetime) -> float | None:
    """The stage's time left at the pace it has kept so far (None before a first step)."""
    if job.state not in BUSY or not job.stage_started_at or not 0 < job.done < job.total:
        return None
    spent = (now - datetime.fromisoformat(job.stage_started_at)).total_seconds()
    return round(max(0.0, spent) / job.done * (job.total - job.done), 1)
