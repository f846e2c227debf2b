"""Web archives (WARC, plain or gzipped): each archived HTML or text response is a report.

Gzip is expanded here, in bounded chunks, before warcio reads the records, so a
decompression bomb stops at the expansion limit instead of filling memory.
"""

from __future__ import annotations

import io
import zlib

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from corroborate.ingest.readers.base import Blob, decode_text
from corroborate.ingest.readers.html import html_report
from corroborate.model import Report

CHUNK = 1 << 20


def read_warc(blob: Blob) -> list[Report]:
    raw = gunzip_bounded(blob) if blob.data[:2] == b"\x1f\x8b" else blob.data
    reports: list[Report] = []
    try:
        for number, record in enumerate(ArchiveIterator(io.BytesIO(raw)), start=1):
            report = _record_report(blob, record, number)
            if report is not None:
                reports.append(report)
    except (ArchiveLoadFailed, ValueError, EOFError) as exc:
        reason = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
        raise blob.fail(9, f"damaged web archive ({reason})") from exc
    if not reports:
        raise blob.fail(10, "web archive holds no HTML or text responses")
    return reports


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


def _record_report(blob: Blob, record: object, number: int) -> Report | None:
    if getattr(record, "rec_type", None) not in ("response", "resource"):
        return None
    headers = getattr(record, "http_headers", None)
    content_type = (headers.get_header("Content-Type") if headers else None) or ""
    if "html" not in content_type and "text/plain" not in content_type:
        return None
    payload = record.content_stream().read()  # type: ignore[attr-defined]
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    captured = record.rec_headers.get_header("WARC-Date") or ""  # type: ignore[attr-defined]
    text, _ = decode_text(blob, payload)
    extra = (("captured", captured), ("record", str(number)))
    return html_report(blob, text, item=f"record:{number}", url=url, extra=extra)
