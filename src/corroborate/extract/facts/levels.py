"""A name borne by a city and by the first-level region named after it: which one is meant.

"Donetsk", "Kherson", "Aleppo", "Idlib" are each a city and a province. A region word beside
the name settles it ("the Kherson region", ``taxonomy/place_words.region_phrase``); without
one, the rest of the document decides, by the same rules for every country:

- a **city word** at the mention ("the city of Kherson", "Kherson city") makes it the city;
- a name **coordinated** with one the text calls a region ("Kherson and the Zaporizhzhia
  region", "Aleppo, Idlib and the province of Hama") is a region too;
- a name followed by "regional" ("the Odesa regional administration") is the region's;
- a name the document calls a region elsewhere ("the Donetsk and Luhansk regions") is the
  region where it stands in a list of such names only ("shelling in Donetsk and Luhansk");
  alone it stays the city (in the real-news corpus a report of the Kharkiv region still
  names the city "Kharkiv": "rockets also hit Kharkiv, Ukraine's second city");
- where the text gives both, a name read as a region that a city word calls the city
  elsewhere in the document, it is **not resolved**: no level is guessed;
- any other bare name is scored as a place as before (``places``): the city, usually.

The regions of a name are those ``_as_region`` finds: the first-level regions named after
a city bearing it ("Kyiv" -> Kyiv Oblast, not the city-region of Kyiv).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from corroborate.extract.facts.toponyms import Candidate
from corroborate.taxonomy.gazetteer import fold, folded_index
from corroborate.taxonomy.geo import geo_index
from corroborate.taxonomy.place_words import REGION_FORMS, joins_names, region_keys

Level = Literal["as found", "region", "unresolved"]
_CITY_BEFORE = re.compile(r"\b(?:city|town)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CITY_AFTER = re.compile(r"\s+city\b", re.IGNORECASE)
_REGIONAL_AFTER = re.compile(r"\s+regional\b", re.IGNORECASE)  # "the Odesa regional council"


@dataclass(frozen=True, slots=True)
class Mention:
    """One candidate as the text writes it: called a region, or a city, or neither."""

    candidate: Candidate
    name: str  # folded, without a region word of its own ("Kherson Oblast": "kherson")
    region: Candidate | None  # its regions, where one named after it holds its city
    phrased: bool  # a region word beside it or in it
    city_word: bool  # a city word beside it


def as_region(candidate: Candidate) -> Candidate:
    """A name called a region: the regions named after a city bearing it ("the Kyiv region"
    is Kyiv Oblast, UA-32, not the city-region of Kyiv, UA-30); as it is if there are none
    (a region that bears the name itself, "Idlib", is one of them: Idlib Governorate)."""
    cities = {e.name for e in candidate.entries if e.kind == "city"}
    if candidate.overlay is not None:
        cities.add(candidate.overlay.canonical)
    keys = {fold(k) for k in region_keys(sorted(cities))}
    found = geo_index().lookup(keys)
    regions = {e.id: e for entries in found.values() for e in entries if e.kind == "region"}
    curated = {id(o): o for k in keys if (o := folded_index().get(k)) is not None}
    if not regions and not curated:
        return candidate
    overlay = next(iter(curated.values())) if len(curated) == 1 else None
    return replace(candidate, overlay=overlay, entries=tuple(regions.values()))


def levels(text: str, found: list[Candidate], phrased: list[bool]) -> list[Level]:
    """For each candidate (``phrased``: a region word beside it), the level it is read at."""
    mentions = [_mention(text, c, p) for c, p in zip(found, phrased, strict=True)]
    called = {m.name for m in mentions if m.phrased}
    cities = {m.name for m in mentions if m.city_word}
    groups = _groups(text, found)
    out: list[Level] = []
    for n, mention in enumerate(mentions):
        group = [mentions[i] for i in groups[n]]
        out.append(_level(mention, group, called, cities))
    return out


def _level(mention: Mention, group: list[Mention], called: set[str], cities: set[str]) -> Level:
    if mention.phrased:
        return "region"
    if mention.region is None or mention.city_word:
        return "as found"
    if not _region_evidence(mention, group, called):
        return "as found"
    # the city word elsewhere ("the city of Kherson … Kherson and the Zaporizhzhia region")
    return "unresolved" if mention.name in cities else "region"


def _region_evidence(mention: Mention, group: list[Mention], called: set[str]) -> bool:
    """Listed with a name called a region here ("Kherson and the Zaporizhzhia region", not
    "the Kyiv region and Kyiv"), or, called a region elsewhere, listed only with names
    called regions elsewhere ("Donetsk and Luhansk"). Called a region elsewhere but alone,
    a name is the city: reports of a region still name its city by the bare name."""
    phrased = {m.name for m in group if m.phrased}
    if phrased:
        return mention.name not in phrased
    others = [m for m in group if m is not mention]
    return mention.name in called and bool(others) and all(m.name in called for m in others)


def _mention(text: str, candidate: Candidate, phrased: bool) -> Mention:
    words = candidate.written.split()
    own = len(words) > 1 and words[-1].capitalize() in REGION_FORMS  # "Kherson Oblast"
    name = fold(" ".join(words[:-1]) if own else candidate.written)
    before = text[max(0, candidate.start - 20) : candidate.start]
    city_word = bool(_CITY_BEFORE.search(before) or _CITY_AFTER.match(text, candidate.end))
    regional = _REGIONAL_AFTER.match(text, candidate.end) is not None
    return Mention(candidate, name, _holding(candidate), phrased or own or regional, city_word)


def _holding(candidate: Candidate) -> Candidate | None:
    """The candidate's regions, where one of them holds a city of the name: Kherson Oblast
    holds Kherson; Kyiv Oblast does not hold Kyiv, a region of its own, so "Kyiv" alone is
    the city whatever else the document says."""
    regions = as_region(candidate)
    if regions is candidate or not regions.entries:
        return None
    held = {(e.country, e.admin1) for e in regions.entries if e.admin1}
    cities = [e for e in candidate.entries if e.kind == "city"]
    return regions if any((e.country, e.admin1) in held for e in cities) else None


def _groups(text: str, found: list[Candidate]) -> list[list[int]]:
    """For each candidate, the indices of the names it is listed with ("Donetsk, Luhansk
    and Kherson"), itself included."""
    groups: list[list[int]] = []
    for n, candidate in enumerate(found):
        if n and joins_names(text[found[n - 1].end : candidate.start]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return [group for group in groups for _ in group]
