"""Open, migrate and write the store; every write appends to the hash chain.

Writes happen in one process (the ingest's writer) and one transaction per batch:
a blob, its reports, their search rows and the ledger row that vouches for them land
together or not at all, so a crash leaves either the whole item or none of it.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import (
    Connection,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import SQLAlchemyError

from corroborate.errors import SealingError, StoreError
from corroborate.ids import canonical_json, make_id
from corroborate.model import Report
from corroborate.store import schema, tree
from corroborate.store.chain import GENESIS, LedgerRow, seal
from corroborate.store.engine import BUSY_TIMEOUT, make_engine
from corroborate.store.readings import (
    LEGACY_READER,
    Reading,
    all_readings,
    is_read,
    latest,
    readings_for,
)
from corroborate.store.sealing import (
    WITNESS_READERS,
    WitnessKey,
    is_sealed,
    open_bytes,
    seal_ingest,
    seal_unread,
)

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True, slots=True)
class IngestRecord:
    """One ingested file: its bytes, where they came from, the reader that tried them, and
    the reports read from them, or the coded error that kept them unread.

    ``skipped`` holds the coded lines of items a reader had to leave out of a feed.
    """

    blob_id: str
    data: bytes
    source: str
    reports: tuple[Report, ...]
    reader: str = LEGACY_READER
    code: str | None = None
    error: str | None = None
    skipped: tuple[str, ...] = ()

    @property
    def unread(self) -> bool:
        return self.code is not None


def report_digest(report: Report) -> str:
    """What the ledger remembers of a report: a hash of all its stored fields."""
    return row_digest(_stored_values(report))


def row_digest(values: dict[str, Any]) -> str:
    """The digest of a stored report row, exactly as stored (``meta`` as its JSON text)."""
    return make_id("report-fields", {name: values[name] for name in REPORT_COLUMNS})


REPORT_COLUMNS = tuple(Report.__dataclass_fields__)


def _stored_values(report: Report) -> dict[str, Any]:
    values = report.fields()
    values["meta"] = canonical_json(values["meta"])
    return values


class Store:
    """A handle on one store (SQLite file or PostgreSQL database)."""

    def __init__(self, url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.url = url
        self.engine = make_engine(url, busy_timeout)
        self.witness_key: WitnessKey | None = None  # set by whoever holds it (store/keys.py)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Create or upgrade the schema to the newest migration (idempotent)."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except SQLAlchemyError as exc:
            raise StoreError(1, f"cannot migrate: {_first_line(exc)}", subject=self.url) from exc

    def revision(self) -> str | None:
        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def require_schema(self) -> None:
        if self.revision() is None:
            raise StoreError(
                2, "store is not initialised; run `corroborate init`", subject=self.url
            )

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -----------------------------------------------------------------------

    def readings(self, blob_ids: Sequence[str]) -> dict[tuple[str, str], Reading]:
        """The newest reading of each (blob, reader) the ledger records for these blobs."""
        with self.engine.connect() as conn:
            return latest(readings_for(conn, blob_ids))

    def unread(self) -> list[Reading]:
        """The unread blobs: bytes kept as evidence that no reader has read (yet), each
        with its newest failed reading."""
        with self.engine.connect() as conn:
            found = latest(all_readings(conn)).values()
        read = {r.blob_id for r in found if r.status == "read"}
        newest: dict[str, Reading] = {}
        for reading in sorted(found, key=lambda r: r.seq):
            if reading.blob_id not in read:
                newest[reading.blob_id] = reading
        return list(newest.values())

    def add_ingests(self, records: Sequence[IngestRecord], *, actor: str) -> list[int]:
        """Store files and their readings, one ledger row each, in a single transaction.

        Returns each record's ledger sequence number, or 0 where nothing new was recorded:
        a reading already stored as read, or a failure already recorded for that reader.
        """
        try:
            with self.engine.begin() as conn:
                return [self._add_one(conn, record, actor) for record in records]
        except SQLAlchemyError as exc:
            raise StoreError(3, f"write failed: {_first_line(exc)}", subject=self.url) from exc

    def _add_one(self, conn: Connection, record: IngestRecord, actor: str) -> int:
        known = latest(readings_for(conn, [record.blob_id]))
        if is_read(known, record.blob_id, record.reader) or (
            record.unread and (record.blob_id, record.reader) in known
        ):
            return 0
        # a blob is stored with its first reading: bytes no reading names are new, with no
        # reports and no seal yet, and need no more lookups
        exists = (
            bool(known)
            and conn.execute(
                select(schema.blobs.c.id).where(schema.blobs.c.id == record.blob_id)
            ).first()
            is not None
        )
        if exists:
            record = replace(record, reports=_distinct_items(conn, record))
        plain = not exists or not is_sealed(conn, record.blob_id)
        record, stored, commitments = self._seal(conn, record, new_blob=not exists)
        if not exists:
            conn.execute(
                insert(schema.blobs).values(id=record.blob_id, size=len(record.data), data=stored)
            )
        elif plain and commitments:
            # bytes first kept unread (or by another reader) turn out to carry witnesses:
            # they are sealed in place, the same content under the same id
            conn.execute(
                update(schema.blobs).where(schema.blobs.c.id == record.blob_id).values(data=stored)
            )
        row = self._append(
            conn,
            actor=actor,
            action="ingest",
            subject=record.blob_id,
            payload=_ingest_payload(record, commitments),
        )
        for report in record.reports:
            self._insert_report(conn, report, row.seq)
        return row.seq

    def _seal(
        self, conn: Connection, record: IngestRecord, *, new_blob: bool
    ) -> tuple[IngestRecord, bytes, dict[str, str]]:
        """A file carrying witnesses is stored sealed (``sealing.py``); others as they are."""
        if record.unread:
            if new_blob and record.reader in WITNESS_READERS and self.witness_key is not None:
                return record, seal_unread(conn, self.witness_key, record.blob_id, record.data), {}
            return record, record.data, {}
        sealed = seal_ingest(
            conn,
            self.witness_key,
            blob_id=record.blob_id,
            data=record.data,
            source=record.source,
            reports=record.reports,
        )
        record = replace(record, source=sealed.source, reports=sealed.reports)
        return record, sealed.stored, sealed.commitments

    def append_event(
        self, *, actor: str, action: str, subject: str, payload: dict[str, Any]
    ) -> LedgerRow:
        """Append any other event (analyst actions, later stages) to the chain."""
        with self.engine.begin() as conn:
            return self._append(conn, actor=actor, action=action, subject=subject, payload=payload)

    def _append(
        self, conn: Connection, *, actor: str, action: str, subject: str, payload: dict[str, Any]
    ) -> LedgerRow:
        head = select(schema.chain_head).where(schema.chain_head.c.id == 1)
        if conn.dialect.name != "sqlite":
            head = head.with_for_update()
        current = conn.execute(head).first()
        seq, prev = (current.seq + 1, current.hash) if current else (1, GENESIS)
        row = seal(
            seq=seq,
            at=_now(),
            actor=actor,
            action=action,
            subject=subject,
            payload=canonical_json(payload),
            prev_hash=prev,
        )
        conn.execute(insert(schema.ledger).values(**asdict(row)))
        tree.append_leaf(conn, row.seq - 1, row.hash)
        if current:
            conn.execute(
                update(schema.chain_head)
                .where(schema.chain_head.c.id == 1)
                .values(seq=row.seq, hash=row.hash)
            )
        else:
            conn.execute(insert(schema.chain_head).values(id=1, seq=row.seq, hash=row.hash))
        return row

    def _insert_report(self, conn: Connection, report: Report, seq: int) -> None:
        values = _stored_values(report)
        conn.execute(insert(schema.reports).values(id=report.id, ledger_seq=seq, **values))
        if conn.dialect.name == "sqlite":
            conn.execute(
                text("INSERT INTO reports_fts(report_id, title, text) VALUES (:id, :title, :text)"),
                {"id": report.id, "title": report.title or "", "text": report.text},
            )

    # -- reading -----------------------------------------------------------------------

    def secret(self, name: str) -> str:
        """A random key the store makes once and keeps (e.g. for witness pseudonyms)."""
        with self.engine.begin() as conn:
            found = conn.execute(
                select(schema.secrets.c.value).where(schema.secrets.c.name == name)
            ).scalar()
            if found is not None:
                return str(found)
            value = secrets.token_hex(32)
            conn.execute(insert(schema.secrets).values(name=name, value=value))
            return value

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (
                    ("blobs", schema.blobs),
                    ("reports", schema.reports),
                    ("ledger", schema.ledger),
                )
            } | {
                "bytes": conn.execute(
                    select(func.coalesce(func.sum(schema.blobs.c.size), 0))
                ).scalar_one()
            }

    def head(self) -> tuple[int, str]:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.chain_head).where(schema.chain_head.c.id == 1)).first()
        return (row.seq, row.hash) if row else (0, GENESIS)

    def ledger_rows(self) -> Iterator[LedgerRow]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(schema.ledger).order_by(schema.ledger.c.seq)):
                yield LedgerRow(**row._asdict())

    def reports(self) -> Iterator[Report]:
        for row in self.report_rows():
            yield _report_from_row(row)

    def report_rows(self) -> Iterator[dict[str, Any]]:
        """Report rows exactly as stored, for ``verify``."""
        query = select(schema.reports).order_by(schema.reports.c.ledger_seq, schema.reports.c.item)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=500).execute(query):
                yield row._asdict()

    def find_reports(self, prefix: str) -> list[Report]:
        """Reports whose id (with or without ``sha256:``) or blob id starts with ``prefix``."""
        key = prefix if prefix.startswith("sha256:") else f"sha256:{prefix}"
        with self.engine.connect() as conn:
            query = (
                select(schema.reports)
                .where(
                    schema.reports.c.id.startswith(key, autoescape=True)
                    | schema.reports.c.blob_id.startswith(key, autoescape=True)
                )
                .limit(50)
            )
            return [_report_from_row(row._asdict()) for row in conn.execute(query)]

    def report(self, report_id: str) -> Report | None:
        """The report with exactly this id, if stored."""
        query = select(schema.reports).where(schema.reports.c.id == report_id)
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return _report_from_row(row._asdict()) if row else None

    def ledger_seq_of(self, chain_hash: str) -> int | None:
        """The row whose chain hash this is, if any (a head written down earlier)."""
        query = select(schema.ledger.c.seq).where(schema.ledger.c.hash == chain_hash).limit(1)
        with self.engine.connect() as conn:
            return conn.execute(query).scalar()

    def ledger_for(self, seq: int) -> LedgerRow | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.ledger).where(schema.ledger.c.seq == seq)).first()
        return LedgerRow(**row._asdict()) if row else None

    def blob(self, blob_id: str) -> bytes | None:
        """The bytes as stored (sealed ones as their ciphertext)."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(schema.blobs.c.data).where(schema.blobs.c.id == blob_id)
            ).scalar()

    def plain_blob(self, blob_id: str) -> bytes | None:
        """The bytes as received: a sealed blob opened with the witness key (K001 without)."""
        with self.engine.connect() as conn:
            data = conn.execute(
                select(schema.blobs.c.data).where(schema.blobs.c.id == blob_id)
            ).scalar()
            if data is None or not is_sealed(conn, blob_id):
                return data
        if self.witness_key is None:
            raise SealingError(
                1, "witness key missing: a sealed file cannot be read again", subject=blob_id
            )
        return open_bytes(self.witness_key, data, blob_id)

    def blob_digests(self) -> Iterator[tuple[str, int, bytes]]:
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=200).execute(
                select(schema.blobs.c.id, schema.blobs.c.size, schema.blobs.c.data)
            )
            for row in result:
                yield row.id, row.size, bytes(row.data)


