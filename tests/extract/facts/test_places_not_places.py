"""Words a GeoNames place bears that the text uses as no place: a person's surname, a
holiday or an English phrase that is only another name of a place, a contraction, an
Arabic name going on past its first word, a sea's or river's name. Every sentence is
written here; each rule is checked for places of more than one country."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.places import find_places
from corroborate.extract.facts.toponyms import spelled_alike


def _resolved(text: str) -> list[tuple[str, str | None]]:
    return [(p.name, p.country) for p in find_places(text) if p.resolved]


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Argues Alex Finley, a former officer. “We were lax,” said Finley.", "Finley"),
        ("The mayor, Maria Balta, spoke. “It was quiet,” said Balta.", "Balta"),
        ("The official, Sergei Sudzha, spoke. Sudzha said it was quiet.", "Sudzha"),
    ],
)
def test_a_surname_shown_by_what_its_person_says_is_no_town(text: str, surname: str) -> None:
    assert surname not in {name for name, _ in _resolved(text)}


@pytest.mark.parametrize(
    ("text", "town", "country"),
    [
        ("Shelling hit Balta overnight, said Ivan Petrenko.", "Balta", "UA"),
        ("Shelling hit Sudzha overnight, said Ivan Petrenko.", "Sudzha", "RU"),
    ],
)
def test_the_same_towns_named_as_towns_stay_places(text: str, town: str, country: str) -> None:
    assert (town, country) in _resolved(text)


def test_an_apposed_name_with_an_english_first_name_is_a_person() -> None:
    text = "The archbishop, Justin Welby, called for a ceasefire."
    assert "Welby" not in {name for name, _ in _resolved(text)}


@pytest.mark.parametrize(
    "text",
    [
        "The president spoke at the White House on Monday.",  # Casablanca, MA
        "Members of the Basic group met.",  # Henderson, US
        "As we use the time of Passover for reflection, talks went on.",  # Mountain City, US
        "During Ramadan the markets closed.",  # Turabah, SA
        "We'll see, and They're sure, I'd say.",  # Well, NL
    ],
)
def test_words_that_are_only_other_names_of_places_are_no_places(text: str) -> None:
    assert _resolved(text) == []


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("They met in Reading.", "Reading", "GB"),  # an English word, the city's own name
        ("Shelling hit Odessa, Ukraine said.", "Odessa", "UA"),  # a spelling of Odesa
        ("The siege of Leningrad lasted 872 days.", "Leningrad", "RU"),  # a large city
        ("Shelling hit Izyum and Kramatorsk in Ukraine.", "Izyum", "UA"),  # the report's country
    ],
)
def test_spellings_and_supported_other_names_stay_places(
    text: str, place: str, country: str
) -> None:
    assert (place, country) in _resolved(text)


def test_a_spelling_is_told_from_a_translation() -> None:
    assert spelled_alike("Odessa", "Odesa") and spelled_alike("Izyum", "Izium")
    assert not spelled_alike("White House", "Casablanca")
    assert not spelled_alike("Passover", "Mountain City")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels held Deir al-Zor.", [("Deir al-Zor", "SY")]),
        ("Divers left Sharm el-Sheikh.", [("Sharm el-Sheikh", "EG")]),
        ("Rebels left the town of Deir al-Adas.", []),  # no place of that name: not Deir, IR
    ],
)
def test_an_arabic_name_goes_on_through_its_article(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert _resolved(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Ships were hit in the Sea of Azov.",  # Azov, RU; Azov, UA
        "Pirates crossed the Gulf of Aden.",  # Aden, YE; Gulf Province, PG
        "Fishermen crossed Lake Van.",  # Van, TR
        "The water of the Dnipro River rose.",  # Dnipro, UA
    ],
)
def test_a_sea_or_river_is_not_the_town_named_in_it(text: str) -> None:
    assert _resolved(text) == []


def test_the_towns_a_sea_or_river_is_named_after_stay_places() -> None:
    found = _resolved("Shelling hit Aden, Dnipro and Mariupol; Van was calm.")
    assert found == [("Aden", "YE"), ("Dnipro", "UA"), ("Mariupol", "UA"), ("Van", "TR")]


@pytest.mark.parametrize(
    "text",
    [
        "The truce began as the holy month of Ramadan began in Ukraine.",  # Romodan, UA
        "Families in the United States marked Passover in Georgia.",  # Mountain City, US
        "Easter and Christmas services were held.",
    ],
)
def test_a_holiday_is_no_place_even_where_a_place_of_its_country_is_named(text: str) -> None:
    holidays = {"Ramadan", "Passover", "Easter", "Christmas"}
    assert not holidays & {name for name, _ in _resolved(text)}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mr Welby arrived in Kyiv on Monday.", "Welby"),
        ("Minister Sirsky visited Bakhmut.", "Sirsky"),
        ("Dr. Rothschild spoke in Aleppo.", "Rothschild"),
    ],
)
def test_a_name_after_a_title_is_a_person(text: str, name: str) -> None:
    written = {p.span.text for p in find_places(text) if p.span is not None}
    assert name not in written
    assert len(written) == 1  # the town of the sentence stays


def test_a_lower_case_word_before_a_capital_is_no_title() -> None:
    assert ("Kyiv", "UA") in _resolved("Official Kyiv said so, and official Moscow agreed.")
    assert ("Moscow", "RU") in _resolved("Official Kyiv said so, and official Moscow agreed.")


def test_a_small_place_written_otherwise_in_a_document_of_another_country_is_no_place() -> None:
    # regression: "the Almarj area" near Damascus was Al Marj in Libya
    text = "Fighting went on near the Almarj area close to Damascus, Syria."
    assert [name for name, _ in _resolved(text)] == ["Damascus", "Syria"]


def test_the_same_place_written_otherwise_stays_where_nothing_points_elsewhere() -> None:
    assert _resolved("Residents of Almarj fled on Monday.") == [("Almarj", "LY")]
