"""Outlet chains from wire-copy formulas."""

from __future__ import annotations

import pytest

from corroborate.extract.attribution.outlets import (
    byline_outlets,
    dateline_outlet,
    find_outlets,
    report_outlet,
)
from corroborate.model import Report


def test_reported_by_and_citing() -> None:
    text = (
        "This claim was reported by TASS. "
        "The Daily Post, citing Novy Vestnik State News (NVSN), added more."
    )
    assert find_outlets(text) == ["TASS", "Novy Vestnik State News", "NVSN"]


def test_outlet_as_subject_of_reported() -> None:
    assert find_outlets("Eastern Wire Agency reported on Monday that …") == ["Eastern Wire Agency"]


def test_names_do_not_run_across_sentences() -> None:
    assert find_outlets("It was reported by TASS.\nMizintsev added that …") == ["TASS"]


def test_no_outlets() -> None:
    assert find_outlets("He said that residents were detained.") == []


def test_a_word_opening_the_sentence_is_no_outlet() -> None:
    # regression: "As reported by TASS" gave an outlet called "As"
    assert find_outlets("As reported by TASS, three civilians were killed.") == ["TASS"]
    assert find_outlets("As Ukrinform reported, the bridge was shelled.") == ["Ukrinform"]


def test_picture_credits_are_no_outlets() -> None:
    text = "Firefighters at the scene. EPA Reuters reported nothing. It was reported by TASS."
    assert find_outlets(text) == ["TASS"]


def _report(text: str = "Three houses burned.", **fields: str) -> Report:
    return Report("b", "", "f", "text/html", text, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("MINSK, 7 February (BelTA) – The ministry said three houses burned.", "BelTA"),
        ("KYIV (Reuters) - Three houses burned, officials said.", "Reuters"),
        ("MOSCOW, Feb 7 /TASS/. Three houses burned.", "TASS"),
        ("Headline\n\nKharkiv, 7 February (Ukrinform) — Three houses burned.", "Ukrinform"),
        ("GAZA CITY, March 3 (Wafa News Agency) - Three houses burned.", "WAFA"),
        ("ODESA (Odesa Courier) - Three houses burned.", "Odesa Courier"),
        ("Three houses burned (officials said) - and more.", None),
        ("KYIV (AP Photo/Efrem Lukatsky) - Three houses burned.", None),
    ],
)
def test_the_outlet_of_a_report_from_its_dateline(text: str, outlet: str | None) -> None:
    assert report_outlet(_report(text)) == outlet


@pytest.mark.parametrize(
    ("fields", "outlet"),
    [
        ({"outlet": "The Guardian"}, "The Guardian"),
        ({"outlet": "theguardian.com"}, "The Guardian"),
        ({"url": "https://edition.cnn.com/2024/02/07/europe/x"}, "CNN"),
        ({"author": "By Jane Doe, Reuters"}, "Reuters"),
        ({"author": "Jane Doe and John Roe | Associated Press"}, "Associated Press"),
        ({"author": "Jane Doe, Kyiv"}, None),
        ({"outlet": "Odesa Courier", "url": "https://odesa-courier.example/a"}, "Odesa Courier"),
        ({"outlet": "EPA Reuters"}, None),
        ({}, None),
    ],
)
def test_the_outlet_of_a_report_from_its_metadata(
    fields: dict[str, str], outlet: str | None
) -> None:
    assert report_outlet(_report(**fields)) == outlet


def test_a_registered_outlet_in_any_metadata_wins_over_an_unregistered_site_name() -> None:
    report = _report(outlet="World News Today", url="https://www.aljazeera.com/news/x")
    assert report_outlet(report) == "Al Jazeera"


def test_a_byline_is_split_into_its_parts() -> None:
    assert byline_outlets("By Jane Doe, Reuters") == ["Jane Doe", "Reuters"]
    assert byline_outlets("Photo: AFP via Getty Images") == []
    assert dateline_outlet("No dateline here.") is None
