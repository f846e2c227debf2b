"""The learned stance model's feature rows: party-blind, and counting what they say."""

from __future__ import annotations

import math
import zlib

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


# Rows worked out by hand. Every stem weighs 1 but "dawn", which weighs 2: a vector's weight
# for a stem is (1 + log count) x idf, divided by the vector's length.
FLAT = np.ones(1 << sf.HASH_BITS)
FLAT[sf.bucket("dawn")] = 2.0
ONES = np.ones(1 << sf.HASH_BITS)


def test_a_row_s_relatedness_figures_worked_out_by_hand() -> None:
    # claim stems: soldier shell twice dawn official met shop clos (8; length sqrt(11));
    # sentences: soldier shell bridge | rain fell dawn | official met | shop clos | crowd gather
    claim = "soldiers shelled twice at dawn, officials met, shops closed"
    text = (
        "Soldiers shelled the bridge. Rain fell at dawn. Officials met. Shops closed. "
        "Crowds gathered."
    )
    row = sf.row(claim, sf.read_text(text, FLAT), FLAT)
    r = math.sqrt
    expected = [
        12 / 15,  # stems and stem pairs shared (7 + 5) over the claim's (8 + 7)
        math.log1p(12),  # words of the text
        math.log1p(5),  # sentences
        10 / (r(11) * r(15)),  # cosine with the whole text (its length sqrt(11 + 4))
        6 / (r(11) * 3),  # with the lead: two sentences, length sqrt(5 + 4)
        4 / (r(11) * r(6)),  # the closest sentence: rain fell dawn
        (4 / (r(11) * r(6)) + 2 * 2 / (r(11) * r(2))) / 3,  # the three closest, averaged
        4 / 5,  # sentences whose cosine passes 0.2
        7 / 8,  # claim stems found in the text
        8 / 9,  # their idf weight over the claim's
        3 / 8,  # claim stems found in the lead
        5 / 7,  # claim stem pairs found in the text
        1 / 7,  # in the lead
        7 / 13,  # stems shared over the stems of either
    ]
    assert row[: len(expected)].tolist() == pytest.approx(expected)


def test_a_claim_without_stems_relates_to_nothing_and_divides_by_no_zero() -> None:
    row = sf.row("the", sf.read_text("Soldiers shelled the bridge. Rain fell.", ONES), ONES)
    assert row[0] == 0.0 and row[3:14].tolist() == [0.0] * 11


# sentences: reportedly hoax | official deni soldier shell bridge | army confirm bridge shell
# | soldier blam rain
CUED = (
    "Reportedly a hoax. Officials denied that soldiers shelled the bridge. "
    "The army confirmed the bridge was not shelled. Soldiers blamed rain."
)


def test_a_row_s_cues_near_the_claim_closest_to_it_and_in_the_whole_text() -> None:
    row = sf.row("soldiers shelled the bridge", sf.read_text(CUED, ONES), ONES)
    cues = row[14:65].tolist()
    # refuting, hedging, confirming, counter-accusing, negations: near the claim (the three
    # sentences sharing a stem with it), per near sentence, in the two closest, per sentence
    # of the whole text ("hoax" counts 2)
    assert cues[:20] == pytest.approx(
        [
            *(1, 0, 1, 1, 1),
            *(1 / 3, 0, 1 / 3, 1 / 3, 1 / 3),
            *(1, 0, 1, 0, 1),
            *(3 / 4, 1 / 4, 1 / 4, 1 / 4, 1 / 4),
        ]
    )
    # marker words' share of the 18 words near the claim
    markers = dict(zip(sf.MARKERS, cues[20:50], strict=True))
    assert {w: v for w, v in markers.items() if v} == pytest.approx(
        {"denied": 1 / 18, "confirmed": 1 / 18, "not": 1 / 18}
    )
    assert cues[50] == 1 / 4  # the closest sentence is the second of four


def test_near_means_one_shared_stem_for_a_short_claim_two_for_a_longer_one() -> None:
    text = sf.read_text(CUED, ONES)
    sentences = text.sentences

    def near(claim: str) -> tuple[str, int]:
        return sf._near(sf.vector(sf.stems(claim), ONES), text)

    assert near("soldiers shelled the bridge") == (" ".join(sentences[1:]), 3)
    assert near("soldiers shelled the bridge twice") == (" ".join(sentences[1:3]), 2)
    assert near("harbour ferries") == (" ".join(sentences), 4)  # none near: the whole text


def test_a_claim_s_own_refuting_words_hedges_and_question_counted_by_hand() -> None:
    claim = "Is the strike fake? Officials deny it, reportedly, not a hoax"
    flags = [float(w in {"fake", "hoax", "deny", "not"}) for w in sf.CLAIM_REFUTING]
    # four refuting words: even; "fake" 2 and "deny" 1 ("not a hoax" is negated); one hedge;
    # no confirmation; a question; six stems
    assert sf._claim_row(claim) == [*flags, 0.0, 3.0, 1.0, 0.0, 1.0, 6.0]
    # one refuting word: odd
    assert sf._claim_row("Denies it")[-6:] == [1.0, 1.0, 0.0, 0.0, 0.0, 1.0]
    assert sum(sf._claim_row("denies a fake hoax")[:15]) == 3.0
    assert sf._claim_row("denies a fake hoax")[15] == 1.0


