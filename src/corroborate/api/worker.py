"""The service's job worker: one thread that runs the store's jobs one at a time.

Every server process has a worker, but only the one that holds the store's job lead
(``store.leader``: an advisory lock on PostgreSQL, a file lock beside a SQLite database)
runs jobs; the others try to take the lead every ``LEAD_SECONDS``, and one of them does
when the leader's process ends, however it ends. On taking the lead a worker marks the jobs
a dead leader left ``running`` as ``interrupted`` (nobody else could have been running
them), then takes the oldest queued job whenever none is running
(``store.jobs.claim_next``). An ingest job stores its uploaded files
(``ingest.ingest_uploads``) and puts the reports read from them in the job's case; a run
job does the same with any files, then runs the pipeline over the store. The pipeline's
progress callbacks feed the job's row (stage, done, total), written at most every
``WRITE_SECONDS``, each time after checking that the lead is still held (a worker that lost
it stops the job there and leaves its row to the next leader). On stop, the job in progress
ends at its next progress step as ``interrupted``; queued jobs stay queued for the next
start. A job whose cancel was asked for (``store.jobs.request_cancel``) finds its row no
longer ``running`` when it next writes its progress, and ends there as ``cancelled``:
between two steps, so every batch it wrote (files stored, extractions kept) stays, and the
store verifies.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from corroborate.errors import CorroborateError
from corroborate.ingest import Outcome, Summary, ingest_uploads
from corroborate.pipeline import run as run_pipeline
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import now_iso
from corroborate.store.jobs import (
    INTERRUPTED,
    Job,
    claim_next,
    finish_job,
    interrupt_running,
    job_uploads,
    join_case,
    record_progress,
)
from corroborate.store.leader import Leadership, leadership

log = logging.getLogger(__name__)
WRITE_SECONDS = 0.5
IDLE_SECONDS = 1.0
LEAD_SECONDS = 1.0  # how often a worker without the lead tries to take it
UNEXPECTED = "[A013] the job stopped on an unexpected error (the server's log says which)"


class _Stopped(Exception):
    """Raised inside a job's progress callback when the worker is stopping (never escapes
    the worker)."""


class _LostLead(Exception):
    """Raised inside a job's progress callback when the worker no longer holds the job lead
    (never escapes the worker): the next leader marks the job interrupted."""


class _Cancelled(Exception):
    """Raised inside a job's progress callback when its cancel was asked for (never escapes
    the worker)."""


@dataclass
class _Progress:
    """Feeds a job's row from the pipeline's progress callbacks."""

    store: Store
    job: Job
    stopping: threading.Event
    lead: Leadership
    stage: str = ""
    stage_started: str = ""
    done: int = 0
    total: int = 0
    written: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)

    def tick(self, stage: str, done: int, total: int) -> None:
        if self.stopping.is_set():
            raise _Stopped
        moved = stage != self.stage
        if moved:
            self.stage, self.stage_started = stage, now_iso()
        self.done, self.total = done, total
        now = time.monotonic()
        if moved or done >= total or now - self.written >= WRITE_SECONDS:
            self.written = now
            if not self.lead.held():
                raise _LostLead
            running = record_progress(
                self.store,
                self.job.id,
                stage=stage,
                done=done,
                total=total,
                stage_started_at=self.stage_started,
            )
            if not running:
                raise _Cancelled

    def files(self, total: int) -> None:
        self.tick("ingest", 0, total)

    def outcome(self, outcome: Outcome) -> None:
        self.outcomes.append(outcome)
        self.tick("ingest", len(self.outcomes), max(self.total, len(self.outcomes)))


class Worker:
    def __init__(self, store: Store, settings: Settings) -> None:
        self.store, self.settings = store, settings
        self._wake, self._stopping = threading.Event(), threading.Event()
        self._thread: threading.Thread | None = None
        self.lead = leadership(store)
        self.leading = False

    def start(self) -> None:
        self._take_lead()  # at once, so that a job a dead leader left shows as interrupted
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="corroborate-jobs", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 60.0) -> None:
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.lead.release()
        self.leading = False

    def _take_lead(self) -> bool:
        """Whether this worker leads now: it keeps the lead it holds, or takes a free one
        and then marks the jobs the dead leader left running as interrupted."""
        if self.leading:
            self.leading = self.lead.held()
            return self.leading
        if not self.lead.acquire():
            return False
        self.leading = True
        left = interrupt_running(self.store)
        log.info("this process runs the store's jobs")
        if left:
            log.warning("%d job(s) left running by a stopped server marked interrupted", left)
        return True

    def _loop(self) -> None:
        while not self._stopping.is_set():
            job = claim_next(self.store) if self._take_lead() else None
            if job is None:
                self._wake.wait(IDLE_SECONDS if self.leading else LEAD_SECONDS)
                self._wake.clear()
                continue
            self._run(job)

    def _run(self, job: Job) -> None:
        progress = _Progress(self.store, job, self._stopping, self.lead)
        try:
            failures, result = execute(self.store, self.settings, job, progress)
        except _LostLead:
            log.error("job %d left to the next leader: this process lost the job lead", job.id)
            self.leading = False
        except _Stopped:
            finish_job(
                self.store, job, state="interrupted", failures=[], result={}, error=INTERRUPTED
            )
        except _Cancelled:
            finish_job(self.store, job, state="cancelled", failures=[], result={})
        except CorroborateError as error:
            finish_job(self.store, job, state="failed", failures=[], result={}, error=str(error))
        except Exception:  # a job thread must end its row whatever happened
            log.exception("job %d failed", job.id)
            finish_job(self.store, job, state="failed", failures=[], result={}, error=UNEXPECTED)
        else:
            finish_job(self.store, job, state="done", failures=failures, result=result)


def execute(
    store: Store, settings: Settings, job: Job, progress: _Progress
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Do the job; returns its coded failures and the summary of what it did."""
    uploads = job_uploads(store, job.id)
    summary = ingest_uploads(
        store,
        uploads,
        settings=settings,
        actor=job.created_by,
        on_outcome=progress.outcome,
        on_total=progress.files,
    )
    kept = {o.blob_id for o in summary.outcomes if o.blob_id and o.status != "failed"}
    added = join_case(store, job.case_id, kept, actor=job.created_by)
    positions = {name: pos for pos, (name, _) in enumerate(uploads, start=1)}
    failures = ingest_failures(summary, positions)
    result = ingest_result(summary, added)
    if job.kind == "run":
        outcome = run_pipeline(
            store, [], settings=settings, progress=progress.tick, actor=job.created_by
        )
        failures += [_coded(None, "", line) for line in outcome.extract_failed]
        result |= {f"run_{k}": v for k, v in outcome.results["counts"].items() if "files" not in k}
    return failures, result


