"""What readers share: text decoding, the binary check, and gathering items."""

from __future__ import annotations

import codecs

import pytest

from corroborate.errors import InputError
from corroborate.ingest.readers import read
from corroborate.ingest.readers.base import Blob, Gathered, decode_text, one_line
from corroborate.model import Report


def blob(data: bytes) -> Blob:
    return Blob("sha256:x", "x.txt", data)


def refused(data: bytes) -> str:
    with pytest.raises(InputError) as caught:
        decode_text(blob(data))
    return str(caught.value)


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF16_LE + "Hé".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "Hé".encode("utf-16-be"),
    ],
)
def test_utf16_with_a_byte_order_mark_is_decoded(data: bytes) -> None:
    assert decode_text(blob(data)) == ("Hé", "utf-16")


def test_broken_utf16_names_the_byte() -> None:
    # a lone high surrogate (D800) at bytes 2-3, after the mark
    assert refused(codecs.BOM_UTF16_LE + b"\x00\xd8") == "[I003] x.txt: invalid UTF-16 at byte 2"


def test_utf8_loses_its_byte_order_mark_and_every_newline_becomes_lf() -> None:
    assert decode_text(blob(codecs.BOM_UTF8 + b"a\r\nb\rc")) == ("a\nb\nc", "utf-8")


def test_a_nul_byte_in_the_first_64_kib_is_binary() -> None:
    assert refused(b"abc\x00") == "[I002] x.txt: binary content, not text (NUL bytes)"
    text, _ = decode_text(blob(b"a" * 65536 + b"\x00"))  # past it: one control in 65,537
    assert text.endswith("a\x00")


def test_control_characters_past_two_percent_are_binary() -> None:
    assert decode_text(blob(b"x" * 98 + b"\x01\x02"))[0].endswith("x\x01\x02")  # 2 %
    assert refused(b"x" * 97 + b"\x01\x02\x03") == (
        "[I002] x.txt: binary content, not text (3 control characters)"
    )


def test_tabs_newlines_and_form_feeds_are_not_control_characters() -> None:
    text, _ = decode_text(blob(b"\t\n\f" * 30 + b"word"))
    assert text.endswith("word")


def test_bytes_no_encoding_fits_are_refused() -> None:
    assert refused(bytes(range(0x80, 0x100)) * 3) == (
        "[I003] x.txt: not valid UTF-8 (byte 0) and no other encoding fits"
    )


def test_one_line_escapes_controls_and_line_separators() -> None:
    assert one_line("a\tb\nc\x7fd\u2028e\x9ff") == "a\\tb\\nc\\x7fd\\u2028e\\x9ff"
    assert one_line("plain é") == "plain é"


def _report(text: str) -> Report:
    if not text:
        raise InputError(7, "empty item")
    return Report(blob_id="b", item=text, source_name="x", media_type="t", text=text)


def test_gathered_keeps_reports_and_names_each_skipped_item() -> None:
    found = Gathered(blob(b""))
    found.attempt("row 2", _report, "One")
    found.attempt("row 3", _report, "")
    read = found.read(empty="nothing")
    assert [r.text for r in read.reports] == ["One"]
    assert [str(e) for e in read.skipped] == ["[I007] x.txt: row 3: empty item"]


def test_gathered_with_only_bad_items_raises_the_first_and_counts_the_rest() -> None:
    found = Gathered(blob(b""))
    for number in (2, 3, 4):
        found.attempt(f"row {number}", _report, "")
    with pytest.raises(InputError) as caught:
        found.read(empty="nothing")
    assert str(caught.value) == "[I007] x.txt: row 2: empty item (and 2 more skipped)"


def test_gathered_with_one_bad_item_says_no_more() -> None:
    found = Gathered(blob(b""))
    found.attempt("row 2", _report, "")
    with pytest.raises(InputError) as caught:
        found.read(empty="nothing")
    assert str(caught.value) == "[I007] x.txt: row 2: empty item"


def test_gathered_with_no_items_is_empty() -> None:
    with pytest.raises(InputError) as caught:
        Gathered(blob(b"")).read(empty="nothing here")
    assert str(caught.value) == "[I010] x.txt: nothing here"


def test_gathered_passes_keyword_arguments_on() -> None:
    found = Gathered(blob(b""))
    found.attempt("row 2", _report, text="Named.")
    assert [r.text for r in found.read(empty="nothing").reports] == ["Named."]


def test_the_count_of_unnamed_items_takes_the_code_of_the_last_named_one() -> None:
    lines = ['{"text": "Kept."}', *["x"] * 999, '{"text": "..."}', *["x"] * 3]
    data = "\n".join(lines).encode()
    found = read(Blob("sha256:x", "f.jsonl", data))
    assert len(found.skipped) == 1001
    assert str(found.skipped[-2]) == "[I010] f.jsonl: line 1001: no text found in the text field"
    assert str(found.skipped[-1]) == (
        "[I010] f.jsonl: 3 more items skipped, not named (limit 1000)"
    )


def test_a_refusal_counts_the_unnamed_items_too() -> None:
    found = Gathered(blob(b""))
    for number in range(2, 1006):  # 1,004 bad items: 1,000 named, 4 counted
        found.attempt(f"row {number}", _report, "")
    with pytest.raises(InputError) as caught:
        found.read(empty="nothing")
    assert str(caught.value) == "[I007] x.txt: row 2: empty item (and 1003 more skipped)"


def test_the_binary_check_reads_the_first_100_000_characters() -> None:
    # 2,000 controls in the first 100,000 characters is 2 %, not past it; a control
    # character after them is not sampled (counted, it would make 2,001 in 100,001)
    text, _ = decode_text(blob(b"x" * 98_000 + b"\x01" * 2_000 + b"\x01"))
    assert len(text) == 100_001


def test_a_text_without_words_is_refused_as_an_empty_document() -> None:
    with pytest.raises(InputError) as caught:
        read(blob(b"  \n\t- . \n"))
    assert str(caught.value) == "[I010] x.txt: no text found in document"


def test_an_encoding_found_in_the_first_megabyte_must_fit_the_rest() -> None:
    # the first megabyte is ASCII, so ASCII is the encoding detected; the Latin-1 "é" that
    # is the next byte does not fit (a sample one byte longer would have found another one)
    data = b"word " * 200_000 + "é au café".encode("latin-1")
    assert refused(data) == "[I003] x.txt: not valid ascii past the first megabyte"
