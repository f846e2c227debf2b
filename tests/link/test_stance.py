"""Stance rules on invented sentences about a fictional conflict, and their neutrality."""

from __future__ import annotations

import re

import pytest

from corroborate.link.stance import (
    STATEMENT_STANCES,
    assess,
    pair_stance,
    similarity,
    statement_stance,
)
from corroborate.taxonomy import stances

CLAIM = "Northern Coalition artillery shelled the Velmora market, killing twelve civilians"

AGREE = (
    "Northern Coalition artillery shelled the Velmora market on Tuesday morning. "
    "Twelve civilians were killed at the market, hospital staff confirmed. "
    "Craters near the market stalls match artillery shells fired from the north."
)
DISAGREE = (
    "The Northern Coalition denied that its artillery shelled the Velmora market. "
    "A Coalition spokesperson called the account of the Velmora market fabricated and "
    "said the videos of killed civilians were staged."
)
DISCUSS = (
    "Northern Coalition artillery reportedly shelled the Velmora market, according to "
    "local residents. The claims about twelve civilians killed at the market could not be "
    "verified, and it is unclear who fired the shells."
)
UNRELATED = (
    "The Republic's central bank raised interest rates by half a point to curb inflation, "
    "and economists expect grain exports to recover next spring."
)


def swap_parties(text: str) -> str:
    """Exchange the two parties' names, keeping sentence-initial capitals."""
    names = {
        "Northern Coalition": "Republic",
        "Republic": "Northern Coalition",
        "Coalition": "Republic",
    }
    return re.sub(r"Northern Coalition|Republic|Coalition", lambda m: names[m.group(0)], text)


@pytest.mark.parametrize(
    ("text", "label"),
    [(AGREE, "agree"), (DISAGREE, "disagree"), (DISCUSS, "discuss"), (UNRELATED, "unrelated")],
)
def test_pair_stance(text: str, label: str) -> None:
    assert pair_stance(CLAIM, text) == label


def test_a_claim_that_itself_denies_agrees_with_a_denying_text() -> None:
    claim = "Northern Coalition denies shelling the Velmora market"
    assert pair_stance(claim, DISAGREE) != "disagree"


def test_negated_refutation_is_not_disagreement() -> None:
    text = (
        "Northern Coalition artillery shelled the Velmora market. The Coalition did not "
        "deny that twelve civilians were killed, and the footage is not fake."
    )
    result = assess(CLAIM, text)
    assert result.refuting == 0
    assert result.label != "disagree"


def test_similarity_is_symmetric_and_bounded() -> None:
    assert similarity(CLAIM, AGREE) == pytest.approx(similarity(AGREE, CLAIM))
    assert 0.0 <= similarity(CLAIM, UNRELATED) < similarity(CLAIM, AGREE) <= 1.0
    assert similarity("", AGREE) == 0.0


def test_statement_codes_are_the_taxonomy() -> None:
    assert set(STATEMENT_STANCES) == {term.code for term in stances()}


@pytest.mark.parametrize(
    ("content", "cue", "alleges", "accuses_other", "expected"),
    [
        ("Coalition drones struck the Velmora clinic twice", "say", True, True, "supports"),
        ("the reports of a strike on the Velmora clinic", "deny", False, False, "denies"),
        ("the video of the clinic strike is fake", "say", False, False, "denies"),
        ("its units never targeted the clinic", "insist", False, False, "denies"),
        (
            "the strike was staged and it was the Republic's own militia who shelled the clinic",
            "say",
            False,
            False,
            "counter_accuses",
        ),
        ("the accusation", "reject", False, True, "counter_accuses"),
        ("a ceasefire commission will visit Velmora", "announce", False, False, "neutral"),
        ("the clinic was hit on Tuesday", None, False, False, "neutral"),
    ],
)
def test_statement_stance(
    content: str, cue: str | None, alleges: bool, accuses_other: bool, expected: str
) -> None:
    got = statement_stance(content, cue_lemma=cue, alleges=alleges, accuses_other=accuses_other)
    assert got == expected


def test_denial_that_is_negated_is_not_a_denial() -> None:
    content = "the Republic did not deny that its forces were near the clinic"
    assert statement_stance(content, cue_lemma="say", alleges=False, accuses_other=False) == (
        "neutral"
    )


@pytest.mark.parametrize("text", [AGREE, DISAGREE, DISCUSS, UNRELATED])
def test_pair_stance_is_neutral_between_parties(text: str) -> None:
    assert pair_stance(swap_parties(CLAIM), swap_parties(text)) == pair_stance(CLAIM, text)


@pytest.mark.parametrize(
    ("content", "cue", "alleges", "accuses_other"),
    [
        ("Northern Coalition shelling killed twelve in Velmora", "say", True, True),
        ("the Republic's claims are lies; the Republic shelled its own town", "say", False, False),
        ("the Northern Coalition rejects the report", "reject", False, True),
        ("Republic observers will visit the market", "announce", False, False),
    ],
)
def test_statement_stance_is_neutral_between_parties(
    content: str, cue: str, alleges: bool, accuses_other: bool
) -> None:
    flags = {"cue_lemma": cue, "alleges": alleges, "accuses_other": accuses_other}
    assert statement_stance(swap_parties(content), **flags) == statement_stance(content, **flags)
