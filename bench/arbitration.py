"""Arbitration weights by cross-validation on PolNeAR training documents the encoder never saw.

The attribution encoder was fitted on nine tenths of PolNeAR's training split (sorted by
document id) and the last tenth held out (``training/encoder/train.py``); only that tenth is
read here, so the encoder's candidates are no better than on new text. Each document is
parsed and tagged once. A few weight settings of ``taxonomy/attribution/arbitration.yaml``
(``CANDIDATES`` below: the shipped one, rule shapes before the encoder, the encoder's
agreement or the content's length deciding) are compared by exact F1 (mean of source, cue and
content): in each of ``--folds`` folds the best setting on the other folds is scored on the
fold, which estimates what choosing this way is worth; the setting best over all the
documents is the one to ship. Only documents where the encoder's and the rules' candidates
overlap can change with the weights; the others are extracted once.

    python bench/arbitration.py [--folds 5] [--data DIR]

Writes ``bench/results/arbitration.json``. The dev and test splits are not read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.brat import ROLES, Scores, add_scores, empty_scores, parse_ann, score_document
from bench.common import DATA, write_result
from bench.eval_attribution import documents, predictions

HOLDOUT = 0.1  # the encoder's held-out share of the training split (train.sh's default)


def candidates() -> dict[str, Any]:
    """The weight settings compared, by name."""
    from corroborate.extract.attribution.arbitration import load_weights

    shipped = load_weights()
    even = {"encoder": 1.0, "rules": 1.0, "quotations": 1.0}
    found: dict[str, Any] = {"shipped": shipped}
    for shape in ("verb", "according_to", "quotation", "label"):
        found[f"{shape} first"] = replace(shipped, shapes={**shipped.shapes, shape: 1.5})
    found["agreement decides"] = replace(shipped, readers=even, agreement=1.0)
    found["length decides"] = replace(shipped, readers=even, length=0.5)
    found["agreement and length"] = replace(shipped, readers=even, agreement=1.0, length=0.5)
    return found


def held_out(root: Path) -> list[tuple[str, Path, Path]]:
    docs = documents(root, "train")
    return docs[len(docs) - round(len(docs) * HOLDOUT) :]


def contested(doc: Any) -> bool:
    """Whether any encoder candidate overlaps a rule candidate: only then can weights matter."""
    from corroborate.extract.attribution.candidates import (
        encoder_candidates,
        quotation_candidates,
        rule_candidates,
    )
    from corroborate.extract.spans import overlaps

    rules = rule_candidates(doc) + quotation_candidates(doc)
    spans = [(r.speaker, r.cue, r.content) for r in rules]
    return any(
        overlaps(a, b)
        for t in encoder_candidates(doc)
        for a in (t.cue, *t.content, *([t.source] if t.source else []))
        for group in spans
        for b in group
    )


def f1_of(scores: Scores) -> float:
    return sum(scores["exact"][role].f1 for role in ROLES) / len(ROLES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--data", type=Path, default=DATA / "polnear")
    args = parser.parse_args()
    from corroborate.extract.attribution.tagger import tag_docs
    from corroborate.extract.document import extract_doc
    from corroborate.extract.models.nlp import load_pipeline

    started = time.process_time()
    docs = held_out(args.data)
    texts = [t.read_text(encoding="utf-8") for _, t, _ in docs]
    golds = [parse_ann(a.read_text(encoding="utf-8")) for _, _, a in docs]
    parsed = list(load_pipeline().pipe(texts, batch_size=8))
    tag_docs(parsed)
    settings = candidates()
    per_doc: dict[str, list[Scores]] = {}
    for name, weights in settings.items():
        print(f"\r{name:<24}", end="", file=sys.stderr, flush=True)
        scores = []
        for n, (text, doc, gold) in enumerate(zip(texts, parsed, golds, strict=True)):
            if name != "shipped" and not contested(doc):
                scores.append(per_doc["shipped"][n])
                continue
            found = extract_doc(doc, report_id="", published=None, weights=weights)
            scores.append(score_document(text, gold, predictions(found)))
        per_doc[name] = scores
    print(file=sys.stderr)
    figures = report(per_doc, args.folds)
    figures["docs"] = len(docs)
    figures["contested_docs"] = sum(contested(d) for d in parsed)
    figures["cpu_seconds"] = round(time.process_time() - started, 1)
    figures["load_average_1min"] = round(os.getloadavg()[0], 2)
    print(f"wrote {write_result('arbitration', figures)}")


def total(scores: list[Scores], picks: list[int]) -> Scores:
    out = empty_scores()
    for n in picks:
        out = add_scores(out, scores[n])
    return out


def report(per_doc: dict[str, list[Scores]], folds: int) -> dict[str, Any]:
    """Each setting's exact F1 over all documents, and the cross-validated choice."""
    count = len(next(iter(per_doc.values())))
    everything = list(range(count))
    overall = {name: f1_of(total(s, everything)) for name, s in per_doc.items()}
    chosen_scores, chosen = empty_scores(), []
    for fold in range(folds):
        test = [n for n in everything if n % folds == fold]
        fit = [n for n in everything if n % folds != fold]
        best = max(per_doc, key=lambda name: f1_of(total(per_doc[name], fit)))
        chosen.append(best)
        chosen_scores = add_scores(chosen_scores, total(per_doc[best], test))
    for name, value in sorted(overall.items(), key=lambda kv: -kv[1]):
        print(f"{name:<24} {100 * value:6.2f}")
    print(f"cross-validated choice: {100 * f1_of(chosen_scores):6.2f} (folds chose {chosen})")
    return {
        "split": f"train, last {HOLDOUT:.0%} (held out from the encoder)",
        "metric": "exact F1, mean of source, cue and content (bench/brat.py), in points",
        "settings": {name: round(100 * value, 2) for name, value in overall.items()},
        "cross_validated": round(100 * f1_of(chosen_scores), 2),
        "fold_choices": chosen,
        "best_overall": max(overall, key=lambda name: overall[name]),
    }


if __name__ == "__main__":
    main()
