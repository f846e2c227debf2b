"""Outlet chains from wire-copy formulas."""

from __future__ import annotations

from corroborate.extract.outlets import find_outlets


def test_reported_by_and_citing() -> None:
    text = (
        "This claim was reported by TASS. "
        "The Daily Post, citing Novy Vestnik State News (NVSN), added more."
    )
    assert find_outlets(text) == ["TASS", "Novy Vestnik State News", "NVSN"]


def test_outlet_as_subject_of_reported() -> None:
    assert find_outlets("Eastern Wire Agency reported on Monday that …") == ["Eastern Wire Agency"]


def test_names_do_not_run_across_sentences() -> None:
    assert find_outlets("It was reported by TASS.\nMizintsev added that …") == ["TASS"]


def test_no_outlets() -> None:
    assert find_outlets("He said that residents were detained.") == []


def test_a_word_opening_the_sentence_is_no_outlet() -> None:
    # regression: "As reported by TASS" gave an outlet called "As"
    assert find_outlets("As reported by TASS, three civilians were killed.") == ["TASS"]
    assert find_outlets("As Ukrinform reported, the bridge was shelled.") == ["Ukrinform"]
