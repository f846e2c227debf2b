"""A statement's stance is a closed set whose words are those results.json and the reviews
use: written as JSON, a ``Stance`` is its word, so the results did not change when it became
an enum."""

from __future__ import annotations

import json

import pytest

from corroborate.ids import canonical_json, make_id
from corroborate.model import AGAINST, Attribution, Span, Speaker, Stance, Statement
from corroborate.taxonomy import stances


def test_stances_are_the_vocabulary_terms() -> None:
    assert [s.value for s in Stance] == ["supports", "denies", "counter_accuses", "neutral"]
    assert {s.value for s in Stance} == {term.code for term in stances()}


def test_denials_and_counter_accusations_answer_against() -> None:
    assert {Stance.DENIES, Stance.COUNTER_ACCUSES} == AGAINST
    assert "denies" in AGAINST and "supports" not in AGAINST


def test_a_stance_writes_and_hashes_as_its_word() -> None:
    said = Attribution(
        "sha256:r",
        Speaker(Span(0, 5, "Mayor"), "Mayor"),
        Span(6, 10, "said"),
        Span(11, 20, "no strike"),
        direct=False,
    )
    statement = Statement("sha256:r", said, Stance.COUNTER_ACCUSES)
    assert json.dumps({"stance": statement.stance}) == '{"stance": "counter_accuses"}'
    assert f"stance-{statement.stance}" == "stance-counter_accuses"
    assert make_id("x", Stance.DENIES) == make_id("x", "denies")
    assert canonical_json([Stance.NEUTRAL]) == '["neutral"]'


def test_an_unknown_word_is_no_stance() -> None:
    with pytest.raises(ValueError):
        Stance("agrees")
