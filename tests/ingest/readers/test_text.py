"""Plain text and Markdown: the whole report, and the title taken from the first line."""

from __future__ import annotations

import pytest

from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read
from corroborate.model import Report


def blob(name: str, data: str) -> Blob:
    raw = data.encode("utf-8")
    return Blob(digest_bytes(raw), name, raw)


def test_every_field_of_a_markdown_note() -> None:
    source = blob("n.md", "\n  \n## Heading here  \nBody text.\n\n")
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="",
        source_name="n.md",
        media_type="text/markdown",
        text="\n  \n## Heading here  \nBody text.",
        title="Heading here",
        meta=(("encoding", "utf-8"),),
    )


@pytest.mark.parametrize(
    ("name", "media"),
    [
        ("n.txt", "text/plain"),
        ("n.TEXT", "text/plain"),
        ("n.MD", "text/markdown"),
        ("n.markdown", "text/markdown"),
    ],
)
def test_the_media_type_follows_the_suffix_in_any_case(name: str, media: str) -> None:
    [report] = read(blob(name, "Body")).reports
    assert (report.media_type, report.title) == (media, "Body")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("### \nBody", None),  # a heading mark alone names nothing
        ("#  Title # \nBody", "Title #"),
        ("x" * 250, "x" * 200),
    ],
)
def test_the_title_is_the_first_line_with_text(text: str, title: str | None) -> None:
    [report] = read(blob("n.md", text)).reports
    assert report.title == title
