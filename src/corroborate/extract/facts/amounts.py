"""Amounts and counts: "from five hundred to one thousand dollars", "1,200 people", "dozens".

Ranges keep both ends; vague quantities get conventional bounds (dozens: 24-99,
hundreds: 200-999, several: 3-9) so they can be compared, with the words kept as written.
"""

from __future__ import annotations

import re

from corroborate.extract.facts.numbers import NUMBER, word_number
from corroborate.extract.facts.times import MONTHS
from corroborate.model import Amount, Span
from corroborate.taxonomy.words import word_set

CURRENCIES = {
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "$": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "hryvnias'": "UAH",
    "uah": "UAH",
    "ruble": "RUB",
    "rubles": "RUB",
    "roubles": "RUB",
    "rub": "RUB",
}
VAGUE = {
    "dozens": (24.0, 99.0),
    "hundreds": (200.0, 999.0),
    "thousands": (2000.0, 9999.0),
    "several": (3.0, 9.0),
    "a dozen": (12.0, 12.0),
    "a few": (2.0, 5.0),
    "scores": (40.0, 99.0),
}
UNIT = r"(?:\s+(?:of\s+)?(?P<unit>[A-Za-z$€]+))?"
RANGE = re.compile(
    rf"\b(?:from|between)\s+(?P<low>{NUMBER})\s+(?:to|and)\s+(?P<high>{NUMBER}){UNIT}",
    re.IGNORECASE,
)
SINGLE = re.compile(rf"(?P<currency>[$€])?\b(?P<value>{NUMBER}){UNIT}", re.IGNORECASE)
VAGUE_RE = re.compile(
    r"\b(?P<word>dozens|hundreds|thousands|several|a dozen|a few|scores)(?:\s+of)?" + UNIT,
    re.IGNORECASE,
)
SKIP_UNITS = word_set("function", "skip_before_unit")
# a number before these is a date or a duration, not an amount
NOT_AMOUNTS = frozenset(MONTHS) | word_set("numbers", "not_amount_units")


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[Amount]:
    stop = len(text) if end is None else end
    found: list[Amount] = []
    taken: list[tuple[int, int]] = []
    for match in RANGE.finditer(text, start, stop):
        low, high = word_number(match.group("low")), word_number(match.group("high"))
        if low is not None and high is not None:
            _add(found, taken, match, low, high, match.group("unit"))
    for match in VAGUE_RE.finditer(text, start, stop):
        low, high = VAGUE[match.group("word").lower()]
        _add(found, taken, match, low, high, match.group("unit"))
    for match in SINGLE.finditer(text, start, stop):
        value = word_number(match.group("value"))
        if (
            value is None
            or _is_year_or_date(match, text)
            or match.group("value").lower() in ("a", "an", "and")
        ):
            continue
        unit = match.group("currency") or match.group("unit")
        if (match.group("unit") or "").lower() in NOT_AMOUNTS:
            continue
        _add(found, taken, match, value, value, unit)
    return sorted(found, key=lambda a: a.span.start)


def _add(
    found: list[Amount],
    taken: list[tuple[int, int]],
    match: re.Match[str],
    low: float,
    high: float,
    unit: str | None,
) -> None:
    if any(a < match.end() and match.start() < b for a, b in taken):
        return
    end = match.end()
    if unit and unit.lower() in SKIP_UNITS:
        end = match.end("unit") - len(unit) - 1 if match.groupdict().get("unit") == unit else end
        unit = None
    text = match.string[match.start() : end].rstrip()
    taken.append((match.start(), match.start() + len(text)))
    normalised = CURRENCIES.get(unit.lower(), unit.lower()) if unit else None
    found.append(
        Amount(Span(match.start(), match.start() + len(text), text), low, high, normalised)
    )


def _is_year_or_date(match: re.Match[str], text: str) -> bool:
    raw = match.group("value")
    if re.fullmatch(r"(?:19|20)\d\d", raw):
        return True
    before = text[max(0, match.start() - 12) : match.start()].lower().split()
    return bool(before) and before[-1].rstrip(".") in MONTHS  # "April 12" is a date
