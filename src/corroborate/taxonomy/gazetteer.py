"""Spelling-insensitive keys for gazetteer names, shared by extraction and search.

Slovyansk, Slavyansk, Sloviansk and Слов'янськ are one place: listed spellings match
directly, and a folded key (Cyrillic transliterated, apostrophes and soft signs dropped,
y/i and j/i merged) catches unlisted transliterations and possessives ("Sloviansk's").
"""

from __future__ import annotations

import re
from functools import cache

from corroborate.taxonomy import Gazetteer, places

_CYRILLIC_LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьъыэюяё"
_LATIN = (
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ _ y e iu ia io"
).split()
CYRILLIC = {
    c: ("" if latin == "_" else latin) for c, latin in zip(_CYRILLIC_LETTERS, _LATIN, strict=True)
}


def fold(name: str) -> str:
    """A spelling-insensitive key: transliterated, lower-cased, y/i and apostrophes merged."""
    lowered = name.lower()
    latin = "".join(CYRILLIC.get(ch, ch) for ch in lowered)
    latin = re.sub(r"['’ʼ`]s$", "", latin)
    latin = re.sub(r"['’ʼ`\s-]", "", latin)
    return latin.replace("yi", "i").replace("y", "i").replace("j", "i").replace("ii", "i")


@cache
def folded_index() -> dict[str, Gazetteer]:
    """Every listed spelling's folded key -> its gazetteer entry."""
    return {fold(name): entry for entry in places() for name in entry.names}


def spellings(word: str) -> tuple[str, ...]:
    """All listed spellings of the place ``word`` names (itself first), or just ``word``."""
    entry = folded_index().get(fold(word))
    if entry is None:
        return (word,)
    return (word, *(n for n in entry.names if n != word))
