"""How certain extraction is of an attribution (``extract/certainty.py``): the rule shape's
level, averaged with the encoder's role probabilities where it ran. Expected values are
worked out by hand from ``SHAPES`` and the word probabilities written below."""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.extract import Extractor
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.certainty import SHAPES, Evidence, certainty, shape
from corroborate.extract.models.encoder import word_roles
from corroborate.extract.models.wordpiece import Piece
from corroborate.model import Span

# "The governor said troops shelled it": speaker 0-12, cue 13-17, content 18-35
TEXT = "The governor said troops shelled it"
SPEAKER, CUE, CONTENT = Span(0, 12, "The governor"), Span(13, 17, "said"), Span(18, 35, "x")
# each word: (start, end, P(source), P(cue), P(content))
ROLES = [
    (0, 3, 0.9, 0.0, 0.1),
    (4, 12, 0.7, 0.1, 0.2),
    (13, 17, 0.1, 0.6, 0.3),
    (18, 24, 0.0, 0.0, 1.0),
    (25, 32, 0.0, 0.1, 0.6),
    (33, 35, 0.2, 0.0, 0.8),
]


def raw(
    *, lemma: str = "say", head: int = 1, cue: Span = CUE, learned: bool = False
) -> RawAttribution:
    return RawAttribution(SPEAKER, head, cue, CONTENT, False, lemma, 0, learned)


@pytest.mark.parametrize(
    ("found", "expected"),
    [
        (raw(), "verb"),
        (raw(head=-1), "quotation"),
        (raw(lemma="according to"), "according_to"),
        (raw(cue=Span(12, 13, ":")), "label"),
        (raw(learned=True), "learned_cue"),
        (raw(lemma=""), "continuation"),
    ],
)
def test_the_rule_shape(found: RawAttribution, expected: str) -> None:
    assert shape(found) == expected


def test_without_the_encoder_the_shape_s_level_alone() -> None:
    assert certainty(raw(), Evidence.of([raw()], None)) == 0.8
    assert certainty(raw(head=-1), Evidence.of([raw(head=-1)], None)) == 0.7


def test_with_the_encoder_the_mean_of_the_level_and_its_agreement() -> None:
    # speaker (0.9 + 0.7) / 2 = 0.8, cue 0.6, content (1.0 + 0.6 + 0.8) / 3 = 0.8:
    # agreement (0.8 + 0.6 + 0.8) / 3 = 0.7333; with the verb's 0.8: 0.7667
    assert certainty(raw(), Evidence.of([raw()], ROLES)) == 0.77


def test_what_only_the_tagger_found_has_no_rule_evidence() -> None:
    assert certainty(raw(), Evidence.of([], ROLES)) == round(0.7333 / 2, 2) == 0.37


def test_a_rule_reading_the_encoder_does_not_share_is_less_certain() -> None:
    doubtful = [(s, e, 0.1, 0.05, 0.2) for s, e, *_ in ROLES]
    # agreement (0.1 + 0.05 + 0.2) / 3 = 0.1167; with the verb's 0.8: 0.4583
    assert certainty(raw(), Evidence.of([raw()], doubtful)) == 0.46


def test_a_continuation_is_read_without_its_statement_s_cue() -> None:
    # speaker 0.8 and content 0.8 (no cue): agreement 0.8; with 0.5: 0.65
    assert certainty(raw(lemma=""), Evidence.of([], ROLES)) == 0.65
    assert SHAPES["testimony"] == 1.0


def test_the_encoder_s_word_roles_sum_its_labels_per_role() -> None:
    labels = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")
    pieces = [Piece(1, 0, 0, 3), Piece(2, 1, 4, 8), Piece(3, 1, 8, 12)]  # "The", "gover|nor"
    probabilities = np.array(
        [
            [0.1, 0.5, 0.2, 0.1, 0.0, 0.1, 0.0],
            [0.2, 0.0, 0.3, 0.0, 0.4, 0.0, 0.1],
            [0.9, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1],  # a later piece: not read
        ],
        dtype=np.float32,
    )
    scores = np.log(probabilities + 1e-12).astype(np.float32) + 3.0  # unnormalised
    found = word_roles(pieces, scores, labels)
    assert [w[:2] for w in found] == [(0, 3), (4, 12)]
    assert [w[2:] for w in found] == [(0.7, 0.1, 0.1), (0.3, 0.4, 0.1)]


def test_every_attribution_of_a_text_has_a_certainty_in_range() -> None:
    text = (
        "The regional governor said that troops shelled the hospital in Kramatorsk on Monday. "
        "The defence ministry denied the allegations, calling them a provocation."
    )
    found = Extractor.load(encoder=False).extract(text).attributions
    assert found and [a.certainty for a in found] == [0.8] * len(found)
