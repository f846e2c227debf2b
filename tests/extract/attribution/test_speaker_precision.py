"""Speaker precision on hand-written news sentences: each text with the speakers it names,
in order (the same speaker twice in a row counted once), checked by hand.

The texts cover the failure classes of issue 13: pronouns with and without an antecedent
across sentences, a gender stated by the text against names that state none, fragments
("According to preliminary information", "Amid the shelling"), a body's head word ("the
Mission"), a bare place, a shouted headline, relayed witnesses and generic groups.
``(canonical, unresolved)``: an unresolved speaker names nobody the text identifies.
"""

from __future__ import annotations

import pytest

from corroborate.extract import Extractor

CASES = [
    (
        "Colonel Marko Petrenko said the shelling killed four civilians.",
        [("Marko Petrenko", False)],
    ),
    ("Witnesses said soldiers had fired on men fleeing the town.", [("Witnesses", False)]),
    (
        "A resident told the Black Sea Observer that her neighbour was detained.",
        [("resident", False)],
    ),
    ("Survivors described being held in a basement for a week.", [("Survivors", False)]),
    ("Locals said the convoy was shelled near the bridge.", [("Locals", False)]),
    ("One woman said soldiers took her husband away.", [("One woman", False)]),
    (
        "Halyna Bondar, a nurse, said the ward was hit. She added that two patients died in"
        " the attack.",
        [("Halyna Bondar", False)],
    ),
    ("He said the village had been shelled overnight.", [("He", True)]),
    ("They said the road to the village was mined.", [("They", True)]),
    (
        "According to preliminary information, two civilians were killed.",
        [("preliminary information", True)],
    ),
    ("Amid the shelling, officials said three people were wounded.", [("officials", False)]),
    ("The Mission said a school was damaged in the strike.", [("The Mission", True)]),
    ("In Kramatorsk, the mayor said a hospital was struck.", [("mayor", False)]),
    ("My brother was taken by soldiers, said Olena Shevchuk.", [("Olena Shevchuk", False)]),
    (
        "Ms Kateryna Lys spoke to reporters on Monday. Mr Ivan Hrab stood beside her. She said"
        " her son had been detained by soldiers.",
        [("Kateryna Lys", False)],
    ),
    (
        "John Miller visited the site. He said the school had been shelled.",
        [("John Miller", False)],
    ),
    (
        "Oksana Melnyk visited the site. He said the school had been shelled.",
        [("Oksana Melnyk", False)],
    ),
    (
        "Oksana Melnyk visited the site. She said the school had been shelled.",
        [("Oksana Melnyk", False)],
    ),
    (
        "The Joint Civilian Protection Monitoring Mission visited Izium in May. The Mission"
        " said it had received reports of looting.",
        [("Joint Civilian Protection Monitoring Mission", False)],
    ),
    ("Human Rights Watch said the detainees were beaten.", [("Human Rights Watch", False)]),
    (
        "A fourth witness said a neighbour detained in April has not returned.",
        [("fourth witness", False)],
    ),
    ("We have documented twelve cases of torture, the group said.", [("group", False)]),
    (
        "Asked about the strike, the spokesman denied that civilians were hit.",
        [("spokesman", False)],
    ),
    ("The Coalition said the Republic's forces shelled the school.", [("Coalition", False)]),
    ("Residents said they were forced onto buses in Lyman.", [("Residents", False)]),
    ("Kramatorsk said the hospital was struck by two rockets.", [("Kramatorsk", True)]),
    ("COALITION SAYS REPUBLIC FORCES SHELLED THE SCHOOL", [("COALITION", True)]),
    (
        "Information available to us suggests he was detained by soldiers.",
        [("Information available to us", True)],
    ),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor.load()


@pytest.mark.parametrize(("text", "speakers"), CASES)
def test_speaker_of_each_sentence(
    extractor: Extractor, text: str, speakers: list[tuple[str, bool]]
) -> None:
    found: list[tuple[str, bool]] = []
    for attribution in extractor.extract(text).attributions:
        speaker = (attribution.speaker.canonical, attribution.speaker.unresolved)
        if not found or found[-1] != speaker:
            found.append(speaker)
    assert found == speakers
