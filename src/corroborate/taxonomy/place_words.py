"""Words the gazetteer knows that are no place, and names that mean a region, not its city.

A capitalised word the gazetteer bears is a place only if the text uses it as one. Three
readings are told apart here, by one rule each for every country:

- a **demonym** or nationality adjective ("Syrian", "Kazakh", "Ukrainians") is never a
  place, whatever town bears the name (Sirjan folds to "Syrian"; Petropavl lists "Kazakh"
  among its names). The forms are the parties table's adjectives for every country
  (``parties/countries.yaml``), with their plurals;
- a **region phrase** names the first-level region named after a city, not the city: "the
  Kherson region", "Kharkiv Oblast", "the region of Kherson", "the provinces of Aleppo and
  Damascus", "the Donetsk, Luhansk and Kharkiv regions". A bare city name stays the city;
- a name inside a **registered organisation's name** ("Echo of Moscow", a party of the
  registry) is that organisation's, unless a word such as City, Oblast or Administration
  follows it ("Kramatorsk City Military Administration" sits in Kramatorsk);
- a name inside a **water body's name** ("the Sea of Azov", "the Azov Sea", "the Dnipro
  River", "the Gulf of Aden") is the sea's, the river's or the gulf's, not the town's that
  bears it; the gazetteer holds no seas, so it is no place it can give;
- a name after a capitalised **title** ("Mr Welby", "Minister Sirsky") is a person's;
- an English **contraction** ("We'll", "They're") is no name, whatever place its letters
  fold to (Well in the Netherlands);
- a **holiday or month** of any faith's calendar ("Ramadan", "Passover", "Easter";
  ``words/places.yaml``, read by ``extract/facts/places``) is that day or season, not a
  place that bears its name.

The gazetteer's regions carry the forms "<City> Oblast", "<City> Region", "<City>
Province", "<City> Governorate" of the city they are named after (``geo_build``), so a
region phrase is resolved by those names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from corroborate.taxonomy import parties
from corroborate.taxonomy.registry import registry
from corroborate.taxonomy.words import word_set

# what a region is called after its city's name; plural for lists ("the Donetsk and Luhansk
# regions"). Case is not compared: "Kharkiv Oblast", "the Kherson region"
REGION_FORMS = ("Oblast", "Region", "Province", "Governorate")
_SINGULAR = "|".join(w.lower() for w in REGION_FORMS)
_PLURAL = "|".join(f"{w.lower()}s" for w in REGION_FORMS)
_NAME = r"[^\W\d_a-zа-яіїєґ][\w'’ʼ-]*(?: [^\W\d_a-zа-яіїєґ][\w'’ʼ-]*)?"
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)"
# the names after this one, then the plural region word: "…, Luhansk, and Kharkiv regions"
_LIST_AFTER = re.compile(rf"(?:{_JOIN}{_NAME})*,?\s+(?i:{_PLURAL})\b")
_ONE_AFTER = re.compile(rf"\s+(?i:{_SINGULAR})\b")
# the region word and "of", then the names before this one: "the provinces of Aleppo and "
_BEFORE = re.compile(rf"\b(?i:{_SINGULAR}|{_PLURAL})\s+of\s+(?:the\s+)?(?:{_NAME}{_JOIN})*$")
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]*\.?) $")
_JOINED = re.compile(rf"{_JOIN}(?:the\s+)?", re.IGNORECASE)
_WINDOW = 160  # characters looked at either side of a name
# water bodies named with a place's name, before it ("the Sea of Azov") or after it ("the
# Azov Sea", "the Dnipro River"); any country's
WATER = ("Sea", "Gulf", "Bay", "Strait", "Straits", "Lake", "River", "Reservoir", "Canal")
_WATER_BEFORE = re.compile(rf"\b(?:{'|'.join(WATER)}) of (?:the )?$")
_WATER_AFTER = re.compile(rf" (?:{'|'.join(WATER)})\b")
_LAKE_BEFORE = re.compile(r"\bLake $")
CONTRACTION = re.compile(r"[^\W\d_]+(?:['’](?:ll|re|ve|d|m)|n['’]t)", re.IGNORECASE)


@cache
def demonyms() -> frozenset[str]:
    """Every country's adjectives and demonyms, case-folded, with their plurals."""
    forms = {a for country in parties.countries() for a in country.adjectives}
    plurals = {f"{a}s" for a in forms if not a.endswith(("s", "sh", "ch", "ese"))}
    return frozenset(f.casefold() for f in forms | plurals)


def is_demonym(written: str) -> bool:
    """Whether a name as written is a nationality's adjective or demonym ("Syrian")."""
    return " ".join(written.split()).casefold() in demonyms()


def region_phrase(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is called a region by the words around it:
    followed by "region", "oblast" …, or in a list followed by "regions" …, or preceded by
    "the region of", "the provinces of Aleppo and"."""
    after = text[end : end + _WINDOW]
    if _ONE_AFTER.match(after) or _LIST_AFTER.match(after):
        return True
    return _BEFORE.search(text[max(0, start - _WINDOW) : start]) is not None


def after_title(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a capitalised title ("Mr Welby", "Minister
    Sirsky", "Lt. Col. Ivanov"): a person's name, whatever village bears it. A title in
    lower case is no title of that name ("official Kyiv" is the government in Kyiv)."""
    before = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    return before is not None and before.group(1).casefold() in _titles()


@cache
def _titles() -> frozenset[str]:
    # "Official Kyiv said", "Head Office": words that also stand before a place's name
    ordinary = {"official", "head", "chief", "officer"}
    titles = {t.casefold() for t in word_set("people", "titles") if " " not in t}
    return frozenset(titles - ordinary)


def joins_names(between: str) -> bool:
    """Whether the text between two names lists them: ", ", " and ", ", or ", " & "."""
    return _JOINED.fullmatch(between) is not None


def water_body(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is part of a sea's, a river's or a lake's
    name: "the Sea of Azov", "the Azov Sea", "Lake Van", "the Dnipro River"."""
    before = text[max(0, start - 20) : start]
    if _WATER_BEFORE.search(before) or _LAKE_BEFORE.search(before):
        return True
    return _WATER_AFTER.match(text, end) is not None


def is_contraction(written: str) -> bool:
    """Whether a word is an English contraction ("We'll", "They're", "Don't")."""
    return CONTRACTION.fullmatch(written) is not None


def region_keys(city_names: Iterable[str]) -> tuple[str, ...]:
    """The names a region named after one of these cities bears: "Kyiv Oblast" …"""
    return tuple(f"{name} {form}" for name in city_names for form in REGION_FORMS)


def organisation_spans(text: str) -> list[tuple[int, int]]:
    """Where the registry's sources and parties are named in ``text``, as written."""
    known = registry()
    spans = known.index.spans(text)
    aliases = {a for name, more in known.parties.items() for a in (name, *more) if " " in a}
    for alias in sorted(aliases, key=len, reverse=True):
        pattern = rf"(?<!\w){re.escape(alias)}(?!\w)"
        spans += [m.span() for m in re.finditer(pattern, text)]
    return spans


def inside_names(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``start:end`` lies within one of ``spans`` and is not the whole of it."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def own_institution(text: str, end: int, after: frozenset[str]) -> bool:
    """Whether a word such as City, Oblast or Administration follows the name: an
    organisation so named is the place's own ("Kramatorsk City Military Administration")."""
    following = re.match(r" ([^\W\d_]+)", text[end : end + 40])
    return following is not None and following.group(1) in after
