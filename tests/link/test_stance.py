"""Stance rules on invented sentences about a fictional conflict, and their neutrality."""

from __future__ import annotations

import re

import pytest

from corroborate.link.cues import (
    CONFIRMING_RE,
    STRONG_RE,
    _alternation,
    content_stems,
    count_cues,
    hedging_score,
    refuting_score,
    stem,
)
from corroborate.link.stance import (
    STATEMENT_STANCES,
    PairStance,
    assess,
    near_claim,
    pair_stance,
    similarity,
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
def test_the_rules_read_each_stance(text: str, label: str) -> None:
    assert assess(CLAIM, text).label == label


# The learned model reads the invented DISAGREE text as "discuss" (its disagree recall on
# the FNC-1 test set is in bench/results/eval_stance.json): only the rules are held to it.
@pytest.mark.parametrize(
    ("text", "label"), [(AGREE, "agree"), (DISCUSS, "discuss"), (UNRELATED, "unrelated")]
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


@pytest.mark.parametrize("text", [AGREE, DISAGREE, DISCUSS, UNRELATED])
def test_pair_stance_is_neutral_between_parties(text: str) -> None:
    assert pair_stance(swap_parties(CLAIM), swap_parties(text)) == pair_stance(CLAIM, text)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("countries", "country"),  # -ies becomes -y
        ("shelling", "shell"),
        ("shelled", "shell"),
        ("marches", "march"),
        ("civilians", "civilian"),
        ("army's", "army"),  # a possessive is cut at the apostrophe
        ("dies", "die"),  # three letters must remain: not "d" + "y", nor "di"
        ("market", "market"),  # no suffix, nothing cut
        ("red", "red"),
    ],
)
def test_stem_strips_one_suffix_and_keeps_three_letters(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_content_stems_drop_stopwords_and_single_letters_and_lowercase() -> None:
    assert content_stems("The UN monitors said unit B shelled the village") == [
        "un",
        "monitor",
        "unit",
        "shell",
        "village",
    ]


def test_cue_patterns_match_whole_words_in_any_case() -> None:
    pattern = _alternation(("deny", "fake"))
    assert pattern.findall("DENY the fakery; Fake, denying, fake.") == ["DENY", "Fake", "fake"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the footage is fake", 1),
        ("not fake", 0),  # a negator at the very start of the text still counts
        ("the footage is not fake, but it was staged", 1),  # only the negated cue is skipped
        ("fake footage and a staged scene", 2),
        # a negator 24 characters before the cue reaches it, 25 characters before it does not
        ("not counterrevolutionar fake", 0),
        ("not counterrevolutionary fake", 1),
    ],
)
def test_count_cues_skips_cues_a_close_negator_cancels(text: str, expected: int) -> None:
    assert count_cues(STRONG_RE, text) == expected


def test_strong_refuting_cues_count_two_and_weak_ones_one() -> None:
    assert refuting_score("the footage is fake") == 2
    assert refuting_score("officials dismissed the report") == 1
    assert refuting_score("officials dismissed the fake report") == 3


def test_hedging_counts_modal_may_and_is_never_negated() -> None:
    assert hedging_score("the strike may have allegedly hit the school") == 2
    assert hedging_score("the strike in May hit the school") == 0
    # "no one could" still hedges; a negated "confirm" confirms nothing
    assert hedging_score("No one could confirm the toll") == 1
    assert count_cues(CONFIRMING_RE, "Officials could not confirm the toll") == 0


@pytest.mark.parametrize(
    ("claim", "text", "near"),
    [
        # a claim of three content words needs one of them in a sentence
        (
            "Artillery shelled Velmora",
            "Velmora is quiet today. Markets reopened in Velmora. Prices rose.",
            "Velmora is quiet today. Markets reopened in Velmora.",
        ),
        # four or more need two: "Velmora" alone is not near, "Artillery … Velmora" is
        (
            "Artillery shelled the Velmora market",
            "Velmora is quiet today. Artillery hit Velmora overnight. Prices rose.",
            "Artillery hit Velmora overnight.",
        ),
        # no sentence near the claim: the whole text is read
        ("Artillery shelled Velmora", "Prices rose. Rain fell.", "Prices rose. Rain fell."),
    ],
)
def test_near_claim_keeps_the_sentences_that_share_claim_terms(
    claim: str, text: str, near: str
) -> None:
    assert near_claim(claim, text) == near


def test_assess_reports_the_scores_behind_each_label() -> None:
    assert assess(CLAIM, "Rain fell over the capital.") == PairStance("unrelated", 0.0)
    # the claim itself, without any cue: everything shared, nothing hedged, so it agrees
    assert assess(CLAIM, CLAIM + ".") == PairStance("agree", 1.0, 0, 0, 0)
    # reportedly, according to, claims, could not be verified, unclear; the negated
    # "verified" confirms nothing
    discuss = assess(CLAIM, DISCUSS)
    assert (discuss.label, discuss.refuting, discuss.hedging, discuss.confirming) == (
        "discuss",
        0,
        5,
        0,
    )
    agree = assess(CLAIM, AGREE)  # "confirmed"
    assert (agree.label, agree.refuting, agree.hedging, agree.confirming) == ("agree", 0, 0, 1)


def test_one_strong_refuting_cue_near_the_claim_is_a_disagreement() -> None:
    text = "The Coalition called the report that its artillery shelled the Velmora market fake."
    result = assess(CLAIM, text)
    assert (result.label, result.refuting) == ("disagree", 2)


def test_a_claim_with_one_weak_refuting_cue_agrees_with_a_text_that_refutes() -> None:
    """The rules' own reading: "denies" (one weak cue) in the claim makes a refuting text an
    agreement (no hedge, no confirmation near it); the same text disagrees with the plain
    allegation."""
    text = "The Northern Coalition denied shelling the Velmora market, calling it false."
    denial = assess("Northern Coalition denies shelling the Velmora market", text)
    assert (denial.label, denial.refuting) == ("agree", 3)
    plain = assess("Northern Coalition shelled the Velmora market", text)
    assert (plain.label, plain.refuting) == ("disagree", 3)
