"""The boosted trees read with numpy: the walk, the decision, the shipped weights."""

from __future__ import annotations

import math

import numpy as np
import pytest

from corroborate.errors import ExtractionError
from corroborate.link import stance_model as sm
from tests.link.test_stance import AGREE, CLAIM, UNRELATED


def tiny() -> dict[str, np.ndarray]:
    """Two stumps on feature 0 for agree and unrelated, one leaf for each other class."""
    return {
        "feature": np.array([0, 0]),
        "threshold": np.array([0.5, 0.5]),
        "left": np.array([-1, -3]),  # leaves 0 and 2
        "right": np.array([-2, -4]),  # leaves 1 and 3
        "leaf": np.array([-1.0, 2.0, 2.0, -1.0, 0.0, 0.0]),
        "root": np.array([0, -5, -6, 1]),  # agree, disagree, discuss, unrelated
        "tree_class": np.array([0, 1, 2, 3]),
        "class_weight": np.ones(4),
        "idf": np.ones(4),
        "features": np.array(1),
    }


def test_the_walk_adds_each_trees_leaf_to_its_class() -> None:
    forest = sm.forest_from(tiny())
    scores = forest.scores(np.array([[0.0], [1.0]]))
    assert scores.tolist() == [[-1.0, 0.0, 0.0, 2.0], [2.0, 0.0, 0.0, -1.0]]
    assert forest.decide(np.array([[0.0], [1.0]])) == ["unrelated", "agree"]


def two_stages() -> dict[str, np.ndarray]:
    """A stump on feature 0 for related-or-not (slot 4), one leaf for each related class."""
    return tiny() | {
        "feature": np.array([0]),
        "threshold": np.array([0.5]),
        "left": np.array([-1]),
        "right": np.array([-2]),
        "leaf": np.array([-2.0, 1.0, 1.0, 0.0, 0.0]),
        "root": np.array([0, -3, -4, -5]),
        "tree_class": np.array([sm.RELATED, 0, 1, 2]),
    }


def test_two_stages_multiply_the_related_probability_by_the_class_s() -> None:
    forest = sm.forest_from(two_stages())
    rows = np.array([[0.0], [1.0]])
    assert forest.scores(rows).tolist() == [[1.0, 0.0, 0.0, 0.0, -2.0], [1.0, 0.0, 0.0, 0.0, 1.0]]
    related = 1 / (1 + math.exp(2.0)), 1 / (1 + math.exp(-1.0))  # sigmoid(-2), sigmoid(1)
    agree = math.e / (math.e + 2)  # softmax of (1, 0, 0)
    expected = [[r * agree, r / (math.e + 2), r / (math.e + 2), 1 - r] for r in related]
    assert forest.probabilities(rows).tolist() == [pytest.approx(e) for e in expected]
    assert forest.decide(rows) == ["unrelated", "agree"]


def test_class_weights_move_the_decision() -> None:
    arrays = tiny() | {"class_weight": np.array([1.0, 100.0, 1.0, 1.0])}
    assert sm.forest_from(arrays).decide(np.array([[1.0]])) == ["disagree"]


def test_a_missing_array_is_a_coded_error() -> None:
    arrays = tiny()
    del arrays["leaf"]
    with pytest.raises(ExtractionError, match=r"^\[E011\] stance_model.npz: no array 'leaf'"):
        sm.forest_from(arrays)


def test_rows_that_do_not_fit_the_model_are_a_coded_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = sm.forest()
    monkeypatch.setattr(sm, "forest", lambda: sm.forest_from(tiny() | {"idf": shipped.idf}))
    message = (
        r"^\[E012\] stance_model.npz: fitted on 1 features, the code computes \d+;"
        r" refit with training/stance/train.py$"
    )
    with pytest.raises(ExtractionError, match=message):
        sm.classify([(CLAIM, AGREE)])


def test_the_shipped_model_is_loaded_once_and_answers_the_same_every_time() -> None:
    assert sm.forest() is sm.forest()
    first = sm.probabilities(CLAIM, AGREE)
    assert sm.probabilities(CLAIM, AGREE) == first
    assert sum(first.values()) == pytest.approx(1.0)
    assert sm.classify([]) == []
    assert sm.classify([(CLAIM, UNRELATED), (CLAIM, AGREE)])[0] == "unrelated"


def test_a_value_at_a_threshold_goes_left() -> None:
    forest = sm.forest_from(tiny())
    assert forest.scores(np.array([[0.5]])).tolist() == [[-1.0, 0.0, 0.0, 2.0]]


def test_a_forest_of_one_split_walks_its_other_trees_as_bare_leaves() -> None:
    arrays = tiny() | {
        "feature": np.array([0]),
        "threshold": np.array([0.5]),
        "left": np.array([-1]),
        "right": np.array([-2]),
        "leaf": np.array([-1.0, 2.0, 0.5, 0.25, 0.0]),
        "root": np.array([0, -3, -4, -5]),  # agree splits; the others are leaves 2, 3, 4
    }
    scores = sm.forest_from(arrays).scores(np.array([[0.0], [1.0]]))
    assert scores.tolist() == [[-1.0, 0.5, 0.25, 0.0], [2.0, 0.5, 0.25, 0.0]]


def test_probabilities_are_each_row_s_softmax_even_for_scores_far_apart() -> None:
    """Scores of a thousand either way: each row is shifted by its own greatest score before
    the exponential (none overflows or underflows to nothing) and sums to one."""
    arrays = tiny() | {"leaf": np.array([0.0, 1000.0, -1000.0, -1000.0, -1000.0, -1000.0])}
    forest = sm.forest_from(arrays)
    rows = np.array([[0.0], [1.0]])
    assert forest.scores(rows).tolist() == [
        [0.0, -1000.0, -1000.0, -1000.0],
        [1000.0, -1000.0, -1000.0, -1000.0],
    ]
    assert forest.probabilities(rows).tolist() == [[1.0, 0.0, 0.0, 0.0], [1.0, 0.0, 0.0, 0.0]]
    # agree 2, disagree 0, discuss 0, unrelated 1: shifted by 2, e^0, e^-2, e^-2, e^-1 over
    # their sum
    close = sm.forest_from(tiny() | {"leaf": np.array([-1.0, 2.0, 0.0, 1.0, 0.0, 0.0])})
    e = math.e
    total = 1 + 2 * e**-2 + e**-1
    assert close.probabilities(np.array([[1.0]]))[0].tolist() == pytest.approx(
        [1 / total, e**-2 / total, e**-2 / total, e**-1 / total], rel=1e-12
    )
