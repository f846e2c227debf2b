"""3d. The learned FNC-1 stance of a text toward a claim: boosted trees read with numpy.

``stance_model.npz`` (fitted by ``training/stance/train.py`` on the FNC-1 training split)
holds, as plain arrays, the trees of a gradient-boosted model (four-class, or in two stages:
see below) over the rows of ``stance_features``, the hashed inverse document frequencies
those rows use, and one weight per class that the decision multiplies the probabilities by
(chosen by cross-validation for macro-F1, so the rare ``disagree`` is not drowned by
``unrelated``). It is loaded once; the
same pair always gets the same label.

Trees are stored flat: node ``n`` splits on feature ``feature[n]`` at ``threshold[n]`` (a
value at or below it goes to ``left[n]``); a child ``c < 0`` is the leaf ``-c - 1`` of
``leaf``; tree ``t`` starts at ``root[t]`` and adds to the score of class ``tree_class[t]``.

A model of two stages has trees of a fifth slot, ``RELATED``: their sum is the log-odds that
the text is related to the claim at all; the trees of agree, disagree and discuss are then
fitted on related pairs alone, so the probability of each is P(related) times theirs, and
P(unrelated) is 1 - P(related).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

import numpy as np

from corroborate.errors import ExtractionError
from corroborate.link import stance_features as sf

PairLabel = Literal["agree", "disagree", "discuss", "unrelated"]
LABELS: tuple[PairLabel, ...] = ("agree", "disagree", "discuss", "unrelated")
WEIGHTS = "stance_model.npz"
RELATED = 4  # the slot of a two-stage model's related-or-not trees


@dataclass(frozen=True, slots=True)
class Forest:
    """Boosted trees, flat (see the module docstring), and the decision's class weights."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    leaf: np.ndarray
    root: np.ndarray
    tree_class: np.ndarray
    class_weight: np.ndarray
    idf: np.ndarray
    features: int

    def scores(self, rows: np.ndarray) -> np.ndarray:
        """Raw class scores, one row per row of ``rows`` (n × features)."""
        node = np.broadcast_to(self.root, (len(rows), len(self.root))).copy()
        at = np.arange(len(rows))[:, None]
        while (inner := node >= 0).any():
            where = np.where(inner, node, 0)
            go_left = rows[at, self.feature[where]] <= self.threshold[where]
            step = np.where(go_left, self.left[where], self.right[where])
            node = np.where(inner, step, node)
        values = self.leaf[-node - 1]
        out = np.zeros((len(rows), max(len(LABELS), int(self.tree_class.max()) + 1)))
        for label in range(out.shape[1]):
            out[:, label] = values[:, self.tree_class == label].sum(axis=1)
        return out

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        raw = self.scores(rows)
        if raw.shape[1] <= RELATED:
            return _softmax(raw)
        related = 1.0 / (1.0 + np.exp(-raw[:, RELATED]))
        return np.column_stack([related[:, None] * _softmax(raw[:, :3]), 1.0 - related])

    def decide(self, rows: np.ndarray) -> list[PairLabel]:
        """The label of each row: the most probable after the class weights."""
        chosen = np.argmax(self.probabilities(rows) * self.class_weight, axis=1)
        return [LABELS[int(n)] for n in chosen]


def _softmax(raw: np.ndarray) -> np.ndarray:
    exp = np.exp(raw - raw.max(axis=1, keepdims=True))
    found: np.ndarray = exp / exp.sum(axis=1, keepdims=True)
    return found


def forest_from(arrays: dict[str, np.ndarray]) -> Forest:
    """A ``Forest`` from the arrays of ``stance_model.npz``; ``[E011]`` if any is missing."""
    try:
        return Forest(
            feature=arrays["feature"].astype(np.int64),
            threshold=arrays["threshold"].astype(np.float64),
            left=arrays["left"].astype(np.int64),
            right=arrays["right"].astype(np.int64),
            leaf=arrays["leaf"].astype(np.float64),
            root=arrays["root"].astype(np.int64),
            tree_class=arrays["tree_class"].astype(np.int64),
            class_weight=arrays["class_weight"].astype(np.float64),
            idf=arrays["idf"].astype(np.float64),
            features=int(arrays["features"]),
        )
    except KeyError as exc:
        raise ExtractionError(11, f"no array {exc.args[0]!r}", subject=WEIGHTS) from exc


@cache
def forest() -> Forest:
    """The shipped model, read once; ``[E011]`` if it cannot be read."""
    path = resources.files("corroborate.link").joinpath(WEIGHTS)
    try:
        with resources.as_file(path) as file, np.load(file, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
    except (OSError, ValueError) as exc:
        message = f"cannot load the stance model ({exc})".splitlines()[0]
        raise ExtractionError(11, message, subject=WEIGHTS) from exc
    return forest_from(arrays)


@lru_cache(maxsize=4096)
def read(text: str) -> sf.Text:
    """A text read once for every claim it meets."""
    return sf.read_text(text, forest().idf)


def feature_rows(pairs: list[tuple[str, str]]) -> np.ndarray:
    """The feature rows of (claim, text) pairs; ``[E012]`` if they do not fit the model."""
    model = forest()
    rows = np.stack([sf.row(claim, read(text), model.idf) for claim, text in pairs])
    if rows.shape[1] != model.features:
        raise ExtractionError(
            12,
            f"fitted on {model.features} features, the code computes {rows.shape[1]};"
            " refit with training/stance/train.py",
            subject=WEIGHTS,
        )
    return rows


def classify(pairs: list[tuple[str, str]]) -> list[PairLabel]:
    """The FNC-1 label of every (claim, text) pair."""
    return forest().decide(feature_rows(pairs)) if pairs else []


def probabilities(claim: str, text: str) -> dict[PairLabel, float]:
    """The model's probability of each label for one pair (before the class weights)."""
    found = forest().probabilities(feature_rows([(claim, text)]))[0]
    return {label: float(p) for label, p in zip(LABELS, found, strict=True)}
