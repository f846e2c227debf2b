"""CSV testimonies: one row, one report.

The header must name a text column (``text``, ``testimony``, ``statement``, ``body`` or
``content``); ``date`` becomes the published date, ``testimony_id``/``id`` the title, and
every other column (``witness``, ``place``, ``language`` …) is kept as metadata. Columns
naming a protected person (``model.IDENTITY_KEYS``) are sealed when stored and
pseudonymised in everything shared (``docs/witnesses.md``).

A row with the wrong number of fields or no text is skipped and named (``row 12 has 3
fields, the header 4``); the other rows are kept. Where the quoting breaks (an unclosed or
stray quote), the rows before the break are kept and the break and everything after it are
skipped as one item: past a quoting error nobody can tell where the next row begins, and a
guess could stitch one witness's words to another's row.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from corroborate.ingest.readers.base import Blob, Gathered, Read, decode_text, require_text
from corroborate.model import Report

if TYPE_CHECKING:
    import _csv

TEXT_COLUMNS = ("text", "testimony", "statement", "body", "content")
MAX_FIELD = 10 * 1024 * 1024


def read_csv(blob: Blob) -> Read:
    text, _ = decode_text(blob)
    csv.field_size_limit(MAX_FIELD)
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = _header(blob, rows)
    text_column = next((c for c in TEXT_COLUMNS if c in header), None)
    if text_column is None:
        raise blob.fail(7, f"CSV header names no text column ({', '.join(TEXT_COLUMNS)})")
    found = Gathered(blob)
    for number, row in _rows(blob, rows, found):
        if any(cell.strip() for cell in row):
            found.attempt(f"row {number}", _row_report, blob, header, row, number, text_column)
    return found.read(empty="CSV has a header but no rows")


def _header(blob: Blob, rows: Iterator[list[str]]) -> list[str]:
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise blob.fail(7, f"malformed CSV header ({exc})") from exc
    if header is None:
        raise blob.fail(10, "CSV is empty")
    return [name.strip().lower() for name in header]


def _rows(blob: Blob, rows: _csv.Reader, found: Gathered) -> Iterator[tuple[int, list[str]]]:
    """The rows after the header, numbered from 2, up to the first quoting error; the
    error is recorded in ``found`` as the skip of everything from that row on."""
    number, line = 1, rows.line_num
    try:
        for row in rows:
            number, line = number + 1, rows.line_num
            yield number, row
    except csv.Error as exc:
        where = f"row {number + 1} (line {line + 1}) and all after it"
        found.skip(where, blob.fail(7, f"malformed CSV ({exc})"))


def _row_report(
    blob: Blob, header: list[str], row: list[str], number: int, text_column: str
) -> Report:
    if len(row) != len(header):
        raise blob.fail(7, f"{len(row)} fields, the header has {len(header)}")
    record = dict(zip(header, (cell.strip() for cell in row), strict=True))
    label = record.get("testimony_id") or record.get("id")
    used = {text_column, "date", "language"}
    return Report(
        blob_id=blob.blob_id,
        item=f"row:{number}",
        source_name=blob.source,
        media_type="text/csv",
        text=require_text(blob, record[text_column], f"the {text_column} column"),
        title=f"Testimony {label}" if label else None,
        published=record.get("date") or None,
        language=record.get("language") or None,
        meta=tuple((k, v) for k, v in record.items() if k not in used and v),
    )
