"""HTML pages: every field of the report, and caption lines left out."""

from __future__ import annotations

import pytest
from trafilatura.settings import use_config

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, html, read
from corroborate.ingest.readers.furniture import without_furniture
from corroborate.model import Report
from tests.builders import html_page

STRUCK = "The depot was struck at dawn, officials said."


def blob(name: str, data: str) -> Blob:
    raw = data.encode("utf-8")
    return Blob(digest_bytes(raw), name, raw)


def test_every_field_of_a_page() -> None:
    source = blob("p.html", html_page("Strike on the depot", [f"{STRUCK} " * 3]))
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="",
        source_name="p.html",
        media_type="text/html",
        text="Strike on the depot\n" + " ".join([STRUCK] * 3),
        title="Strike on the depot",
        published="2022-04-08",
        outlet="Test Wire",
        meta=(("encoding", "utf-8"),),
    )


def test_the_author_is_read_from_the_page() -> None:
    page = html_page("Depot", [f"{STRUCK} " * 3]).replace(
        "<html><head>",
        '<html lang="en"><head><meta name="author" content="Olena Writer">',
    )
    [report] = read(blob("p.html", page)).reports
    assert report.author == "Olena Writer"


def test_a_caption_line_is_left_out_of_the_text() -> None:
    assert without_furniture(f"{STRUCK}\nPhotograph: Libkos/AP\nMore words.") == (
        f"{STRUCK}\nMore words."
    )


def test_a_page_without_main_text_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        read(blob("p.html", "<html><body></body></html>"))
    assert str(caught.value) == "[I010] p.html: no main text found in HTML"


def test_a_page_whose_only_text_is_a_caption_has_no_text() -> None:
    page = "<html><body><article><p>Photograph: Libkos/AP</p></article></body></html>"
    with pytest.raises(InputError) as caught:
        read(blob("p.html", page))
    assert str(caught.value) == "[I010] p.html: no text found in HTML main text"


def test_tables_are_kept_and_readers_comments_left_out() -> None:
    page = (
        "<html><body><article>"
        f"<p>{STRUCK} {STRUCK}</p>"
        "<table><tr><td>Casualties</td><td>Four wounded at the depot</td></tr></table>"
        "</article>"
        '<div id="comments" class="comments"><div class="comment"><p>A reader wrote that '
        "this comment should never be part of the report text at all.</p></div></div>"
        "</body></html>"
    )
    [report] = read(blob("p.html", page)).reports
    assert "Four wounded at the depot" in report.text
    assert "A reader wrote" not in report.text


def test_the_canonical_address_is_the_url_of_a_page_read_alone() -> None:
    page = html_page("Depot", [f"{STRUCK} " * 3]).replace(
        "<head>", '<head><link rel="canonical" href="https://example.org/depot">'
    )
    [report] = read(blob("p.html", page)).reports
    assert report.url == "https://example.org/depot"


def test_html_the_parser_trips_over_is_unparseable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("bad")

    monkeypatch.setattr(html.trafilatura, "bare_extraction", broken)
    with pytest.raises(InputError) as caught:
        read(blob("p.html", "<html><body><p>x</p></body></html>"))
    assert str(caught.value) == "[I014] p.html: unparseable HTML (ValueError)"


LONG = " ".join([STRUCK] * 6)


def test_a_table_in_a_long_article_is_kept() -> None:
    """In a page long enough that its main text is read without a fallback, a table's cells
    are still part of the report's text."""
    page = (
        f"<html><body><article><p>{LONG}</p><p>{LONG}</p>"
        "<table><tr><td>Casualties</td><td>Four wounded at the depot</td></tr></table>"
        "</article></body></html>"
    )
    [report] = read(blob("p.html", page)).reports
    assert "Four wounded at the depot" in report.text


def test_a_page_read_from_an_address_without_a_site_name_is_named_by_its_host() -> None:
    page = f"<html><body><article><p>{LONG}</p></article></body></html>"
    read_alone = html.html_report(blob("p.html", page), page, item="")
    assert read_alone.outlet is None
    from_address = html.html_report(
        blob("p.html", page), page, item="", url="https://news.example.org/a/b"
    )
    assert from_address.outlet == "news.example.org"


def test_the_reader_s_tree_limit_reaches_the_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    page = "".join(f"<p>{STRUCK} Paragraph {n} of six.</p>" for n in range(6))
    source = blob("p.html", f"<html><body><article>{page}</article></body></html>")
    assert read(source).reports[0].text.startswith(f"{STRUCK} Paragraph 0 of six.")
    small = use_config()
    small.set("DEFAULT", "MAX_TREE_SIZE", "3")  # six paragraphs are more elements than three
    monkeypatch.setattr(html, "_CONFIG", small)
    with pytest.raises(InputError) as caught:
        read(source)
    assert str(caught.value) == "[I010] p.html: no main text found in HTML"


def test_an_extraction_without_a_text_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def titled_only(*args: object, **kwargs: object) -> dict[str, str | None]:
        return {"title": "Depot", "text": None}

    monkeypatch.setattr(html.trafilatura, "bare_extraction", titled_only)
    with pytest.raises(InputError) as caught:
        read(blob("p.html", html_page("Depot", [STRUCK])))
    assert str(caught.value) == "[I010] p.html: no text found in HTML main text"
