"""Inputs on which a reader once let an exception other than ``InputError`` escape, or
refused with the catch-all I015 instead of its own code. Each was found by fuzzing
(``test_reader_fuzz.py``) or by reading the library code the reader calls."""

from __future__ import annotations

import pytest

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, Read, read
from tests.builders import EMAIL, pdf_bytes


def blob(name: str, data: bytes | str) -> Blob:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Blob(digest_bytes(raw), name, raw)


def refused(name: str, data: bytes | str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(blob(name, data))
    return caught.value


RESPONSE_WITHOUT_URI = (
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nxx\r\n\r\n"
)


def test_warc_response_without_target_uri() -> None:
    # warcio: AttributeError ('NoneType' object has no attribute 'startswith')
    error = refused("a.warc", RESPONSE_WITHOUT_URI)
    assert str(error) == (
        "[I009] a.warc: record 1 and all after it: damaged web archive (unparseable record headers)"
    )


def test_email_from_header_half_a_group() -> None:
    # email.headerregistry: AttributeError ('Group' object has no attribute 'local_part')
    data = EMAIL.replace("From: Press Office <press@example.org>", "From: Pre: t; c <p@e.org>")
    [report] = read(blob("m.eml", data)).reports
    assert report.author is None and "Kramatorsk" in report.text


def test_email_to_header_with_an_empty_domain() -> None:
    # email._header_value_parser: IndexError (string index out of range), was I015
    [report] = read(blob("m.eml", EMAIL.replace("To: desk@example.net", "To: desk@"))).reports
    assert dict(report.meta).get("to") is None


def test_pdf_information_that_refers_to_itself() -> None:
    # pypdf: AttributeError or LimitReachedError (a loop), reading the metadata
    info = b"<< /Title (Briefing) /Author (Test Desk) >>"
    data = pdf_bytes(["A line of text"]).replace(info, b"6 0 R".ljust(len(info)))
    [report] = read(blob("loop.pdf", data)).reports
    assert report.text == "A line of text" and report.title is None


def test_pdf_reference_inside_a_content_stream() -> None:
    # pypdf: AssertionError ("mypy") parsing "1 0 R" as an operator's operand
    data = pdf_bytes(["A line of text"]).replace(b"14 TL", b"1 0 R")
    assert str(refused("ref.pdf", data)) == "[I004] ref.pdf: damaged PDF page 1 (AssertionError)"


@pytest.mark.parametrize(
    "data",
    ['{"text": "words", "n": ' + "9" * 5000 + "}", "[" * 100_000 + "]" * 100_000],
    ids=["5000-digit number", "nesting past the stack"],
)
def test_json_the_parser_refuses_without_a_decode_error(data: str) -> None:
    # json: ValueError (int string conversion limit) and RecursionError, were I015
    assert refused("f.json", data).code == "I006"
    found = read(blob("f.jsonl", '{"text": "kept"}\n' + data + "\n"))
    assert isinstance(found, Read) and [e.code for e in found.skipped] == ["I006"]
    assert found.skipped[0].message.startswith("line 2: malformed JSON (")


def test_json_item_nested_just_below_the_stack_limit() -> None:
    # canonical_json: RecursionError writing a value json.loads could just read, was I015
    # for the whole feed; where the limit falls depends on the stack, so try a range
    for depth in range(900, 1000):
        line = '{"text": "words", "x": ' + "[" * depth + "]" * depth + "}"
        found = read(blob("f.jsonl", '{"text": "kept"}\n' + line))
        assert [r.item for r in found.reports][:1] == ["line:1"]
        assert all(e.message.startswith("line 2: ") for e in found.skipped)