def ingest_result(summary: Summary, added: int) -> dict[str, int]:
    return {
        "files": len(summary.outcomes),
        "files_stored": summary.count("stored"),
        "files_duplicate": summary.count("duplicate"),
        "files_failed": summary.count("failed"),
        "files_skipped": summary.count("skipped"),
        "reports_stored": summary.reports,
        "reports_added_to_case": added,
    }


def ingest_failures(summary: Summary, positions: dict[str, int]) -> list[dict[str, Any]]:
    """One entry per failed file and per item of a file left out: the file's place in the
    upload, its name, the code and the message without the name."""
    found = [_coded(positions.get(o.source), o.source, o.error or "") for o in summary.failed]
    for outcome in summary.outcomes:
        pos = positions.get(outcome.source)
        found += [_coded(pos, outcome.source, line) for line in outcome.skipped_items]
    return found


def _coded(pos: int | None, name: str, line: str) -> dict[str, Any]:
    code = line[1:5] if line.startswith("[") and line[5:6] == "]" else "I099"
    message = line[6:].strip() if line.startswith(f"[{code}]") else line
    if name and message.startswith(f"{name}: "):
        message = message[len(name) + 2 :]
    elif ": " in message and not name:  # an extraction's subject names its report's file
        subject, rest = message.split(": ", 1)
        name, message = subject, rest
    return {"file": pos, "name": name, "code": code, "message": message}
