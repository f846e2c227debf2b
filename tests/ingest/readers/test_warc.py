"""Web archives: every field of a record's report, and which records are read."""

from __future__ import annotations

import gzip
import io
import tracemalloc
import zlib

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read
from corroborate.ingest.readers.warc import _reason, _record_report
from corroborate.model import Report
from tests.builders import gzip_bomb, html_page

SEARCHED = "Soldiers searched every house in the village that morning."
NOTE = "The checkpoint near the bridge was closed at six."


def archive(*records: tuple[str, str, bytes, str | None]) -> bytes:
    """A WARC file of ``(uri, record type, payload, HTTP content type or None)`` records;
    a record without an HTTP content type is a ``resource`` of type text/plain."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for uri, kind, payload, http_type in records:
        if http_type is None:
            record = writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                warc_content_type="text/plain",
                warc_headers_dict={"WARC-Date": "2022-04-10T06:00:00Z"},
            )
        else:
            headers = StatusAndHeaders("200 OK", [("Content-Type", http_type)], "HTTP/1.1")
            record = writer.create_warc_record(
                uri,
                kind,
                payload=io.BytesIO(payload),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2022-04-09T10:00:00Z"},
            )
        writer.write_record(record)
    return buffer.getvalue()


def blob(data: bytes) -> Blob:
    return Blob(digest_bytes(data), "c.warc", data)


PAGE = html_page("Raid", [f"{SEARCHED} " * 3]).encode()


def test_every_field_of_an_html_response() -> None:
    source = blob(archive(("https://example.org/a", "response", PAGE, "text/html")))
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="record:1",
        source_name="c.warc",
        media_type="text/html",
        text="Raid\n" + " ".join([SEARCHED] * 3),
        title="Raid",
        published="2022-04-08",
        outlet="Test Wire",
        url="https://example.org/a",
        meta=(("captured", "2022-04-09T10:00:00Z"), ("record", "1")),
    )


def test_plain_text_responses_and_resources_are_read_as_they_are() -> None:
    """Regression: a resource record (no HTTP headers) was never read, and a plain-text
    payload went through the HTML extractor, which found no main text in a short note."""
    source = blob(
        archive(
            ("https://example.org/n.txt", "response", NOTE.encode(), "text/plain; charset=utf-8"),
            ("https://example.org/r.txt", "resource", NOTE.encode(), None),
        )
    )
    found = read(source)
    assert found.skipped == ()
    assert list(found.reports) == [
        Report(
            blob_id=source.blob_id,
            item="record:1",
            source_name="c.warc",
            media_type="text/plain",
            text=NOTE,
            url="https://example.org/n.txt",
            meta=(("captured", "2022-04-09T10:00:00Z"), ("record", "1")),
        ),
        Report(
            blob_id=source.blob_id,
            item="record:2",
            source_name="c.warc",
            media_type="text/plain",
            text=NOTE,
            url="https://example.org/r.txt",
            meta=(("captured", "2022-04-10T06:00:00Z"), ("record", "2")),
        ),
    ]


def test_records_of_other_types_are_passed_over() -> None:
    found = read(
        blob(
            archive(
                ("https://example.org/i.png", "response", b"\x89PNG\r\n", "image/png"),
                ("https://example.org/a", "request", b"GET /a HTTP/1.1\r\n\r\n", "text/html"),
                ("https://example.org/a", "response", PAGE, "TEXT/HTML"),
            )
        )
    )
    assert [r.item for r in found.reports] == ["record:3"]
    assert found.skipped == ()


def test_a_plain_text_record_without_words_is_named() -> None:
    found = read(
        blob(
            archive(
                ("https://example.org/a", "response", PAGE, "text/html"),
                ("https://example.org/e.txt", "response", b" ... ", "text/plain"),
            )
        )
    )
    assert [str(e) for e in found.skipped] == [
        "[I010] c.warc: record 2: no text found in text record"
    ]


def test_an_archive_of_no_text_records_is_refused() -> None:
    data = archive(("https://example.org/i.png", "response", b"\x89PNG\r\n", "image/png"))
    with pytest.raises(InputError) as caught:
        read(blob(data))
    assert str(caught.value) == "[I010] c.warc: web archive holds no HTML or text responses"


def test_nul_padding_after_a_gzip_member_is_ignored() -> None:
    data = gzip.compress(archive(("https://example.org/a", "response", PAGE, "text/html")))
    found = read(Blob(digest_bytes(data), "c.warc.gz", data + b"\x00" * 16))
    assert [r.item for r in found.reports] == ["record:1"]


def test_bytes_after_a_gzip_member_that_are_no_gzip_are_damage() -> None:
    data = gzip.compress(archive(("https://example.org/a", "response", PAGE, "text/html")))
    with pytest.raises(InputError) as caught:
        read(Blob(digest_bytes(data), "c.warc.gz", data + b"XX"))
    assert str(caught.value) == (
        "[I009] c.warc.gz: damaged gzip stream (Error -3 while decompressing data: "
        "incorrect header check)"
    )


def test_a_cut_gzip_stream_is_truncated() -> None:
    data = gzip.compress(archive(("https://example.org/a", "response", PAGE, "text/html")))
    with pytest.raises(InputError) as caught:
        read(Blob(digest_bytes(data), "c.warc.gz", data[:-20]))
    assert str(caught.value) == "[I009] c.warc.gz: truncated gzip stream"


def test_a_damage_reason_is_the_first_line_cut_at_100_characters() -> None:
    assert _reason(ValueError("x" * 150 + "\nsecond line")) == "x" * 100
    assert _reason(EOFError()) == "EOFError"
    assert _reason(AttributeError("'NoneType' object")) == "unparseable record headers"


def test_a_binary_payload_under_a_text_type_is_named() -> None:
    found = read(
        blob(
            archive(
                ("https://example.org/a", "response", PAGE, "text/html"),
                ("https://example.org/b", "response", b"\x00\x01binary" * 10, "text/html"),
            )
        )
    )
    assert [str(e) for e in found.skipped] == [
        "[I002] c.warc: record 2: binary content, not text (NUL bytes)"
    ]


class _Stream:
    def read(self) -> bytes:
        raise zlib.error("invalid stored block lengths")


class _Record:
    def content_stream(self) -> _Stream:
        return _Stream()


def test_a_record_whose_payload_cannot_be_read_is_damaged() -> None:
    with pytest.raises(InputError) as caught:
        _record_report(blob(b""), _Record(), 4)
    assert str(caught.value) == ("[I009] c.warc: damaged record (invalid stored block lengths)")


def test_a_record_without_a_date_has_an_empty_capture_time() -> None:
    payload = NOTE.encode()
    data = (
        b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: https://example.org/n\r\n"
        b"Content-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n"
        % (len(payload), payload)
    )
    [report] = read(blob(data)).reports
    assert report.meta == (("captured", ""), ("record", "1"))


def test_a_gzip_bomb_is_stopped_without_expanding_it_whole() -> None:
    """The stream is expanded a megabyte at a time, so memory stays near the limit."""
    bomb = gzip_bomb(64)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            read(Blob(digest_bytes(bomb), "b.warc.gz", bomb, 4 << 20))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value) == "[I011] b.warc.gz: expands past 4 MiB (decompression bomb?)"
    assert peak < 24 << 20


def test_a_page_without_a_site_name_takes_its_host_as_outlet() -> None:
    page = (
        "<html><head><title>Raid</title></head><body><article>"
        f"<p>{SEARCHED} {SEARCHED}</p></article></body></html>"
    ).encode()
    [report] = read(
        blob(archive(("https://news.example.org/a", "response", page, "text/html")))
    ).reports
    assert (report.outlet, report.url) == ("news.example.org", "https://news.example.org/a")


def test_an_empty_gzip_member_is_read_past() -> None:
    data = gzip.compress(b"") + gzip.compress(
        archive(("https://example.org/a", "response", PAGE, "text/html"))
    )
    found = read(Blob(digest_bytes(data), "c.warc.gz", data))
    assert [r.item for r in found.reports] == ["record:1"]


def test_a_gzip_header_alone_is_truncated() -> None:
    data = gzip.compress(archive(("https://example.org/a", "response", PAGE, "text/html")))[:10]
    with pytest.raises(InputError) as caught:
        read(Blob(digest_bytes(data), "c.warc.gz", data))
    assert str(caught.value) == "[I009] c.warc.gz: truncated gzip stream"


def test_an_archive_expanding_to_the_limit_exactly_is_read() -> None:
    raw = archive(("https://example.org/a", "response", PAGE, "text/html"))
    data = gzip.compress(raw)
    found = read(Blob(digest_bytes(data), "c.warc.gz", data, len(raw)))
    assert [r.item for r in found.reports] == ["record:1"]
    with pytest.raises(InputError) as caught:
        read(Blob(digest_bytes(data), "c.warc.gz", data, len(raw) - 1))
    assert str(caught.value) == "[I011] c.warc.gz: expands past 0 MiB (decompression bomb?)"
