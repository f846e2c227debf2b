"""1. Ingest: files -> reports, stored content-addressed and chained, in bulk.

The main process reads and hashes each file and skips bytes the store already holds;
worker processes (one per core) run the readers; the main process alone writes, in
transactions of a few dozen files. A failure is an ``Outcome`` for that file and the
batch goes on. Killed at any point, the store keeps every committed file and verifies;
running the same ingest again stores the rest and reports the others as duplicates.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from corroborate.errors import CorroborateError, InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read_blob
from corroborate.ingest.walk import discover
from corroborate.model import Report
from corroborate.settings import Settings
from corroborate.store import IngestRecord, Store

log = logging.getLogger(__name__)
Status = Literal["stored", "duplicate", "failed"]
BATCH_FILES = 64
BATCH_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file."""

    source: str
    status: Status
    blob_id: str | None = None
    reports: int = 0
    error: str | None = None
    code: str | None = None


@dataclass(slots=True)
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def reports(self) -> int:
        return sum(outcome.reports for outcome in self.outcomes if outcome.status == "stored")

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "failed"]


OnOutcome = Callable[[Outcome], None]


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    settings: Settings,
    actor: str = "ingest",
    on_outcome: OnOutcome | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest files and directories (recursively) into ``store``."""
    files = list(discover(Path(p) for p in paths))
    if on_total:
        on_total(len(files))
    summary = Summary()

    def record(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    writer = _Writer(store, actor, record)
    for item in _parsed(files, store, settings, record):
        writer.add(item)
    writer.flush()
    return summary


@dataclass(frozen=True, slots=True)
class _Parsed:
    source: str
    blob_id: str
    data: bytes
    reports: tuple[Report, ...]


def _parsed(
    files: list[Path], store: Store, settings: Settings, record: OnOutcome
) -> Iterator[_Parsed]:
    """Read, hash and parse files, yielding new ones; duplicates and failures are recorded."""
    seen: set[str] = set()
    workers = min(settings.workers, max(1, len(files) // 4))
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    pending: list[tuple[Blob, Future[list[Report]] | None]] = []
    try:
        for blob in _new_blobs(files, store, settings, seen, record):
            pending.append((blob, pool.submit(_read, blob) if pool else None))
            if len(pending) >= 4 * workers:
                yield from _settle(pending.pop(0), record)
        while pending:
            yield from _settle(pending.pop(0), record)
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _new_blobs(
    files: list[Path], store: Store, settings: Settings, seen: set[str], record: OnOutcome
) -> Iterator[Blob]:
    for chunk_start in range(0, len(files), 256):
        chunk = [_load(path, settings, record) for path in files[chunk_start : chunk_start + 256]]
        loaded = [blob for blob in chunk if blob is not None]
        known = store.known_blobs([blob.blob_id for blob in loaded])
        for blob in loaded:
            if blob.blob_id in known or blob.blob_id in seen:
                record(Outcome(blob.source, "duplicate", blob.blob_id))
                continue
            seen.add(blob.blob_id)
            yield blob


def _load(path: Path, settings: Settings, record: OnOutcome) -> Blob | None:
    source = _display(path)
    try:
        size = path.stat().st_size
        if size > settings.max_file_bytes:
            limit = settings.max_file_bytes >> 20
            raise InputError(
                1, f"file is {size >> 20} MiB, over the {limit} MiB limit", subject=source
            )
        data = path.read_bytes()
    except OSError as exc:
        error = InputError(12, f"cannot read file ({exc.strerror or exc})", subject=source)
        record(_failure(source, error))
        return None
    except InputError as error:
        record(_failure(source, error))
        return None
    return Blob(digest_bytes(data), source, data, settings.max_expanded_bytes)


def _read(blob: Blob) -> list[Report]:
    return read_blob(blob)


def read_file(path: Path, *, settings: Settings) -> list[Report]:
    """Read one file into reports without storing anything; raises ``InputError``."""
    outcomes: list[Outcome] = []
    blob = _load(path, settings, outcomes.append)
    if blob is None:
        raise InputError(
            int(outcomes[0].code[1:] if outcomes[0].code else 12),
            _message(outcomes[0]),
            subject=outcomes[0].source,
        )
    return read_blob(blob)


def _message(outcome: Outcome) -> str:
    return (outcome.error or "").split(": ", 1)[-1]


def _settle(
    entry: tuple[Blob, Future[list[Report]] | None], record: OnOutcome
) -> Iterator[_Parsed]:
    blob, future = entry
    try:
        reports = future.result() if future else read_blob(blob)
    except CorroborateError as error:
        record(_failure(blob.source, error))
        return
    except Exception as exc:
        log.exception("reader crashed on %s", blob.source)
        record(
            _failure(
                blob.source,
                InputError(99, f"reader crashed ({type(exc).__name__})", subject=blob.source),
            )
        )
        return
    yield _Parsed(blob.source, blob.blob_id, blob.data, tuple(reports))


class _Writer:
    """Collects parsed files and commits them in batches."""

    def __init__(self, store: Store, actor: str, record: OnOutcome) -> None:
        self.store, self.actor, self.record = store, actor, record
        self.batch: list[_Parsed] = []
        self.size = 0

    def add(self, item: _Parsed) -> None:
        self.batch.append(item)
        self.size += len(item.data)
        if len(self.batch) >= BATCH_FILES or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        records = [IngestRecord(p.blob_id, p.data, p.source, p.reports) for p in self.batch]
        sequences = self.store.add_ingests(records, actor=self.actor)
        for item, seq in zip(self.batch, sequences, strict=True):
            status: Status = "stored" if seq else "duplicate"
            self.record(Outcome(item.source, status, item.blob_id, len(item.reports) if seq else 0))
        self.batch, self.size = [], 0


def _failure(source: str, error: CorroborateError) -> Outcome:
    return Outcome(source, "failed", error=str(error), code=error.code)


def _display(path: Path) -> str:
    """The path as the user would type it: relative below the working directory."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path.resolve()) if relative.startswith("..") else relative
