"""Fit the learned stance model (``src/corroborate/link/stance_model.npz``) on FNC-1 train.

Reads the FNC-1 training split (``train_stances.csv``: Headline, Body ID, Stance;
``train_bodies.csv``: Body ID, articleBody) from ``--data`` or ``CORROBORATE_FNC1_TRAIN``;
it is never copied here. Rows are ``corroborate.link.stance_features.row``; the model is
LightGBM gradient-boosted trees, either one four-class model or two stages (related or not,
then agree / disagree / discuss fitted on related pairs alone), whose trees are written as
plain arrays (``export.py``; ``stance_model.Forest`` reads them with numpy; LightGBM is
needed for training only).

Every setting is chosen by five-fold cross-validation on the training split, the folds
grouped by topic: a headline and the bodies it is related to (agree, disagree, discuss) are
one group, joined transitively, and an unrelated pair goes with its body's group, so no
claim and no body is in two folds (the competition test set, too, has claims and bodies of
its own). Chosen so: one stage or two, the number of leaves, the class weighting, the number
of rounds of each stage (early stopping inside each fold), then the decision's class weights
on the out-of-fold probabilities, for macro-F1. The competition test set is not read.

The CSVs must be the published ones: their SHA-256 digests are checked (``DIGESTS``).

Run: ``PYTHONPATH=src python training/stance/train.py --data DIR`` (see README.md).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import sys
import time
import zlib
from functools import partial
from pathlib import Path
from typing import Any

import lightgbm as lgb
import numpy as np

from corroborate.errors import ConfigError
from corroborate.link import stance_features as sf
from corroborate.link import stance_model as sm
from export import Part, check, flatten  # training/stance/export.py

HERE = Path(__file__).parent
OUT = Path(sm.__file__).with_name(sm.WEIGHTS)
FOLDS = 5
# (stages, leaves, class weighting of the training rows: 0 none, 0.5 the square root of the
# inverse class frequency, 1 the inverse frequency). One stage: a four-class model; two: related
# or not (rows unweighted), then agree, disagree or discuss fitted on the related rows alone.
GRID = ((1, 31, 1.0), (2, 15, 1.0), (2, 31, 0.5), (2, 31, 1.0))
UNRELATED = 3
RATE = 0.05
MAX_ROUNDS = 2000
DEPTH = 10  # bounds the numpy walk at run time
MULTIPLIERS = (0.5, 0.7, 0.85, 1.0, 1.2, 1.5, 2.0, 3.0, 4.0)
LABELS = sm.LABELS
# The published FNC-1 training split (train_stances.csv: 4,305,273 bytes, 49,972 pairs)
DIGESTS = {
    "train_stances.csv": "0ddb333ba3654ca1ecfa5341e4aa13657afdcdcd05275c46859d43ddd1dbafcf",
    "train_bodies.csv": "f1960cf7aa6972a9308aedbd3b393ab773893604d7d323378b75f66112f0c27a",
}


def check_digests(root: Path) -> None:
    """Refuse CSVs that are not the published training split."""
    for name, digest in DIGESTS.items():
        found = hashlib.sha256((root / name).read_bytes()).hexdigest()
        if found != digest:
            message = f"SHA-256 {found[:16]}…, not the published FNC-1 training split's"
            raise SystemExit(str(ConfigError(100, message, subject=str(root / name))))


def load(root: Path) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """(headline, body id, label index) rows and the bodies by id."""
    with (root / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(handle)}
    with (root / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        rows = [
            (r["Headline"], r["Body ID"], LABELS.index(r["Stance"])) for r in csv.DictReader(handle)
        ]
    return rows, bodies


def featurise(rows: list[tuple[str, str, int]], bodies: dict[str, str], idf: np.ndarray) -> Any:
    read = {key: sf.read_text(text, idf) for key, text in bodies.items()}
    return np.stack([sf.row(headline, read[body], idf) for headline, body, _ in rows])


def folds_of(rows: list[tuple[str, str, int]]) -> np.ndarray:
    """Each row's fold: topics (a headline and its related bodies, joined transitively;
    unrelated pairs with their body) spread over the folds by a hash of a member's key."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    unrelated = LABELS.index("unrelated")
    for headline, body, label in rows:
        if label != unrelated:
            parent[root("h" + headline)] = root("b" + body)
    # a topic is named by its smallest body id, so the folds do not hang on the row order
    names: dict[str, str] = {}
    for _, body, _ in rows:
        top = root("b" + body)
        names[top] = min(names.get(top, body), body, key=int)
    return np.array([zlib.crc32(names[root("b" + body)].encode()) % FOLDS for _, body, _ in rows])


def sample_weights(y: np.ndarray, power: float) -> np.ndarray:
    counts = np.bincount(y, minlength=len(LABELS)).astype(float)
    per_class = (counts.sum() / (len(LABELS) * np.maximum(counts, 1.0))) ** power
    return np.asarray(per_class[y])


