"""1. Ingest: files -> reports, stored content-addressed and chained, in bulk.

The main process reads and hashes each file and skips readings the store already holds;
worker processes (one per core) run the readers; the main process alone writes, in
transactions of a few dozen files. Every file received is kept: a file no reader can read
(damaged, or of a format no reader knows) is stored as *unread* evidence with its coded
error, and can be read again later (``reread``). A failure is an ``Outcome`` for that file
and the batch goes on. Killed at any point, the store keeps every committed file and
verifies; running the same ingest again stores the rest and reports the others as
duplicates.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from corroborate.errors import CorroborateError, InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.pool import worker_pool
from corroborate.ingest.readers import Blob, Read, read, reader_name
from corroborate.ingest.walk import Found, discover
from corroborate.model import Report
from corroborate.settings import Settings
from corroborate.store import IngestRecord, Store
from corroborate.store.readings import Reading, is_read

log = logging.getLogger(__name__)
# stored: read and stored now · duplicate: stored and read before · failed: not read
# (its bytes kept as unread evidence where they could be read from disk) · skipped: a
# file inside a folder in a format no reader knows, kept as unread evidence
Status = Literal["stored", "duplicate", "failed", "skipped"]
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
    kept: bool = False  # unread, but its bytes are stored as evidence
    skipped_items: tuple[str, ...] = ()  # coded lines of feed items left out


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

    @property
    def skipped(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == "skipped"]

    @property
    def skipped_items(self) -> list[str]:
        return [line for outcome in self.outcomes for line in outcome.skipped_items]

    @property
    def ok(self) -> bool:
        """Nothing failed and no item of a feed was left out (skipped formats are fine)."""
        return not self.failed and not self.skipped_items

    def skipped_by_suffix(self) -> Counter[str]:
        return Counter(_suffix(outcome.source) for outcome in self.skipped)


OnOutcome = Callable[[Outcome], None]


def ingest_paths(
    store: Store,
    paths: Iterable[Path],
    *,
    settings: Settings,
    actor: str = "ingest",
    on_outcome: OnOutcome | None = None,
    on_total: Callable[[int], None] | None = None,
    exclude: Sequence[Path] = (),
) -> Summary:
    """Ingest files and directories (recursively) into ``store``.

    ``exclude`` names files and folders never to take from inside a folder (the run's own
    output folder, the store's database file, the key folder).
    """
    own = [*exclude, *own_files(settings)]
    found = list(discover((Path(p) for p in paths), exclude=own))
    if on_total:
        on_total(len(found))
    summary = Summary()
    record = _recorder(summary, on_outcome)
    _ingest_blobs(store, _loaded(found, settings, record), settings, actor, record)
    return summary


def ingest_uploads(
    store: Store,
    uploads: Sequence[tuple[str, bytes]],
    *,
    settings: Settings,
    actor: str = "ingest",
    on_outcome: OnOutcome | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Ingest files received as bytes (an upload), each named as it was sent; a name with a
    folder in it (``folder/file.txt``) was found inside a folder, like ``ingest_paths``'s."""
    if on_total:
        on_total(len(uploads))
    summary = Summary()
    record = _recorder(summary, on_outcome)
    items = (_uploaded(name, data, settings, record) for name, data in uploads)
    _ingest_blobs(store, (item for item in items if item), settings, actor, record)
    return summary


def _uploaded(name: str, data: bytes, settings: Settings, record: OnOutcome) -> _Item | None:
    if len(data) > settings.max_file_bytes:
        limit, size = settings.max_file_bytes >> 20, len(data) >> 20
        too_big = InputError(1, f"file is {size} MiB, over the {limit} MiB limit", subject=name)
        record(_failure(name, too_big))
        return None
    blob = Blob(digest_bytes(data), name, data, settings.max_expanded_bytes)
    reader = reader_name(name)
    error = InputError(5, "unsupported format", subject=name) if reader == "none" else None
    return _Item(blob, reader, "/" in name, error=error)


def own_files(settings: Settings) -> list[Path]:
    """What the tool itself writes, never to be taken in from inside a folder: the SQLite
    store with its journal files, and the key folder."""
    own = [settings.key_dir]
    if settings.store_url.startswith("sqlite:///"):
        database = Path(settings.store_url.removeprefix("sqlite:///")).expanduser()
        own += [database.with_name(database.name + end) for end in ("", "-wal", "-shm", "-journal")]
    return own


def reread(
    store: Store,
    *,
    settings: Settings,
    actor: str = "reread",
    on_outcome: OnOutcome | None = None,
    on_total: Callable[[int], None] | None = None,
) -> Summary:
    """Try every unread blob again with the reader its name gets today.

    A reader improved since (or one registered for a format that had none) stores the
    reports; a blob that still fails stays unread, and nothing new is recorded for it.
    """
    pending = store.unread()
    if on_total:
        on_total(len(pending))
    summary = Summary()
    blobs = (_stored_blob(store, reading, settings) for reading in pending)
    _ingest_blobs(store, blobs, settings, actor, _recorder(summary, on_outcome))
    return summary


@dataclass(frozen=True, slots=True)
class _Item:
    """A loaded file and what became of it: its reading, or the error that stopped it."""

    blob: Blob
    reader: str
    in_folder: bool
    read: Read | None = None
    error: CorroborateError | None = None

    def record(self) -> IngestRecord:
        blob = self.blob
        if self.read is None:
            code = self.error.code if self.error else "I099"
            error = str(self.error) if self.error else "not read"
            return IngestRecord(blob.blob_id, blob.data, blob.source, (), self.reader, code, error)
        skipped = tuple(str(e) for e in self.read.skipped)
        return IngestRecord(
            blob.blob_id, blob.data, blob.source, self.read.reports, self.reader, skipped=skipped
        )


def _recorder(summary: Summary, on_outcome: OnOutcome | None) -> OnOutcome:
    def record(outcome: Outcome) -> None:
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)

    return record


