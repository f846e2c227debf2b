"""Study: do contextual trigger vectors (``bench/trigger_vectors.py``) help incidents on ECB+?

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

Each row is the mean CoNLL F1 of the five held-out folds for one setting; the result is
written to ``bench/results/trigger_vectors_study.json``.

    python bench/trigger_vectors_study.py [--data DIR] [--vectors CACHE.npz]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
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
from bench.trigger_vectors import Matrix, trigger_vectors
from corroborate.link import incidents
from corroborate.link.incidents import Mention, Weights

BASE = {"places": False, "senses": 0.5, "words": 4.0, "context": 8.0}
VIEW: View = (False, 0.5)
SCORE_GRID = {
    "trigger": [(w, t) for w in (0.5, 1.0, 2.0, 3.0) for t in (2.5, 2.75, 3.0, 3.25, 3.5, 4.0)],
    "sentence": [(w, t) for w in (1.0, 2.0, 4.0) for t in (3.0, 3.5, 4.0, 4.5, 5.0, 5.5)],
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


@contextmanager
def widened(mentions: Sequence[Mention], vectors: Matrix, weight: float) -> Iterator[None]:
    """``cluster``'s pair evidence plus ``weight`` times the cosine of the pair's vectors."""
    row = {id(m): n for n, m in enumerate(mentions)}
    original = incidents._evidence

    def evidence(a: Mention, b: Mention, rules: Weights) -> float:
        cosine = float(vectors[row[id(a)]] @ vectors[row[id(b)]])
        return original(a, b, rules) + weight * cosine

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

    def mean_f1(view: list[Mention], threshold: float) -> float:
        scores = _fold_scores(golds, {VIEW: view}, {**BASE, "threshold": threshold}, folds, True)
        return round(sum(scores) / FOLDS, 4)

    rows: list[dict[str, Any]] = [
        {"use": "none", "threshold": t, "cv_conll_f1": mean_f1(mentions, t)} for t in THRESHOLDS
    ]
    for name, vectors in (("trigger", triggers), ("sentence", sentences)):
        for weight, threshold in SCORE_GRID[name]:
            with widened(mentions, vectors, weight):
                f1 = mean_f1(mentions, threshold)
            rows.append({"use": f"score:{name}", "weight": weight, "threshold": threshold,
                         "cv_conll_f1": f1})  # fmt: skip
    for mutual in (False, True):
        view = nearest_types(golds, mentions, triggers, mutual=mutual)
        for threshold in THRESHOLDS:
            use = f"types:{'mutual' if mutual else 'nearest'}"
            rows.append(
                {"use": use, "threshold": threshold, "cv_conll_f1": mean_f1(view, threshold)}
            )
    return {"train_topics": list(TRAIN_TOPICS), "folds": FOLDS, "base": BASE, "rows": rows}


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
    for row in sorted(found["rows"], key=lambda r: -r["cv_conll_f1"])[:10]:
        print(row)
    print(f"wrote {write_result('trigger_vectors_study', found)}")


if __name__ == "__main__":
    main()
