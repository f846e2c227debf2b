"""PDF: every field of the report, and the envelope checks."""

from __future__ import annotations

import pytest

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read
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
