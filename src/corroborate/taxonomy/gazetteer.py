"""Spelling-insensitive keys for place names, shared by extraction, the index and search.

Slovyansk, Slavyansk, Sloviansk and Слов'янськ are one place: listed spellings match
directly, and a folded key (Cyrillic transliterated, diacritics, apostrophes and soft signs
dropped, y/i and j/i merged) catches unlisted transliterations and possessives
("Sloviansk's"). ``places.yaml`` is the hand-made overlay: its entries win over GeoNames.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from corroborate.taxonomy import Gazetteer, places

_CYRILLIC_LETTERS = "абвгґдеєжзиіїйклмнопрстуфхцчшщьъыэюяёўђјљњћџѓќѕ"
_LATIN = (
    "a b v h g d e ie zh z y i i i k l m n o p r s t u f kh ts ch sh shch _ _ y e iu ia io"
    " u dj j l n c dz g k dz"
).split()
CYRILLIC = {
    c: ("" if latin == "_" else latin) for c, latin in zip(_CYRILLIC_LETTERS, _LATIN, strict=True)
}
_TRANSLITERATION = str.maketrans(CYRILLIC)
# ASCII ', typographic ’ and ‘, the Ukrainian modifier letter ʼ, the transliteration prime ʹ
APOSTROPHES = "'’‘ʼʹ`´"
_POSSESSIVE = re.compile(f"[{APOSTROPHES}]s$")
_DROPPED = re.compile(rf"[{APOSTROPHES}\s.-]")


@lru_cache(maxsize=1 << 16)  # extraction folds each capitalised run of words several times
def fold(name: str) -> str:
    """A spelling-insensitive key: transliterated, lower-cased, y/i and apostrophes merged."""
    latin = _latin(name.lower())
    latin = _POSSESSIVE.sub("", latin)
    latin = _DROPPED.sub("", latin)
    return latin.replace("yi", "i").replace("y", "i").replace("j", "i").replace("ii", "i")


def _latin(lowered: str) -> str:
    if lowered.isascii():
        return lowered  # nothing to transliterate or decompose
    # transliterate before decomposing: NFKD would split й into и and a breve
    latin = lowered.translate(_TRANSLITERATION)
    decomposed = unicodedata.normalize("NFKD", latin)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.translate(_TRANSLITERATION)


def apostrophe_variants(name: str) -> tuple[str, ...]:
    """``name`` with each apostrophe written every way ('  ’  ʼ) and left out, itself first."""
    if not any(ch in APOSTROPHES for ch in name):
        return (name,)
    variants = [re.sub(f"[{APOSTROPHES}]", mark, name) for mark in ("'", "’", "ʼ", "")]
    return (name, *dict.fromkeys(v for v in variants if v != name))


@cache
def folded_index() -> dict[str, Gazetteer]:
    """Every overlay spelling's folded key -> its entry in ``places.yaml``."""
    return {fold(name): entry for entry in places() for name in entry.names}
