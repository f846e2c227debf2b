"""Web archives (WARC, plain or gzipped): each archived HTML or text response is a report.

An HTML payload goes through the HTML extractor; a plain-text one is the report's text as
it is. The payload's type is the HTTP response's ``Content-Type``, or for a ``resource``
record (the document itself, no HTTP exchange) the record's own.

Gzip is expanded here, in bounded chunks, before warcio reads the records, so a
decompression bomb stops at the expansion limit instead of filling memory.

A record whose payload cannot be read (binary under a text type, no main text) is skipped
and named (``record 4: …``). Damage to the archive's structure (a broken header, a wrong
length) ends the reading there: the records before it are kept, and the damaged one and
everything after it are skipped as one item, since warcio cannot find the next record
past it. warcio reports damage with whatever exception its parsing hits (``AttributeError``
for a response record without a target URI, for one); ``ARCHIVE_DAMAGE`` lists them.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from corroborate.ingest.readers.base import Blob, Gathered, Read, decode_text, require_text
from corroborate.ingest.readers.html import html_report
from corroborate.model import Report

CHUNK = 1 << 20
ARCHIVE_DAMAGE = (ArchiveLoadFailed, ValueError, EOFError, AttributeError, zlib.error)


def read_warc(blob: Blob) -> Read:
    raw = gunzip_bounded(blob) if blob.data[:2] == b"\x1f\x8b" else blob.data
    found = Gathered(blob)
    for number, record in _records(blob, raw, found):
        if _is_text_response(record):
            found.attempt(f"record {number}", _record_report, blob, record, number)
    return found.read(empty="web archive holds no HTML or text responses")


def _records(blob: Blob, raw: bytes, found: Gathered) -> Iterator[tuple[int, Any]]:
    """The archive's records, numbered from 1, up to the first damage; the damage is
    recorded in ``found`` as the skip of everything from that record on."""
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(raw)), start=1):
            yield number, record
    except ARCHIVE_DAMAGE as exc:
        where = f"record {number + 1} and all after it"
        found.skip(where, blob.fail(9, f"damaged web archive ({_reason(exc)})"))


def gunzip_bounded(blob: Blob) -> bytes:
    """Expand (multi-member) gzip, refusing output past ``blob.max_expanded_bytes``."""
    out = bytearray()
    data = blob.data
    try:
        while data.strip(b"\x00"):
            inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
            pending = data
            while not inflater.eof:
                chunk = inflater.decompress(pending, CHUNK)
                if not chunk and not inflater.unconsumed_tail and not inflater.eof:
                    raise blob.fail(9, "truncated gzip stream")
                out += chunk
                if len(out) > blob.max_expanded_bytes:
                    limit = blob.max_expanded_bytes >> 20
                    raise blob.fail(11, f"expands past {limit} MiB (decompression bomb?)")
                pending = inflater.unconsumed_tail
            data = inflater.unused_data
    except zlib.error as exc:
        raise blob.fail(9, f"damaged gzip stream ({exc})") from exc
    return bytes(out)


def _is_text_response(record: Any) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    content_type = _content_type(record)
    return "html" in content_type or "text/plain" in content_type


def _content_type(record: Any) -> str:
    """The payload's type: an HTTP response's own header, else (a ``resource`` record, which
    holds the document itself) the record's ``Content-Type``."""
    headers = record.http_headers or record.rec_headers
    return str(headers.get_header("Content-Type") or "").lower()


def _record_report(blob: Blob, record: Any, number: int) -> Report:
    try:
        payload = record.content_stream().read()
    except ARCHIVE_DAMAGE as exc:
        raise blob.fail(9, f"damaged record ({_reason(exc)})") from exc
    url = record.rec_headers.get_header("WARC-Target-URI")
    captured = record.rec_headers.get_header("WARC-Date") or ""
    text, _ = decode_text(blob, payload)
    extra = (("captured", captured), ("record", str(number)))
    item = f"record:{number}"
    if "html" in _content_type(record):
        return html_report(blob, text, item=item, url=url, extra=extra)
    return Report(  # plain text is the report as it is, not a page to extract from
        blob_id=blob.blob_id,
        item=item,
        source_name=blob.source,
        media_type="text/plain",
        text=require_text(blob, text, "text record"),
        url=url,
        meta=extra,
    )


def _reason(exc: Exception) -> str:
    if isinstance(exc, AttributeError):
        return "unparseable record headers"
    return str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
