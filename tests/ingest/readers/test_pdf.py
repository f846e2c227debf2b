"""PDF: every field of the report, and the envelope checks."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.errors import LimitReachedError, PdfReadError

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, pdf, read
from corroborate.ingest.readers.pdf import _reason, reflowed
from corroborate.model import Report
from tests.builders import pdf_bytes


def blob(data: bytes, *, limit: int = 256 << 20) -> Blob:
    return Blob(digest_bytes(data), "b.pdf", data, limit)


def refused(data: bytes, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        read(blob(data, **kwargs))
    return caught.value


def test_every_field_of_a_pdf() -> None:
    source = blob(pdf_bytes(["First line of the briefing.", "Second line."]))
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="",
        source_name="b.pdf",
        media_type="application/pdf",
        text="First line of the briefing.\nSecond line.",
        title="Briefing",
        author="Test Desk",
        meta=(("pages", "1"),),
    )


def test_the_creation_date_is_the_published_date() -> None:
    info = b"/Author (Test Desk) >>"
    data = pdf_bytes(["Text."]).replace(
        info, b"/Author (Test Desk) /CreationDate (D:20220408101500Z) >>"
    )
    data = data.replace(b"/Title (Briefing) ", b"/Title ( ) ")
    [report] = read(blob(data)).reports
    assert (report.published, report.title) == ("2022-04-08T10:15:00+00:00", None)


def test_leading_whitespace_before_the_header_is_allowed() -> None:
    [report] = read(blob(b"\n  " + pdf_bytes(["Text."]))).reports
    assert report.text == "Text."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDX-1.4\n%%EOF\n", "not a PDF (no %PDF- header)"),
        (b"%PDF-1.4\nno trailer\n", "truncated PDF (no %%EOF trailer)"),
        (b"%PDF-1.4\n%%EOF" + b" " * 2043, "damaged PDF (startxref not found)"),
        # the trailer is looked for in the last 2048 bytes, the header in the first 1024
        (b"%PDF-1.4\n%%EOF" + b" " * 2044, "truncated PDF (no %%EOF trailer)"),
        (b" " * 1019 + b"%PDF-1.4\n%%EOF", "damaged PDF (startxref not found)"),
        (b" " * 1020 + b"%PDF-1.4\n%%EOF", "not a PDF (no %PDF- header)"),
    ],
)
def test_a_damaged_envelope_is_refused(data: bytes, message: str) -> None:
    error = refused(data)
    assert (error.code, error.message) == ("I004", message)


def test_extracted_text_past_the_expansion_limit_is_refused() -> None:
    error = refused(pdf_bytes(["A line of forty characters, more or less."]), limit=20)
    assert (error.code, error.message) == ("I011", "extracted text exceeds the expansion limit")


def test_wrapped_lines_are_joined_and_short_or_ended_lines_are_kept() -> None:
    wide = "w" * 39 + " x"  # 41 characters: wide enough for the page to wrap
    assert reflowed(f"{wide}\nnext") == f"{wide} next"
    assert reflowed(f"{wide}.\nnext") == f"{wide}.\nnext"
    assert reflowed(f"{wide}\n- item") == f"{wide}\n- item"
    assert reflowed(f"{wide}\n\nnext") == f"{wide}\n\nnext"
    assert reflowed("short line\nnext") == "short line\nnext"


def test_a_damage_reason_is_the_first_line_cut_at_120_characters() -> None:
    assert _reason(ValueError("x" * 150 + "\nsecond line")) == "x" * 120
    assert _reason(ValueError("short\nsecond")) == "short"
    assert _reason(KeyError()) == "KeyError"


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _briefing() -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(["Page one."])))


def test_an_encrypted_pdf_is_refused_unless_its_password_is_empty() -> None:
    locked = PdfWriter(clone_from=_briefing())
    locked.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    error = refused(_written(locked))
    assert (error.code, error.message) == ("I013", "encrypted PDF (password required)")
    open_to_all = PdfWriter(clone_from=_briefing())
    open_to_all.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    [report] = read(blob(_written(open_to_all))).reports
    assert report.text == "Page one."


def test_pages_are_joined_by_a_blank_line_and_a_blank_page_adds_nothing() -> None:
    writer = PdfWriter(clone_from=_briefing())
    writer.add_blank_page(612, 792)
    writer.append(PdfReader(io.BytesIO(pdf_bytes(["Page three."]))))
    [report] = read(blob(_written(writer))).reports
    assert report.text == "Page one.\n\n\n\nPage three."
    assert report.meta == (("pages", "3"),)


def test_the_expansion_limit_counts_the_text_of_every_page() -> None:
    # pypdf extracts "Page one.\n" and "Page two.\n": 10 characters each, counted unstripped
    writer = PdfWriter(clone_from=_briefing())
    writer.append(PdfReader(io.BytesIO(pdf_bytes(["Page two."]))))
    data = _written(writer)
    assert read(blob(data, limit=20)).reports[0].text == "Page one.\n\nPage two."
    error = refused(data, limit=19)
    assert (error.code, error.message) == ("I011", "extracted text exceeds the expansion limit")


def test_a_pdf_past_the_page_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf, "MAX_PAGES", 1)
    assert read(blob(_written(PdfWriter(clone_from=_briefing())))).reports[0].text == "Page one."
    writer = PdfWriter(clone_from=_briefing())
    writer.add_blank_page(612, 792)
    error = refused(_written(writer))
    assert (error.code, error.message) == ("I001", "PDF has 2 pages (limit 1)")


class _Page:
    def __init__(self, error: Exception) -> None:
        self.error = error

    def extract_text(self) -> str:
        raise self.error


class _Reader:
    is_encrypted = False

    def __init__(self, error: Exception) -> None:
        self.pages = [_Page(error)]


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [
        (LimitReachedError("big"), "I011", "page 1: stream expands past pypdf's limit"),
        (PdfReadError("bad"), "I004", "damaged PDF page 1 (PdfReadError)"),
        (KeyError("/Font"), "I004", "damaged PDF page 1 (KeyError)"),
    ],
)
def test_a_page_that_cannot_be_read_is_named(
    monkeypatch: pytest.MonkeyPatch, error: Exception, code: str, message: str
) -> None:
    monkeypatch.setattr(pdf, "PdfReader", lambda *args, **kwargs: _Reader(error))
    found = refused(pdf_bytes(["Text."]))
    assert (found.code, found.message) == (code, message)


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PdfReadError("xref broken\nmore"), "damaged PDF (xref broken)"),
        (TypeError("x"), "damaged PDF structure (TypeError)"),
        (AssertionError(), "damaged PDF structure (AssertionError)"),
    ],
)
def test_a_pdf_whose_structure_cannot_be_opened_is_named(
    monkeypatch: pytest.MonkeyPatch, error: Exception, message: str
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(pdf, "PdfReader", broken)
    found = refused(pdf_bytes(["Text."]))
    assert (found.code, found.message) == ("I004", message)


def test_a_pdf_without_a_text_layer_is_refused() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    error = refused(_written(writer))
    assert (error.code, error.message) == ("I010", "no text found in PDF text layer")


def test_a_page_forty_characters_wide_wraps_and_a_narrower_one_does_not() -> None:
    forty, thirty_nine = "w" * 36 + " abc", "w" * 35 + " abc"
    assert reflowed(f"{forty}\nnext") == f"{forty} next"
    assert reflowed(f"{thirty_nine}\nnext") == f"{thirty_nine}\nnext"


def test_a_line_of_three_quarters_of_the_width_runs_on_and_a_shorter_one_does_not() -> None:
    widest = "w" * 39 + " x"  # 41 characters: with 40 the page is as wide as its longest line
    three_quarters = "w" * 30  # 30 of 40
    assert reflowed(f"{'w' * 40}\n{three_quarters}\nnext") == f"{'w' * 40} {three_quarters} next"
    shorter = "w" * 29
    assert reflowed(f"{widest}\n{shorter}\nnext") == f"{widest} {shorter}\nnext"


@pytest.mark.parametrize("end", ["-", ".", "!", "?", ":"])
def test_a_wide_line_ending_a_sentence_keeps_its_break(end: str) -> None:
    line = "w" * 40 + end + "   "  # trailing spaces do not hide the end
    assert reflowed(f"{line}\nnext") == f"{line}\nnext"
