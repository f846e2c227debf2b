"""Violation types come from the YAML taxonomy's patterns."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.violations import classify


def codes(text: str) -> set[str]:
    return {term.code for term, _ in classify(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("residents were tortured", {"torture"}),
        ("the detention of townspeople", {"arbitrary_detention"}),
        ("taken in an unknown direction", {"enforced_disappearance"}),
        ("their exact fates remained unknown", {"enforced_disappearance"}),
        ("forced to pay bribes", {"extortion"}),
        ("threatened with retaliation against their relatives", {"threats"}),
        ("punitive raids against residents with pro-Russian opinion", {"persecution_opinion"}),
        ("the shelling of School No. 41", {"attack_on_civilians"}),
        ("soldiers looted shops", {"looting"}),
        ("families were deported to the east", {"forced_displacement"}),
        ("he was shot dead at the checkpoint", {"killing"}),
        ("the weather was fine", set()),
    ],
)
def test_classify(text: str, expected: set[str]) -> None:
    assert codes(text) == expected
