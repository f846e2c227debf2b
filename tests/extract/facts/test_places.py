"""Places normalise across spellings, scripts and possessives to one gazetteer entry."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.places import find_places, fold


@pytest.mark.parametrize(
    "written",
    ["Sloviansk", "Slovyansk", "Slavyansk", "Slov'yansk", "Слов'янськ", "Словʼянськ", "Славянск"],
)
def test_every_spelling_of_sloviansk_is_one_place(written: str) -> None:
    [place] = find_places(f"Residents of {written} were detained.")
    assert place.canonical == "Sloviansk"
    assert place.name == written
    assert (place.lat, place.lon, place.country) == (48.87, 37.62, "UA")


def test_unlisted_transliteration_and_possessive_fold_to_the_same_key() -> None:
    assert fold("Slovjansk") == fold("Sloviansk")
    [place] = find_places("Slovyansk's mayor said so.")
    assert place.canonical == "Sloviansk" and place.name == "Slovyansk"


def test_offsets_point_at_the_written_name() -> None:
    text = "Shelling hit Kramatorsk and Краматорськ again, near Krasny Liman."
    found = find_places(text)
    assert [(p.canonical, text[p.span.start : p.span.end]) for p in found if p.span] == [
        ("Kramatorsk", "Kramatorsk"),
        ("Kramatorsk", "Краматорськ"),
        ("Lyman", "Krasny Liman"),
    ]


def test_multiword_names_win_over_their_parts() -> None:
    [place] = find_places("Across the Donetsk region, monitors counted.")
    assert place.canonical == "Donetsk Oblast" and place.within == "Donbas"


def test_lowercase_words_and_unknown_names_are_not_places() -> None:
    assert find_places("the liman was quiet; Qwzxplk too") == []


def test_springfield_is_named_but_not_resolved_without_its_state() -> None:
    [place] = find_places("the liman was quiet; Springfield too")
    assert (place.canonical, place.resolved, place.lat) == ("Springfield", False, None)


# GeoNames beyond the overlay: the places the overlay never listed, and other wars. The
# canonical name is GeoNames' own ("Mykolayiv", "Vinnytsya"), whichever spelling is written.


@pytest.mark.parametrize(
    ("sentence", "canonical", "region"),
    [
        ("Missiles struck the port of Odesa overnight.", "Odesa", "UA-51"),
        ("The governor of Mykolaiv said the shelling went on.", "Mykolayiv", "UA-48"),
        ("Fighting for Soledar continued.", "Soledar", "UA-14"),
        ("A depot in Lviv burned.", "Lviv", "UA-46"),
        ("A shopping centre in Kremenchuk was hit.", "Kremenchuk", "UA-53"),
        ("Officials in Vinnytsia counted the dead.", "Vinnytsya", "UA-05"),
        ("Paratroopers landed at Hostomel airfield.", "Hostomel", "UA-32"),
        ("Apartment blocks in Borodianka collapsed.", "Borodianka", "UA-32"),
        ("Bodies were found in Bucha.", "Bucha", "UA-32"),
        ("Миколаїв знову обстріляли.", "Mykolayiv", "UA-48"),
        ("Одеса: вибухи вночі.", "Odesa", "UA-51"),
        ("Обстрел: Винница.", "Vinnytsya", "UA-05"),
    ],
)
def test_places_the_overlay_does_not_list_resolve_from_geonames(
    sentence: str, canonical: str, region: str
) -> None:
    [place, *_] = find_places(sentence)
    assert (place.canonical, place.country, place.resolved) == (canonical, "UA", True)
    assert place.geonames_id is not None and place.lat is not None
    assert place.region in (region, None)


def test_cyrillic_forms_in_both_languages_are_one_place() -> None:
    ukrainian, russian = find_places("Херсон. Херсон.")[0], find_places("Львов. Херсон.")[0]
    assert ukrainian.canonical == "Kherson" and russian.canonical == "Lviv"


@pytest.mark.parametrize(
    ("sentence", "canonical", "country"),
    [
        ("Shelling of Aleppo resumed on Friday.", "Aleppo", "SY"),
        ("Residents fled Khartoum as fighting spread.", "Khartoum", "SD"),
        ("An air strike hit a school in Gaza City.", "Gaza", "PS"),
    ],
)
def test_places_of_other_wars_resolve_too(sentence: str, canonical: str, country: str) -> None:
    [place] = find_places(sentence)
    assert (place.canonical, place.country, place.resolved) == (canonical, country, True)


def test_olenivka_is_the_one_near_donetsk_when_the_report_says_donetsk() -> None:
    text = "Prisoners died at a colony in Olenivka, south-west of Donetsk."
    olenivka = next(p for p in find_places(text) if p.name == "Olenivka")
    assert olenivka.resolved and olenivka.lat is not None and olenivka.lon is not None
    assert (round(olenivka.lat, 1), round(olenivka.lon, 1)) == (47.8, 37.7)


def test_olenivka_is_the_one_near_odesa_when_the_report_says_odesa() -> None:
    text = "Police in Odesa region said a house in Olenivka burned."
    olenivka = next(p for p in find_places(text) if p.name == "Olenivka")
    assert olenivka.resolved and olenivka.lat is not None and olenivka.lon is not None
    assert (round(olenivka.lat, 1), round(olenivka.lon, 1)) == (48.0, 29.5)


def test_a_name_several_places_bear_is_not_resolved_without_context() -> None:
    [place] = find_places("Monitors visited Olenivka.")
    assert (place.name, place.canonical, place.resolved) == ("Olenivka", "Olenivka", False)
    assert (place.lat, place.lon, place.country, place.geonames_id) == (None, None, None, None)
    assert place.key == "unresolved:Olenivka"


def test_moscow_is_the_capital_unless_the_report_is_about_idaho() -> None:
    [moscow] = find_places("Officials in Moscow denied it.")
    assert (moscow.canonical, moscow.country) == ("Moscow", "RU")
    text = "Police in Idaho said a student in Moscow was missing."
    idaho = next(p for p in find_places(text) if p.name == "Moscow")
    assert (idaho.country, idaho.resolved) == ("US", True)


@pytest.mark.parametrize(
    "text",
    [
        "The Kyiv Independent and the Kyiv Post reported it.",
        "Researchers of the Donbas Monitor Group counted the graves.",
        "Marta Ilchenko said so; Ilchenko later added details.",
        "Hope remains. Victory was declared. The Mission ended.",
        "They criticised the Republic's authorities.",
        "Fighters of the “Granit” battalion were seen.",
        "Marta Ilchenko wrote the note.\n\nRegards,\nMarta",
        "My son was taken. The East was quiet.",
        "Вона сказала: Один з них не повернувся. Она ушла.",
        "The EWA and the DMG said nothing.",
    ],
)
def test_organisations_persons_and_common_words_are_not_places(text: str) -> None:
    assert find_places(text) == []


def test_unrelated_events_do_not_fall_back_to_kyiv() -> None:
    found = find_places("Shelling was reported in a village near the border.")
    assert found == []
    assert all(p.canonical != "Kyiv" for p in find_places("Monitors visited Olenivka."))


def test_a_place_may_be_followed_by_the_word_for_its_authority() -> None:
    [place] = find_places("The Kramatorsk City Military Administration said so.")
    assert place.canonical == "Kramatorsk"


def test_a_title_case_headline_still_names_its_place() -> None:
    [place] = find_places("Russian Strike Hits Odesa Port and Kills Two")
    assert (place.canonical, place.country) == ("Odesa", "UA")


def test_a_line_of_capitalised_words_is_a_name_not_a_headline() -> None:
    assert find_places("Novy Vestnik State News\n28 April 2022") == []


def test_a_quoted_overlay_spelling_is_still_the_place() -> None:
    [place] = find_places("Coalition media write “Liman”.")
    assert place.canonical == "Lyman"


def test_an_all_capitals_headline_names_its_place() -> None:
    [place] = find_places("SLOVYANSK RESIDENTS WERE TORTURED OVER PHONE CONTENTS")
    assert place.canonical == "Sloviansk"
