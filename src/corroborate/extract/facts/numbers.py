"""Numbers written in words or digits: "five hundred", "1,200", "two", "dozens"."""

from __future__ import annotations

import re

from corroborate.taxonomy.words import word_list

_UNIT_WORDS = word_list("numbers", "unit_words")
_TEN_WORDS = word_list("numbers", "ten_words")
UNITS = {word: value for value, word in enumerate(_UNIT_WORDS)}
TENS = {word: 10 * value for value, word in enumerate(_TEN_WORDS, start=2)}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
WORDS = {"a": 1, "an": 1, "a dozen": 12, "dozen": 12}
_FIRST = "|".join(sorted([*UNITS, *TENS, "a", "an"], key=len, reverse=True))
NUMBER_WORD = "|".join(sorted([*UNITS, *TENS, *SCALES, "and"], key=len, reverse=True))
NUMBER = (
    rf"(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million))?"
    rf"|(?:\b(?:{_FIRST})\b(?:[\s-]+(?:{NUMBER_WORD})\b)*))"
)


def word_number(text: str) -> float | None:
    """The value of a number in digits or English words, or None."""
    cleaned = text.strip().lower()
    if not cleaned:
        return None
    if re.fullmatch(r"\d[\d,]*(?:\.\d+)?", cleaned):
        return float(cleaned.replace(",", ""))
    match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)\s+(thousand|million)", cleaned)
    if match:
        return float(match.group(1).replace(",", "")) * SCALES[match.group(2)]
    if cleaned in WORDS:
        return float(WORDS[cleaned])
    return _words(cleaned)


def _words(cleaned: str) -> float | None:
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", cleaned):
        if word == "and":
            continue
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            current = max(current, 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0
        elif word in ("a", "an"):
            current += 1
        else:
            return None
        seen = True
    return float(total + current) if seen else None
