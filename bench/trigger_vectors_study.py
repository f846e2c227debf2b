"""Study: do a trigger's context (``bench/trigger_vectors.py``) and arguments help ECB+ incidents?

Cross-validated on the *train* topics only, with the folds, scoring and base setting of
``bench/eval_incidents.py --tune`` (places off, trigger senses at 0.5, words 4, context 8,
clustered within gold topics); dev and test topics are never read. Two uses are scored:

* ``score``: the cosine of two mentions' trigger vectors (or of their sentence vectors),
  times a weight, added to the pair's evidence beside words, context and senses. The
  linkage itself is ``link.incidents.cluster``, unchanged; the study widens its pair score
  for the run only (``_evidence`` patched inside ``widened``), which is why this stays a
  study and not a setting of the product.
* ``types``: a mention's types also take the trigger stem of its nearest mention (by trigger
  cosine) in another document (``nearest``; ``mutual``: only where each is the other's
  nearest), so that triggers that differ in word but not in use share a block.

* ``score:arguments_*``: the trigger's arguments (``bench/trigger_arguments.py``, the nouns
  the parse attaches to it): their Jaccard overlap times a weight added (``shared``), or a
  weight taken off where both name arguments and share none (``apart``), also beside the
  trigger cosine at 0.5.

Each row is the mean CoNLL F1 of the five held-out folds for one setting; the result is
written to ``bench/results/trigger_vectors_study.json``.

    python bench/trigger_vectors_study.py [--data DIR] [--vectors CACHE.npz]
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import rankdata
from spacy.tokens import Doc
from spacy.vocab import Vocab

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA, write_result
from bench.ecbplus import TRAIN_TOPICS, EventMention, document_sentences, load
from bench.eval_incidents import (
    FOLDS,
    Document,
    View,
    _fold_scores,
    content_words,
    sense_types,
    to_mention,
    trigger_stem,
)
from bench.trigger_arguments import trigger_arguments
from bench.trigger_vectors import Matrix, trigger_vectors
from corroborate.link import incidents
from corroborate.link.incidents import Mention, Weights

BASE = {"places": False, "senses": 0.5, "words": 4.0, "context": 8.0}
VIEW: View = (False, 0.5)
SCORE_GRID = {
    "trigger": [(w, t) for w in (0.5, 1.0, 2.0, 3.0) for t in (2.5, 2.75, 3.0, 3.25, 3.5, 4.0)],
    "sentence": [(w, t) for w in (1.0, 2.0, 4.0) for t in (3.0, 3.5, 4.0, 4.5, 5.0, 5.5)],
    "arguments_shared": [(w, t) for w in (0.5, 1.0, 2.0) for t in (2.5, 2.75, 3.0)],
    "arguments_apart": [(w, t) for w in (0.25, 0.5, 0.75, 1.0) for t in (2.0, 2.25, 2.5)],
    "arguments_apart+trigger_0.5": [(w, t) for w in (0.5, 0.75) for t in (2.25, 2.5, 2.75)],
}
THRESHOLDS = (2.5, 2.75, 3.0)


def plain_mentions(root: Path, golds: Sequence[EventMention]) -> list[Mention]:
    """The mentions of the base view (no places, so no parse is needed), senses at 0.5."""
    documents = {
        name: Document({}, [], content_words(" ".join(sentences.values())), Doc(Vocab()))
        for name, sentences in document_sentences(root, TRAIN_TOPICS).items()
    }
    plain = [to_mention(g, documents[g.doc], places=False) for g in golds]
    types = sense_types(golds, 0.5)
    return [replace(m, types=t) for m, t in zip(plain, types, strict=True)]


Pair = Callable[[int, int], float]  # extra evidence for two mentions, by their rows


def cosine(vectors: Matrix, weight: float) -> Pair:
    """``weight`` times the cosine of the two mentions' vectors."""
    return lambda i, j: weight * float(vectors[i] @ vectors[j])


