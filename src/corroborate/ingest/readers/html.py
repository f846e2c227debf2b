"""HTML pages: main text and metadata via trafilatura, boilerplate dropped.

Scripts, styles and event handlers never reach the text; lxml's default tree limits stay
on (no ``huge_tree``), so a pathologically deep or large document is refused, not parsed.
Lines that are pictures' captions or credits ("… Photograph: Libkos/AP", "EPA Reuters"),
advertising markers, newsletter prompts and related-link lists are left out of the text
(``furniture``): they are not the report's words. The
report keeps the page's site name (``og:site_name``, else its host) as its outlet.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml import etree
from trafilatura.settings import use_config

from corroborate.ingest.readers.base import Blob, decode_text, require_text
from corroborate.ingest.readers.furniture import without_furniture
from corroborate.model import Report

MAX_TREE_SIZE = 500_000
_CONFIG = use_config()
_CONFIG.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
_CONFIG.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")  # signal-based timeouts break in workers


def read_html(blob: Blob) -> list[Report]:
    html, encoding = decode_text(blob)
    return [html_report(blob, html, item="", extra=(("encoding", encoding),))]


def html_report(
    blob: Blob,
    html: str,
    *,
    item: str,
    url: str | None = None,
    extra: tuple[tuple[str, str], ...] = (),
) -> Report:
    """One report from an HTML string (shared with the web-archive reader)."""
    found = _extract(blob, html, url)
    return Report(
        blob_id=blob.blob_id,
        item=item,
        source_name=blob.source,
        media_type="text/html",
        text=require_text(blob, without_furniture(found.get("text") or ""), "HTML main text"),
        title=found.get("title"),
        published=found.get("date"),
        outlet=found.get("sitename") or found.get("hostname"),
        author=found.get("author"),
        url=url or found.get("url"),
        language=found.get("language"),
        meta=extra,
    )


def _extract(blob: Blob, html: str, url: str | None) -> dict[str, Any]:
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            config=_CONFIG,
        )
    except (etree.LxmlError, ValueError, RecursionError) as exc:
        raise blob.fail(14, f"unparseable HTML ({type(exc).__name__})") from exc
    if not document:
        raise blob.fail(10, "no main text found in HTML")
    return document.as_dict() if hasattr(document, "as_dict") else dict(document)