def test_stems_and_pairs_weigh_one_plus_the_log_of_their_count() -> None:
    assert sf._weighted(["shell", "shell", "bridge"]) == {
        "shell": 1 + math.log(2),
        "bridge": 1.0,
        "shell shell": 1.0,
        "shell bridge": 1.0,
    }
    assert sf.stems("Republic troops shelled") == [sf.PARTY, "troop", "shell"]


def test_idf_counts_each_document_once_per_stem() -> None:
    table = sf.idf_table(["Bridge shelled", "bridge closed, bridge reopened", "hoax"])
    assert table.shape == (1 << 18,) and table.dtype == np.float64
    assert table[sf.bucket("bridge")] == pytest.approx(math.log(4 / 3) + 1)
    assert table[sf.bucket("shell")] == pytest.approx(math.log(4 / 2) + 1)
    assert table[sf.bucket("never-seen")] == pytest.approx(math.log(4) + 1)


@pytest.mark.parametrize("term", ["dawn", "bridge", "shell", "\x00party"])
def test_a_stem_s_slot_is_its_crc32_modulo_the_table(term: str) -> None:
    assert sf.bucket(term) == zlib.crc32(term.encode()) % 2**18


def test_a_counter_accusation_counts_even_after_a_negation() -> None:
    """A refuting cue just after a negation is cancelled ("did not deny"); a
    counter-accusation is not ("did not blame" still turns the charge around)."""
    assert sf._cue_counts("They did not blame the army.") == (0.0, 0.0, 0.0, 1.0, 1.0)
    assert sf._cue_counts("They did not deny it.") == (0.0, 0.0, 0.0, 0.0, 1.0)


def test_words_drop_a_possessive_and_stems_drop_one_character_words() -> None:
    assert sf.words("The army's guns") == ["the", "army", "guns"]
    assert sf.stems("5 soldiers, 10 guns") == ["soldier", "10", "gun"]


def test_a_vector_weighs_a_repeated_stem_one_plus_the_log_of_its_count() -> None:
    length = math.sqrt((1 + math.log(2)) ** 2 + 1)
    weights = sf.vector(["shell", "shell", "bridge"], ONES).weights
    assert weights == pytest.approx({"shell": (1 + math.log(2)) / length, "bridge": 1 / length})


def test_a_sentence_at_a_cosine_of_exactly_0_2_does_not_pass_it() -> None:
    # the figures read off the sentences' cosines, given here: the best, the three best
    # averaged, and the share strictly above 0.2 (one of three: 0.2 itself does not pass)
    claim = "soldiers shelled the bridge"
    text = sf.read_text("Soldiers shelled the bridge. Rain fell. Officials met.", ONES)
    terms = sf.stems(claim)
    figures = sf._overlap_row(terms, sf.vector(terms, ONES), text, ONES, np.array([0.2, 0.5, 0.1]))
    assert figures[2:5] == pytest.approx([0.5, 0.8 / 3, 1 / 3])


def test_a_cue_opening_the_second_closest_sentence_is_counted() -> None:
    # sentences: soldier shell bridge dawn | reportedly soldier shell bridge | rain fell town;
    # the claim (three stems) is near the first two, which are also the two closest, and
    # "Reportedly" opens the second of them: one hedge near the claim, 1/2 per near
    # sentence, one among the closest, 1/3 per sentence of the whole text
    text = (
        "Soldiers shelled the bridge at dawn. Reportedly soldiers shelled the bridge. "
        "Rain fell on the town."
    )
    row = sf.row("soldiers shelled the bridge", sf.read_text(text, ONES), ONES)
    assert row[14:34].tolist() == pytest.approx(
        [*(0, 1, 0, 0, 0), *(0, 1 / 2, 0, 0, 0), *(0, 1, 0, 0, 0), *(0, 1 / 3, 0, 0, 0)]
    )


def test_a_cosine_is_the_same_whichever_vector_comes_first() -> None:
    # three shared stems whose products add up differently in the two orders the vectors
    # hold them (0.1 + 0.2 + 0.3 is not 0.3 + 0.2 + 0.1 in floating point): the vector with
    # fewer stems is always the one walked, so the figure does not depend on argument order
    small = sf.Vector({"x": 0.1, "y": 0.2, "z": 0.3}, frozenset("xyz"))
    large = sf.Vector({"w": 0.5, "z": 1.0, "y": 1.0, "x": 1.0}, frozenset("wxyz"))
    assert 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1
    assert sf.cosine(small, large) == sf.cosine(large, small) == 0.1 + 0.2 + 0.3
