"""Combat read from the parse (``extract/facts/combat.py``): attacks on a place whose only
harm told is to armed forces, persons named by name alone in fighting, peacekeepers.

Sentences written for these tests; each names a party with its mirror, and both must read
alike. The rules alone are read (no learned model).
"""

from __future__ import annotations

import pytest

from corroborate.extract.facts.violations import judge_all
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span
from tests.extract.facts.rules_only import types

PARTIES = [("government", "rebel"), ("rebel", "government")]


def verdicts(text: str) -> dict[str, str]:
    doc = load_pipeline()(text)
    return {j.reading.token.lower_: j.verdict for j in judge_all(doc, Span(0, len(text), text))}


@pytest.mark.parametrize(("attacker", "victim"), PARTIES)
def test_raids_on_a_village_killing_only_fighters_are_combat(attacker: str, victim: str) -> None:
    text = f"{attacker.title()} raids on the village killed four {victim} fighters."
    assert set(verdicts(text).values()) == {"combat"}
    assert types(text) == set()


@pytest.mark.parametrize(("attacker", "victim"), PARTIES)
def test_raids_on_a_village_killing_children_stay_an_allegation(attacker: str, victim: str) -> None:
    text = f"{attacker.title()} airstrikes on the village killed five {victim} fighters"
    text += " and three children."
    assert {"attack_on_civilians", "killing"} <= types(text)


def test_a_training_camp_is_a_military_object() -> None:
    text = "At least fifty militants are killed in an air strike on a training camp."
    assert set(verdicts(text).values()) == {"combat"}


@pytest.mark.parametrize("name", ["Abdul Rahman", "John Miller"])
def test_a_person_named_by_name_alone_killed_in_a_clash_is_combat(name: str) -> None:
    assert types(f"Fugitive {name} dies in a clash in the mountains.") == set()


def test_a_journalist_killed_in_a_clash_stays_protected() -> None:
    assert "killing" in types("Journalist Anna Berg dies in a clash in the mountains.")


@pytest.mark.parametrize("party", ["rebel", "government"])
def test_peacekeepers_killed_in_an_ambush_are_protected(party: str) -> None:
    # protected as civilians while they take no direct part in hostilities
    assert "killing" in types(f"Seven peacekeepers are killed in a {party} ambush.")
    assert "attack_on_civilians" in types(f"{party.title()} gunmen attack a peacekeeping convoy.")