def _ingest_blobs(
    store: Store, items: Iterable[_Item], settings: Settings, actor: str, record: OnOutcome
) -> None:
    writer = _Writer(store, actor, record)
    for item in _parsed(list(items), store, settings, record):
        writer.add(item)
    writer.flush()


def _parsed(
    items: list[_Item], store: Store, settings: Settings, record: OnOutcome
) -> Iterator[_Item]:
    """Parse new readings in worker processes; duplicates are recorded, not parsed again."""
    workers = min(settings.workers, max(1, len(items) // 4))
    pool = worker_pool(workers) if workers > 1 else None
    pending: list[tuple[_Item, Future[Read] | None]] = []
    try:
        for item in _new_readings(items, store, record):
            parse = pool is not None and item.error is None
            pending.append((item, pool.submit(read, item.blob) if parse and pool else None))
            if len(pending) >= 4 * workers:
                yield _settle(*pending.pop(0))
        while pending:
            yield _settle(*pending.pop(0))
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


def _new_readings(items: list[_Item], store: Store, record: OnOutcome) -> Iterator[_Item]:
    for start in range(0, len(items), 256):
        chunk = items[start : start + 256]
        known = store.readings([item.blob.blob_id for item in chunk])
        for item in chunk:
            if is_read(known, item.blob.blob_id, item.reader):
                record(Outcome(item.blob.source, "duplicate", item.blob.blob_id))
            else:
                yield item


def _loaded(found: list[Found], settings: Settings, record: OnOutcome) -> Iterator[_Item]:
    for entry in found:
        blob = _load(entry.path, settings, record)
        if blob is None:
            continue
        name = reader_name(blob.source)
        error = InputError(5, "unsupported format", subject=blob.source) if name == "none" else None
        yield _Item(blob, name, entry.in_folder, error=error)


def _stored_blob(store: Store, reading: Reading, settings: Settings) -> _Item:
    data = store.plain_blob(reading.blob_id) or b""
    blob = Blob(reading.blob_id, reading.source, data, settings.max_expanded_bytes)
    name = reader_name(blob.source)
    error = InputError(5, "unsupported format", subject=blob.source) if name == "none" else None
    return _Item(blob, name, in_folder=False, error=error)


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


def read_file(path: Path, *, settings: Settings) -> list[Report]:
    """Read one file into reports without storing anything; raises ``InputError``.

    Items a feed had to leave out are logged as warnings, one coded line each.
    """
    outcomes: list[Outcome] = []
    blob = _load(path, settings, outcomes.append)
    if blob is None:
        raise InputError(
            int(outcomes[0].code[1:] if outcomes[0].code else 12),
            _message(outcomes[0]),
            subject=outcomes[0].source,
        )
    found = read(blob)
    for skipped in found.skipped:
        log.warning("%s", skipped)
    return list(found.reports)


def _message(outcome: Outcome) -> str:
    """The error's message without its code and source, which may hold ": " themselves."""
    return (outcome.error or "").removeprefix(f"[{outcome.code}] {outcome.source}: ")


def _settle(item: _Item, future: Future[Read] | None) -> _Item:
    if item.error is not None:
        return item
    try:
        found = future.result() if future else read(item.blob)
    except CorroborateError as error:
        return _with_error(item, error)
    except Exception as exc:  # a reader bug must not lose the file: it is kept, unread
        log.exception("reader crashed on %s", item.blob.source)
        crash = InputError(99, f"reader crashed ({type(exc).__name__})", subject=item.blob.source)
        return _with_error(item, crash)
    return _Item(item.blob, item.reader, item.in_folder, read=found)


def _with_error(item: _Item, error: CorroborateError) -> _Item:
    return _Item(item.blob, item.reader, item.in_folder, error=error)


class _Writer:
    """Collects parsed files and commits them in batches."""

    def __init__(self, store: Store, actor: str, record: OnOutcome) -> None:
        self.store, self.actor, self.record = store, actor, record
        self.batch: list[_Item] = []
        self.size = 0

    def add(self, item: _Item) -> None:
        self.batch.append(item)
        self.size += len(item.blob.data)
        if len(self.batch) >= BATCH_FILES or self.size >= BATCH_BYTES:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        records = [item.record() for item in self.batch]
        sequences = self.store.add_ingests(records, actor=self.actor)
        for item, record, seq in zip(self.batch, records, sequences, strict=True):
            self.record(_outcome(item, record, seq))
        self.batch, self.size = [], 0


def _outcome(item: _Item, record: IngestRecord, seq: int) -> Outcome:
    source, blob_id = item.blob.source, item.blob.blob_id
    if record.unread:
        status: Status = "skipped" if item.in_folder and item.reader == "none" else "failed"
        code = record.code
        return Outcome(source, status, blob_id, error=record.error, code=code, kept=True)
    if not seq:
        return Outcome(source, "duplicate", blob_id)
    return Outcome(source, "stored", blob_id, len(record.reports), skipped_items=record.skipped)


def _failure(source: str, error: CorroborateError) -> Outcome:
    return Outcome(source, "failed", error=str(error), code=error.code)


def _suffix(source: str) -> str:
    name = Path(source).name.lower()
    return "".join(Path(name).suffixes[-2:]) if name.endswith(".gz") else Path(name).suffix


def _display(path: Path) -> str:
    """The path as the user would type it: relative below the working directory."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path.resolve()) if relative.startswith("..") else relative
