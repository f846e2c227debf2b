"""Folded keys and spelling lists shared by extraction and search."""

from __future__ import annotations

from corroborate.taxonomy.gazetteer import fold, spellings


def test_fold_merges_transliterations_and_scripts() -> None:
    assert fold("Slovyansk") == fold("Sloviansk") == fold("Слов'янськ") == fold("Sloviansk's")
    assert fold("Slavyansk") == fold("Славянск")


def test_spellings_of_a_place_and_of_an_unknown_word() -> None:
    assert set(spellings("Slovyansk")) >= {"Slovyansk", "Sloviansk", "Slavyansk", "Слов'янськ"}
    assert spellings("Springfield") == ("Springfield",)
