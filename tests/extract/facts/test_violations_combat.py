"""Harm that combat causes, read from the parse: unnamed people killed in fighting or in an
attack on a military or police object are combat; named civilians stay an allegation.

Sentences written for these tests; each names a party with its mirror, and both must read
alike. The rules alone are read (no learned model).
"""

from __future__ import annotations

import pytest

from corroborate.extract.facts.acts import classify_participant
from corroborate.extract.facts.violations import judge_all
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span
from tests.extract.facts.rules_only import types


def verdicts(text: str) -> dict[str, str]:
    doc = load_pipeline()(text)
    return {j.reading.token.lower_: j.verdict for j in judge_all(doc, Span(0, len(text), text))}


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_unnamed_people_killed_in_clashes_are_combat(party: str) -> None:
    assert verdicts(f"At least ten people are killed in clashes with {party} fighters.") == {
        "killed": "combat"
    }


@pytest.mark.parametrize("party", ["rebel", "government"])
def test_civilians_killed_in_clashes_stay_a_killing(party: str) -> None:
    assert "killing" in types(f"Five civilians were killed in clashes with {party} fighters.")


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_people_killed_in_an_attack_on_a_police_station_are_combat(party: str) -> None:
    text = f"{party} gunmen attack two police stations, killing five people and injuring 16."
    assert set(verdicts(text).values()) == {"combat"}
    assert types(text) == set()


@pytest.mark.parametrize("party", ["rebel", "government"])
def test_others_wounded_with_troops_are_combat(party: str) -> None:
    text = f"Two roadside bombs kill three {party} troops and wound ten others."
    assert types(text) == set()


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_people_killed_in_an_attack_on_a_market_stay_a_killing(party: str) -> None:
    text = f"{party} gunmen attack a market, killing five people and injuring 16."
    assert "killing" in types(text)


def test_a_part_takes_the_class_of_its_whole() -> None:
    doc = load_pipeline()("The blast killed five members of the armed forces.")
    members = next(t for t in doc if t.lower_ == "members")
    assert classify_participant(members) == "military"


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_members_of_the_armed_forces_killed_are_combat(party: str) -> None:
    assert types(f"{party} shelling killed five members of the armed forces.") == set()


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_security_guards_are_civilians(party: str) -> None:
    assert "killing" in types(f"{party} gunmen killed two security guards at the gate.")


def test_a_disputed_region_is_no_ordinary_crime() -> None:
    assert "killing" in types("Almost 100 civilians are killed in the disputed border region.")


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_unnamed_people_killed_and_wounded_in_clashes_are_combat(party: str) -> None:
    text = f"Five people are killed and twenty are wounded in clashes between {party} units."
    assert set(verdicts(text).values()) == {"combat"}


def test_dying_during_fighting_is_combat_unless_civilians_die() -> None:
    assert verdicts("Two men died during fighting near the airport.") == {"died": "combat"}
    assert "killing" in types("Two civilians died during fighting near the airport.")


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_a_subject_read_as_a_compound_of_a_root_verb_does_the_act(party: str) -> None:
    text = f"{party} police shoot and kill two people during protests over a decision."
    assert "killing" in types(text)


def test_a_noun_act_keeps_its_compound_victim() -> None:
    assert "attack_on_civilians" in types("The hospital shelling was condemned.")


@pytest.mark.parametrize("party", ["rebel", "government"])
def test_a_car_bomb_on_a_convoy_is_combat(party: str) -> None:
    assert types(f"A {party} car bomb hits a convoy, killing four fighters.") == set()


def test_an_aid_convoy_stays_protected() -> None:
    assert "attack_on_civilians" in types("Gunmen attacked an aid convoy near the border.")
