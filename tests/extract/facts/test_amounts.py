"""Amounts, ranges and vague counts, with units; dates and durations are not amounts."""

from __future__ import annotations

from corroborate.extract.facts.amounts import find_amounts
from corroborate.extract.facts.numbers import word_number


def test_bribe_range_in_words() -> None:
    [amount] = find_amounts(
        "forced to pay bribes ranging from five hundred to one thousand dollars"
    )
    assert (amount.low, amount.high, amount.unit) == (500, 1000, "USD")
    assert amount.span.text == "from five hundred to one thousand dollars"


def test_vague_and_exact_counts() -> None:
    found = find_amounts(
        "Dozens of residents did not return; 1,200 people left and three civilians died."
    )
    assert [(a.span.text, a.low, a.high, a.unit) for a in found] == [
        ("Dozens of residents", 24, 99, "residents"),
        ("1,200 people", 1200, 1200, "people"),
        ("three civilians", 3, 3, "civilians"),
    ]


def test_dates_and_durations_are_not_amounts() -> None:
    assert find_amounts("On 12 April 2022, for three days, in 2021") == []


def test_currency_symbol() -> None:
    [amount] = find_amounts("they paid $300 each")
    assert (amount.low, amount.unit) == (300, "USD")


def test_word_numbers() -> None:
    assert word_number("twenty-three") == 23
    assert word_number("one thousand two hundred") == 1200
    assert word_number("2 million") == 2_000_000
    assert word_number("many") is None
