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


# Five sentences and the flags each carries, read by hand: refuting, debunking, negation,
# hedging, confirming, question, quote.
FIVE = (
    "Officials denied the strike.",  # a denial verb: refuting
    "It was a prank, reportedly.",  # debunking and hedging
    "Did soldiers not shell the school?",  # negation and question
    'The mayor confirmed it: "the school burned".',  # confirming and a quote
    "Rain did not fall.",  # negation
)
FLAGGED = [
    [1, 0, 0, 0, 0, 0, 0],
    [0, 1, 0, 1, 0, 0, 0],
    [0, 0, 1, 0, 0, 1, 0],
    [0, 0, 0, 0, 1, 0, 1],
    [0, 0, 1, 0, 0, 0, 0],
]


def test_each_sentence_is_read_for_its_seven_flags_and_its_negated_stems() -> None:
    read = ss.read_sentences(FIVE)
    assert read.flags.tolist() == FLAGGED
    assert read.negated == (
        frozenset(),
        frozenset(),
        frozenset({"shell", "school"}),
        frozenset(),
        frozenset({"fall"}),
    )


@pytest.mark.parametrize(
    ("sentence", "negated"),
    [
        # a contraction negates; the word before the negation does not count
        ("Soldiers didn't shell the bridge", {"shell", "bridge"}),
        # "it's" is the stopword "it"
        ("They did not think it's over", {"think"}),
        # four words after the negation, no more
        ("Troops did not shell homes schools shops markets", {"shell", "hom", "school", "shop"}),
        # one-character words and stopwords are left out, two-character ones kept
        ("not 5 or 10 homes", {"10", "hom"}),
    ],
)
def test_a_negation_governs_the_content_stems_of_the_four_words_after_it(
    sentence: str, negated: set[str]
) -> None:
    assert ss._negated(sentence) == negated


def test_a_sentence_row_worked_out_by_hand() -> None:
    cosines = np.array([0.1, 0.3, 0.6, 0.2, 0.0])
    claim = "The school was not shelled: a prank"
    row = ss.sentence_row(
        claim, frozenset({"shell", "school", "soldier"}), cosines, ss.read_sentences(FIVE)
    )
    total = 1.2 + 1e-9
    # each flag's best cosine among the three closest sentences (the third, second and
    # fourth), then its share of all the cosine weight
    weighed = [
        *(0.0, 0.1 / total),  # refuting: only the first sentence, not among the closest
        *(0.3, 0.3 / total),  # debunking
        *(0.6, 0.6 / total),  # negation (the last sentence weighs nothing)
        *(0.3, 0.3 / total),  # hedging
        *(0.2, 0.2 / total),  # confirming
        *(0.6, 0.6 / total),  # question
        *(0.2, 0.2 / total),  # quote
    ]
    rest = [
        *(2.0, 2 / 3),  # claim stems negated (shell, school), over the claim's three
        *(1, 1, 0, 1, 0),  # refuting .. confirming in the first two sentences
        *(0, 0, 1, 0, 1),  # and in the last two
        *(2.0, 2 / 5),  # sentences restating the claim: a cosine of 0.3 or more
        0.2,  # the best cosine of the last two sentences
        *(1.0, 1.0),  # the claim's own negation and debunking word
        1 / 5,  # the share of debunking sentences
    ]
    assert row == pytest.approx([*weighed, *rest], rel=1e-12, abs=1e-15)
    plain = ss.sentence_row(
        "Soldiers shelled the school", frozenset({"shell"}), cosines, ss.read_sentences(FIVE)
    )
    assert plain[-3:-1] == [0.0, 0.0]


def test_sentences_equally_close_to_the_claim_are_taken_in_text_order() -> None:
    """Forty sentences at a cosine of 0.5 (H) or 0.2 (l): the three closest are the first
    three at 0.5, the second, third and sixth; the seventh, as close, is not among them."""
    pattern = "lHHllHHlHHHllHlHlllllllllHHHlHHllHHHlHHH"
    cosines = np.array([0.5 if c == "H" else 0.2 for c in pattern])
    flags = np.zeros((len(pattern), len(ss.FLAGS)))
    flags[5, ss.FLAGS.index("quote")] = 1.0
    flags[6, ss.FLAGS.index("refuting")] = 1.0
    weighed = ss._weighed(cosines, flags)
    best = dict(zip(ss.FLAGS, weighed[::2], strict=True))
    assert best == {f: 0.5 if f == "quote" else 0.0 for f in ss.FLAGS}
