"""JSON and JSON Lines feeds: every field of an item's report, written out by hand."""

from __future__ import annotations

import json

import pytest

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, feeds, read
from corroborate.model import Report


def blob(name: str, data: str) -> Blob:
    raw = data.encode("utf-8")
    return Blob(digest_bytes(raw), name, raw)


def refused(name: str, data: str) -> InputError:
    with pytest.raises(InputError) as caught:
        read(blob(name, data))
    return caught.value


ITEM = {
    "headline": "Depot hit",
    "pubDate": "2022-05-01",
    "publisher": {"name": "  Wire  "},
    "byline": "A. Writer",
    "link": "https://example.org/depot",
    "lang": "en",
    "summary": "The depot was hit.\r\nNo one was hurt.",
    "tags": ["a", "b"],
    "rank": 2,
    "empty": None,
}


def test_every_field_of_a_json_item() -> None:
    source = blob("f.json", json.dumps([ITEM]))
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="item:1",
        source_name="f.json",
        media_type="application/json",
        text="The depot was hit.\nNo one was hurt.",
        title="Depot hit",
        published="2022-05-01",
        outlet="Wire",
        author="A. Writer",
        url="https://example.org/depot",
        language="en",
        meta=(("rank", "2"), ("tags", '["a","b"]')),
    )


def test_every_field_of_a_json_line() -> None:
    line = {"text": "Shelling at noon.", "title": "Noon", "date": "2022-05-02", "id": "x1"}
    source = blob("f.jsonl", "\n" + json.dumps(line) + "\n")
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="line:2",
        source_name="f.jsonl",
        media_type="application/x-ndjson",
        text="Shelling at noon.",
        title="Noon",
        published="2022-05-02",
        meta=(("id", "x1"),),
    )


@pytest.mark.parametrize("key", ["items", "entries", "articles", "reports", "data"])
def test_each_list_key_holds_the_items(key: str) -> None:
    feed = {"meta": {"count": 2}, key: [{"text": "One."}, {"text": "Two."}]}
    found = read(blob("f.json", json.dumps(feed)))
    assert [(r.item, r.text) for r in found.reports] == [("item:1", "One."), ("item:2", "Two.")]


def test_an_object_without_a_list_is_one_item() -> None:
    found = read(blob("f.json", json.dumps({"text": "Alone.", "items": "not a list"})))
    assert [(r.item, r.text, r.meta) for r in found.reports] == [
        ("item:1", "Alone.", (("items", "not a list"),))
    ]


@pytest.mark.parametrize("key", ["text", "body", "content", "description", "summary"])
def test_each_text_key_is_read(key: str) -> None:
    [report] = read(blob("f.json", json.dumps({key: "Said so."}))).reports
    assert report.text == "Said so."


def test_the_first_text_key_with_words_is_the_text() -> None:
    item = {"text": "  ", "body": 5, "content": "Content words.", "summary": "Summary."}
    [report] = read(blob("f.json", json.dumps(item))).reports
    assert report.text == "Content words."
    assert report.meta == ()


def test_a_field_takes_its_first_key_with_a_value() -> None:
    item = {"text": "T.", "title": " ", "headline": "Second", "source": {"id": 3}, "site": "S"}
    [report] = read(blob("f.json", json.dumps(item))).reports
    assert (report.title, report.outlet) == ("Second", "S")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("7", "JSON feed must be a list of items or an object"),
        ('"text"', "JSON feed must be a list of items or an object"),
        ("[]", "feed has no items"),
        ('{"a": 1', "malformed JSON at line 1 column 8: Expecting ',' delimiter"),
        # the cause cut at 100 characters
        (
            "[" + "1" * 5000 + "]",
            "malformed JSON (Exceeds the limit (4300 digits) for integer string conversion: "
            "value has 5000 digits; use sys.set_in)",
        ),
        ("[" * 100_000, "malformed JSON (nested too deeply)"),
    ],
)
def test_a_json_feed_refused_whole_names_its_cause(data: str, message: str) -> None:
    error = refused("f.json", data)
    code = "I010" if message == "feed has no items" else "I006"
    assert (error.code, error.message) == (code, message)


def test_a_json_line_nested_past_the_stack_is_named() -> None:
    found = read(blob("f.jsonl", '{"text": "Kept."}\n' + "[" * 100_000 + "\n"))
    assert [e.message for e in found.skipped] == ["line 2: malformed JSON (nested too deeply)"]


def test_an_empty_feed_of_lines_is_refused() -> None:
    error = refused("f.jsonl", "\n  \n")
    assert (error.code, error.message) == ("I010", "feed has no items")


def test_a_value_too_deep_to_write_back_skips_its_item(monkeypatch: pytest.MonkeyPatch) -> None:
    def too_deep(value: object) -> str:
        raise RecursionError

    monkeypatch.setattr(feeds, "canonical_json", too_deep)
    found = read(blob("f.jsonl", '{"text": "Kept."}\n{"text": "Deep.", "x": [[1]]}\n'))
    assert [str(e) for e in found.skipped] == ["[I006] f.jsonl: line 2: a value nested too deeply"]


def test_a_reason_is_the_first_line_of_the_error_else_its_type() -> None:
    assert feeds._reason(ValueError("")) == "ValueError"
    assert feeds._reason(ValueError("x" * 150 + "\nmore")) == "x" * 100
    assert feeds._reason(RecursionError("maximum depth")) == "nested too deeply"


def test_an_item_whose_text_has_no_words_is_named() -> None:
    found = read(blob("f.jsonl", '{"text": "Kept."}\n{"text": "..."}\n'))
    assert [str(e) for e in found.skipped] == [
        "[I010] f.jsonl: line 2: no text found in the text field"
    ]


def test_an_item_s_text_is_kept_without_the_furniture_of_the_page_it_was_scraped_from() -> None:
    scraped = {
        "text": "The depot was hit.\r\nPhotograph: Libkos/AP\r\nNo one was hurt.",
        "title": "Depot",
    }
    [report] = read(blob("f.json", json.dumps([scraped]))).reports
    assert report.text == "The depot was hit.\nNo one was hurt."
    assert feeds.feed_text("Smoke rose.\r\nEPA Reuters\r\nThe fire burned.") == (
        "Smoke rose.\nThe fire burned."
    )
