"""CSV testimonies: every field of a row's report, written out by hand."""

from __future__ import annotations

import pytest

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import Blob, read
from corroborate.model import Report


def blob(name: str, data: str) -> Blob:
    raw = data.encode("utf-8")
    return Blob(digest_bytes(raw), name, raw)


def test_every_field_of_a_row_report() -> None:
    data = (
        "Testimony_ID , Date,Place,Witness,Language,Statement,Note\n"
        " T-7 , 2022-04-02 , Izium , Witness C-3 , uk , They came at night. ,\n"
    )
    source = blob("w.csv", data)
    [report] = read(source).reports
    assert report == Report(
        blob_id=source.blob_id,
        item="row:2",
        source_name="w.csv",
        media_type="text/csv",
        text="They came at night.",
        title="Testimony T-7",
        published="2022-04-02",
        language="uk",
        meta=(("testimony_id", "T-7"), ("place", "Izium"), ("witness", "Witness C-3")),
    )


def test_the_id_column_titles_a_row_when_there_is_no_testimony_id() -> None:
    [report] = read(blob("w.csv", "id,text\n12,Shelling near the school.\n")).reports
    assert report.title == "Testimony 12"
    assert report.meta == (("id", "12"),)


def test_a_row_without_id_date_or_language_leaves_them_unset() -> None:
    [report] = read(blob("w.csv", "text,date,language\nShots at dawn.,,\n")).reports
    assert (report.title, report.published, report.language, report.meta) == (
        None,
        None,
        None,
        (),
    )


@pytest.mark.parametrize("column", ["text", "testimony", "statement", "body", "content"])
def test_each_text_column_name_is_read(column: str) -> None:
    [report] = read(blob("w.csv", f"place,{column}\nIzium,Words of the witness.\n")).reports
    assert report.text == "Words of the witness."
    assert report.meta == (("place", "Izium"),)


def test_the_first_text_column_in_the_listed_order_is_the_text() -> None:
    [report] = read(blob("w.csv", "body,text\nThe body.,The text.\n")).reports
    assert report.text == "The text."
    assert report.meta == (("body", "The body."),)


def test_blank_rows_are_passed_over_without_a_skip() -> None:
    found = read(blob("w.csv", "id,text\n , \n2,Kept.\n"))
    assert [r.item for r in found.reports] == ["row:3"]
    assert found.skipped == ()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("", "CSV is empty"),
        ("id,text\n", "CSV has a header but no rows"),
        (
            "id,name\n1,x\n",
            "CSV header names no text column (text, testimony, statement, body, content)",
        ),
    ],
)
def test_refusals_name_their_cause(data: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read(blob("w.csv", data))
    assert caught.value.message == message
    assert caught.value.code == ("I007" if "no text column" in message else "I010")


def test_a_broken_header_is_a_malformed_csv() -> None:
    with pytest.raises(InputError) as caught:
        read(blob("w.csv", 'id,"text" x\n1,a\n'))
    assert str(caught.value) == ("[I007] w.csv: malformed CSV header (',' expected after '\"')")
