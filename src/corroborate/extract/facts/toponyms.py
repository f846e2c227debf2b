"""Candidate place names in a text: capitalised runs of words that the gazetteer knows.

A name is tried longest first (three words, then two, then one) against the overlay
(``places.yaml``) and the GeoNames index, with folded keys, so every spelling and script
meets. What is not a place is left out here, before any place is chosen:

- a name inside a longer capitalised name: "Kyiv Post", "Donbas Monitor Group", "Marta
  Ilchenko" (a place may be followed only by a word such as City, Oblast, Mayor);
- a word that is a surname in the same report ("Moroz" after "Taras Moroz"; "Finley" after
  "Alex Finley" where "said Finley" shows a person);
- common English words that are only a small place's name ("Mission", "Hope", "Victory",
  "The Mission"): the English words are the bundled English pipeline's vocabulary;
- acronyms of up to four capitals ("EWA", "DMG") and words in lower case; a name goes on
  through an article joined by a hyphen ("Deir al-Zor", "Ras el-Ain"), and a name so
  continued is not its first word's place ("Deir al-Adas" is not Deir);
- a name made of English words that is only another name of a large city, far from the
  city's own ("White House" for Casablanca, "Basic" for Henderson);
- a Cyrillic name after a word for a street, square or station ("на площади Свободы").

Ukrainian and Russian words play the English vocabulary's part through the analyser
(``inflection``): a word of the language ("Жителі", "В" opening a sentence) does not make a
longer name, and one opening a sentence is only a large place's name ("Українські"). A
Cyrillic name the gazetteer misses as written is tried in its nominatives ("Миколаєві",
"Кривому Розі"); an adjective may follow a place ("Бахмуті Донецької області").

In a title-case headline every word is capitalised, so the rule on longer names is not
applied there.
"""

from __future__ import annotations

import difflib
import itertools
import json
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from corroborate.extract.facts import inflection
from corroborate.extract.models.nlp import BUNDLED
from corroborate.taxonomy import Gazetteer
from corroborate.taxonomy.gazetteer import fold, folded_index
from corroborate.taxonomy.geo import GeoEntry, Policy, geo_index, policy
from corroborate.taxonomy.place_words import is_demonym

WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
# an Arabic article joined to the next word by a hyphen, inside a name: "al-Zor", "el-Ain"
PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ed|er|es|ez|en|ul|ud)-[^\W\d_a-z]")
# how near another name of a place must be spelled to its own to be a spelling of it
# ("Odessa" of Odesa, "Izyum" of Izium), not a translation ("White House" of Casablanca)
ALIKE = 0.6
# what a person is said to do, next to the name: "said Finley", "Finley says", "Finley, who"
PERSON = r"(?:said|says|told|argues|argued|added|wrote|writes|noted|explained|stated)"
MAX_WORDS = 3
HEADLINE_SHARE, HEADLINE_WORDS = 0.75, 4
QUOTES = frozenset("\"“”«»„'‘’")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A name in the text and the places that bear it (the overlay's, else GeoNames');
    ``inflected`` when it was found through its nominative."""

    start: int
    end: int
    written: str
    key: str
    overlay: Gazetteer | None
    entries: tuple[GeoEntry, ...]
    inflected: bool = False  # found through its nominative ("Миколаєві"): one place or none


@cache
def english_words() -> frozenset[str]:
    """Lower-case words of the bundled English pipeline's vocabulary."""
    strings = json.loads((BUNDLED / "vocab" / "strings.json").read_text(encoding="utf-8"))
    return frozenset(s for s in strings if s.isalpha() and s.islower())


def candidates(text: str, start: int = 0, end: int | None = None) -> list[Candidate]:
    """Place names in ``text[start:end]``, longest match first, in text order."""
    words = list(WORD.finditer(text, start, len(text) if end is None else end))
    chunks = {(i, n): _chunk(text, words, i, n) for i, n in _tries(words)}
    known = geo_index().lookup({fold(chunk) for chunk in chunks.values()})
    readings = _readings(chunks, known)
    known |= geo_index().lookup({fold(n.name) for found in readings.values() for n in found})
    rules, surnames = policy(), _surnames(text, words, known)
    found: list[Candidate] = []
    position = 0
    while position < len(words):
        match = _longest(text, words, position, known, rules, readings)
        if match is None or (match[1] == 1 and words[position].group() in surnames):
            position += 1
            continue
        found.append(match[0])
        position += match[1]
    return found


