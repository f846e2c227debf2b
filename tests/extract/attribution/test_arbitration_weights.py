"""The arbitration's weights file checked, each term of the score and the order of selection,
with values worked out by hand (``extract/attribution/arbitration.py``)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from corroborate.errors import ConfigError
from corroborate.extract.attribution.arbitration import (
    Candidate,
    Weights,
    arbitrate,
    score,
    weights_of,
)
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.certainty import Evidence
from corroborate.model import Span

TEXT = "The governor said that the school was hit."
READERS = {"encoder": 2, "rules": 1, "quotations": 0.5}
SHAPES = (
    "['according_to', 'continuation', 'encoder', 'label', 'learned_cue', 'own_voice', "
    "'quotation', 'testimony', 'verb']"
)


def at(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), words)


def candidate(reader: str, shape: str = "verb", *, lemma: str = "say") -> Candidate:
    raw = RawAttribution(
        at("The governor"), 0, at("said"), at("that the school was hit"), False, lemma, 0
    )
    return Candidate((raw,), reader, shape, reader == "encoder")


def cue_words_only() -> Evidence:
    """The encoder reads every word as a cue: a candidate with a cue of its own agrees 1/3
    (speaker 0, cue 1, content 0); a continuation (no lemma) agrees 0."""
    roles = [(m.start(), m.end(), 0.0, 1.0, 0.0) for m in re.finditer(r"\w+", TEXT)]
    return Evidence.of([], roles)


def valid(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "readers": dict(READERS),
        "shapes": {"verb": 0.25, "encoder": 0},
        "agreement": 0.75,
        "length": 1,
    }
    return {**data, **changes}


def test_weights_are_read_as_floats_field_by_field() -> None:
    weights = weights_of(valid())
    assert weights == Weights(
        {"encoder": 2.0, "rules": 1.0, "quotations": 0.5}, {"verb": 0.25, "encoder": 0.0}, 0.75, 1.0
    )
    assert all(type(v) is float for v in [*weights.readers.values(), *weights.shapes.values()])
    assert type(weights.agreement) is float and type(weights.length) is float


def test_every_shape_and_the_encoder_s_may_be_weighted() -> None:
    shapes = dict.fromkeys(
        ["according_to", "continuation", "encoder", "label", "learned_cue", "own_voice"], 1
    )
    everything = {**shapes, "quotation": 1, "testimony": 1, "verb": 1}
    assert set(weights_of(valid(shapes=everything)).shapes) == set(everything)
    assert weights_of(valid(shapes={})).shapes == {}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["readers"], "[C115] arbitration.yaml: not a YAML mapping"),
        (
            {k: v for k, v in valid().items() if k != "length"},
            "[C116] arbitration.yaml: needs exactly readers, shapes, agreement and length",
        ),
        (
            valid(depth=1),
            "[C116] arbitration.yaml: needs exactly readers, shapes, agreement and length",
        ),
        (
            valid(readers=[2, 1, 1]),
            "[C116] arbitration.yaml: readers: a mapping of ['encoder', 'quotations', 'rules']",
        ),
        (
            valid(readers={**READERS, "crowd": 1}),
            "[C116] arbitration.yaml: readers: a mapping of ['encoder', 'quotations', 'rules']",
        ),
        (
            valid(readers={"encoder": 2, "rules": 1}),
            "[C116] arbitration.yaml: readers: a weight for each of "
            "['encoder', 'rules', 'quotations']",
        ),
        (
            valid(readers={**READERS, "rules": "high"}),
            "[C116] arbitration.yaml: readers: rules is not a number",
        ),
        (valid(shapes=None), f"[C116] arbitration.yaml: shapes: a mapping of {SHAPES}"),
        (
            valid(shapes={"sideways": 1}),
            f"[C116] arbitration.yaml: shapes: a mapping of {SHAPES}",
        ),
        (
            valid(shapes={"verb": True}),
            "[C116] arbitration.yaml: shapes: verb is not a number",
        ),
        (valid(agreement=True), "[C116] arbitration.yaml: agreement: agreement is not a number"),
        (valid(length="long"), "[C116] arbitration.yaml: length: length is not a number"),
    ],
)
def test_bad_weights_are_named_in_one_coded_line(data: Any, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        weights_of(data)
    assert str(caught.value) == message


def test_a_shape_without_a_weight_adds_nothing() -> None:
    weights = Weights(weights_of(valid()).readers, {}, 0.0, 0.0)
    assert score(candidate("rules", "label"), weights) == 1.0
    assert score(candidate("encoder", "label"), weights) == 2.0


def test_the_score_adds_reader_shape_and_the_encoder_s_agreement() -> None:
    weights = Weights(weights_of(valid()).readers, {"verb": 0.25}, 3.0, 0.0)
    evidence = cue_words_only()
    assert score(candidate("rules"), weights, evidence) == pytest.approx(1.0 + 0.25 + 3.0 / 3)
    assert score(candidate("rules", lemma=""), weights, evidence) == pytest.approx(1.25)
    assert score(candidate("rules"), weights) == pytest.approx(1.25)  # no evidence
    assert score(candidate("rules"), weights, Evidence([], None)) == pytest.approx(1.25)


def test_the_length_term_counts_hundreds_of_characters_of_content() -> None:
    weights = Weights(weights_of(valid()).readers, {}, 0.0, 2.0)
    assert score(candidate("quotations"), weights) == pytest.approx(0.5 + 2.0 * 23 / 100)


def test_the_encoder_s_agreement_can_reorder_the_readers() -> None:
    weights = Weights({"encoder": 1.0, "rules": 1.25, "quotations": 1.25}, {}, 3.0, 0.0)
    found = [candidate("rules", lemma=""), candidate("encoder")]
    assert [c.reader for c in arbitrate(found, weights)] == ["rules"]
    assert [c.reader for c in arbitrate(found, weights, cue_words_only())] == ["encoder"]


def test_equal_scores_keep_the_order_they_came_in() -> None:
    weights = Weights({"encoder": 1.0, "rules": 1.0, "quotations": 1.0}, {}, 0.0, 0.0)
    rules, encoder = candidate("rules"), candidate("encoder")
    assert arbitrate([rules, encoder], weights) == [rules]
    assert arbitrate([encoder, rules], weights) == [encoder]


def test_conflicts_are_only_across_readers() -> None:
    weights = Weights({"encoder": 1.0, "rules": 3.0, "quotations": 2.0}, {}, 0.0, 0.0)
    rules, quotation, encoder = candidate("rules"), candidate("quotations"), candidate("encoder")
    assert arbitrate([encoder, quotation, rules], weights) == [rules, quotation]
