"""Attribution accuracy on PolNeAR: per-role P/R/F1 (source, cue, content) and relation F1.

Runs ``corroborate.extract.Extractor`` on every document of a PolNeAR split (brat standoff,
read at run time from ../shared/data/polnear; the corpus has no licence, so nothing of it is
written into the repository) and scores the extracted speaker/cue/content spans against the
gold Source/Cue/Content spans. Where a document has several annotator files the first in
sorted file-name order is the gold standard. Metric definitions: see ``bench/brat.py``.

    python bench/eval_attribution.py [--split dev] [--data DIR] [--limit N]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.brat import (
    METRICS,
    ROLES,
    Relation,
    Scores,
    add_scores,
    empty_scores,
    first_annotator_files,
    parse_ann,
    relation,
    score_document,
)
from bench.common import DATA, write_result

# BBC Citron, model en_2021-11-15 (github.com/bbc/citron, models/en_2021-11-15/README.md),
# evaluated with scripts/evaluate on the PARC 3.0 *test* set (WSJ), not on PolNeAR.
CITRON_REFERENCE = {
    "system": "BBC Citron en_2021-11-15",
    "corpus": "PARC 3.0 test (not PolNeAR)",
    "where": "https://github.com/bbc/citron/blob/main/models/en_2021-11-15/README.md",
    "metric": "citron_exact / citron_overlap (see bench/brat.py)",
    "citron_exact_f1": {"source": 0.820, "cue": 0.823, "content": 0.593},
    "citron_overlap_f1": {"source": 0.853, "cue": 0.768, "content": 0.833},
}


def documents(root: Path, split: str) -> list[tuple[str, Path, Path]]:
    """(doc id, text path, chosen annotation path) for every annotated text of the split."""
    text_dir, ann_dir = root / "data" / split / "text", root / "data" / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise SystemExit(f"no PolNeAR {split} split under {root}")
    chosen = first_annotator_files(p.name for p in ann_dir.iterdir())
    return [
        (doc, text_dir / f"{doc}.txt", ann_dir / chosen[doc])
        for doc in sorted(chosen)
        if (text_dir / f"{doc}.txt").is_file()
    ]


def predictions(result: Any) -> list[Relation]:
    """The extractor's attributions as relations of character offsets.

    PolNeAR is univocal: a token belongs to at most one attribution, so a statement reported
    inside another's content ("“I think …,” she said"; "he said that officials claimed …")
    is not annotated on its own. An attribution whose cue lies inside another's content is
    therefore left out here (the extractor itself keeps such nested attributions). A
    continuation (no cue of its own: “A,” he said. “B.”) is a further fragment of the content
    of the speaker's last relation, as PolNeAR marks it.
    """
    found: list[Relation] = []
    outer = [(a.content.start, a.content.end) for a in result.attributions]
    last: dict[tuple[int, int], int] = {}  # speaker span -> index of its latest relation
    for a in result.attributions:
        if a.cue and any(s <= a.cue.start and a.cue.end <= e for s, e in outer):
            continue
        source = (a.speaker.span.start, a.speaker.span.end)
        content = (a.content.start, a.content.end)
        if a.cue is None and source in last:  # a continuation: more of the same statement
            n = last[source]
            found[n] = Relation(found[n].source, found[n].cue, (*found[n].content, content))
            continue
        cue = (a.cue.start, a.cue.end) if a.cue else None
        last[source] = len(found)
        found.append(relation(source, cue, content))
    return found


def hull(gold: Relation) -> Relation:
    """A gold relation with each role's fragments joined into one contiguous span.

    Scoring these as predictions gives the ceiling for an extractor whose spans are contiguous
    (a discontinuous gold span can never be matched exactly by one).
    """

    def join(spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
        return (spans[0][0], spans[-1][1]) if spans else None

    return relation(join(gold.source), join(gold.cue), join(gold.content))


def f1s(scores: Scores) -> dict[str, dict[str, float]]:
    """Just the F1 of every metric and role."""
    return {m: {k: round(c.f1, 4) for k, c in by.items()} for m, by in scores.items()}


def table(scores: Scores) -> str:
    """Plain-text table of P/R/F1 per metric and role."""
    lines = [f"{'metric':<15} {'role':<8} {'P':>6} {'R':>6} {'F1':>6} {'pred':>8} {'gold':>8}"]
    for metric, by_role in scores.items():
        for role, c in by_role.items():
            lines.append(
                f"{metric:<15} {role:<8} {c.precision:6.1%} {c.recall:6.1%} {c.f1:6.1%}"
                f" {c.pred:8.0f} {c.gold:8.0f}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=["dev", "train"])
    parser.add_argument("--data", type=Path, default=DATA / "polnear", help="PolNeAR folder")
    parser.add_argument("--limit", type=int, default=None, help="score the first N documents")
    args = parser.parse_args()

    docs = documents(args.data, args.split)[: args.limit]
    from corroborate.extract import Extractor  # after argument errors, as it loads spaCy

    started = time.perf_counter()
    extractor = Extractor.load()
    load_s = time.perf_counter() - started

    totals, ceiling = empty_scores(), empty_scores()
    gold_relations = pred_relations = words = 0
    extract_s = 0.0
    for n, (doc, text_path, ann_path) in enumerate(docs, 1):
        print(f"\r[{n}/{len(docs)}] {doc[:60]:<60}", end="", file=sys.stderr, flush=True)
        text = text_path.read_text(encoding="utf-8")
        gold = parse_ann(ann_path.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        pred = predictions(extractor.extract(text))
        extract_s += time.perf_counter() - t0
        totals = add_scores(totals, score_document(text, gold, pred))
        ceiling = add_scores(ceiling, score_document(text, gold, [hull(g) for g in gold]))
        gold_relations += len(gold)
        pred_relations += len(pred)
        words += len(re.findall(r"\w+", text))
    print(file=sys.stderr)

    print(table(totals))
    figures = {
        "split": args.split,
        "docs": len(docs),
        "annotator_choice": "first .ann file per document in sorted file-name order",
        "gold_relations": gold_relations,
        "pred_relations": pred_relations,
        "scores": {m: {r: totals[m][r].as_dict() for r in ROLES} for m in METRICS}
        | {"relation": totals["relation"]["all"].as_dict()},
        "contiguous_ceiling_f1": f1s(ceiling),
        "load_seconds": round(load_s, 2),
        "seconds": round(extract_s, 2),
        "words": words,
        "words_per_s": round(words / extract_s, 1) if extract_s else None,
        "reference": CITRON_REFERENCE,
    }
    path = write_result("eval_attribution", figures)
    print(f"relation F1 {totals['relation']['all'].f1:.1%}; wrote {path}")


if __name__ == "__main__":
    main()
