"""Readers, one per format, registered by file suffix.

The registry is the extension point: ``register(".ext", reader)`` adds a format the
same way the built-ins are added below. ``read_blob`` picks the reader and guarantees
that only ``InputError`` escapes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from corroborate.errors import InputError
from corroborate.ingest.readers.base import Blob, Read, Reader, decode_text
from corroborate.ingest.readers.email import read_email
from corroborate.ingest.readers.feeds import read_json, read_jsonl
from corroborate.ingest.readers.html import read_html
from corroborate.ingest.readers.pdf import read_pdf
from corroborate.ingest.readers.table import read_csv
from corroborate.ingest.readers.text import read_text
from corroborate.ingest.readers.warc import read_warc
from corroborate.model import Report

READERS: dict[str, Reader] = {}


def register(suffix: str, reader: Reader) -> None:
    READERS[suffix.lower()] = reader


for _suffixes, _reader in (
    ((".txt", ".text", ".md", ".markdown"), read_text),
    ((".html", ".htm", ".xhtml"), read_html),
    ((".pdf",), read_pdf),
    ((".eml",), read_email),
    ((".json",), read_json),
    ((".jsonl", ".ndjson"), read_jsonl),
    ((".csv",), read_csv),
    ((".warc", ".warc.gz"), read_warc),
):
    for _suffix in _suffixes:
        register(_suffix, _reader)


def reader_for(name: str) -> Reader | None:
    """The reader for a file name, matching the longest registered suffix."""
    lowered = name.lower()
    matches = [suffix for suffix in READERS if lowered.endswith(suffix)]
    return READERS[max(matches, key=len)] if matches else None


def supported(name: str) -> bool:
    return reader_for(name) is not None


def reader_name(name: str) -> str:
    """The name of the reader a file name gets (``jsonl``, ``pdf`` …), ``none`` if none.

    The ledger records it beside each blob: the same bytes read by another reader (a
    feed saved as ``.json`` and as ``.jsonl``) are another reading, not a duplicate.
    """
    reader = reader_for(name)
    return reader.__name__.removeprefix("read_") if reader else "none"


def read_blob(blob: Blob) -> list[Report]:
    """Read one blob into reports (skipping malformed items); raises only ``InputError``."""
    return list(read(blob).reports)


def read(blob: Blob) -> Read:
    """Read one blob into reports and the items skipped; raises only ``InputError``."""
    reader = reader_for(blob.source)
    if reader is None:
        raise InputError(5, "unsupported format", subject=blob.source)
    try:
        found = reader(blob)
        if isinstance(found, Read):
            return Read(tuple(_storable(r) for r in found.reports), found.skipped)
        return Read(tuple(_storable(report) for report in found))
    except InputError:
        raise
    except (UnicodeError, ValueError, LookupError, RecursionError, MemoryError) as exc:
        reason = f"{type(exc).__name__}: {exc}"[:160]
        raise blob.fail(15, f"unreadable content ({reason})") from exc


UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(report: Report) -> Report:
    """NUL cannot live in PostgreSQL text, nor a lone surrogate (a JSON ``"\\ud800"``, half
    of an emoji cut by a feed's writer) in any UTF-8 text; neither carries meaning in a
    report, so each becomes U+FFFD."""
    changes = {
        name: UNSTORABLE.sub("\ufffd", value)
        for name, value in report.fields().items()
        if isinstance(value, str) and UNSTORABLE.search(value)
    }
    meta = tuple((UNSTORABLE.sub("\ufffd", k), UNSTORABLE.sub("\ufffd", v)) for k, v in report.meta)
    return replace(report, **changes, meta=meta)


__all__ = [
    "READERS",
    "Blob",
    "Read",
    "Reader",
    "decode_text",
    "read",
    "read_blob",
    "reader_for",
    "reader_name",
    "register",
    "supported",
]
