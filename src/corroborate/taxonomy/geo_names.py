"""Which GeoNames and ISO names the gazetteer index keeps, and the regions' names.

GeoNames lists, for a city, every name it has in any language: "Kyiv", "Kiev", "Київ",
"Киев", but also "IEV" (the airport code), "Ko", romanisations of Chinese or Arabic written
in lower case ("ji fu", "kiu") and names in thirty other scripts. The index keeps names
written in Latin or Cyrillic script, of three letters or more, starting with a capital and
not all in capitals (codes), of at most four words: what an English, Ukrainian or Russian
report may write.

GeoNames' first-level regions (admin1) carry codes ("UA.05"), not names, and those codes are
not ISO 3166-2 ("UA-14"). ``region_matches`` pairs them honestly: an ISO subdivision is the
GeoNames region whose largest cities bear the name the subdivision is called after
("Donetska oblast" -> Donetsk, "Ḩalab Province" -> Halab, an alternate name of Aleppo), or
whose code is the subdivision's own letters (GeoNames writes US states and Swiss cantons as
ISO does: "ID" for US-ID; digits are not compared, "05" is Donetsk for GeoNames and
Vinnytsia for ISO). Only pairs that are unique both ways are kept; an unpaired region is
known by its name and country alone.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence

from corroborate.taxonomy.gazetteer import fold

MAX_WORDS = 4
# the words ISO and its translations append to a region's own name
REGION_WORDS = re.compile(
    r"\b(oblast|oblastʹ|oblast'|region|province|governorate|state|district|raion|county|"
    r"prefecture|municipality|city|krai|kraj|republic|respublika|область|край|республика|"
    r"республіка|губернаторство|провінція|провинция|округ|місто|город|штат|регіон)\b",
    re.IGNORECASE,
)
# "donetska", "odeska", "vinnytska" are the regions of Donetsk, Odesa, Vinnytsia: a shared
# start of four letters or more, then at most two letters of the city and four of the region
MIN_STEM, CITY_ENDING, ENDING = 4, 2, 4


def keeps(name: str) -> bool:
    """Whether an alternate name is one a report in Latin or Cyrillic script may write."""
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 3 or len(name.split()) > MAX_WORDS or any(ch.isdigit() for ch in name):
        return False
    if not letters[0].isupper() or name.isupper():
        return False
    return all(_script(ch) in ("LATIN", "CYRILLIC") for ch in letters)


def _script(ch: str) -> str:
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def core(name: str) -> str:
    """A region's own name without the word for its kind: "Donetska oblast" -> "Donetska"."""
    return " ".join(REGION_WORDS.sub(" ", name).split())


def region_matches(
    subdivisions: Mapping[str, Sequence[str]],
    largest: Mapping[str, Iterable[str]],
) -> dict[str, str]:
    """ISO subdivision code -> GeoNames admin1 code, for one country; unique pairs only.

    ``subdivisions`` gives each ISO code's names (English and translations), ``largest``
    each admin1 code's largest cities' names, folded."""
    claims: dict[str, set[str]] = defaultdict(set)
    for iso, names in subdivisions.items():
        suffix = iso.split("-", 1)[1]
        if suffix.isalpha() and suffix in largest:  # US-ID and ID, CH-ZH and ZH: one scheme
            claims[iso].add(suffix)
        for admin1, cities in largest.items():
            if named_after(names, cities):
                claims[iso].add(admin1)
    chosen = {iso: next(iter(a)) for iso, a in claims.items() if len(a) == 1}
    taken: dict[str, list[str]] = defaultdict(list)
    for iso, admin1 in chosen.items():
        taken[admin1].append(iso)
    return {iso: admin1 for iso, admin1 in chosen.items() if len(taken[admin1]) == 1}


def named_after(region_names: Iterable[str], city_names: Iterable[str]) -> bool:
    """Whether a region called ``region_names`` is named after a city of ``city_names``
    (folded): the same name, or one is the other with a short ending ("donetska")."""
    stems = {fold(core(n)) for n in region_names} - {""}
    return any(_stem_of(stem, city) for stem in stems for city in city_names)


def _stem_of(stem: str, city: str) -> bool:
    shared = next(
        (i for i, (a, b) in enumerate(zip(stem, city, strict=False)) if a != b),
        min(len(stem), len(city)),
    )
    return stem == city or (
        shared >= MIN_STEM and len(city) - shared <= CITY_ENDING and len(stem) - shared <= ENDING
    )


def begins_with(region_names: Iterable[str], city_names: Iterable[str]) -> bool:
    """Whether a region's own name is a city's name with a short ending ("kivska", folded
    Kyivska, is "kiv" and "ska"): how a region is named after a city that is a region of its
    own beside it, which may be shorter than the stems ``named_after`` compares."""
    stems = {fold(core(n)) for n in region_names} - {""}
    return any(
        len(city) >= 3 and stem.startswith(city) and len(stem) - len(city) <= ENDING
        for stem in stems
        for city in city_names
    )
