"""Folded keys and spelling lists shared by extraction and search."""

from __future__ import annotations

from corroborate.taxonomy.gazetteer import apostrophe_variants, fold
from corroborate.taxonomy.geo import spellings


def test_fold_merges_transliterations_and_scripts() -> None:
    assert fold("Slovyansk") == fold("Sloviansk") == fold("Слов'янськ") == fold("Sloviansk's")
    assert fold("Slavyansk") == fold("Славянск")


def test_fold_drops_diacritics_but_keeps_cyrillic_letters_apart() -> None:
    assert fold("Ḩalab") == fold("Halab") == "halab"
    assert fold("Київ") == fold("Kyiv") and fold("Донецьк") == "donetsk"
    assert fold("Donetsʹk") == fold("Donets'k") == "donetsk"


def test_apostrophe_variants_write_every_apostrophe() -> None:
    assert apostrophe_variants("Slov'yansk") == (
        "Slov'yansk",
        "Slov’yansk",
        "Slovʼyansk",
        "Slovyansk",
    )
    assert apostrophe_variants("Kyiv") == ("Kyiv",)


def test_spellings_of_a_place_and_of_an_unknown_word() -> None:
    assert set(spellings("Slovyansk")) >= {"Slovyansk", "Sloviansk", "Slavyansk", "Слов'янськ"}
    assert spellings("Qwzxplk") == ("Qwzxplk",)


def test_spellings_with_an_ascii_apostrophe_find_every_form() -> None:
    # regression: "Слов'янськ" and "Slov'yansk" written with ' missed the forms written with ʼ
    for word in ("Слов'янськ", "Slov'yansk"):
        found = set(spellings(word))
        assert {"Sloviansk", "Словʼянськ", "Слов'янськ", "Слов’янськ", "Slov’yansk"} <= found


def test_spellings_of_a_place_only_geonames_knows() -> None:
    found = set(spellings("Odessa"))
    assert {"Odessa", "Odesa", "Одеса", "Одесса"} <= found