def _ingest_payload(record: IngestRecord, commitments: dict[str, str]) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "blob_id": record.blob_id,
        "size": len(record.data),
        "source": record.source,
        "reader": record.reader,
        "status": "unread" if record.unread else "read",
        "reports": [{"id": r.id, "digest": report_digest(r)} for r in record.reports],
    }
    if commitments:
        payload["identities"] = commitments
    if record.unread:
        payload |= {"code": record.code, "error": record.error}
    if record.skipped:
        payload["skipped"] = list(record.skipped)
    return payload


def _distinct_items(conn: Connection, record: IngestRecord) -> tuple[Report, ...]:
    """A second reader of the same bytes may name an item as the first did (a whole file
    is item ""): its reports then take the reader's name in their item, so both stay."""
    ids = [r.id for r in record.reports]
    taken = set(
        conn.execute(select(schema.reports.c.id).where(schema.reports.c.id.in_(ids))).scalars()
    )
    return tuple(
        replace(r, item=f"{record.reader}:{r.item}") if r.id in taken else r for r in record.reports
    )


def _report_from_row(row: dict[str, Any]) -> Report:
    meta = tuple(tuple(pair) for pair in json.loads(row["meta"]))
    fields = {k: row[k] for k in Report.__dataclass_fields__ if k != "meta"}
    return Report(**fields, meta=meta)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
