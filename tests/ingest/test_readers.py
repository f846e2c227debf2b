"""Each reader on a well-formed document, and on the bad inputs it must refuse."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest import readers
from corroborate.ingest.readers import Blob, read, read_blob, reader_name, register, supported
from corroborate.ingest.readers.base import MAX_NAMED_SKIPS
from corroborate.ingest.readers.pdf import reflowed
from corroborate.model import Report
from tests.builders import EMAIL, gzip_bomb, html_page, pdf_bytes, warc_bytes


def blob(name: str, data: bytes | str, *, limit: int = 256 << 20) -> Blob:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return Blob(digest_bytes(raw), name, raw, limit)


def refused(name: str, data: bytes | str, **kwargs: int) -> InputError:
    with pytest.raises(InputError) as caught:
        read_blob(blob(name, data, **kwargs))
    assert str(caught.value).startswith(f"[{caught.value.code}] {name}: ")
    assert "\n" not in str(caught.value)
    return caught.value


def test_text_keeps_text_and_first_line_as_title() -> None:
    [report] = read_blob(blob("a.txt", "Slovyansk residents detained\r\nSecond line.\r\n"))
    assert report.text == "Slovyansk residents detained\nSecond line."
    assert report.title == "Slovyansk residents detained"
    assert report.item == ""


def test_text_in_legacy_encoding_is_decoded_not_refused() -> None:
    data = ("Жители Славянска заявили, что их задерживали и пытали. " * 5).encode("cp1251")
    [report] = read_blob(blob("cyr.txt", data))
    assert "Славянска" in report.text
    assert dict(report.meta)["encoding"] == "cp1251"


def test_html_main_text_without_boilerplate() -> None:
    html = html_page(
        "Strike on Kramatorsk", ["The station was struck at dawn, officials said." * 3]
    )
    [report] = read_blob(blob("page.html", html))
    assert "station was struck" in report.text
    assert "Subscribe" not in report.text and "Home" not in report.text
    assert report.published == "2022-04-08"


def test_html_captions_and_picture_credits_are_left_out_and_the_site_name_kept() -> None:
    """Regression: a credit line ("EPA Reuters") became an origin of its own."""
    html = html_page(
        "Strike on Kramatorsk",
        [
            "The station was struck at dawn, officials said, and two people were hurt.",
            "Rescuers search the rubble of the station. Photograph: Jane Roe/Reuters",
            "EPA Reuters",
            "The regional governor said the fire was put out by noon on Friday.",
        ],
    )
    [report] = read_blob(blob("page.html", html))
    assert "station was struck" in report.text and "put out by noon" in report.text
    assert "Photograph" not in report.text and "EPA" not in report.text
    assert report.outlet == "Test Wire"


def test_hostile_html_scripts_never_reach_text() -> None:
    html = html_page("Report", ["Witnesses described the raid in detail to monitors."] * 3)
    html = html.replace("<article>", "<article><script>alert('x')</script><style>p{}</style>")
    [report] = read_blob(blob("hostile.html", html))
    assert "alert" not in report.text


def test_deeply_nested_html_is_refused_or_read_without_crash() -> None:
    html = "<div>" * 200_000 + "text" + "</div>" * 200_000
    try:
        reports = read_blob(blob("deep.html", html))
    except InputError as error:
        assert error.code in {"I010", "I014"}
    else:
        assert all(r.text for r in reports)


def test_pdf_text_layer_and_metadata() -> None:
    [report] = read_blob(blob("note.pdf", pdf_bytes(["Detentions in Sloviansk", "were reported."])))
    assert "Detentions in Sloviansk" in report.text
    assert report.title == "Briefing"
    assert report.author == "Test Desk"


def test_pdf_lines_wrapped_in_a_paragraph_are_one_line() -> None:
    # regression: a speaker wrapped over two lines ("… Coordination | Centre alleged") was
    # cut at the line break, leaving "Centre" as the one who alleged
    lines = [
        "1. Sloviansk",
        "On 12 April the head of the Northern Coalition Humanitarian Response Coordination",
        "Centre alleged that residents of Sloviansk had been detained and tortured by the",
        "Republic Volunteer Territorial Guard. The General Staff denied this on 13 April. It",
        "said that the report was false and that no resident had been held by its forces.",
        "Recommendations",
        "- a list item stays on its own line, as does the heading above it",
    ]
    [report] = read_blob(blob("note.pdf", pdf_bytes(lines)))
    assert report.text.splitlines() == [lines[0], " ".join(lines[1:5]), lines[5], lines[6]]


def test_truncated_pdf_is_refused() -> None:
    data = pdf_bytes(["Detentions in Sloviansk"])
    assert refused("cut.pdf", data[: len(data) // 2]).code == "I004"


def test_email_headers_and_body() -> None:
    [report] = read_blob(blob("press.eml", EMAIL))
    assert report.title == "Statement on Kramatorsk"
    assert report.author == "Press Office"
    assert report.published == "2022-04-08T10:15:00+03:00"
    assert "station in Kramatorsk" in report.text


def test_json_feed_items_become_reports() -> None:
    feed = {
        "items": [
            {
                "id": "a1",
                "title": "One",
                "text": "First item text.",
                "outlet": "EWA",
                "published": "2022-04-01",
            },
            {"id": "a2", "title": "Two", "body": "Second item text."},
        ]
    }
    reports = read_blob(blob("feed.json", json.dumps(feed)))
    assert [r.item for r in reports] == ["item:1", "item:2"]
    assert reports[0].outlet == "EWA" and dict(reports[0].meta)["id"] == "a1"
    assert len({r.id for r in reports}) == 2


def test_truncated_json_feed_is_refused() -> None:
    assert refused("feed.json", '{"items": [{"text": "cut off').code == "I006"


def test_jsonl_keeps_good_lines_and_names_each_bad_one() -> None:
    data = '{"text": "fine"}\n{"text": \n\n[1]\n{"title": "no text"}\n{"body": "also fine"}\n'
    found = read(blob("feed.jsonl", data))
    assert [r.item for r in found.reports] == ["line:1", "line:6"]
    assert [str(e) for e in found.skipped] == [
        "[I006] feed.jsonl: line 2: malformed JSON (Expecting value)",
        "[I006] feed.jsonl: line 4: not a JSON object",
        "[I006] feed.jsonl: line 5: no text field (text, body, content, description, summary)",
    ]


def test_jsonl_with_no_good_line_is_refused_naming_the_first() -> None:
    error = refused("feed.jsonl", '{"text": \n[1]\n{"text": " "}\n')
    assert str(error) == (
        "[I006] feed.jsonl: line 1: malformed JSON (Expecting value) (and 2 more skipped)"
    )


def test_json_feed_keeps_good_items_and_names_the_bad_ones() -> None:
    data = json.dumps({"items": [{"text": "One."}, "two", {"title": "x"}, {"body": "Four."}]})
    found = read(blob("feed.json", data))
    assert [r.item for r in found.reports] == ["item:1", "item:4"]
    assert [e.message for e in found.skipped] == [
        "item 2: not a JSON object",
        "item 3: no text field (text, body, content, description, summary)",
    ]


def test_json_object_without_text_is_refused() -> None:
    error = refused("one.json", '{"title": "no text"}')
    assert error.code == "I006" and error.message.startswith("item 1: no text field")


def test_a_thousand_skipped_items_are_named_then_counted() -> None:
    found = read(blob("feed.jsonl", '{"text": "fine"}\n' + "x\n" * (MAX_NAMED_SKIPS + 3)))
    assert len(found.reports) == 1 and len(found.skipped) == MAX_NAMED_SKIPS + 1
    assert found.skipped[-1].message == "3 more items skipped, not named (limit 1000)"


def test_csv_testimonies_one_report_per_row() -> None:
    data = (
        "testimony_id,date,place,witness,language,text\n"
        'T-1,2022-04-02,Sloviansk,Witness A-17,en,"They took my neighbour, then my brother."\n'
        "T-2,2022-04-03,Sloviansk,Witness B-02,uk,Мене тримали три дні.\n"
    )
    reports = read_blob(blob("t.csv", data))
    assert [r.item for r in reports] == ["row:2", "row:3"]
    assert reports[0].text == "They took my neighbour, then my brother."
    assert dict(reports[0].meta)["witness"] == "Witness A-17"
    assert reports[1].language == "uk"


def test_csv_without_text_column_is_refused() -> None:
    assert refused("t.csv", "a,b\n1,2\n").code == "I007"


def test_csv_keeps_good_rows_and_names_each_bad_one() -> None:
    data = "id,text\n1,First.\n2,Second,extra\n3, \n\n5,Fifth.\n"
    found = read(blob("t.csv", data))
    assert [r.item for r in found.reports] == ["row:2", "row:6"]
    assert [str(e) for e in found.skipped] == [
        "[I007] t.csv: row 3: 3 fields, the header has 2",
        "[I010] t.csv: row 4: no text found in the text column",
    ]


def test_csv_quoting_break_keeps_the_rows_before_and_skips_the_rest() -> None:
    # past a stray quote the reader cannot know where rows begin: row 4 is not guessed at
    data = 'id,text\n1,First.\n2,"Second\nline" oops\n3,Third.\n4,"Fourth.\n'
    found = read(blob("t.csv", data))
    assert [r.item for r in found.reports] == ["row:2"]
    assert [str(e) for e in found.skipped] == [
        "[I007] t.csv: row 3 (line 3) and all after it: malformed CSV (',' expected after '\"')"
    ]


def test_csv_broken_before_any_good_row_is_refused() -> None:
    error = refused("t.csv", 'id,text\n1,"unclosed\n2,x\n')
    assert error.code == "I007" and "row 2 (line 2) and all after it" in error.message


def test_csv_with_a_broken_header_is_refused() -> None:
    assert refused("t.csv", 'id,"text" x\n1,a\n').message.startswith("malformed CSV header")


def test_warc_gz_responses_become_reports() -> None:
    pages = {
        "https://example.org/a": html_page(
            "A", ["Residents of Izium reported looting by soldiers." * 3]
        ),
        "https://example.org/b": html_page(
            "B", ["Officials denied any looting took place in Izium." * 3]
        ),
    }
    reports = read_blob(blob("crawl.warc.gz", warc_bytes(pages)))
    assert [r.url for r in reports] == list(pages)
    assert "looting" in reports[0].text


def test_warc_keeps_readable_records_and_names_the_rest() -> None:
    pages = {
        "https://example.org/a": html_page("A", ["Residents of Izium reported looting." * 3]),
        "https://example.org/b": "<html><body></body></html>",
    }
    good = warc_bytes(pages, compress=False)
    found = read(blob("crawl.warc", good + b"Not a record\r\n\r\n" + good))
    assert [r.item for r in found.reports] == ["record:1"]
    assert [e.message for e in found.skipped] == [
        "record 2: no main text found in HTML",
        "record 3 and all after it: damaged web archive "
        "(Invalid WARC record, first line: Not a record)",
    ]


def test_gzip_bomb_is_stopped_at_the_expansion_limit() -> None:
    assert refused("bomb.warc.gz", gzip_bomb(8), limit=4 << 20).code == "I011"


@pytest.mark.parametrize("name", ["g.txt", "g.html", "g.csv", "g.json", "g.eml"])
def test_garbage_bytes_are_refused_as_binary(name: str) -> None:
    garbage = bytes(range(256)) * 8
    assert refused(name, garbage).code in {"I002", "I003", "I008"}


def test_unknown_suffix_is_unsupported() -> None:
    assert str(refused("x.docx", b"PK\x03\x04")) == "[I005] x.docx: unsupported format"


def test_empty_text_is_refused() -> None:
    assert refused("empty.txt", "  \n\t ").code == "I010"


def test_lone_surrogates_are_replaced_so_the_text_can_be_stored() -> None:
    [report] = read_blob(blob("s.jsonl", '{"text": "half \\ud83d emoji", "k\\udc00": "v"}\n'))
    assert report.text == "half \ufffd emoji" and report.meta == (("k\ufffd", "v"),)


def test_control_characters_quoted_in_an_error_are_escaped() -> None:
    info = b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 2\r\n\r\nab\r\n\r\n"
    error = refused("a.warc", info + b"\x1b[31m junk\r\n\r\n")
    assert error.message.endswith("(Invalid WARC record, first line: \\x1b[31m junk)")


def test_nul_escapes_in_feeds_are_replaced_so_postgres_can_store_them() -> None:
    [report] = read_blob(
        blob("nul.jsonl", '{"text": "before\\u0000after", "title": "a\\u0000b"}\n')
    )
    assert "\x00" not in report.text and "\x00" not in (report.title or "")
    assert report.text == "before\ufffdafter"


@given(st.text(alphabet=st.sampled_from("ab .\n-1"), max_size=400))
def test_pdf_reflow_turns_line_breaks_into_spaces_only(text: str) -> None:
    out = reflowed(text)
    assert len(out) == len(text)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(text, out, strict=True))


@pytest.mark.parametrize(
    ("name", "reader"),
    [("a.TXT", "text"), ("notes.markdown", "text"), ("page.XHTML", "html"),
     ("feed.json", "json"), ("feed.ndjson", "jsonl"), ("feed.jsonl", "jsonl"),
     ("crawl.warc.gz", "warc"), ("crawl.gz", "none"), ("table.csv", "csv"),
     ("scan.tiff", "none"), ("noext", "none")],
)  # fmt: skip
def test_a_file_gets_the_reader_of_its_longest_registered_suffix(name: str, reader: str) -> None:
    assert reader_name(name) == reader
    assert supported(name) is (reader != "none")


def test_a_registered_reader_is_found_whatever_the_case(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_notes(found: Blob) -> list[Report]:
        return [Report(found.blob_id, "", found.source, "text/x-notes", "Lyman \x00 notes")]

    monkeypatch.setattr(readers, "READERS", dict(readers.READERS))
    register(".NOTES", read_notes)
    assert reader_name("field.Notes") == "notes"
    [report] = read_blob(blob("field.notes", "x"))
    assert report.text == "Lyman \ufffd notes"  # a plain list of reports is made storable too


def test_a_readers_own_failure_is_a_coded_input_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_broken(found: Blob) -> list[Report]:
        raise ValueError("bad\tbyte " + "x" * 300)

    monkeypatch.setitem(readers.READERS, ".broken", read_broken)
    error = refused("f.broken", "x")
    assert error.code == "I015"
    assert str(error).startswith("[I015] f.broken: unreadable content (ValueError: bad\\tbyte x")
    assert len(error.message) == len("unreadable content ()") + 160 + 1  # the escaped tab


def test_nul_in_a_metadata_value_becomes_the_replacement_character() -> None:
    [report] = read_blob(blob("f.jsonl", '{"text": "Words.", "note": "a\\u0000b"}\n'))
    assert report.meta == (("note", "a\ufffdb"),)


def test_the_longest_suffix_wins_over_one_that_sorts_later(monkeypatch: pytest.MonkeyPatch) -> None:
    def read_minutes(found: Blob) -> list[Report]:
        return []

    # ".minutes.txt" is longer than ".txt" but sorts before it (".m" < ".t")
    monkeypatch.setitem(readers.READERS, ".minutes.txt", read_minutes)
    assert reader_name("board.minutes.txt") == "minutes"
    assert reader_name("board.txt") == "text"
