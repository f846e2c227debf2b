"""The fitted boosters as the flat arrays ``corroborate.link.stance_model.Forest`` walks.

A one-stage model is one four-class booster: its tree ``t`` adds to class ``t % 4``. A
two-stage model is a binary booster (related or unrelated) whose trees add to the slot
``stance_model.RELATED``, then a three-class booster fitted on related pairs alone (agree,
disagree, discuss) whose tree ``t`` adds to class ``t % 3``; both sets of trees share the
arrays. ``check`` holds the numpy walk to LightGBM's raw scores before anything is written.
"""

from __future__ import annotations

from typing import Any

import lightgbm as lgb
import numpy as np

from corroborate.link import stance_model as sm

# (booster, classes it scores, the slot of its first class)
Part = tuple[lgb.Booster, int, int]


def flatten(parts: list[Part]) -> dict[str, np.ndarray]:
    """Every booster's trees, in order, as one set of flat arrays."""
    feature: list[int] = []
    threshold: list[float] = []
    left: list[int] = []
    right: list[int] = []
    leaf: list[float] = []
    root: list[int] = []
    tree_class: list[int] = []

    def walk(node: dict[str, Any]) -> int:
        if "leaf_value" in node:
            leaf.append(float(node["leaf_value"]))
            return -len(leaf)
        assert node["decision_type"] == "<=" and node["missing_type"] in ("None", "NaN")
        at = len(feature)
        feature.append(int(node["split_feature"]))
        threshold.append(float(node["threshold"]))
        left.append(0)
        right.append(0)
        left[at] = walk(node["left_child"])
        right[at] = walk(node["right_child"])
        return at

    for booster, classes, first in parts:
        for info in booster.dump_model()["tree_info"]:
            root.append(walk(info["tree_structure"]))
            tree_class.append(first + info["tree_index"] % classes)
    return {
        "feature": np.array(feature, dtype=np.int16),
        "threshold": np.array(threshold, dtype=np.float64),
        "left": np.array(left, dtype=np.int32),
        "right": np.array(right, dtype=np.int32),
        "leaf": np.array(leaf, dtype=np.float64),
        "root": np.array(root, dtype=np.int32),
        "tree_class": np.array(tree_class, dtype=np.int8),
    }


def check(parts: list[Part], arrays: dict[str, np.ndarray], x: np.ndarray) -> None:
    """The numpy forest must give each booster's raw scores (to 1e-6) on the same rows."""
    forest = sm.forest_from(arrays)
    sample = x[:: max(1, len(x) // 2000)]
    ours = forest.scores(sample)
    for booster, classes, first in parts:
        theirs = booster.predict(sample, raw_score=True).reshape(len(sample), classes)
        gap = float(np.abs(ours[:, first : first + classes] - theirs).max())
        assert gap < 1e-6, f"numpy forest differs from LightGBM by {gap}"