def _tries(words: list[re.Match[str]]) -> list[tuple[int, int]]:
    return [
        (i, n)
        for i, word in enumerate(words)
        if _capitalised(word.group())
        for n in range(1, min(MAX_WORDS, len(words) - i) + 1)
    ]


def _readings(
    chunks: dict[tuple[int, int], str], known: dict[str, list[GeoEntry]]
) -> dict[tuple[int, int], tuple[inflection.Nominative, ...]]:
    """The nominatives of each Cyrillic name that as written is no place of a Cyrillic-script
    country ("Миколаєві" -> "миколаїв"), or one word that is only a region's adjective
    ("Донецька", also the genitive of Донецьк) or a small place's name ("Луганске", also
    the village Luhanske): only these are analysed (``inflection``)."""
    cyrillic = policy().cyrillic
    return {
        place: inflection.nominatives(chunk.split())
        for place, chunk in chunks.items()
        if "\u0400" <= chunk[0] <= "\u052f"
        and "\n" not in chunk
        and inflection.cyrillic(chunk.replace(" ", ""))
        and inflection.declinable(chunk.split())
        and fold(chunk) not in folded_index()
        and _weak([e for e in known.get(fold(chunk), []) if e.country in cyrillic], place[1])
    }


def _weak(entries: Sequence[GeoEntry], size: int) -> bool:
    """No place, or for one word only regions and small places, which its nominative may
    outweigh: "Донецька" alone is the city's genitive, "Луганске" in Russian is Luhansk."""
    if size > 1 or not entries:
        return not entries
    return all(
        e.kind == "region" or e.population < policy().common_word_population for e in entries
    )


def _outweighs(
    declined: tuple[str, Gazetteer | None, tuple[GeoEntry, ...]], entries: Sequence[GeoEntry]
) -> bool:
    """Whether a declined name's place is to be taken over the name as written: it bears no
    place, or the declined one is an overlay entry or a larger city."""
    cities = [e.population for e in entries if e.kind == "city"]
    found = [e.population for e in declined[2] if e.kind == "city"]
    if not entries or declined[1] is not None:
        return True
    return max(found, default=-1) > max(cities, default=-1)


def _chunk(text: str, words: list[re.Match[str]], position: int, size: int) -> str:
    return text[words[position].start() : words[position + size - 1].end()]


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not (word.isupper() and len(word) <= 4)


def _longest(
    text: str,
    words: list[re.Match[str]],
    position: int,
    known: dict[str, list[GeoEntry]],
    rules: Policy,
    readings: dict[tuple[int, int], tuple[inflection.Nominative, ...]],
) -> tuple[Candidate, int] | None:
    if not _capitalised(words[position].group()):
        return None
    if inflection.after_street_word(text, words[position].start()):
        return None  # "на площади Свободы", "на проспекті Перемоги": a street's name
    for size in range(min(MAX_WORDS, len(words) - position), 0, -1):
        written = _chunk(text, words, position, size)
        if "\n" in written:
            continue
        key = fold(written)
        overlay = folded_index().get(key)
        surface = re.sub(r"['’ʼ]s$", "", written)
        entries = tuple(_fitting(known.get(key, []), surface, rules))
        start = words[position].start()
        if size == 1 and entries and _initial_common_word(text, start, written):
            entries = tuple(e for e in entries if e.population >= rules.common_word_population)
        if overlay is None and _weak(entries, size):
            declined = _inflected(text, start, readings.get((position, size), ()), known)
            if declined and _outweighs(declined, entries):
                key, overlay, entries = declined
        if overlay is None and _quoted(text, start, start + len(written)):
            continue
        if (overlay or entries) and _stands_alone(text, words, position, size, rules):
            inflected = key != fold(written)
            candidate = Candidate(
                start, start + len(surface), surface, key, overlay, entries, inflected
            )
            return candidate, size
    return None


def _initial_common_word(text: str, start: int, word: str) -> bool:
    """A Cyrillic word of the language opening a sentence ("Українські …"): as for English
    words, only a place of the common-word population bears it."""
    return inflection.common_word(word) and inflection.sentence_initial(text, start)


