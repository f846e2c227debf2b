"""Absolute dates resolve on their own; relative ones only against a publication date."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.times import find_times


@pytest.mark.parametrize(
    ("text", "value", "relative"),
    [
        ("on 12 April 2022 residents", "2022-04-12", False),
        ("on April 12, 2022, residents", "2022-04-12", False),
        ("dated 2022-04-12.", "2022-04-12", False),
        ("on February 24 the operation", "2022-02-24", True),
        ("two days ago", "2022-04-10", True),
        ("yesterday", "2022-04-11", True),
        ("last Tuesday", "2022-04-05", True),
        ("on Monday", "2022-04-11", True),
        ("since mid-May", "2021-05", True),
        ("last week", "2022-04-04/2022-04-10", True),
    ],
)
def test_resolution_against_publication(text: str, value: str, relative: bool) -> None:
    [found] = find_times(text, "2022-04-12")  # a Tuesday
    assert (found.value, found.relative) == (value, relative)
    assert text[found.span.start : found.span.end] == found.span.text


def test_relative_time_without_publication_date_stays_unresolved() -> None:
    [found] = find_times("two days ago", None)
    assert found.value is None and found.relative


def test_window_limits_the_search() -> None:
    text = "On 1 May 2022 a raid. Later, on 3 May 2022, another."
    assert [t.value for t in find_times(text, None, 20, len(text))] == ["2022-05-03"]