def params(leaves: int, classes: int = len(LABELS)) -> dict[str, Any]:
    goal = {"objective": "binary"} if classes == 1 else {"objective": "multiclass"}
    return (
        goal
        | ({"num_class": classes} if classes > 1 else {})
        | {
            "learning_rate": RATE,
            "num_leaves": leaves,
            "max_depth": DEPTH,
            "min_data_in_leaf": 20,
            "feature_fraction": 0.8,
            "bagging_fraction": 0.8,
            "bagging_freq": 1,
            "lambda_l2": 1.0,
            "seed": 7,
            "deterministic": True,
            "max_bin": 63,
            "num_threads": 1,
            "verbosity": -1,
        }
    )


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    scores = []
    for label in range(len(LABELS)):
        hit = np.sum((gold == label) & (pred == label))
        p = hit / max(1, np.sum(pred == label))
        r = hit / max(1, np.sum(gold == label))
        scores.append(2 * p * r / (p + r) if p + r else 0.0)
    return float(np.mean(scores))


def fnc_percent(gold: np.ndarray, pred: np.ndarray) -> float:
    unrelated = LABELS.index("unrelated")
    related_gold, related_pred = gold != unrelated, pred != unrelated
    score = 0.25 * np.sum(related_gold == related_pred) + 0.75 * np.sum(
        (gold == pred) & related_gold
    )
    best = np.sum(np.where(related_gold, 1.0, 0.25))
    return float(100 * score / best)


def boost(leaves: int, classes: int, train: Any, held: Any, weights: Any) -> lgb.Booster:
    """One booster, stopped early on the held-out rows; ``weights`` per row or None."""
    (x, y), (hx, hy) = train, held
    weight, held_weight = (weights(y), weights(hy)) if weights else (None, None)
    return lgb.train(
        params(leaves, classes),
        lgb.Dataset(x, y, weight=weight),
        MAX_ROUNDS,
        valid_sets=[lgb.Dataset(hx, hy, weight=held_weight)],
        callbacks=[lgb.early_stopping(50, verbose=False)],
    )


def staged(related: np.ndarray, kind: np.ndarray) -> np.ndarray:
    """Four-class probabilities of a two-stage model: P(related) times the related pairs'
    agree / disagree / discuss probabilities, then P(unrelated)."""
    return np.column_stack([related[:, None] * kind, 1.0 - related])


def cross_validate(
    x: np.ndarray, y: np.ndarray, fold: np.ndarray, setting: tuple[int, int, float]
) -> Any:
    """Out-of-fold probabilities and each fold's best number of rounds (per stage)."""
    stages, leaves, power = setting
    oof = np.zeros((len(y), len(LABELS)))
    rounds: list[Any] = []
    weights = partial(sample_weights, power=power)
    for k in range(FOLDS):
        train, held = fold != k, fold == k
        if stages == 1:
            booster = boost(leaves, 4, (x[train], y[train]), (x[held], y[held]), weights)
            oof[held] = booster.predict(x[held], num_iteration=booster.best_iteration)
            rounds.append(booster.best_iteration)
            continue
        related = (y != UNRELATED).astype(int)
        first = boost(leaves, 1, (x[train], related[train]), (x[held], related[held]), None)
        on, off = train & (y != UNRELATED), held & (y != UNRELATED)
        second = boost(leaves, 3, (x[on], y[on]), (x[off], y[off]), weights)
        p = first.predict(x[held], num_iteration=first.best_iteration)
        oof[held] = staged(p, second.predict(x[held], num_iteration=second.best_iteration))
        rounds.append([first.best_iteration, second.best_iteration])
    return oof, rounds


