"""A personal pronoun an act falling on people alone falls on is a person victim.

Detaining, threatening and expelling fall on people alone (``victims: persons`` in
``acts.yaml``), so "him", "her", "them" there stand for persons; a pronoun struck, shelled or
stolen may stand for a thing and stays unknown. A pronoun is never a perpetrator. Sentences
written here; each that names a party has its mirror.
"""

from __future__ import annotations

import pytest

from corroborate.extract.facts.acts import Reading, read
from corroborate.extract.facts.violations import Found, find_violations
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


def found(text: str) -> Found | None:
    doc = load_pipeline()(text)
    return find_violations(doc, Span(0, len(text), text), "2024-03-01", learned=False)


def reading(text: str, act: str) -> Reading:
    return next(r for r in read(load_pipeline()(text)).readings if r.token.lower_ == act)


def victim_classes(text: str, act: str) -> dict[str, str]:
    return {p.token.lower_: p.cls for p in reading(text, act).of("victim")}


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Fighters of the Republic threatened to hand him over to the police.", "Republic"),
        ("Fighters of the Coalition threatened to hand him over to the police.", "Coalition"),
    ],
)
def test_a_threat_to_hand_him_over_is_a_threat_whichever_side(text: str, party: str) -> None:
    result = found(text)
    assert result is not None and result.types == ("threats",)
    assert result.perpetrator is not None and result.perpetrator.text == f"Fighters of the {party}"
    assert result.victims is None  # "him" is a victim, but no phrase to show


@pytest.mark.parametrize(
    "text",
    [
        "The guards detained her at the bus station in May.",
        "They were detained at the bus station in May.",
        "Masked men threatened us and our neighbours.",
        "The officers threatened to arrest them.",
    ],
)
def test_a_pronoun_detained_or_threatened_is_a_person(text: str) -> None:
    result = found(text)
    assert result is not None
    assert set(result.types) & {"arbitrary_detention", "threats"}


def test_the_pronoun_is_classed_a_person_by_the_act_it_suffers() -> None:
    assert victim_classes("The guards detained him near the school.", "detained")["him"] == "person"
    assert victim_classes("The tank crews threatened to shell them.", "threatened") == {
        "them": "unknown"  # the object of a threatened strike may be a position
    }


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("The artillery shelled them at dawn.", "shelled"),
        ("Soldiers stole them from the warehouse.", "stole"),
        ("The guards detained it at the border.", "detained"),
    ],
)
def test_a_pronoun_struck_stolen_or_neuter_stays_unknown(text: str, act: str) -> None:
    assert set(victim_classes(text, act).values()) <= {"unknown", "military"}
    assert found(text) is None  # the parse leaves it open; the learned model decides


@pytest.mark.parametrize(
    "text",
    [
        "They detained two journalists at the bus station.",
        "He threatened the villagers with deportation.",
    ],
)
def test_a_pronoun_is_never_the_perpetrator(text: str) -> None:
    result = found(text)
    assert result is not None and result.perpetrator is None
