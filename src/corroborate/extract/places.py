"""Places mentioned in a text, normalised through the gazetteer across spellings and scripts.

Slovyansk, Slavyansk, Sloviansk and Слов'янськ are all Sloviansk: listed spellings match
directly, and a folded key (Cyrillic transliterated, apostrophes and soft signs dropped,
y/i and j/i merged) catches unlisted transliterations and possessives ("Sloviansk's").
"""

from __future__ import annotations

import re
from functools import cache

from corroborate.model import Place, Span
from corroborate.taxonomy import Gazetteer, places

CYRILLIC = dict(
    zip(
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьъыэюяё",
        [
            "a",
            "b",
            "v",
            "h",
            "g",
            "d",
            "e",
            "ie",
            "zh",
            "z",
            "y",
            "i",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "",
            "y",
            "e",
            "iu",
            "ia",
            "io",
        ],
        strict=True,
    )
)
WORD = re.compile(r"[A-Za-zА-Яа-яІіЇїЄєҐґЁё][A-Za-zА-Яа-яІіЇїЄєҐґЁё'’ʼ-]*")
MAX_WORDS = 3


def fold(name: str) -> str:
    """A spelling-insensitive key: transliterated, lower-cased, y/i and apostrophes merged."""
    lowered = name.lower()
    latin = "".join(CYRILLIC.get(ch, ch) for ch in lowered)
    latin = re.sub(r"['’ʼ`]s$", "", latin)
    latin = re.sub(r"['’ʼ`\s-]", "", latin)
    latin = latin.replace("yi", "i").replace("y", "i").replace("j", "i").replace("ii", "i")
    return latin


@cache
def _index() -> dict[str, Gazetteer]:
    return {fold(name): entry for entry in places() for name in entry.names}


def find_places(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Gazetteer places in ``text[start:end]``, longest match first, in text order."""
    index = _index()
    words = list(WORD.finditer(text, start, len(text) if end is None else end))
    found: list[Place] = []
    position = 0
    while position < len(words):
        match = (
            _longest(text, words, position, index) if words[position].group()[0].isupper() else None
        )
        if match is None:
            position += 1
            continue
        place, used = match
        found.append(place)
        position += used
    return found


def _longest(
    text: str, words: list[re.Match[str]], position: int, index: dict[str, Gazetteer]
) -> tuple[Place, int] | None:
    for size in range(min(MAX_WORDS, len(words) - position), 0, -1):
        chunk = words[position : position + size]
        if size > 1 and text[chunk[0].start() : chunk[-1].end()].count("\n"):
            continue
        first, last = chunk[0].start(), chunk[-1].end()
        written = text[first:last]
        entry = index.get(fold(written))
        if entry is not None:
            surface = re.sub(r"['’ʼ]s$", "", written)
            span = Span(first, first + len(surface), surface)
            return Place(
                surface, entry.canonical, entry.lat, entry.lon, entry.country, entry.within, span
            ), size
    return None
