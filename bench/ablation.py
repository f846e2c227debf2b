"""What each attribution rule contributes: PolNeAR exact F1 with every rule, then with each
grammatical shape (``taxonomy/attribution/shapes.yaml``, by id) or rule family
(``extract/rules.py``) turned off in turn.

Parse rules alone (``--fast``: no encoder) on the first ``--docs`` documents of a PolNeAR
split, read as ``bench/eval_attribution.py`` reads it. Each document is parsed once; every
configuration extracts from a fresh copy of that parse. A rule whose removal costs nothing
on these documents is a candidate to go; a rule whose removal *raises* F1 is hurting here.
This is a measurement, not a tuning loop: nothing in ``extract/`` is chosen from it.

    python bench/ablation.py [--split dev] [--docs 40] [--data DIR] [--rules NAME …]

Writes ``bench/results/ablation.json`` (``ablation_train.json`` for the training split or a
``--rules`` subset) and prints a table (F1 in points, change against all
rules in brackets).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.brat import ROLES, Scores, add_scores, empty_scores, parse_ann, score_document
from bench.common import DATA, write_result
from bench.eval_attribution import documents, predictions

ALL = "(all rules)"


def parsed(docs: list[tuple[str, Path, Path]]) -> list[tuple[str, bytes, list[Any]]]:
    """Each document's text, its parse as bytes (copied afresh for every configuration, so no
    run sees what another left on the tokens) and its gold relations."""
    from corroborate.extract.blind import parse
    from corroborate.extract.models.nlp import load_pipeline

    nlp = load_pipeline()
    out = []
    for _, text_path, ann_path in docs:
        text = text_path.read_text(encoding="utf-8")
        [doc] = parse(nlp, [text])
        out.append((text, doc.to_bytes(), parse_ann(ann_path.read_text(encoding="utf-8"))))
    return out


def score(corpus: list[tuple[str, bytes, list[Any]]], off: tuple[str, ...]) -> tuple[Scores, int]:
    """Exact-match scores over the corpus with the named rules turned off."""
    from spacy.tokens import Doc

    from corroborate.extract.document import extract_doc
    from corroborate.extract.models.nlp import load_pipeline
    from corroborate.extract.rules import disabled

    vocab = load_pipeline().vocab
    totals, predicted = empty_scores(), 0
    with disabled(*off):
        for text, data, gold in corpus:
            doc = Doc(vocab).from_bytes(data)
            found = extract_doc(doc, report_id="", published=None, encoder=False)
            pred = predictions(found)
            predicted += len(pred)
            totals = add_scores(totals, score_document(text, gold, pred))
    return totals, predicted


def f1(scores: Scores) -> dict[str, float]:
    return {role: round(100 * scores["exact"][role].f1, 2) for role in ROLES}


def rules() -> list[tuple[str, str, str]]:
    """(name, kind, what it is) of every shape and rule family that can be turned off."""
    from corroborate.extract.attribution.patterns import shapes
    from corroborate.extract.rules import FAMILIES

    found = [(s.id, "shape", s.about) for s in shapes().values()]
    return found + [(name, "family", about) for name, about in FAMILIES.items()]


def table(rows: list[dict[str, Any]]) -> str:
    head = f"{'rule':<26} {'kind':<7} " + " ".join(f"{r:>15}" for r in ROLES) + f" {'pred':>6}"
    lines = [head]
    for row in rows:
        cells = []
        for role in ROLES:
            delta = row["delta"].get(role)
            cells.append(
                f"{row['f1'][role]:6.2f}" + (f" ({delta:+6.2f})" if delta is not None else " " * 9)
            )
        lines.append(
            f"{row['rule']:<26} {row['kind']:<7} " + " ".join(cells) + f" {row['pred']:>6}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--docs", type=int, default=40, help="the first N documents (sorted)")
    parser.add_argument("--data", type=Path, default=DATA / "polnear", help="PolNeAR folder")
    parser.add_argument(
        "--rules", nargs="+", metavar="NAME", help="turn off only these rules (default: each)"
    )
    args = parser.parse_args()
    if args.docs < 1:
        raise SystemExit("--docs must be at least 1")
    docs = documents(args.data, args.split)[: args.docs]

    started = time.process_time()
    corpus = parsed(docs)
    parse_s = time.process_time() - started
    base, base_pred = score(corpus, ())
    base_f1 = f1(base)
    rows = [{"rule": ALL, "kind": "", "about": "", "f1": base_f1, "delta": {}, "pred": base_pred}]
    for name, kind, about in rules():
        if args.rules and name not in args.rules:
            continue
        print(f"\rwithout {name:<30}", end="", file=sys.stderr, flush=True)
        scores, pred = score(corpus, (name,))
        got = f1(scores)
        delta = {role: round(got[role] - base_f1[role], 2) for role in ROLES}
        rows.append(
            {"rule": name, "kind": kind, "about": about, "f1": got, "delta": delta, "pred": pred}
        )
    print(file=sys.stderr)
    print(table(rows))
    figures = {
        "split": args.split,
        "first_docs": docs[0][0] if docs else "",
        "docs": len(docs),
        "mode": "parse rules alone (--fast, no encoder)",
        "metric": "exact span F1 (bench/brat.py), in points; delta = without the rule - all rules",
        "rows": rows,
        "cpu_seconds": {
            "parse": round(parse_s, 1),
            "total": round(time.process_time() - started, 1),
        },
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    name = "ablation" if args.split == "dev" and not args.rules else f"ablation_{args.split}"
    print(f"wrote {write_result(name, figures)}")


if __name__ == "__main__":
    main()
