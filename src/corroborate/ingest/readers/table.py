"""CSV testimonies: one row, one report.

The header must name a text column (``text``, ``testimony``, ``statement``, ``body`` or
``content``); ``date`` becomes the published date, ``testimony_id``/``id`` the title, and
every other column (``witness``, ``place``, ``language`` …) is kept as metadata. Columns
naming a protected person (``model.IDENTITY_KEYS``) are sealed when stored and
pseudonymised in everything shared (``docs/witnesses.md``).
"""

from __future__ import annotations

import csv
import io

from corroborate.ingest.readers.base import Blob, decode_text, require_text
from corroborate.model import Report

TEXT_COLUMNS = ("text", "testimony", "statement", "body", "content")
MAX_FIELD = 10 * 1024 * 1024


def read_csv(blob: Blob) -> list[Report]:
    text, _ = decode_text(blob)
    csv.field_size_limit(MAX_FIELD)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise blob.fail(7, f"malformed CSV: {exc}") from exc
    if len(rows) < 2:
        raise blob.fail(10, "CSV has a header but no rows")
    header = [name.strip().lower() for name in rows[0]]
    text_column = next((c for c in TEXT_COLUMNS if c in header), None)
    if text_column is None:
        raise blob.fail(7, f"CSV header names no text column ({', '.join(TEXT_COLUMNS)})")
    return [
        _row_report(blob, header, row, number, text_column)
        for number, row in enumerate(rows[1:], start=2)
        if any(cell.strip() for cell in row)
    ]


def _row_report(
    blob: Blob, header: list[str], row: list[str], number: int, text_column: str
) -> Report:
    if len(row) != len(header):
        raise blob.fail(7, f"row {number} has {len(row)} fields, the header {len(header)}")
    record = dict(zip(header, (cell.strip() for cell in row), strict=True))
    label = record.get("testimony_id") or record.get("id")
    used = {text_column, "date", "language"}
    return Report(
        blob_id=blob.blob_id,
        item=f"row:{number}",
        source_name=blob.source,
        media_type="text/csv",
        text=require_text(blob, record[text_column], f"row {number}"),
        title=f"Testimony {label}" if label else None,
        published=record.get("date") or None,
        language=record.get("language") or None,
        meta=tuple((k, v) for k, v in record.items() if k not in used and v),
    )