def shared_arguments(arguments: list[frozenset[str]], weight: float) -> Pair:
    """``weight`` times the Jaccard overlap of the two mentions' arguments (both named)."""

    def pair(i: int, j: int) -> float:
        a, b = arguments[i], arguments[j]
        return weight * len(a & b) / len(a | b) if a and b else 0.0

    return pair


def apart_arguments(arguments: list[frozenset[str]], weight: float) -> Pair:
    """Minus ``weight`` when both mentions name arguments and none is shared."""
    return lambda i, j: (
        -weight if arguments[i] and arguments[j] and not arguments[i] & arguments[j] else 0.0
    )


def both(first: Pair, second: Pair) -> Pair:
    return lambda i, j: first(i, j) + second(i, j)


@contextmanager
def widened(mentions: Sequence[Mention], extra: Pair) -> Iterator[None]:
    """``cluster``'s pair evidence plus ``extra`` for the pair, for the run only."""
    row = {id(m): n for n, m in enumerate(mentions)}
    original = incidents._evidence

    def evidence(a: Mention, b: Mention, rules: Weights) -> float:
        return original(a, b, rules) + extra(row[id(a)], row[id(b)])

    incidents._evidence = evidence
    try:
        yield
    finally:
        incidents._evidence = original


def nearest_types(
    golds: Sequence[EventMention], mentions: list[Mention], vectors: Matrix, *, mutual: bool
) -> list[Mention]:
    """Each mention's types with the trigger stem of its nearest mention in another document."""
    cosine = vectors @ vectors.T
    docs = np.array([g.doc for g in golds])
    cosine[docs[:, None] == docs[None, :]] = -2.0
    best = cosine.argmax(axis=1)
    stems = [trigger_stem(g.trigger) for g in golds]
    widened_types = []
    for i, mention in enumerate(mentions):
        j = int(best[i])
        keep = cosine[i, j] > -2.0 and (not mutual or int(best[j]) == i)
        widened_types.append(
            replace(mention, types=mention.types | {stems[j]} if keep else mention.types)
        )
    return widened_types


def study(root: Path, cache: Path | None) -> dict[str, Any]:
    golds = load(root, TRAIN_TOPICS)
    triggers, sentences = _vectors(golds, cache)
    mentions = plain_mentions(root, golds)
    folds = [set(TRAIN_TOPICS[i::FOLDS]) for i in range(FOLDS)]

    def mean_f1(view: list[Mention], threshold: float) -> list[float]:
        return _fold_scores(golds, {VIEW: view}, {**BASE, "threshold": threshold}, folds, True)

    rows: list[dict[str, Any]] = [
        {"use": "none", "threshold": t, "fold_conll_f1": mean_f1(mentions, t)} for t in THRESHOLDS
    ]
    arguments = trigger_arguments(golds)
    extras: dict[str, Callable[[float], Pair]] = {
        "trigger": lambda w: cosine(triggers, w),
        "sentence": lambda w: cosine(sentences, w),
        "arguments_shared": lambda w: shared_arguments(arguments, w),
        "arguments_apart": lambda w: apart_arguments(arguments, w),
        "arguments_apart+trigger_0.5": lambda w: both(
            apart_arguments(arguments, w), cosine(triggers, 0.5)
        ),
    }
    for name, extra in extras.items():
        for weight, threshold in SCORE_GRID[name]:
            with widened(mentions, extra(weight)):
                f1 = mean_f1(mentions, threshold)
            rows.append({"use": f"score:{name}", "weight": weight, "threshold": threshold,
                         "fold_conll_f1": f1})  # fmt: skip
    for mutual in (False, True):
        view = nearest_types(golds, mentions, triggers, mutual=mutual)
        for threshold in THRESHOLDS:
            use = f"types:{'mutual' if mutual else 'nearest'}"
            rows.append(
                {"use": use, "threshold": threshold, "fold_conll_f1": mean_f1(view, threshold)}
            )
    for row in rows:
        row["fold_conll_f1"] = [round(f, 4) for f in row["fold_conll_f1"]]
        row["cv_conll_f1"] = round(sum(row["fold_conll_f1"]) / FOLDS, 4)
    return {
        "train_topics": list(TRAIN_TOPICS),
        "folds": FOLDS,
        "base": BASE,
        "auc": {
            name: separability(golds, vectors)
            for name, vectors in (("trigger", triggers), ("sentence", sentences))
        },
        "nested_cv_conll_f1": nested(rows),
        "rows": rows,
    }


