"""Sentence-level stance evidence: flags per sentence, negated stems, claim-weighted rows."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.link import stance_features as sf
from corroborate.link import stance_sentences as ss
from tests.link.test_stance import AGREE, CLAIM, DISAGREE, DISCUSS, UNRELATED, swap_parties

IDF = sf.idf_table([AGREE, DISAGREE, DISCUSS, UNRELATED])
ROW = 32


def _row(claim: str, text: str) -> list[float]:
    read = sf.read_text(text, IDF)
    claim_vector = sf.vector(sf.stems(claim), IDF)
    cosines = np.array([sf.cosine(claim_vector, v) for v in read.vectors])
    return ss.sentence_row(claim, claim_vector.terms, cosines, read.evidence)


def test_each_sentence_is_flagged_for_what_it_does() -> None:
    read = ss.read_sentences(
        [
            "The video is a hoax.",
            "Experts called the photo a satirical spoof.",
            "No shells were fired.",
            "The strike reportedly killed three.",
            "Officials confirmed the toll.",
            "Was it a strike?",
            'He said "we saw it".',
        ]
    )
    assert read.flags.shape == (7, len(ss.FLAGS))
    assert np.array_equal(read.flags.diagonal(), np.ones(7))
    assert read.flags[3, ss.FLAGS.index("refuting")] == 0


def test_stems_after_a_negation_are_the_negated_ones() -> None:
    read = ss.read_sentences(["Coalition artillery did not shell the market at all."])
    assert {"shell", "market"} <= read.negated[0]
    assert "artillery" not in read.negated[0]


@pytest.mark.parametrize("text", [AGREE, DISAGREE, DISCUSS, UNRELATED])
def test_rows_have_one_length_and_ignore_which_party_is_which(text: str) -> None:
    row = _row(CLAIM, text)
    assert len(row) == ROW
    assert row == _row(swap_parties(CLAIM), swap_parties(text))


def test_a_refuting_sentence_that_restates_the_claim_weighs_most() -> None:
    refuting = ss.FLAGS.index("refuting") * 2  # its best closest-sentence match comes first
    hedging = ss.FLAGS.index("hedging") * 2
    assert _row(CLAIM, DISAGREE)[refuting] > 0.3 > _row(CLAIM, AGREE)[refuting] == 0
    assert _row(CLAIM, DISCUSS)[hedging] > _row(CLAIM, AGREE)[hedging]


def test_a_claim_the_text_negates_is_counted() -> None:
    negated = 2 * len(ss.FLAGS)
    denial = "Coalition artillery did not shell the Velmora market, and no civilians died."
    assert _row(CLAIM, denial)[negated] >= 2
    assert _row(CLAIM, AGREE)[negated] == 0


def test_the_full_row_carries_the_sentence_block_last() -> None:
    read = sf.read_text(DISAGREE, IDF)
    assert sf.row(CLAIM, read, IDF)[-ROW:].tolist() == _row(CLAIM, DISAGREE)
