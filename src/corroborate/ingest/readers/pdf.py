"""PDF documents: the text layer of every page, via pypdf, with wrapped lines rejoined.

A file without the ``%PDF`` header or the ``%%EOF`` trailer is refused as damaged before
pypdf tries to "repair" it, so a truncated download never passes for a short report.
Scanned PDFs without a text layer are refused with I010 (OCR is not attempted).
"""

from __future__ import annotations

import io
import re
from itertools import pairwise

from pypdf import PdfReader
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from corroborate.ingest.readers.base import Blob, require_text
from corroborate.model import Report

MAX_PAGES = 2000
# pypdf meets damaged structure with whatever its code trips over; AssertionError is its
# check that an indirect reference belongs to a document, which one inside a page's
# content stream ("1 0 R" as an operand) does not
DAMAGE = (
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    RecursionError,
    ZeroDivisionError,
    AssertionError,
)


def read_pdf(blob: Blob) -> list[Report]:
    _check_envelope(blob)
    pdf = _open(blob)
    text = "\n\n".join(_pages(blob, pdf))
    info = _info(pdf)
    return [
        Report(
            blob_id=blob.blob_id,
            item="",
            source_name=blob.source,
            media_type="application/pdf",
            text=require_text(blob, text, "PDF text layer"),
            title=info.get("title"),
            author=info.get("author"),
            published=info.get("published"),
            meta=(("pages", str(len(pdf.pages))),),
        )
    ]


def _check_envelope(blob: Blob) -> None:
    if not blob.data[:1024].lstrip().startswith(b"%PDF-"):
        raise blob.fail(4, "not a PDF (no %PDF- header)")
    if b"%%EOF" not in blob.data[-2048:]:
        raise blob.fail(4, "truncated PDF (no %%EOF trailer)")


def _open(blob: Blob) -> PdfReader:
    try:
        pdf = PdfReader(io.BytesIO(blob.data), strict=False)
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise blob.fail(13, "encrypted PDF (password required)")
        if len(pdf.pages) > MAX_PAGES:
            raise blob.fail(1, f"PDF has {len(pdf.pages)} pages (limit {MAX_PAGES})")
    except (PyPdfError, DependencyError) as exc:  # PyPdfError: a loop, a bad xref, a limit
        raise blob.fail(4, f"damaged PDF ({_reason(exc)})") from exc
    except DAMAGE as exc:
        raise blob.fail(4, f"damaged PDF structure ({type(exc).__name__})") from exc
    return pdf


def _pages(blob: Blob, pdf: PdfReader) -> list[str]:
    texts: list[str] = []
    expanded = 0
    for number, page in enumerate(pdf.pages, start=1):
        try:
            text = page.extract_text() or ""
        except LimitReachedError as exc:
            raise blob.fail(11, f"page {number}: stream expands past pypdf's limit") from exc
        except (PyPdfError, *DAMAGE) as exc:
            raise blob.fail(4, f"damaged PDF page {number} ({type(exc).__name__})") from exc
        expanded += len(text)
        if expanded > blob.max_expanded_bytes:
            raise blob.fail(11, "extracted text exceeds the expansion limit")
        texts.append(reflowed(text.strip()))
    return texts


WRAPPED = 0.75  # a line at least this share of the page's longest line runs on to the next
LIST_ITEM = re.compile(r"\s*(?:\d{1,3}[.)]|[-•*–])\s")


def reflowed(text: str) -> str:
    """The page's text with the line breaks of wrapped lines made spaces: a line that fills
    most of the page's width, does not end a sentence and is followed by a line of text (not
    a list item) goes on in it. Only line-break characters change, into spaces, so offsets
    stay those of the page as extracted; paragraph breaks, headings and list items keep
    their line breaks."""
    lines = text.split("\n")
    width = max((len(line.rstrip()) for line in lines), default=0)
    out = [lines[0]]
    for line, following in pairwise(lines):
        runs_on = (
            width >= 40
            and len(line.rstrip()) >= WRAPPED * width
            and not line.rstrip().endswith(("-", ".", "!", "?", ":"))
            and bool(following.strip())
            and LIST_ITEM.match(following) is None
        )
        out += [" " if runs_on else "\n", following]
    return "".join(out)


def _info(pdf: PdfReader) -> dict[str, str]:
    """Title, author and date from the document information; damaged information (a
    reference loop, a bad object) is left out, since the text layer was read."""
    try:
        meta = pdf.metadata
        if not meta:
            return {}
        found = {"title": meta.title, "author": meta.author}
    except (PyPdfError, *DAMAGE):
        return {}
    try:
        created = meta.creation_date
    except (ValueError, TypeError):
        created = None
    result = {
        key: str(value).strip() for key, value in found.items() if value and str(value).strip()
    }
    if created:
        result["published"] = created.isoformat()
    return result


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
