"""Words that are no place, and region phrases, as the place resolver reads them.

Every expectation is written by hand from the gazetteer's sources (GeoNames, ISO 3166-2):
the ISO code of the region meant, or no place at all. Each rule is checked for more than
one country, on both sides of the conflicts the registry lists.
"""

from __future__ import annotations

import pytest

from corroborate.extract.facts.places import find_places
from corroborate.taxonomy import parties
from corroborate.taxonomy.place_words import (
    after_title,
    demonyms,
    is_demonym,
    joins_names,
    region_phrase,
)


def _found(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.name, p.region, p.country) for p in find_places(text) if p.resolved]


# --- demonyms -------------------------------------------------------------------------------


def test_every_countrys_adjectives_are_demonyms_with_their_plurals() -> None:
    for country in parties.countries():
        for adjective in country.adjectives:
            assert is_demonym(adjective), (country.code, adjective)
    assert is_demonym("Syrians") and is_demonym("Ukrainians") and is_demonym("Russians")
    assert is_demonym("SYRIAN") and not is_demonym("Sirjan") and not is_demonym("Syria")
    assert "swisss" not in demonyms()


@pytest.mark.parametrize(
    "text",
    [
        "Syrian officials said the strike was repelled.",  # Sirjan, Iran folds to "sirian"
        "The Kazakh side agreed to the terms.",  # Petropavl lists "Kazakh" among its names
        "Ukrainian officials said the strike was repelled.",
        "Russian officials said the strike was repelled.",
        "Israeli officials said the strike was repelled.",
        "Palestinian officials said the strike was repelled.",
        "Iranian officials said the strike was repelled.",
        "Armenian and Azerbaijani officials traded blame.",
        "Syrians and Iraqis fled across the border.",
    ],
)
def test_a_demonym_is_never_a_place(text: str) -> None:
    assert _found(text) == []


def test_the_town_a_demonym_folds_to_is_still_that_town() -> None:
    found = _found("Shelling hit Sirjan on Monday, local media in Kerman said.")
    assert ("Sirjan", "IR-08", "IR") in found


# --- region phrases -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting went on in the Kherson region.", [("UA-65", "UA")]),
        ("Fighting went on in the region of Kherson.", [("UA-65", "UA")]),
        ("Fighting went on in Kharkiv Oblast.", [("UA-63", "UA")]),
        ("Fighting went on in the Donetsk oblast.", [("UA-14", "UA")]),
        ("Бої тривали, повідомила Херсонська область.", [("UA-65", "UA")]),
        ("Troops withdrew from the Kyiv region.", [("UA-32", "UA")]),  # not the city, UA-30
        ("Troops withdrew from the Kiev region.", [("UA-32", "UA")]),
        (
            "Shelling hit the Donetsk, Luhansk, and Kharkiv regions.",
            [("UA-14", "UA"), ("UA-09", "UA"), ("UA-63", "UA")],
        ),
        # the mirror on the other side of the front, and in another war
        ("Drones struck the Belgorod region.", [("RU-BEL", "RU")]),
        ("Drones struck the Kursk region.", [("RU-KRS", "RU")]),
        ("Air strikes hit the governorate of Aleppo.", [("SY-HL", "SY")]),
        (
            "Air strikes hit the provinces of Aleppo and Damascus.",
            [("SY-HL", "SY"), ("SY-DI", "SY")],
        ),
        ("Air strikes hit Idlib province.", [("SY-ID", "SY")]),
    ],
)
def test_a_region_phrase_is_the_first_level_region(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(region, country) for _, region, country in _found(text)] == expected
    assert all(p.lat is not None for p in find_places(text))  # a region has a point too


@pytest.mark.parametrize(
    ("text", "city", "region"),
    [
        ("Kherson was shelled overnight.", "Kherson", "UA-65"),
        ("Kyiv was shelled overnight.", "Kyiv", "UA-30"),
        ("Belgorod was shelled overnight.", "Belgorod", "RU-BEL"),
        ("Aleppo was shelled overnight.", "Aleppo", "SY-HL"),
    ],
)
def test_a_bare_city_name_stays_the_city(text: str, city: str, region: str) -> None:
    [place] = find_places(text)
    assert (place.canonical, place.region) == (city, region)  # the city, in its region


def test_region_words_are_read_around_the_name() -> None:
    text = "the provinces of Aleppo and Damascus. Homs city"
    aleppo, damascus, homs = (text.index(n) for n in ("Aleppo", "Damascus", "Homs"))
    assert region_phrase(text, aleppo, aleppo + 6)
    assert region_phrase(text, damascus, damascus + 8)
    assert not region_phrase(text, homs, homs + 4)
    assert not region_phrase("Kyiv and other regions", 0, 4)  # "other" ends the list
    assert not region_phrase("the Kharkiv Regional Administration", 4, 11)


# --- organisations --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He said that the party La République En Marche! won the vote.",
        "She said that the Partido Popular De Valencia won the vote.",
        "The station Echo of Moscow reported the strike.",  # a registered outlet
        "The Kharkiv Human Rights Protection Group reported the strike.",
    ],
)
def test_a_place_inside_an_organisations_name_is_no_place(text: str) -> None:
    assert _found(text) == []


def test_a_body_named_for_its_place_keeps_the_place() -> None:
    found = _found("The head of the Kramatorsk City Military Administration said so.")
    assert found == [("Kramatorsk", "UA-14", "UA")]
    assert _found("In Kyiv, people queued for water.") == [("Kyiv", "UA-30", "UA")]


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Mr Welby spoke.", "Welby", True),
        ("Minister Sirsky spoke.", "Sirsky", True),
        ("Lt. Ivanov spoke.", "Ivanov", True),
        ("Official Kyiv said so.", "Kyiv", False),  # a word before a government's seat
        ("the minister Sirsky spoke.", "Sirsky", False),  # a lower-case title
        ("Fighting in Kyiv went on.", "Kyiv", False),
    ],
)
def test_a_capitalised_title_before_a_name_makes_it_a_person(
    text: str, name: str, expected: bool
) -> None:
    assert after_title(text, text.index(name)) is expected


@pytest.mark.parametrize(
    ("between", "expected"),
    [(", ", True), (" and ", True), (", and ", True), (" or ", True), (" and the ", True),
     (" to ", False), (" near ", False), (". ", False)],
)  # fmt: skip
def test_what_lists_two_names(between: str, expected: bool) -> None:
    assert joins_names(between) is expected
