"""Plain text and Markdown: the file's decoded text is the report."""

from __future__ import annotations

from corroborate.ingest.readers.base import Blob, decode_text, require_text
from corroborate.model import Report


def read_text(blob: Blob) -> list[Report]:
    text, encoding = decode_text(blob)
    media = "text/markdown" if blob.source.lower().endswith((".md", ".markdown")) else "text/plain"
    return [
        Report(
            blob_id=blob.blob_id,
            item="",
            source_name=blob.source,
            media_type=media,
            text=require_text(blob, text),
            title=_first_line(text),
            meta=(("encoding", encoding),),
        )
    ]


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            return line.strip().lstrip("# ").strip()[:200] or None
    return None
