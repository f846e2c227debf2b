"""The violation reader's one scored decision: the parse reads, the learned model decides.

Expectations written by hand; sentences naming a party come with their mirror.
"""

from __future__ import annotations

import numpy as np
import pytest

from corroborate.extract.facts.violations import Found, find_violations, judge_all, status
from corroborate.extract.models import violation_model as vm
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


def read(text: str, model: vm.ViolationModel | None = None) -> Found | None:
    doc = load_pipeline()(text)
    return find_violations(doc, Span(0, len(text), text), "2024-03-01", model=model)


def parse_status(text: str) -> str:
    doc = load_pipeline()(text)
    content = Span(0, len(text), text)
    return status(judge_all(doc, content, "2024-03-01"), content)


def constant(bias: float) -> vm.ViolationModel:
    """A model that reads nothing but its bias: always (bias > 0) or never a violation."""
    shipped = vm.load_model()
    flag = np.zeros_like(shipped.flag)
    flag[-1] = bias
    return vm.ViolationModel(flag, 0.5, shipped.type_weights, shipped.types)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Soldiers shot three civilians in the village.", "violation"),
        ("The attack left dozens dead.", "open"),
        ("Russian artillery destroyed a Ukrainian tank column.", "none"),
        ("Ukrainian artillery destroyed a Russian tank column.", "none"),
        ("The minister met his counterpart in Geneva.", "none"),
    ],
)
def test_the_parse_concludes_violation_none_or_open(text: str, expected: str) -> None:
    assert parse_status(text) == expected


def test_the_model_can_overrule_a_violation_the_parse_read() -> None:
    text = "Soldiers shot three civilians in the village."
    assert read(text, constant(-20.0)) is None
    found = read(text, constant(20.0))
    assert found is not None and found.types[0] == "killing" and not found.learned


def test_what_the_parse_reads_as_combat_stays_combat_whatever_the_model() -> None:
    assert read("Russian artillery destroyed a Ukrainian tank column.", constant(20.0)) is None


def test_an_open_question_takes_the_models_type() -> None:
    found = read("The attack left dozens dead.", constant(20.0))
    assert found is not None and found.learned
    assert found.types[0] in vm.load_model().types or found.types[0] == "killing"


@pytest.mark.parametrize(
    "text",
    [
        "Russian soldiers executed five civilians in a basement in the village.",
        "Ukrainian soldiers executed five civilians in a basement in the village.",
    ],
)
def test_the_shipped_model_keeps_a_plain_killing_of_civilians(text: str) -> None:
    found = read(text)
    assert found is not None and "killing" in found.types


@pytest.mark.parametrize(
    "text",
    [
        "Russian and Ukrainian troops exchanged fire along the front, killing two soldiers.",
        "Ukrainian and Russian troops exchanged fire along the front, killing two soldiers.",
    ],
)
def test_the_shipped_model_flags_no_combat(text: str) -> None:
    assert read(text) is None


def test_the_features_carry_the_parses_conclusion() -> None:
    text = "The attack left dozens dead."
    doc = load_pipeline()(text)
    content = Span(0, len(text), text)
    judged = judge_all(doc, content)
    parse = vm.parse_features(doc, content, judged, "open")
    assert list(parse[-len(vm.STATUSES) :]) == [0.0, 0.0, 1.0]


@pytest.mark.parametrize("party", ["Rebel", "Government"])
def test_an_act_that_is_a_violation_by_itself_is_never_overruled(party: str) -> None:
    found = read(f"{party} fighters detained and tortured residents of the town.", constant(-20.0))
    assert found is not None and "torture" in found.types
