"""Death counts alleged in a statement: "killed 53 prisoners", "12 civilians were killed",
"the death toll rose to 9", "the bodies of seven men".

A count is a number in digits or words (``numbers.NUMBER``) next to a killing verb or a
word for the dead; "at least", "more than", "over", "some", "about" and "around" are read
as the figure written. Vague quantities ("dozens", "hundreds", "many") are not numbers and
give no count; "a"/"an" counts one before a word for a person ("a man was shot dead"). Two
figures in one statement are never added: a statement's count is the smallest it gives
(ACLED's rule: the most conservative figure).
"""

from __future__ import annotations

import re

from corroborate.extract.facts.amounts import NOT_AMOUNTS
from corroborate.extract.facts.numbers import NUMBER, word_number
from corroborate.taxonomy.words import word_set

KILLED = r"(?:killed|killing|executed|executing|murdered|murdering|shot\s+dead|slaughtered)"
DIED = rf"(?:{KILLED}|died|dead|perished|lost\s+their\s+lives)"
ABOUT = r"(?:(?:at\s+least|more\s+than|over|some|about|around|approximately)\s+)?"
WORDS = r"(?:[A-Za-z'-]+\s+){0,3}?"  # up to three words between the figure and the verb
BE = r"(?:(?:were|was|are|is|have\s+been|had\s+been|has\s+been|got)\s+)?"
PATTERNS = (
    # killed 53 prisoners / executing at least five men
    re.compile(rf"\b{KILLED}\s+{ABOUT}(?P<n>{NUMBER})\b", re.IGNORECASE),
    # 12 civilians were killed / three people died / 4 dead
    re.compile(rf"(?<![\w-]){ABOUT}(?P<n>{NUMBER})\s+{WORDS}{BE}{DIED}\b", re.IGNORECASE),
    # the death toll rose to 9 / a death toll of nine
    re.compile(
        rf"\bdeath\s+toll\s+(?:\w+\s+)?(?:to|of|at|is|was)\s+{ABOUT}(?P<n>{NUMBER})\b",
        re.IGNORECASE,
    ),
    # the bodies of seven men / 30 bodies
    re.compile(rf"\bbodies\s+of\s+{ABOUT}(?P<n>{NUMBER})\b", re.IGNORECASE),
    re.compile(rf"(?<![\w-]){ABOUT}(?P<n>{NUMBER})\s+(?:\w+\s+)?bodies\b", re.IGNORECASE),
)
# "a man was killed" counts one; "a number of people" counts nothing
PERSON = word_set("people", "person_nouns")
NOT_PEOPLE = NOT_AMOUNTS | word_set("numbers", "distance_units")
_NEGATED = re.compile(r"\b(?:no|not|none|nobody|never)\s*$", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")


def death_counts(text: str) -> list[int]:
    """Every death count the statement gives, in the order written."""
    found: dict[int, int] = {}
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = _value(match, text)
            if value is not None:
                found.setdefault(match.start("n"), value)
    return [found[start] for start in sorted(found)]


def death_count(text: str) -> int | None:
    """The statement's count of the dead (the smallest it gives), or None."""
    counts = death_counts(text)
    return min(counts) if counts else None


def fewest_dead(texts: list[str]) -> int | None:
    """The most conservative count among statements that give one, or None."""
    counts = [c for c in (death_count(t) for t in texts) if c is not None]
    return min(counts) if counts else None


def _value(match: re.Match[str], text: str) -> int | None:
    raw = match.group("n").strip().lower()
    after = text[match.end("n") :].split(maxsplit=1)
    following = after[0].lower().strip(".,;:") if after else ""
    if raw in ("a", "an"):
        return 1 if following in PERSON else None
    if _YEAR.fullmatch(raw) or following in NOT_PEOPLE:
        return None  # "in 2022", "12 April", "two days later", "5 km"
    if _NEGATED.search(text[max(0, match.start("n") - 12) : match.start("n")]):
        return None  # "no one was killed"
    value = word_number(raw)
    return int(value) if value is not None and value == int(value) else None
