"""Which readings of a blob the ledger records: by which reader, read or unread.

Every file received is kept, readable or not. An ``ingest`` row of the ledger records one
*reading*: a blob, the reader that tried it (``jsonl``, ``pdf``, ``none`` for a format no
reader knows), and whether it was ``read`` (its reports stored with it) or ``unread`` (the
coded error recorded instead). The same bytes may be read by several readers (a feed saved
as ``.json`` and as ``.jsonl``); a file is a duplicate only when its bytes are stored *and*
read by the reader it would get now. An unread reading can be tried again later
(``corroborate reread``), and a later row that reads it supersedes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, select

from corroborate.store import schema

ReadStatus = Literal["read", "unread"]
INGEST = "ingest"
# Ingest rows written before readings were recorded name no reader; they were all reads
# (failures were not kept then), and any reader's reading of their blob is a duplicate.
LEGACY_READER = "legacy"


@dataclass(frozen=True, slots=True)
class Reading:
    """One ledger row's account of reading a blob."""

    seq: int
    blob_id: str
    reader: str
    status: ReadStatus
    source: str
    code: str | None = None
    error: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.blob_id, self.reader)


def reading_of(seq: int, payload_text: str) -> Reading | None:
    """The reading an ingest row's payload records (``None`` for an unreadable payload)."""
    try:
        payload = json.loads(payload_text)
        return Reading(
            seq=seq,
            blob_id=str(payload["blob_id"]),
            reader=str(payload.get("reader", LEGACY_READER)),
            status="unread" if payload.get("status") == "unread" else "read",
            source=str(payload.get("source", "")),
            code=payload.get("code"),
            error=payload.get("error"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def latest(readings: Iterable[Reading]) -> dict[tuple[str, str], Reading]:
    """The newest reading per (blob, reader): a later read supersedes an earlier unread."""
    found: dict[tuple[str, str], Reading] = {}
    for reading in sorted(readings, key=lambda r: r.seq):
        if found.get(reading.key, reading).status == "read" and reading.status == "unread":
            continue  # a read once stored stays read
        found[reading.key] = reading
    return found


def is_read(found: dict[tuple[str, str], Reading], blob_id: str, reader: str) -> bool:
    """Whether these bytes are already stored and read by ``reader``."""
    return any(
        (reading := found.get((blob_id, name))) is not None and reading.status == "read"
        for name in (reader, LEGACY_READER)
    )


def readings_for(conn: Connection, blob_ids: Sequence[str]) -> Iterator[Reading]:
    """Every reading the ledger records for these blobs."""
    ledger = schema.ledger
    for start in range(0, len(blob_ids), 500):
        chunk = list(blob_ids[start : start + 500])
        query = select(ledger.c.seq, ledger.c.payload).where(
            ledger.c.action == INGEST, ledger.c.subject.in_(chunk)
        )
        for seq, payload in conn.execute(query):
            reading = reading_of(seq, payload)
            if reading is not None:
                yield reading


def all_readings(conn: Connection) -> Iterator[Reading]:
    ledger = schema.ledger
    query = select(ledger.c.seq, ledger.c.payload).where(ledger.c.action == INGEST)
    for seq, payload in conn.execution_options(yield_per=1000).execute(query):
        reading = reading_of(seq, payload)
        if reading is not None:
            yield reading