def best_multipliers(oof: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class weights on the probabilities that maximise out-of-fold macro-F1 (two sweeps
    of coordinate search over ``MULTIPLIERS``, unrelated fixed at 1)."""
    weights = np.ones(len(LABELS))
    best = macro_f1(y, np.argmax(oof, axis=1))
    for _ in range(2):
        for label in range(len(LABELS) - 1):
            for m in MULTIPLIERS:
                trial = weights.copy()
                trial[label] = m
                score = macro_f1(y, np.argmax(oof * trial, axis=1))
                if score > best + 1e-9:
                    best, weights = score, trial
    return weights, best


def features(args: argparse.Namespace) -> tuple[list[tuple[str, str, int]], Any, Any]:
    """The pairs, their feature rows and the IDF table (from ``--cache`` when it is there)."""
    check_digests(args.data)
    rows, bodies = load(args.data)
    if args.cache and args.cache.is_file():
        with np.load(args.cache) as cached:
            return rows, cached["x"], cached["idf"]
    headlines = sorted({h for h, _, _ in rows})
    # stored as float32: the rows are fitted on the values the package will read
    idf = sf.idf_table([*bodies.values(), *headlines]).astype(np.float32).astype(np.float64)
    x = featurise(rows, bodies, idf)
    if args.cache:
        np.savez(args.cache, x=x, idf=idf)
    return rows, x, idf


def grid_row(x: np.ndarray, y: np.ndarray, fold: np.ndarray, setting: Any) -> Any:
    """One setting's out-of-fold figures, its rounds and decision weights."""
    started = time.process_time()
    oof, rounds = cross_validate(x, y, fold, setting)
    stages, leaves, power = setting
    weights, tuned = best_multipliers(oof, y)
    pred = np.argmax(oof * weights, axis=1)
    return {
        "stages": stages,
        "leaves": leaves,
        "class_weighting_power": power,
        "rounds": rounds,
        "macro_f1_argmax": round(macro_f1(y, np.argmax(oof, axis=1)), 4),
        "macro_f1": round(tuned, 4),
        "fnc_percent": round(fnc_percent(y, pred), 2),
        "decision_weights": [round(float(w), 2) for w in weights],
        "cpu_seconds": round(time.process_time() - started),
    }


def read_tried(path: Path | None) -> dict[tuple[int, int, float], Any]:
    if path is None:
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    found = (json.loads(line) for line in lines if line.startswith("{"))
    rows = ({"stages": 1} | row for row in found)  # rows of one-stage runs may not say so
    return {(r["stages"], r["leaves"], r["class_weighting_power"]): r for r in rows}


def fit(x: np.ndarray, y: np.ndarray, idf: np.ndarray, chosen: Any) -> Any:
    """Fit the chosen setting on every pair, check the export and write it; the rounds."""
    rounds = np.mean(chosen["rounds"], axis=0).round().astype(int).tolist()
    leaves, weight = chosen["leaves"], sample_weights(y, chosen["class_weighting_power"])
    if chosen["stages"] == 1:
        full = lgb.Dataset(x, y, weight=weight)
        parts: list[Part] = [(lgb.train(params(leaves), full, rounds), len(LABELS), 0)]
    else:
        related = y != UNRELATED
        first = lgb.train(params(leaves, 1), lgb.Dataset(x, related.astype(int)), rounds[0])
        on = lgb.Dataset(x[related], y[related], weight=weight[related])
        parts = [(first, 1, sm.RELATED), (lgb.train(params(leaves, 3), on, rounds[1]), 3, 0)]
    arrays = flatten(parts)
    arrays["class_weight"] = np.array(chosen["decision_weights"], dtype=np.float64)
    arrays["idf"] = idf.astype(np.float32)
    arrays["features"] = np.array(x.shape[1])
    check(parts, arrays, x)
    np.savez_compressed(OUT, **arrays)
    return rounds


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CORROBORATE_FNC1_TRAIN", "")
    parser.add_argument("--data", type=Path, default=Path(default) if default else None)
    parser.add_argument("--cache", type=Path, help="keep the feature rows here between runs")
    parser.add_argument(
        "--tried", type=Path, help="grid rows an earlier run printed (JSON lines): not redone"
    )
    parser.add_argument(
        "--only", help="STAGES:LEAVES:POWER: cross-validate this one setting, print its row"
    )
    args = parser.parse_args()
    if args.data is None:
        raise SystemExit("give --data DIR or CORROBORATE_FNC1_TRAIN (FNC-1 train CSVs)")
    return args


def main() -> None:
    args = arguments()
    started = time.process_time()
    rows, x, idf = features(args)
    y = np.array([label for _, _, label in rows])
    fold = folds_of(rows)
    featurised = time.process_time() - started
    print(f"{len(rows)} pairs, {x.shape[1]} features, {featurised:.0f} s CPU", file=sys.stderr)
    if args.only:
        stages, leaves, power = args.only.split(":")
        print(json.dumps(grid_row(x, y, fold, (int(stages), int(leaves), float(power)))))
        return
    tried = read_tried(args.tried)
    grid = []
    for setting in GRID:
        grid.append(tried.get(setting) or grid_row(x, y, fold, setting))
        print(json.dumps(grid[-1]), file=sys.stderr)
    chosen = max(grid, key=lambda g: g["macro_f1"])
    rounds = fit(x, y, idf, chosen)
    cpu = time.process_time() - started
    summary = {"pairs": len(rows), "features": int(x.shape[1]), "folds": FOLDS}
    summary |= {"fold_groups": "topic: a headline with its related bodies, joined transitively"}
    summary |= {"grid": grid, "chosen": chosen, "final_rounds": rounds, "cpu_seconds": round(cpu)}
    (HERE / "cv.json").write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")
    print(f"chosen {chosen}; wrote {OUT} ({OUT.stat().st_size} bytes); {cpu:.0f} s CPU")


if __name__ == "__main__":
    main()
