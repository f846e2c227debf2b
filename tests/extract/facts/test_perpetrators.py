"""Who an allegation says did the act: a whole phrase that names them, or nobody.

Read through the whole extraction (parse, encoder, name-blind parsing), because the wrong
readings these tests pin down came from how the full parse attaches words in long
sentences. Expectations written by hand; sentences that name a party have their mirror.
"""

from __future__ import annotations

import pytest

from corroborate.extract import Extractor


def perpetrators(text: str) -> list[str | None]:
    found = Extractor.load().extract(text, published="2024-03-01")
    assert found.allegations, "the sentence alleges an act"
    return [g.perpetrator.text if g.perpetrator else None for g in found.allegations]


@pytest.mark.parametrize("army", ["Eastern", "Western"])
def test_the_subject_of_a_coordinated_act_is_its_whole_noun_phrase(army: str) -> None:
    # the parse makes "tortured" a modifier of "farmers"; the perpetrator is still the
    # subject of "had detained", whole, and never a run of words ending in a verb
    text = (
        f"The mayor said on Friday that soldiers of the {army} Army’s Second Mountain "
        "Brigade had detained and tortured farmers of Orlivka suspected of helping the rebels."
    )
    assert perpetrators(text) == [f"soldiers of the {army} Army’s Second Mountain Brigade"]


@pytest.mark.parametrize(
    "text",
    [
        "Officials said three people were killed and eleven injured when rockets struck the "
        "clinic and a school nearby.",
        "Officials said two civilians were killed and nine injured when rockets hit a school "
        "and a clinic in Orlivka on Monday.",
    ],
)
def test_a_number_of_people_harmed_is_no_perpetrator(text: str) -> None:
    assert perpetrators(text) == [None]


def test_a_demonstrative_subject_is_no_perpetrator() -> None:
    text = (
        "The ministry said: “This was a deliberate strike on a market where people were "
        "buying food.”"
    )
    assert perpetrators(text) == [None]


def test_a_commander_named_before_the_act_did_not_do_it() -> None:
    # a combatant noun before a nominal act is no agent unless the parse makes it one
    text = (
        "The lawyer spoke after a briefing by General Petro Melnyk about the torture of "
        "detainees in the camp, the agency reported."
    )
    assert perpetrators(text) == [None]


@pytest.mark.parametrize("side", ["Republic", "Coalition"])
def test_a_coordinated_act_tagged_as_a_noun_keeps_the_phrase_before_it(side: str) -> None:
    # the parse may tag "shot" in "shot and killed" a noun hanging on "fighters"
    text = (
        "Colonel General Petro Melnyk said that fighters of the "
        f"{side} shot and killed three civilians fleeing Orlivka on 20 April 2022."
    )
    assert perpetrators(text) == [f"fighters of the {side}"]
