"""The learned stance model's feature rows: party-blind, and counting what they say."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.link import stance_features as sf
from tests.link.test_stance import AGREE, CLAIM, DISAGREE, DISCUSS, UNRELATED, swap_parties

IDF = sf.idf_table([AGREE, DISAGREE, DISCUSS, UNRELATED])


def test_every_party_phrase_becomes_one_token() -> None:
    # "the Republic" is one of the registry's aliases: its article stays a word, as in
    # "the Northern Coalition"
    assert sf.words("Northern Coalition's artillery hit the Republic") == [
        sf.PARTY,
        "artillery",
        "hit",
        "the",
        sf.PARTY,
    ]
    assert sf.words("Russian troops left Ukraine") == [sf.PARTY, "troops", "left", sf.PARTY]


@pytest.mark.parametrize("text", [AGREE, DISAGREE, DISCUSS, UNRELATED])
def test_rows_do_not_change_when_the_parties_are_exchanged(text: str) -> None:
    row = sf.row(CLAIM, sf.read_text(text, IDF), IDF)
    mirror = sf.row(swap_parties(CLAIM), sf.read_text(swap_parties(text), IDF), IDF)
    assert np.array_equal(row, mirror)


def test_rows_have_one_length_and_tell_related_from_unrelated() -> None:
    related = sf.row(CLAIM, sf.read_text(AGREE, IDF), IDF)
    unrelated = sf.row(CLAIM, sf.read_text(UNRELATED, IDF), IDF)
    assert related.shape == unrelated.shape and related.dtype == np.float64
    # overlap, then whole-text, lead and closest-sentence cosines (see ``row``)
    assert related[0] > unrelated[0] and related[3] > 0.3 > unrelated[3]


def test_refuting_cues_near_the_claim_are_counted() -> None:
    refuting = sf.row(CLAIM, sf.read_text(DISAGREE, IDF), IDF)
    agreeing = sf.row(CLAIM, sf.read_text(AGREE, IDF), IDF)
    near_refuting = 3 + 11  # after overlap, sizes and the eleven overlap figures
    assert refuting[near_refuting] >= 4 and agreeing[near_refuting] == 0


def test_idf_weighs_rare_stems_above_common_ones() -> None:
    table = sf.idf_table(["market shelled", "market closed", "market open", "hoax"])
    assert table[sf.bucket("hoax")] > table[sf.bucket("market")]
    assert table[sf.bucket("never-seen")] == table.max()


def test_overlap_is_that_of_the_rules() -> None:
    claim = sf.read_text(CLAIM, IDF).terms
    assert sf.overlap(claim, claim) == pytest.approx(1.0)
    assert sf.overlap(claim, {}) == 0.0
