"""Train the cue detector (``src/corroborate/extract/models/cue_model.npz``) from PolNeAR.

Reads the PolNeAR training split (brat standoff) from ../shared/data/polnear at run time,
parses it with the bundled English pipeline, labels each candidate token 1 when it heads a
gold Cue span, and fits an L2-regularised logistic regression over hashed features
(``corroborate.extract.models.cue_model.features``). The last tenth of the training documents is
held out to choose the regularisation and the decision threshold (highest F1 of cue heads);
the final weights are then fitted on all training documents. The dev split is never read.

    .venv/bin/python training/cues/train.py [--data DIR] [--out PATH]

Only the weight vector and the threshold are written: numbers, no text of the corpus.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.brat import first_annotator_files, normalise, parse_ann  # noqa: E402

from corroborate.extract.models.cue_model import BITS, WEIGHTS, features, is_candidate  # noqa: E402
from corroborate.extract.models.nlp import load_pipeline  # noqa: E402

Example = tuple[list[int], int]


def documents(root: Path) -> list[tuple[str, str]]:
    """(text, annotation) of every training document, first annotator file in sorted order."""
    text_dir, ann_dir = root / "data" / "train" / "text", root / "data" / "train" / "attributions"
    chosen = first_annotator_files(p.name for p in ann_dir.iterdir())
    return [
        ((text_dir / f"{doc}.txt").read_text("utf-8"), (ann_dir / name).read_text("utf-8"))
        for doc, name in sorted(chosen.items())
        if (text_dir / f"{doc}.txt").is_file()
    ]


def parsed(docs: list[tuple[str, str]], cache: Path | None) -> list[Doc]:
    """The training texts parsed, from ``cache`` (a DocBin) when it holds them."""
    nlp = load_pipeline()
    if cache is not None and cache.is_file():
        found = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in found] == [text for text, _ in docs]:
            return found
    out = []
    started = time.perf_counter()
    texts = (text for text, _ in docs)
    parse = nlp.pipe(
        texts, n_process=2, disable=["corroborate_attribution"]
    )  # features: parse only
    for n, doc in enumerate(parse):
        out.append(doc)
        if n % 50 == 0:
            print(f"\rparsed {n + 1}/{len(docs)} ({time.perf_counter() - started:.0f} s)",
                  end="", file=sys.stderr, flush=True)  # fmt: skip
    print(file=sys.stderr)
    if cache is not None:
        DocBin(docs=out).to_disk(cache)
    return out


def examples(docs: list[tuple[str, str]], cache: Path | None) -> list[list[Example]]:
    """Per document: (features, label) of every candidate token."""
    out: list[list[Example]] = []
    for doc, (text, ann) in zip(parsed(docs, cache), docs, strict=True):
        heads: set[int] = set()
        for relation in parse_ann(ann):
            spans = normalise(text, relation.cue)
            if not spans:
                continue
            span = doc.char_span(spans[0][0], spans[-1][1], alignment_mode="expand")
            if span is None:
                continue
            inside = {t.i for t in span}
            heads |= {t.i for t in span if t.head.i not in inside or t.head.i == t.i}
        out.append([(features(t), int(t.i in heads)) for t in doc if is_candidate(t)])
    return out


def matrix(rows: list[Example]) -> tuple[csr_matrix, np.ndarray]:
    indptr = np.cumsum([0] + [len(f) for f, _ in rows])
    indices = np.fromiter((i for f, _ in rows for i in f), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float64)
    x = csr_matrix((data, indices, indptr), shape=(len(rows), 1 << BITS))
    x.sum_duplicates()
    return x, np.array([y for _, y in rows], dtype=np.float64)


def fit(x: csr_matrix, y: np.ndarray, l2: float) -> np.ndarray:
    """Weights minimising mean logistic loss + l2 * |w|^2 / 2 (L-BFGS)."""
    n = x.shape[0]
    xt = x.T.tocsr()

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        value = np.logaddexp(0, z).sum() - (y * z).sum()
        grad = xt @ (p - y)
        return value / n + 0.5 * l2 * w @ w, grad / n + l2 * w

    result = minimize(loss, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B",
                      options={"maxiter": 400})  # fmt: skip
    return np.asarray(result.x)


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for threshold in np.arange(0.2, 0.8, 0.025):
        hit = ((p >= threshold) & (y == 1)).sum()
        precision, recall = hit / max(1, (p >= threshold).sum()), hit / max(1, y.sum())
        f1 = 2 * precision * recall / max(1e-9, precision + recall)
        if f1 > best[1]:
            best = (float(threshold), float(f1))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/polnear")
    parser.add_argument("--out", type=Path, default=WEIGHTS)
    parser.add_argument("--cache", type=Path, default=None, help="DocBin of the parsed texts")
    args = parser.parse_args()
    per_doc = examples(documents(args.data), args.cache)
    cut = len(per_doc) * 9 // 10
    x_fit, y_fit = matrix([e for d in per_doc[:cut] for e in d])
    x_held, y_held = matrix([e for d in per_doc[cut:] for e in d])
    print(f"{x_fit.shape[0]} candidate tokens to fit, {int(y_fit.sum())} cue heads")
    choice = (0.0, 0.5, -1.0)
    for l2 in (1e-4, 3e-5, 1e-5):
        w = fit(x_fit, y_fit, l2)
        threshold, f1 = best_threshold(1 / (1 + np.exp(-(x_held @ w))), y_held)
        print(f"l2={l2:g}: held-out cue-head F1 {f1:.3f} at threshold {threshold:.3f}")
        if f1 > choice[2]:
            choice = (l2, threshold, f1)
    l2, threshold, _ = choice
    x_all, y_all = matrix([e for d in per_doc for e in d])
    weights = fit(x_all, y_all, l2).astype(np.float32)
    weights[np.abs(weights) < 1e-4] = 0.0
    np.savez_compressed(args.out, weights=weights, threshold=np.float32(threshold))
    print(f"l2={l2:g} threshold={threshold:.3f}; wrote {args.out}")


if __name__ == "__main__":
    main()
