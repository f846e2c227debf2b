"""Fit the learned half of the violation reader (``extract/models/violation_model.npz``).

Reads ``snippets.tsv`` (written for the project), ``wiki_train.jsonl`` and
``wiki_train_more.jsonl`` (the hand-labelled Wikipedia training items; see README.md), adds
each item's mirror with the parties exchanged, and fits two L2-regularised logistic
regressions over ``violation_model.features``: violation or not (all items), and the type
(the violations, first type). The regularisation strength and the threshold are chosen by five-fold
cross-validation on this training data alone (an item and its mirror share a fold), scoring
the whole reader (parse, then model) as it runs in the pipeline, by flag F1 then typing on
the Wikipedia items' folds (real event text), the snippets' folds reported beside them.

Run: ``PYTHONPATH=src python training/violations/train.py`` (a few minutes on two cores);
``... train.py --errors`` lists the shipped reader's errors on the Wikipedia training sample.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from corroborate.extract.facts.violations import find_violations, judge_all, status
from corroborate.extract.models import violation_model as vm
from corroborate.extract.models.encoder import load_encoder
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span

HERE = Path(__file__).parent
SNIPPETS = HERE / "snippets.tsv"
WIKI = HERE / "wiki_train.jsonl"
WIKI_MORE = HERE / "wiki_train_more.jsonl"
OUT = vm.WEIGHTS
FOLDS = 5
STRENGTHS = (0.3, 1.0, 3.0)
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)
# the parties named in the snippets, each exchanged for the other in a snippet's mirror
MIRROR = {
    "Russian": "Ukrainian",
    "Ukrainian": "Russian",
    "Israeli": "Palestinian",
    "Palestinian": "Israeli",
    "Palestinians": "Israelis",
    "Israelis": "Palestinians",
    "Hamas": "Israeli",
    "Sunni": "Shia",
    "Shia": "Sunni",
    "Shiite": "Sunni",
    "Muslim": "Christian",
    "Christian": "Muslim",
    "Muslims": "Christians",
    "Christians": "Muslims",
    "Indian": "Pakistani",
    "Pakistani": "Indian",
    "Armenian": "Azerbaijani",
    "Azerbaijani": "Armenian",
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
    source: str = "snippet"  # or "wiki"


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


def load_wiki(path: Path = WIKI, first_group: int = 0) -> list[Example]:
    """The hand-labelled Wikipedia items, each with its mirror (same label, same fold)."""
    examples = []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    for n, line in enumerate(lines, start=first_group):
        item = json.loads(line)
        types = tuple(item["types"])
        for text in dict.fromkeys((item["text"], mirror(item["text"]))):
            examples.append(Example(text, bool(types), types, n, "wiki"))
    return examples


def load_all() -> list[Example]:
    snippets = load_snippets()
    wiki = load_wiki(first_group=max(e.group for e in snippets) + 1)
    return snippets + wiki + load_wiki(WIKI_MORE, first_group=max(e.group for e in wiki) + 1)


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
        judged = judge_all(doc, content)
        parse = vm.parse_features(doc, content, judged, status(judged, content))
        rows.append(vm.features(vector, parse))
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
) -> list[dict[str, object]]:
    """Five folds by item (a mirror shares its item's fold), fitted once per fold and read at
    every threshold; the scores pooled, for the Wikipedia items (``wiki``, which choose the
    setting) and for the snippets."""
    models: list[tuple[list[int], vm.ViolationModel]] = []
    for fold in range(FOLDS):
        train = [i for i, e in enumerate(examples) if e.group % FOLDS != fold]
        test = [i for i, e in enumerate(examples) if e.group % FOLDS == fold]
        models.append((test, fit(x[train], [examples[i] for i in train], types, strength, 0.5)))
    results: list[dict[str, object]] = []
    for threshold in THRESHOLDS:
        predictions = [
            (docs[i], examples[i], replace(model, threshold=threshold))
            for test, model in models
            for i in test
        ]
        results.append(
            {
                "strength": strength,
                "threshold": threshold,
                **{
                    source: _pooled([p for p in predictions if p[1].source == source])
                    for source in ("wiki", "snippet")
                },
            }
        )
    return results


def _pooled(predictions: list[tuple[object, Example, vm.ViolationModel]]) -> dict[str, float]:
    tp = fp = fn = typed = 0
    for doc, example, model in predictions:
        found = find_violations(
            doc,  # type: ignore[arg-type]
            Span(0, len(example.text), example.text),
            model=model,
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
        "n": len(predictions),
    }


def _key(result: dict[str, object]) -> tuple[float, float]:
    wiki = result["wiki"]
    assert isinstance(wiki, dict)
    return (wiki["f1"], wiki["type_accuracy"])


def errors() -> int:
    """The shipped reader's errors on the Wikipedia training sample, one JSON line each."""
    examples = load_wiki()
    nlp = load_pipeline()
    seen = set()
    for example, doc in zip(examples, nlp.pipe([e.text for e in examples]), strict=True):
        if example.group in seen:
            continue  # the original only, not its mirror
        seen.add(example.group)
        content = Span(0, len(example.text), example.text)
        found = find_violations(doc, content)
        judged = [(j.reading.token.text, j.verdict, j.why) for j in judge_all(doc, content)]
        if bool(found) != example.violation or (found and found.types[0] not in example.types):
            gold, got = list(example.types), list(found.types) if found else []
            learned = bool(found and found.learned)
            print(
                json.dumps(
                    {
                        "gold": gold,
                        "found": got,
                        "learned": learned,
                        "acts": judged,
                        "text": example.text,
                    },
                    ensure_ascii=False,
                )
            )
    return 0


def main() -> int:
    if "--errors" in sys.argv:
        return errors()
    examples = load_all()
    types = tuple(sorted({e.types[0] for e in examples if e.violation}))
    docs, x = featurise(examples)
    results = [result for s in STRENGTHS for result in cross_validate(docs, x, examples, types, s)]
    best = max(results, key=_key)
    strength, threshold = best["strength"], best["threshold"]
    assert isinstance(strength, float) and isinstance(threshold, float)
    model = fit(x, examples, types, strength, threshold)
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
