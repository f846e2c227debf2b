"""The one arbitration step: candidates scored, the best that agree kept
(``extract/attribution/arbitration.py``, weights in ``taxonomy/attribution/arbitration.yaml``)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from corroborate.errors import ConfigError
from corroborate.extract.attribution.arbitration import (
    READERS,
    Candidate,
    Weights,
    arbitrate,
    load_weights,
    score,
    weights_of,
)
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.model import Span

TEXT = "HNATYUK: The governor said that the school was hit, the agency reported."


def at(words: str, after: int = 0) -> Span:
    start = TEXT.index(words, after)
    return Span(start, start + len(words), words)


def candidate(
    speaker: str, cue: str, content: str, reader: str, *, holds: bool = False
) -> Candidate:
    raw = RawAttribution(at(speaker), 0, at(cue), at(content), False, "say", 0)
    return Candidate((raw,), reader, "encoder" if reader == "encoder" else "verb", holds)


GOVERNOR = ("The governor", "said", "that the school was hit")
AGENCY = ("the agency", "reported", "The governor said that the school was hit")


def kept(found: list[Candidate], weights: Weights | None = None) -> list[tuple[str, str]]:
    return [(c.pieces[0].speaker.text, c.reader) for c in arbitrate(found, weights)]


def test_the_shipped_weights_take_every_encoder_candidate_before_any_rule_one() -> None:
    weights = load_weights()
    best_rule = max(weights.readers[r] for r in READERS if r != "encoder") + max(
        weights.shapes.values()
    )
    assert weights.readers["encoder"] + min(weights.shapes.values()) > best_rule
    assert (weights.agreement, weights.length) == (0.0, 0.0)


def test_an_overlapping_candidate_of_another_reader_goes() -> None:
    found = [candidate(*GOVERNOR, "rules"), candidate(*GOVERNOR, "encoder", holds=True)]
    assert kept(found) == [("The governor", "encoder")]


def test_one_reader_s_candidates_never_conflict() -> None:
    found = [candidate(*GOVERNOR, "rules"), candidate(*GOVERNOR, "quotations")]
    assert len(kept(found)) == 2


def test_a_statement_reported_inside_another_stands() -> None:
    found = [candidate(*GOVERNOR, "rules"), candidate(*AGENCY, "encoder", holds=True)]
    assert kept(found) == [("the agency", "encoder"), ("The governor", "rules")]


def test_only_a_candidate_that_may_hold_others_keeps_them_inside_it() -> None:
    unsigned = candidate(*AGENCY, "rules")
    signed = replace(unsigned, holds=True)
    inner = candidate(*GOVERNOR, "encoder", holds=True)
    assert kept([inner, unsigned]) == [("The governor", "encoder")]
    assert kept([inner, signed]) == [("The governor", "encoder"), ("the agency", "rules")]


def test_weights_decide_which_reading_goes_first() -> None:
    found = [candidate(*GOVERNOR, "encoder", holds=True), candidate(*GOVERNOR, "rules")]
    rules_first = replace(load_weights(), readers={"encoder": 0.5, "rules": 1.0, "quotations": 1})
    assert kept(found, rules_first) == [("The governor", "rules")]


def test_the_score_adds_shape_and_length() -> None:
    weights = Weights({"encoder": 1.0, "rules": 0.0, "quotations": 0.0}, {"verb": 0.5}, 0.0, 1.0)
    governor = candidate(*GOVERNOR, "rules")
    assert score(governor, weights) == pytest.approx(0.5 + len(GOVERNOR[2]) / 100)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (["readers"], "C115"),
        ({"readers": {}, "shapes": {}, "agreement": 0}, "C116"),
        ({"readers": {"encoder": 1}, "shapes": {}, "agreement": 0, "length": 0}, "C116"),
        (
            {
                "readers": {"encoder": 1, "rules": "high", "quotations": 1},
                "shapes": {},
                "agreement": 0,
                "length": 0,
            },
            "C116",
        ),
        (
            {
                "readers": {"encoder": 1, "rules": 1, "quotations": 1},
                "shapes": {"sideways": 1},
                "agreement": 0,
                "length": 0,
            },
            "C116",
        ),
        (
            {
                "readers": {"encoder": 1, "rules": 1, "quotations": 1},
                "shapes": {},
                "agreement": True,
                "length": 0,
            },
            "C116",
        ),
    ],
)
def test_bad_weights_are_a_coded_error_naming_the_file(data: Any, code: str) -> None:
    with pytest.raises(ConfigError) as caught:
        weights_of(data)
    assert caught.value.code == code
    assert "arbitration.yaml" in str(caught.value) and "\n" not in str(caught.value)
