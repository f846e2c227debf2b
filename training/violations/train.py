"""Fit the learned half of the violation reader (``extract/violation_model.npz``).

Reads ``snippets.tsv`` (written for the project; see README.md), adds each snippet's mirror
with the parties exchanged, and fits two L2-regularised logistic regressions over
``violation_model.features``: violation or not (all snippets), and the type (the violations,
first type). The regularisation strength and the threshold are chosen by five-fold
cross-validation on these snippets alone (a snippet and its mirror share a fold), scoring
the whole reader (parse, then model) as it runs in the pipeline.

Run: ``PYTHONPATH=src python training/violations/train.py`` (about a minute on two cores).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from corroborate.extract import violation_model as vm
from corroborate.extract.encoder import load_encoder
from corroborate.extract.nlp import load_pipeline
from corroborate.extract.violations import find_violations, judge_all
from corroborate.model import Span

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets.tsv"
OUT = vm.WEIGHTS
FOLDS = 5
STRENGTHS = (0.01, 0.1, 1.0, 10.0)
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)
# the parties named in the snippets, each exchanged for the other in a snippet's mirror
MIRROR = {
    "Russian": "Ukrainian",
    "Ukrainian": "Russian",
    "Israeli": "Palestinian",
    "Palestinian": "Israeli",
    "Hamas": "Israeli",
    "Government": "Rebel",
    "government": "rebel",
    "Rebel": "Government",
    "rebel": "government",
}


@dataclass
class Example:
    text: str
    violation: bool
    types: tuple[str, ...]
    group: int


def load_snippets(path: Path = SNIPPETS) -> list[Example]:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    examples = []
    for n, row in enumerate(rows):
        label, text = row["label"], row["text"]
        violation = not label.startswith("not:")
        types = tuple(label.split(",")) if violation else ()
        examples.append(Example(text, violation, types, n))
        mirrored = mirror(text)
        if mirrored != text:
            examples.append(Example(mirrored, violation, types, n))
    return examples


def mirror(text: str) -> str:
    pattern = re.compile(r"\b(" + "|".join(MIRROR) + r")\b")
    return pattern.sub(lambda m: MIRROR[m.group(1)], text)


def featurise(examples: list[Example]) -> tuple[list[object], np.ndarray]:
    nlp = load_pipeline()
    docs = list(nlp.pipe([e.text for e in examples]))
    vectors = load_encoder().embed([e.text for e in examples])
    rows = []
    for doc, vector in zip(docs, vectors, strict=True):
        content = Span(0, len(doc.text), doc.text)
        doc.user_data[f"corroborate.vector:{content.start}:{content.end}"] = vector
        rows.append(vm.features(vector, vm.parse_features(doc, content, judge_all(doc, content))))
    return list(docs), np.stack(rows)


def logistic(x: np.ndarray, y: np.ndarray, strength: float) -> np.ndarray:
    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1 / (1 + np.exp(-z))
        value = np.sum(np.logaddexp(0, z) - y * z) + strength / 2 * w[:-1] @ w[:-1]
        grad = x.T @ (p - y) + strength * np.append(w[:-1], 0)
        return float(value), grad

    return np.asarray(minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B").x)


def softmax_regression(x: np.ndarray, y: np.ndarray, k: int, strength: float) -> np.ndarray:
    onehot = np.eye(k)[y]

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        w = flat.reshape(x.shape[1], k)
        z = x @ w
        z = z - z.max(1, keepdims=True)
        p = np.exp(z) / np.exp(z).sum(1, keepdims=True)
        value = -np.sum(onehot * np.log(p + 1e-12)) + strength / 2 * np.sum(w[:-1] ** 2)
        grad = x.T @ (p - onehot)
        grad[:-1] += strength * w[:-1]
        return float(value), grad.ravel()

    start = np.zeros(x.shape[1] * k)
    return np.asarray(minimize(loss, start, jac=True, method="L-BFGS-B").x).reshape(x.shape[1], k)


def fit(
    x: np.ndarray,
    examples: list[Example],
    types: tuple[str, ...],
    strength: float,
    threshold: float,
) -> vm.ViolationModel:
    y = np.array([e.violation for e in examples], dtype=float)
    flag = logistic(x, y, strength)
    positive = [i for i, e in enumerate(examples) if e.violation]
    labels = np.array([types.index(examples[i].types[0]) for i in positive])
    weights = softmax_regression(x[positive], labels, len(types), strength)
    return vm.ViolationModel(flag, threshold, weights, types)


def score(
    docs: list[object], examples: list[Example], model: vm.ViolationModel
) -> dict[str, float]:
    """The whole reader on the examples: flag precision, recall, F1; type accuracy."""
    tp = fp = fn = typed = 0
    for doc, example in zip(docs, examples, strict=True):
        content = Span(0, len(example.text), example.text)
        found = find_violations(doc, content, model=model)  # type: ignore[arg-type]
        if found and example.violation:
            tp += 1
            typed += found.types[0] in example.types
        elif found:
            fp += 1
        elif example.violation:
            fn += 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "f1": round(f1, 3),
        "type_accuracy": round(typed / tp, 3) if tp else 0.0,
        "n": len(examples),
    }


def cross_validate(
    docs: list[object],
    x: np.ndarray,
    examples: list[Example],
    types: tuple[str, ...],
    strength: float,
    threshold: float,
) -> dict[str, float]:
    """Five folds by snippet (a mirror shares its snippet's fold); the scores pooled."""
    predictions: list[tuple[object, Example, vm.ViolationModel]] = []
    for fold in range(FOLDS):
        train = [i for i, e in enumerate(examples) if e.group % FOLDS != fold]
        test = [i for i, e in enumerate(examples) if e.group % FOLDS == fold]
        model = fit(x[train], [examples[i] for i in train], types, strength, threshold)
        predictions += [(docs[i], examples[i], model) for i in test]
    tp = fp = fn = typed = 0
    for doc, example, model in predictions:
        found = find_violations(
            doc,
            Span(0, len(example.text), example.text),
            model=model,  # type: ignore[arg-type]
        )
        tp += bool(found) and example.violation
        fp += bool(found) and not example.violation
        fn += (not found) and example.violation
        typed += bool(found) and example.violation and found.types[0] in example.types  # type: ignore[union-attr]
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0,
        "type_accuracy": round(typed / tp, 3) if tp else 0.0,
        "n": len(examples),
        "strength": strength,
        "threshold": threshold,
    }


def main() -> int:
    examples = load_snippets()
    types = tuple(sorted({e.types[0] for e in examples if e.violation}))
    docs, x = featurise(examples)
    results = [
        cross_validate(docs, x, examples, types, s, t) for s in STRENGTHS for t in THRESHOLDS
    ]
    best = max(results, key=lambda r: (r["f1"], r["type_accuracy"]))
    model = fit(x, examples, types, float(best["strength"]), float(best["threshold"]))
    np.savez_compressed(
        OUT,
        flag=model.flag.astype(np.float32),
        threshold=np.float32(model.threshold),
        type_weights=model.type_weights.astype(np.float32),
        types=np.array(types),
    )
    (HERE / "cv.json").write_text(json.dumps({"chosen": best, "grid": results}, indent=1) + "\n")
    print(json.dumps(best))
    return 0


if __name__ == "__main__":
    sys.exit(main())
