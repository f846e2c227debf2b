"""A name borne by a city and by the region named after it: the level the document means.
Every sentence is written here; each rule is checked on Ukraine's oblasts and Syria's
governorates."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.places import find_places
from corroborate.model import Place


def _at(text: str, written: str, occurrence: int = 0) -> Place:
    """The place found at the ``occurrence``-th mention written so."""
    found = [p for p in find_places(text) if p.span is not None and p.span.text == written]
    return found[occurrence]


def _region(place: Place) -> str | None:
    """The ISO code of a first-level region read as such (a city carries a GeoNames id)."""
    return place.region if place.resolved and place.geonames_id is None else None


def _city(place: Place) -> bool:
    return place.resolved and place.geonames_id is not None


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "Shelling in Donetsk and Luhansk went on. The Donetsk and Luhansk regions were hit.",
            ("Donetsk", "UA-14"),
            ("Luhansk", "UA-09"),
        ),
        (
            "Strikes hit Aleppo and Idlib. The provinces of Aleppo and Idlib were shelled.",
            ("Aleppo", "SY-HL"),
            ("Idlib", "SY-ID"),
        ),
    ],
)
def test_names_listed_together_that_the_document_calls_regions_are_the_regions(
    text: str, first: tuple[str, str], second: tuple[str, str]
) -> None:
    assert _region(_at(text, first[0])) == first[1]
    assert _region(_at(text, second[0])) == second[1]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Strikes hit Aleppo and Idlib on Monday.", ("Aleppo", "Idlib")),
        ("Floods hit Kherson and Mykolaiv on Monday.", ("Kherson", "Mykolaiv")),
    ],
)
def test_bare_names_with_no_region_in_the_document_are_the_cities(
    text: str, names: tuple[str, str]
) -> None:
    assert all(_city(_at(text, name)) for name in names)


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Russian forces left Kherson and the Zaporizhzhia region.", "Kherson", "UA-65"),
        ("Fighting went on in Hama and the Homs province.", "Hama", "SY-HM"),
    ],
)
def test_a_name_listed_with_a_region_is_a_region(text: str, name: str, code: str) -> None:
    assert _region(_at(text, name)) == code


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Rockets hit Kharkiv, the second city. The Kharkiv region was shelled too.", "Kharkiv"),
        ("Troops surround Aleppo. Most of Aleppo province is held by rebels.", "Aleppo"),
    ],
)
def test_a_name_alone_stays_the_city_though_the_document_names_its_region(
    text: str, name: str
) -> None:
    assert _city(_at(text, name))


def test_a_capital_that_is_a_region_of_its_own_is_not_the_region_around_it() -> None:
    # Kyiv Oblast (UA-32) does not hold Kyiv (UA-30): "the Kyiv region and Kyiv" are two
    kyiv = _at("Shelling hit the Kyiv region and Kyiv.", "Kyiv")
    assert kyiv.resolved and kyiv.region == "UA-30"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The city of Kherson was quiet. Shelling hit Kherson and the Mykolaiv region.", "Kherson"),
        ("A blast hit the city of Hama. Strikes hit Hama and the Homs province.", "Hama"),
    ],
)
def test_a_name_the_document_calls_both_city_and_region_is_not_resolved(
    text: str, name: str
) -> None:
    assert _city(_at(text, name, 0))
    second = _at(text, name, 1)
    assert not second.resolved and second.canonical == name


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("The Odesa regional administration said two were hurt.", "Odesa", "UA-51"),
        ("The Aleppo regional council said two were hurt.", "Aleppo", "SY-HL"),
    ],
)
def test_a_name_before_regional_is_the_region(text: str, name: str, code: str) -> None:
    assert _region(_at(text, name)) == code


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("In Donetsk, the mayor said. Shelling hit the Donetsk region.", "Donetsk", "UA-14"),
        ("Strikes hit Hama. The province of Hama was shelled.", "Hama", "SY-HM"),
    ],
)
def test_a_city_and_its_region_in_one_document_are_two_places(
    text: str, name: str, code: str
) -> None:
    # regression: both were scored under one key, and the region's reading replaced the
    # city's (or the other way round) for every mention of the name
    city, region = _at(text, name, 0), [p for p in find_places(text) if p.span][-1]
    assert _city(city) and city.region == code
    assert _region(region) == code