def separability(golds: Sequence[EventMention], vectors: Matrix) -> dict[str, float]:
    """How well the cosine tells coreferent from other pairs of mentions of one topic in two
    documents (ROC AUC): over all such pairs, and over those whose trigger stems differ."""
    topics: dict[int, list[int]] = defaultdict(list)
    for n, gold in enumerate(golds):
        topics[gold.topic].append(n)
    stems = [trigger_stem(g.trigger) for g in golds]
    scores: dict[str, tuple[list[float], list[float]]] = {"all": ([], []), "stems_differ": ([], [])}
    for members in topics.values():
        cosine = vectors[members] @ vectors[members].T
        for x, i in enumerate(members):
            for y in range(x + 1, len(members)):
                j = members[y]
                if golds[i].doc == golds[j].doc:
                    continue
                side = 0 if golds[i].cluster == golds[j].cluster else 1
                scores["all"][side].append(float(cosine[x, y]))
                if stems[i] != stems[j]:
                    scores["stems_differ"][side].append(float(cosine[x, y]))
    return {name: round(_auc(*pair), 4) for name, pair in scores.items()}


def _auc(positive: list[float], negative: list[float]) -> float:
    """The chance that a positive scores above a negative (ties count half)."""
    ranks = rankdata(np.array(positive + negative))  # ties share their mean rank
    above = ranks[: len(positive)].sum() - len(positive) * (len(positive) + 1) / 2
    return float(above / (len(positive) * len(negative)))


def nested(rows: list[dict[str, Any]]) -> dict[str, float]:
    """Per use (and with ``none``): each fold scored with the row best on the other folds,
    averaged: what choosing among the rows is worth, free of the choice's own luck."""
    uses = sorted({row["use"] for row in rows})
    found = {}
    for use in uses:
        pool = [r for r in rows if r["use"] in (use, "none")]
        held_out = []
        for fold in range(FOLDS):
            best = max(
                pool, key=lambda r: sum(f for n, f in enumerate(r["fold_conll_f1"]) if n != fold)
            )
            held_out.append(best["fold_conll_f1"][fold])
        found[use] = round(sum(held_out) / FOLDS, 4)
    return found


def _vectors(golds: Sequence[EventMention], cache: Path | None) -> tuple[Matrix, Matrix]:
    """The vectors, read from ``cache`` when it holds these mentions', else computed (and
    written there)."""
    ids = [g.mention_id for g in golds]
    if cache is not None and cache.exists():
        stored = np.load(cache)
        if [str(i) for i in stored["ids"]] == ids:
            return stored["t"], stored["s"]
    triggers, sentences = trigger_vectors(golds)
    if cache is not None:
        np.savez(cache, ids=np.array(ids), t=triggers, s=sentences)
    return triggers, sentences


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DATA / "ecbplus", help="ECB+ folder")
    parser.add_argument("--vectors", type=Path, default=None, help="cache of the vectors (.npz)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    found = study(args.data, args.vectors)
    found["seconds"] = round(time.perf_counter() - started, 2)
    found["cpu_seconds"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_utime, 2)
    found["load_average"] = [round(x, 1) for x in os.getloadavg()]
    for row in sorted(found["rows"], key=lambda r: -r["cv_conll_f1"])[:10]:
        print(row)
    print("nested:", found["nested_cv_conll_f1"])
    print("auc:", found["auc"])
    print(f"wrote {write_result('trigger_vectors_study', found)}")


if __name__ == "__main__":
    main()
