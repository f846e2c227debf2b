"""Acts that are no event of the report: denied, possible or future, planned, feared or
foiled, or an earlier event followed up (``extract/facts/modality.py``).

Sentences written for these tests; each names a party with its mirror, and both must read
alike. The rules alone are read (no learned model).
"""

from __future__ import annotations

import pytest

from corroborate.extract.facts.violations import judge_all
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span
from tests.extract.facts.rules_only import types

PARTIES = ["Rebel", "Government"]


def whys(text: str) -> dict[str, str]:
    doc = load_pipeline()(text)
    return {j.reading.token.lower_: j.why for j in judge_all(doc, Span(0, len(text), text))}


@pytest.mark.parametrize("party", PARTIES)
def test_a_denied_act_is_no_allegation(party: str) -> None:
    text = f"{party} troops did not kill the villagers."
    assert whys(text) == {"kill": "negated"}
    assert types(text) == set()


def test_no_victims_is_no_allegation() -> None:
    assert types("No civilians were injured in the strike.") == set()


def test_a_negation_inside_the_act_s_own_words_stays_an_allegation() -> None:
    assert "enforced_disappearance" in types("Her son never returned home after the raid.")


@pytest.mark.parametrize("party", PARTIES)
def test_a_possible_or_future_act_is_no_allegation(party: str) -> None:
    assert whys(f"The {party.lower()} army may shell the town.") == {"shell": "modal"}
    assert types(f"{party} forces will strike the market tomorrow.") == set()


def test_a_past_told_with_doubt_stays_an_allegation() -> None:
    text = "Dozens of civilians may have been killed in the shelling of the market."
    assert "killing" in types(text)


@pytest.mark.parametrize("party", PARTIES)
def test_a_foiled_plot_is_no_allegation(party: str) -> None:
    text = f"Police say they foiled a {party.lower()} plot to bomb a school in the city."
    assert whys(text) == {"bomb": "unrealised"}
    assert types(text) == set()


@pytest.mark.parametrize("party", PARTIES)
def test_an_arrest_over_a_plot_is_of_suspects(party: str) -> None:
    text = f"Two men are arrested after {party.lower()} plans were uncovered to attack a market."
    assert whys(text)["arrested"] == "charge"
    assert types(text) == set()


def test_a_feared_attack_is_no_allegation() -> None:
    assert (
        types("Thousands of residents flee the town in fear of an attack on the market.") == set()
    )


def test_a_purpose_is_no_act() -> None:
    text = "The council offers to send more weapons to better hit the cities of the region."
    assert whys(text) == {"hit": "unrealised"}


def test_an_act_begun_is_done() -> None:
    assert "attack_on_civilians" in types("Soldiers began to shell the village school.")


@pytest.mark.parametrize("party", PARTIES)
def test_a_toll_update_is_a_follow_up(party: str) -> None:
    text = f"The death toll from the bombing of the market by {party.lower()} forces rises to 64."
    assert set(whys(text).values()) == {"follow-up"}
    assert types(text) == set()


def test_an_act_told_before_its_toll_is_the_event() -> None:
    assert "attack_on_civilians" in types("A missile hit the school, and the toll rose to 12.")


def test_an_earlier_event_named_as_past_is_a_follow_up() -> None:
    text = "The mayor visits the families after yesterday's attack in which 39 people died."
    assert set(whys(text).values()) == {"follow-up"}
    assert types(text) == set()


def test_an_earlier_event_as_subject_of_the_harm_is_the_event() -> None:
    assert "killing" in types("Yesterday's attack on the market killed twelve civilians.")


def test_the_act_a_reaction_answers_is_a_follow_up() -> None:
    text = "The cabinet meets in reaction to the killing of a teacher."
    assert whys(text) == {"killing": "follow-up"}


@pytest.mark.parametrize(
    "text",
    [
        "The police registered the case as a possible enforced disappearance.",
        "Monitors documented the killing of four villagers as a potential war crime.",
    ],
)
def test_a_hedged_legal_label_of_a_done_act_stays_an_allegation(text: str) -> None:
    # "possible" and "potential" qualify how an act is classed, not whether it happened:
    # that is the statement's certainty, not an act left undone
    assert types(text) & {"enforced_disappearance", "killing"}
