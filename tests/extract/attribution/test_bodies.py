"""Registered bodies named in a text: whole words, names and aliases, per registry."""

from __future__ import annotations

from corroborate.extract.attribution.bodies import registered_bodies
from corroborate.taxonomy.registry import Registry, Source, layered

WIRE = Source("Ukrinform", "wire", aliases=("Ukr", "UNIAN wire"))
MISSION = Source("Monitoring Mission", "ngo", aliases=("the Mission",))
PRESS = Source("AP", "wire")


def _names(text: str, *sources: Source) -> list[str]:
    with layered(Registry(sources=sources)):
        return registered_bodies(text)


def test_a_body_is_found_by_its_name_or_an_alias_as_registered() -> None:
    assert _names("the Mission said", WIRE, MISSION) == ["Monitoring Mission"]
    assert _names("according to UNIAN wire", WIRE, MISSION) == ["Ukrinform"]
    assert _names("Ukrinform and the Monitoring Mission", WIRE, MISSION) == [
        "Ukrinform",
        "Monitoring Mission",
    ]


def test_a_name_inside_a_word_is_no_mention() -> None:
    assert _names("Kapustin said", PRESS) == []
    assert _names("Kapustin told AP", PRESS) == ["AP"]  # the whole word, after a part of one
    assert _names("Ukrainian officials", WIRE) == []


def test_a_shorter_alias_that_starts_a_longer_name_does_not_hide_it() -> None:
    # "Ukr" is tried first at the same place and fails at the word's end: the full name fits
    assert _names("Ukrinform reported", Source("Ukrinform", "wire", aliases=("Ukr",))) == [
        "Ukrinform"
    ]


def test_names_are_matched_as_written() -> None:
    assert _names("ap reported", PRESS) == []
    assert _names("the mission said", MISSION) == []


def test_each_registry_is_read_with_its_own_names() -> None:
    assert _names("AP reported", PRESS) == ["AP"]
    assert _names("AP reported", WIRE) == []
    assert _names("Ukr reported", WIRE, PRESS) == ["Ukrinform"]
