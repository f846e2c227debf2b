"""Error kinds of the violation reader found on its Wikipedia training sample, fixed in the
rules: a suicide attack read as a suicide, a conflict named after a crime, suspects
arrested, a release, a commemoration, firing into a crowd.

Sentences written for these tests; each names a party with its mirror, and both must read
alike. The rules alone are read (no learned model).
"""

from __future__ import annotations

import pytest

from tests.extract.facts.rules_only import types


@pytest.mark.parametrize(
    "text",
    [
        "A rebel suicide bomber killed twelve people in a market.",
        "A government suicide bomber killed twelve people in a market.",
        "A suicide bombing by rebels kills at least 13 people and injures 14 in the city.",
        "A suicide bombing by soldiers kills at least 13 people and injures 14 in the city.",
    ],
)
def test_a_suicide_bomber_killing_people_is_a_killing_not_a_suicide(text: str) -> None:
    assert "killing" in types(text)


def test_a_suicide_in_custody_is_still_no_killing() -> None:
    assert types("The prisoner died by suicide in his cell, the ministry said.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Drug War: rebel gunmen beat and abduct a mayoral candidate in the hills.",
        "Drug War: government gunmen beat and abduct a mayoral candidate in the hills.",
    ],
)
def test_a_conflict_named_after_a_crime_leaves_the_abuse_standing(text: str) -> None:
    assert {"torture", "enforced_disappearance"} <= types(text)


def test_a_crime_as_the_reason_still_excludes() -> None:
    assert types("Police detained two men over a drug deal in the port.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Rebel police arrest three men in connection with last week's bombing.",
        "Government police arrest three men in connection with last week's bombing.",
        "Rebel police arrest four men suspected of planning an attack on a market.",
        "Government police arrest four men suspected of planning an attack on a market.",
        "Rebel police arrest two people for plotting to bomb a church.",
        "Government police arrest two people for plotting to bomb a church.",
    ],
)
def test_suspects_arrested_for_a_crime_are_no_arbitrary_detention(text: str) -> None:
    assert "arbitrary_detention" not in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rebel police detained two journalists on charges of spreading rumours.",
        "Government police detained two journalists on charges of spreading rumours.",
    ],
)
def test_journalists_detained_on_charges_stay_an_allegation(text: str) -> None:
    assert {"arbitrary_detention", "attack_on_journalists"} <= types(text)


@pytest.mark.parametrize(
    "text",
    [
        "A rebel group frees a teacher who was kidnapped near the border last year.",
        "A government militia frees a teacher who was kidnapped near the border last year.",
    ],
)
def test_a_release_is_no_allegation_of_the_captivity_it_ends(text: str) -> None:
    assert types(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters kidnap two aid workers on the road to the camp.",
        "Government fighters kidnap two aid workers on the road to the camp.",
    ],
)
def test_a_kidnapping_without_release_stays_an_allegation(text: str) -> None:
    assert "enforced_disappearance" in types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The town commemorates the victims of the massacre by rebel fighters.",
        "The town commemorates the victims of the massacre by government soldiers.",
    ],
)
def test_a_commemoration_is_background(text: str) -> None:
    assert types(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Rebel gunmen fired into a crowd of demonstrators outside the town hall.",
        "Government troops fired into a crowd of demonstrators outside the town hall.",
    ],
)
def test_firing_into_a_crowd_is_an_attack_on_civilians(text: str) -> None:
    assert "attack_on_civilians" in types(text)
