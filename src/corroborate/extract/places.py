"""Places mentioned in a text, normalised through the gazetteer across spellings and scripts.

Slovyansk, Slavyansk, Sloviansk and Слов'янськ are all Sloviansk: listed spellings match
directly, and a folded key (Cyrillic transliterated, apostrophes and soft signs dropped,
y/i and j/i merged) catches unlisted transliterations and possessives ("Sloviansk's").
"""

from __future__ import annotations

import re

from corroborate.model import Place, Span
from corroborate.taxonomy import Gazetteer
from corroborate.taxonomy.gazetteer import fold, folded_index

WORD = re.compile(r"[A-Za-zА-Яа-яІіЇїЄєҐґЁё][A-Za-zА-Яа-яІіЇїЄєҐґЁё'’ʼ-]*")
MAX_WORDS = 3


def find_places(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Gazetteer places in ``text[start:end]``, longest match first, in text order."""
    index = folded_index()
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
