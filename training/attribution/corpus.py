"""PolNeAR (brat standoff) to spaCy DocBin corpora for the attribution tagger.

Every Source, Cue and Content fragment of the first annotator file per document (sorted
file-name order) becomes an entity labelled SOURCE, CUE or CONTENT on the blank English
tokenisation; PolNeAR is univocal, so the fragments do not overlap (any that would are
resolved by ``spacy.util.filter_spans``). The training split is cut in two: the first nine
tenths to fit, the last tenth to choose the best checkpoint. The dev split is not read.

    python training/attribution/corpus.py POLNEAR_DIR OUT_DIR
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.util import filter_spans

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.brat import first_annotator_files, normalise, parse_ann  # noqa: E402

ROLES = (("source", "SOURCE"), ("cue", "CUE"), ("content", "CONTENT"))


def convert(root: Path, split: str, share: tuple[float, float]) -> tuple[DocBin, int]:
    nlp = spacy.blank("en")
    text_dir, ann_dir = root / "data" / split / "text", root / "data" / split / "attributions"
    chosen = sorted(first_annotator_files(p.name for p in ann_dir.iterdir()).items())
    chosen = chosen[int(len(chosen) * share[0]) : int(len(chosen) * share[1])]
    corpus, count = DocBin(), 0
    for doc_id, name in chosen:
        path = text_dir / f"{doc_id}.txt"
        if not path.is_file():
            continue
        text = path.read_text("utf-8")
        doc = nlp.make_doc(text)
        spans = []
        for relation in parse_ann((ann_dir / name).read_text("utf-8")):
            for role, label in ROLES:
                for start, end in normalise(text, relation.role(role)):
                    span = doc.char_span(start, end, label=label, alignment_mode="expand")
                    if span is not None and not all(t.is_space for t in span):
                        spans.append(span)
        doc.ents = filter_spans(spans)
        count += len(doc.ents)
        corpus.add(doc)
    return corpus, count


def main() -> None:
    root, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    for name, share in (("fit", (0.0, 0.9)), ("held", (0.9, 1.0))):
        corpus, count = convert(root, "train", share)
        corpus.to_disk(out / f"{name}.spacy")
        print(f"{name}: {len(corpus)} documents, {count} spans")


if __name__ == "__main__":
    main()
