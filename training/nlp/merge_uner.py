"""Merge Universal NER (UNER) IOB2 tags into a UD CoNLL-U file.

The UNER English-EWT files annotate the same sentences as UD English-EWT, one
UD *syntactic word* per row (multi-word-token ranges and empty nodes are not
listed).  This script copies each word's entity tag into the MISC column of the
CoNLL-U file as ``NE=B-PER`` / ``NE=I-ORG`` / ... so that a single corpus carries
tags, trees and entities, which ``spacy convert -c conllu`` reads directly.

Details:

* Sentences are matched by ``# sent_id``, never by position: the UNER dev and
  test files list documents in a different order from UD.
* UNER was built on an older UD release, so a few sentences are tokenised
  differently (e.g. ``@Ryan`` vs ``@ Ryan``).  When the concatenated characters
  agree, tags are projected through a character alignment; otherwise the
  sentence keeps no ``NE=`` tags (it reads as all-O) and is reported.
* The UNER train file is a pre-release draft that still contains ``OTH``
  entities and stray ``B-O`` tags.  Both are mapped to ``O``, and the tag
  sequence is repaired so that every entity starts with ``B-``.

Usage::

    python merge_uner.py UD.conllu UNER.iob2 OUT.conllu

Statistics are printed to stderr.  ``merge_files`` is importable (the benchmark
script ``bench/eval_nlp_models.py`` uses it to build the gold test set).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

#: Entity types kept; anything else (OTH, O used as a type) becomes O.
KEPT_TYPES = frozenset({"PER", "ORG", "LOC"})


def normalise_tag(tag: str) -> str:
    """Map one raw UNER tag to ``O`` or a ``B-``/``I-`` tag of a kept type."""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BI" and tag[2:] in KEPT_TYPES:
        return tag
    return "O"


def repair_iob(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` entity into ``B-X``."""
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and (prev == "O" or prev[2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_uner(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    """Read a UNER IOB2 file into ``{sent_id: (words, normalised tags)}``."""
    sentences: dict[str, tuple[list[str], list[str]]] = {}
    sent_id: str | None = None
    words: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if sent_id is not None and words:
            sentences[sent_id] = (list(words), repair_iob(list(tags)))

    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id = "):
                sent_id = line[len("# sent_id = ") :].strip()
            elif line.startswith("#"):
                continue
            elif not line.strip():
                flush()
                sent_id, words, tags = None, [], []
            else:
                cols = line.split("\t")
                words.append(cols[1])
                tags.append(normalise_tag(cols[2]))
    flush()
    return sentences


def project_tags(
    src_words: list[str], src_tags: list[str], tgt_words: list[str]
) -> list[str] | None:
    """Project IOB tags from one tokenisation of a sentence onto another.

    Returns None when the two tokenisations do not spell the same characters.
    A target word takes the first non-O tag among the source words it overlaps;
    a target word that continues the same source word as its left neighbour
    continues that neighbour's entity.
    """
    if "".join(src_words) != "".join(tgt_words):
        return None

    # Character offsets of every word in the space-free concatenation.
    def spans(words: list[str]) -> list[tuple[int, int]]:
        out, pos = [], 0
        for w in words:
            out.append((pos, pos + len(w)))
            pos += len(w)
        return out

    src_spans = spans(src_words)
    projected: list[str] = []
    prev_sources: list[int] = []
    for start, end in spans(tgt_words):
        sources = [i for i, (s, e) in enumerate(src_spans) if s < end and start < e]
        tag = next((src_tags[i] for i in sources if src_tags[i] != "O"), "O")
        if (
            tag != "O"
            and projected
            and projected[-1][2:] == tag[2:]
            and prev_sources
            and sources
            and sources[0] == prev_sources[-1]
        ):
            tag = "I-" + tag[2:]
        projected.append(tag)
        prev_sources = sources
    return repair_iob(projected)


def _blocks(path: Path) -> Iterator[list[str]]:
    """Yield the lines of each sentence block of a CoNLL-U file."""
    block: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.strip():
                block.append(line)
            elif block:
                yield block
                block = []
    if block:
        yield block


def _is_word(line: str) -> bool:
    """True for a syntactic-word row (not a comment, MWT range or empty node)."""
    if line.startswith("#"):
        return False
    idx = line.split("\t", 1)[0]
    return "-" not in idx and "." not in idx


def merge_blocks(
    ud_path: Path, uner_path: Path, stats: Counter[str] | None = None
) -> Iterator[str]:
    """Yield the merged CoNLL-U text, one sentence block (with final blank line) at a time."""
    uner = read_uner(uner_path)
    stats = stats if stats is not None else Counter()
    for block in _blocks(ud_path):
        stats["sentences"] += 1
        sent_id = next(
            (
                line[len("# sent_id = ") :].strip()
                for line in block
                if line.startswith("# sent_id = ")
            ),
            None,
        )
        ud_words = [line.split("\t")[1] for line in block if _is_word(line)]
        tags: list[str] | None = None
        if sent_id is None or sent_id not in uner:
            stats["no_uner_row"] += 1
            print(f"merge_uner: no UNER sentence for {sent_id}", file=sys.stderr)
        else:
            src_words, src_tags = uner[sent_id]
            if src_words == ud_words:
                tags = src_tags
                stats["exact"] += 1
            else:
                tags = project_tags(src_words, src_tags, ud_words)
                if tags is None:
                    stats["dropped"] += 1
                    print(f"merge_uner: words differ, no NER for {sent_id}", file=sys.stderr)
                else:
                    stats["projected"] += 1
        out: list[str] = []
        k = 0
        for line in block:
            if _is_word(line):
                if tags is not None and tags[k] != "O":
                    cols = line.split("\t")
                    ne = "NE=" + tags[k]
                    cols[9] = ne if cols[9] == "_" else cols[9] + "|" + ne
                    line = "\t".join(cols)
                    stats["B-" + tags[k][2:] if tags[k].startswith("B-") else "I-tokens"] += 1
                k += 1
            out.append(line)
        yield "\n".join(out) + "\n\n"


def merge_files(ud_path: Path, uner_path: Path) -> tuple[str, Counter[str]]:
    """Return the merged CoNLL-U text and merge statistics."""
    stats: Counter[str] = Counter()
    text = "".join(merge_blocks(ud_path, uner_path, stats))
    return text, stats


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ud_path, uner_path, out_path = (Path(a) for a in argv)
    stats: Counter[str] = Counter()
    with out_path.open("w", encoding="utf-8") as fh:
        for chunk in merge_blocks(ud_path, uner_path, stats):
            fh.write(chunk)
    print(f"merge_uner: {out_path.name}: {dict(sorted(stats.items()))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
