"""E-mail (RFC 5322 ``.eml``): headers give title, author, date; the body gives the text.

The plain-text part is preferred; an HTML-only message goes through the HTML extractor.
Attachment names are kept in the report's metadata (their bytes stay in the stored blob).
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parseaddr, parsedate_to_datetime

import trafilatura

from corroborate.ingest.readers.base import Blob, require_text
from corroborate.model import Report


def read_email(blob: Blob) -> list[Report]:
    message = _parse(blob)
    text = _body_text(blob, message)
    attachments = [part.get_filename() or "unnamed" for part in message.iter_attachments()]
    meta = [("to", _header(message, "To") or "")] + [("attachment", name) for name in attachments]
    return [
        Report(
            blob_id=blob.blob_id,
            item="",
            source_name=blob.source,
            media_type="message/rfc822",
            text=require_text(blob, text, "e-mail body"),
            title=_header(message, "Subject"),
            published=_date(message),
            author=_sender(message),
            outlet=_organization(message),
            meta=tuple((k, v) for k, v in meta if v),
        )
    ]


def _parse(blob: Blob) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(blob.data)
    headers = {name.lower() for name in message}
    if not headers & {"from", "subject", "date", "message-id"}:
        raise blob.fail(8, "not an e-mail (no From, Subject, Date or Message-ID header)")
    return message


def _body_text(blob: Blob, message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise blob.fail(10, "e-mail has no text or HTML body")
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError) as exc:
        raise blob.fail(8, f"undecodable e-mail body ({type(exc).__name__})") from exc
    if not isinstance(content, str):
        raise blob.fail(8, "e-mail body is not text")
    if part.get_content_subtype() == "html":
        return trafilatura.extract(content, include_comments=False) or ""
    return content.replace("\r\n", "\n")


def _header(message: EmailMessage, name: str) -> str | None:
    """A header's text, or None if it is absent or so malformed that the standard
    library's header parser trips over it (IndexError, AttributeError on an address list
    that is half a group)."""
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError, AttributeError):
        return None
    return str(value).strip() or None if value is not None else None


def _sender(message: EmailMessage) -> str | None:
    """The sender's display name ("Press Office"), else the address."""
    raw = _header(message, "From")
    if not raw:
        return None
    name, address = parseaddr(raw)
    return name.strip() or address.strip() or raw


def _date(message: EmailMessage) -> str | None:
    raw = _header(message, "Date")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def _organization(message: EmailMessage) -> str | None:
    return _header(message, "Organization")