def _inflected(
    text: str,
    start: int,
    found: tuple[inflection.Nominative, ...],
    known: dict[str, list[GeoEntry]],
) -> tuple[str, Gazetteer | None, tuple[GeoEntry, ...]] | None:
    """The nominative of a declined name that names the largest place (an overlay entry
    first), not a person's name, and no village under the minimum population. At the start
    of a sentence ("Поле" opening one is a field), or for a common word ("Республики"),
    only a place of the common-word population."""
    rules, initial = policy(), inflection.sentence_initial(text, start)
    best: tuple[float, str, Gazetteer | None, tuple[GeoEntry, ...]] | None = None
    for nominative in (n for n in found if not n.doubtful):
        key = fold(nominative.name)
        entries = _fitting(known.get(key, []), nominative.name.title(), rules)
        least = rules.common_word_population if initial or nominative.common else 0
        least = max(least, rules.min_population)
        entries = [e for e in entries if e.kind != "city" or e.population >= least]
        strict = initial or nominative.common
        overlay = folded_index().get(key) if entries or not strict else None
        size = math.inf if overlay else max((e.population for e in entries), default=-1)
        if (overlay is not None or entries) and (best is None or size > best[0]):
            best = (size, key, overlay, tuple(entries))
    return best[1:] if best else None


def _fitting(entries: list[GeoEntry], written: str, rules: Policy) -> list[GeoEntry]:
    """The places a name as written may be: not a small place for common words ("Hope"), not
    a region named by a direction ("East", Cameroon), not a place outside the Cyrillic-script
    countries for a Cyrillic word ("Она")."""
    words = WORD.findall(written)
    if len(words) > 1 and not _title(words[-1], rules):  # "My son" is not Meishan
        return []
    if any(_script(w) == "CYRILLIC" for w in words):
        entries = [e for e in entries if e.country in rules.cyrillic]
    if any(w.capitalize() in rules.directions for w in words):  # "East", "Central"
        entries = [e for e in entries if e.kind != "region"]
    if not all(w.lower() in english_words() for w in words):
        return entries
    return [
        e
        for e in entries
        if e.kind != "city"
        or (e.population >= rules.common_word_population and spelled_alike(written, e.name))
    ]


def spelled_alike(written: str, name: str) -> bool:
    """Whether a name as written is a spelling of a place's own name ("Kiev" of Kyiv,
    "Odessa" of Odesa), not another word for it ("White House" of Casablanca)."""
    a, b = fold(written), fold(name)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= ALIKE


def _title(word: str, rules: Policy) -> bool:
    return word[0].isupper() or word.capitalize() in rules.after or _particle(word)


def _particle(word: str) -> bool:
    return PARTICLE.match(word) is not None


def _script(word: str) -> str:
    return unicodedata.name(word[0], "?").split(" ", 1)[0]


def _stands_alone(
    text: str, words: list[re.Match[str]], position: int, size: int, rules: Policy
) -> bool:
    """Not part of a longer capitalised name: "Kyiv Post", "Marta Ilchenko"."""
    if _headline(text, words[position].start()):
        return True
    before = words[position - 1] if position > 0 else None
    after = words[position + size] if position + size < len(words) else None
    last = words[position + size - 1]
    if after and _joined(text, last, after) and _particle(after.group()):
        return False  # "Deir al-Adas": the name goes on
    if after and _joined(text, last, after) and after.group()[0].isupper():
        follows = after.group() in rules.after or inflection.adjective(after.group())
        return follows and _free_before(text, words, position, before)
    return _free_before(text, words, position, before)


def _free_before(
    text: str, words: list[re.Match[str]], position: int, before: re.Match[str] | None
) -> bool:
    if before and _joined(text, before, words[position]) and before.group()[0].isupper():
        word = before.group()
        opening = word.lower() in english_words() or inflection.common_word(word)
        # "In Kyiv" opens a sentence; "La République En Marche" is one longer name
        return opening and not _run_before(text, words, position - 1)
    return True


def _run_before(text: str, words: list[re.Match[str]], position: int) -> bool:
    """Whether the word at ``position`` continues a capitalised name before it."""
    if position == 0:
        return False
    before, word = words[position - 1], words[position]
    return _joined(text, before, word) and before.group()[0].isupper()


