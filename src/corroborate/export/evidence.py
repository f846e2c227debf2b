"""The evidence behind a run's reports, as the custody formats (PROV, BagIt, PDF) share it.

A run's results name reports; the store holds what vouches for them: the bytes as received
(a blob, by its digest), the ``ingest`` ledger row that stored them, and any later ledger
rows about them (analysts' ``review`` events). This module reads those, report by report,
and says how a shared export may show them:

* a file is named by a label made from its digest (``file 3f9a01c2``), never by its path or
  name (either may name a witness, and a path is the machine's);
* a ledger row is shared with its ``source`` replaced by that label and every protected
  person pseudonymised; a row so changed is marked ``"as_stored": false``, because its hash
  can then be checked only through the chain links, not recomputed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select

from corroborate.export.context import ExportContext
from corroborate.export.pseudonyms import LABELS, Pseudonyms, for_store
from corroborate.export.results import IncidentJSON, ReportRefJSON
from corroborate.ids import short
from corroborate.store import schema
from corroborate.store.chain import LedgerRow
from corroborate.store.core import Store
from corroborate.store.sealing import REF, identities, identity_kinds, sealed_blob_ids

BATCH = 500  # reports looked up per query
_SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")


@dataclass(frozen=True, slots=True)
class Held:
    """One report as the store holds it: its file and the ingest that vouches for it."""

    report_id: str
    blob_id: str
    item: str
    media_type: str
    size: int  # bytes as received
    sealed: bool  # the bytes carry witnesses and are stored encrypted
    ingest: LedgerRow


@dataclass(frozen=True, slots=True)
class Sharing:
    """How a string from the store is shared: protected persons pseudonymised, and any
    sealed reference left (a contact's, say) written as its pseudonym too."""

    pseudonyms: Pseudonyms
    codes: dict[str, str]  # sealed reference -> its pseudonym

    def text(self, value: str) -> str:
        value = self.pseudonyms.text(value)
        return REF.sub(lambda found: self.codes.get(found.group(), "Protected"), value)


def sharing(store: Store) -> Sharing:
    pseudonyms = for_store(store)
    with store.engine.connect() as conn:
        kinds = identity_kinds(conn)
    codes = {ref: pseudonyms.code(ref, LABELS[kind]) for ref, kind in kinds.items()}
    return Sharing(pseudonyms, codes)


def file_label(blob_id: str) -> str:
    """How a shared export names a stored file: by its digest, never by its name."""
    return f"file {short(blob_id, 8)}"


def report_label(blob_id: str, item: str) -> str:
    label = file_label(blob_id)
    return f"{label}, {item}" if item else label


def unique_reports(incidents: Iterable[IncidentJSON]) -> Iterator[ReportRefJSON]:
    """The reports of these incidents, each once, in the order they are first named."""
    seen: set[str] = set()
    for incident in incidents:
        for report in incident["reports"]:
            if report["id"] not in seen:
                seen.add(report["id"])
                yield report


def held(store: Store, report_ids: Sequence[str]) -> Iterator[Held]:
    """What the store holds for these reports (unknown ids are left out), in batches."""
    sealed = _sealed(store)
    for start in range(0, len(report_ids), BATCH):
        batch = report_ids[start : start + BATCH]
        yield from _held_batch(store, batch, sealed)


def _sealed(store: Store) -> set[str]:
    with store.engine.connect() as conn:
        return sealed_blob_ids(conn)


def _held_batch(store: Store, ids: Sequence[str], sealed: set[str]) -> Iterator[Held]:
    reports, blobs, ledger = schema.reports, schema.blobs, schema.ledger
    query = (
        select(reports.c.id, reports.c.blob_id, reports.c.item, reports.c.media_type)
        .add_columns(blobs.c.size, *ledger.c)
        .join(blobs, blobs.c.id == reports.c.blob_id)
        .join(ledger, ledger.c.seq == reports.c.ledger_seq)
        .where(reports.c.id.in_(list(ids)))
    )
    with store.engine.connect() as conn:
        rows = {row.id: row for row in conn.execute(query)}
    for report_id in ids:
        if (row := rows.get(report_id)) is not None:
            ingest = LedgerRow(**{c.name: getattr(row, c.name) for c in ledger.c})
            yield Held(
                report_id,
                row.blob_id,
                row.item,
                row.media_type,
                row.size,
                row.blob_id in sealed,
                ingest,
            )


def reviews(store: Store) -> dict[str, list[LedgerRow]]:
    """Ledger rows of action ``review``, by every report or incident id they name (as
    subject or anywhere in their payload)."""
    found: dict[str, list[LedgerRow]] = {}
    query = select(schema.ledger).where(schema.ledger.c.action == "review")
    with store.engine.connect() as conn:
        for row in conn.execute(query.order_by(schema.ledger.c.seq)):
            ledger_row = LedgerRow(**row._asdict())
            for named in _named_ids(ledger_row):
                found.setdefault(named, []).append(ledger_row)
    return found


def _named_ids(row: LedgerRow) -> set[str]:
    return {row.subject} | set(re.findall(r"sha256:[0-9a-f]{4,64}", row.payload))


def shared_row(row: LedgerRow, sharing: Sharing) -> dict[str, Any]:
    """A ledger row as an export may show it: no path, no file name, no protected person."""
    shared = asdict(row)
    payload = row.payload
    if row.action == "ingest":
        payload = _without_source(payload)
    payload = sharing.text(payload)
    shared["payload"] = payload
    shared["as_stored"] = payload == row.payload
    return shared


def _without_source(payload: str) -> str:
    fields = json.loads(payload)
    source, label = fields.get("source"), file_label(str(fields.get("blob_id", "")))
    if not isinstance(source, str) or not source:
        return payload
    text = payload.replace(json.dumps(source, ensure_ascii=False)[1:-1], label)
    for name in {_basename(source)} - {""}:
        text = text.replace(json.dumps(name, ensure_ascii=False)[1:-1], label)
    return text


def _basename(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1]


def suffixes(store: Store, blobs: Iterable[Held]) -> dict[str, str]:
    """Blob id -> the lower-case suffix of the file as received (``.csv``), which a reader
    needs to read the bytes again; a sealed file's name is opened with the witness key."""
    names: dict[str, str] = {}
    refs: dict[str, str] = {}
    for item in blobs:
        source = str(json.loads(item.ingest.payload).get("source", ""))
        (refs if item.sealed else names)[item.blob_id] = source
    if refs and store.witness_key is not None:
        with store.engine.connect() as conn:
            opened = identities(conn, store.witness_key)
        names |= {b: opened[r].value for b, r in refs.items() if r in opened}
    return {blob: _suffix(name) for blob, name in names.items()}


def _suffix(name: str) -> str:
    dot = _basename(name).rfind(".")
    suffix = _basename(name)[dot:].lower() if dot > 0 else ""
    return suffix if _SUFFIX.fullmatch(suffix) else ""


def chosen(context: ExportContext) -> list[ReportRefJSON]:
    return list(unique_reports(context.incidents()))
