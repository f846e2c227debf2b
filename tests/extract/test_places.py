"""Places normalise across spellings, scripts and possessives to one gazetteer entry."""

from __future__ import annotations

import pytest

from corroborate.extract.places import find_places, fold


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
    assert find_places("the liman was quiet; Springfield too") == []