def _quoted(text: str, start: int, end: int) -> bool:
    """A nickname in quotes ("Granit" Battalion) is not a place; the overlay's names may be
    quoted ("Coalition media write “Liman”")."""
    return text[start - 1 : start] in QUOTES and text[end : end + 1] in QUOTES


def _joined(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    # one space only: a line break often ends a name ("… in Kramatorsk\nDate: …")
    return text[a.end() : b.start()] == " "


def _headline(text: str, offset: int) -> bool:
    return _headline_line(text, text.rfind("\n", 0, offset) + 1)


@lru_cache(maxsize=4096)
def _headline_line(text: str, line_start: int) -> bool:
    line_end = text.find("\n", line_start)
    written = text[line_start : line_end if line_end >= 0 else len(text)]
    if written.isupper():  # "SLOVYANSK RESIDENTS WERE TORTURED"
        return True
    line = WORD.findall(written)
    capitals = sum(w[0].isupper() for w in line)
    # a line of capitalised words only is a name ("Novy Vestnik State News"), not a headline
    return len(line) >= HEADLINE_WORDS and HEADLINE_SHARE * len(line) <= capitals < len(line)


def _surnames(
    text: str, words: list[re.Match[str]], known: dict[str, list[GeoEntry]]
) -> frozenset[str]:
    """Both words of a person's name written in full, "Marta Ilchenko": neither is a place
    elsewhere in the report ("Marta" signing an e-mail). Two capitalised words, neither an
    English word or one that may follow a place, that are not together a place's name
    ("Nova Kakhovka")."""
    english, after = english_words(), policy().after
    pairs = [
        (a.group(), b.group())
        for a, b in itertools.pairwise(words)
        if _joined(text, a, b)
        and all(w.group()[0].isupper() and w.group().lower() not in english for w in (a, b))
        and not any(inflection.common_word(w.group()) for w in (a, b))
        and b.group() not in after
        and not _headline(text, a.start())
        and fold(f"{a.group()} {b.group()}") not in known
        and fold(f"{a.group()} {b.group()}") not in folded_index()
    ]
    return frozenset(w for pair in pairs for w in pair) | _persons(text, words, known)


def _persons(
    text: str, words: list[re.Match[str]], known: dict[str, list[GeoEntry]]
) -> frozenset[str]:
    """Surnames a person's deeds show: the second word of a capitalised pair in mid-sentence
    ("Alex Finley", whose first name may be an English word) that the report names next to
    a verb of saying ("said Finley", "Finley says", "Finley, who") or sets off by commas
    (", Justin Welby,")."""
    rules, found = policy(), set()
    for a, b in itertools.pairwise(words):
        first, last = a.group(), b.group()
        if not (_joined(text, a, b) and _first_name(text, a, rules) and last[0].isupper()):
            continue
        if last.lower() in english_words() or last in rules.after or _headline(text, a.start()):
            continue
        pair = fold(f"{first} {last}")
        if pair in known or pair in folded_index() or not _small_town(last, known, rules):
            continue
        apposed = text[max(0, a.start() - 2) : a.start()] == ", " and text[b.end() :][:1] == ","
        name = re.escape(last)
        deed = rf"\b{PERSON} {name}\b|\b{name},? {PERSON}\b|\b{name}, who\b"
        if apposed or re.search(deed, text):
            found.add(last)
    return frozenset(found)


def _small_town(word: str, known: dict[str, list[GeoEntry]], rules: Policy) -> bool:
    """Whether a word names towns alone, none of them large: "Finley", not "Kyiv" ("On
    Sunday Kyiv said")."""
    if fold(word) in folded_index():
        return False
    return all(
        e.kind == "city" and e.population < rules.common_word_population
        for e in known.get(fold(word), [])
    )


def _first_name(text: str, word: re.Match[str], rules: Policy) -> bool:
    """A plain capitalised word in mid-sentence that is no direction, nationality or word
    that may follow a place: it may be a first name."""
    written = word.group()
    if not re.fullmatch(r"[A-Z][a-z]+", written) or written in rules.after:
        return False
    if written in rules.directions or is_demonym(written):
        return False
    before = text[: word.start()].rstrip(" ")
    return bool(before) and before[-1] not in '.!?\n"“:'
