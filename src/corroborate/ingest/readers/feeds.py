"""JSON and JSON Lines feeds: each item is one report.

A JSON feed is a list of items, or an object holding one under ``items``, ``entries``,
``articles``, ``reports`` or ``data``. An item needs a text field (``text``, ``body``,
``content``, ``description`` or ``summary``); the other recognised keys become report
fields, anything else goes into the report's metadata. An unreadable item (a line that is
not JSON, an item that is not an object or has no text) is skipped and named
(``line 7: malformed JSON (Expecting value)``); the feed's other items are kept. A feed
with no readable item at all is refused whole. An item's text is kept without the page
furniture a scraped page carries (``furniture``: captions, credits, prompts, link lists).
"""

from __future__ import annotations

import json
from typing import Any

from corroborate.ids import canonical_json
from corroborate.ingest.readers.base import Blob, Gathered, Read, decode_text, require_text
from corroborate.ingest.readers.furniture import without_furniture
from corroborate.model import Report

TEXT_KEYS = ("text", "body", "content", "description", "summary")
LIST_KEYS = ("items", "entries", "articles", "reports", "data")
FIELD_KEYS = {
    "title": ("title", "headline"),
    "published": ("published", "date", "published_at", "datePublished", "pubDate"),
    "outlet": ("outlet", "source", "publisher", "site", "sitename"),
    "author": ("author", "byline", "creator"),
    "url": ("url", "link"),
    "language": ("language", "lang"),
}


def read_json(blob: Blob) -> Read:
    text, _ = decode_text(blob)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise blob.fail(
            6, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number; nesting past the stack
        raise blob.fail(6, f"malformed JSON ({_reason(exc)})") from exc
    found = Gathered(blob)
    for number, item in enumerate(_items(blob, document), start=1):
        found.attempt(
            f"item {number}", item_report, blob, item, f"item:{number}", "application/json"
        )
    return found.read(empty="feed has no items")


def read_jsonl(blob: Blob) -> Read:
    text, _ = decode_text(blob)
    found = Gathered(blob)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            found.attempt(f"line {number}", _line_report, blob, line, number)
    return found.read(empty="feed has no items")


def _line_report(blob: Blob, line: str, number: int) -> Report:
    try:
        item = json.loads(line)
    except (ValueError, RecursionError) as exc:
        raise blob.fail(6, f"malformed JSON ({_reason(exc)})") from exc
    return item_report(blob, item, f"line:{number}", "application/x-ndjson")


def _items(blob: Blob, document: Any) -> list[Any]:
    if isinstance(document, list):
        items = document
    elif isinstance(document, dict):
        found = next((document[k] for k in LIST_KEYS if isinstance(document.get(k), list)), None)
        items = found if found is not None else [document]
    else:
        raise blob.fail(6, "JSON feed must be a list of items or an object")
    return items


def item_report(blob: Blob, item: Any, where: str, media_type: str) -> Report:
    """One report from a feed item (a JSON object with a text field)."""
    if not isinstance(item, dict):
        raise blob.fail(6, "not a JSON object")
    text = next(
        (item[k] for k in TEXT_KEYS if isinstance(item.get(k), str) and item[k].strip()), None
    )
    if text is None:
        raise blob.fail(6, f"no text field ({', '.join(TEXT_KEYS)})")
    fields = {name: _pick(item, keys) for name, keys in FIELD_KEYS.items()}
    return Report(
        blob_id=blob.blob_id,
        item=where,
        source_name=blob.source,
        media_type=media_type,
        text=require_text(blob, feed_text(text), "the text field"),
        meta=_meta(blob, item),
        **fields,
    )


def feed_text(text: str) -> str:
    """A feed item's text as a report keeps it: line ends made plain, and the page furniture
    an item scraped from a web page carries (captions, credits, prompts, related links: see
    ``furniture``) left out."""
    return without_furniture(text.replace("\r\n", "\n"))


def _pick(item: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, dict):
            value = value.get("name")
        if value is not None and str(value).strip():
            return str(value).strip()
    return None


def _meta(blob: Blob, item: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The item's other keys, each value as text (JSON for a list or object)."""
    used = {k for keys in FIELD_KEYS.values() for k in keys} | set(TEXT_KEYS)
    try:
        return tuple(
            (k, _as_text(v)) for k, v in sorted(item.items()) if k not in used and v is not None
        )
    except RecursionError as exc:  # parsed just below the stack's limit, too deep to write
        raise blob.fail(6, "a value nested too deeply") from exc


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else canonical_json(value)


def _reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
