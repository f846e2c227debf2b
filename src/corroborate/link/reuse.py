"""3a. Text reuse: wire copies and partial copies, found without comparing every pair.

Each report's prose becomes a set of word 5-gram shingles and a MinHash signature. Two
indexes (datasketch) propose candidate pairs: MinHash LSH at a low Jaccard threshold
(near-duplicates, truncated copies) and LSH Ensemble at a low containment threshold (a
short story inside a longer republished version, whose Jaccard is low however much of the
story it holds). Each candidate pair is then checked exactly, by Jaccard and by containment
(the share of the shorter text found in the longer). A copy points at the earliest report
of its group (by publication date, then the shortest text, then the report id, never by
input order): the origin.

Only prose counts: runs of short lines that end without a sentence's punctuation (a list
of related links or videos, a menu, a tag list) are left out before shingling, so two
pages that share nothing but such a list are not copies of each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

from corroborate.link.unionfind import UnionFind

SHINGLE = 5
WORD = re.compile(r"\w+")
LIST_WORDS = 16  # a line this short without a sentence's end may be an item of a list
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)]\s*$")


@dataclass(frozen=True, slots=True)
class Text:
    """One report's text and when it was published (ISO, or None), in input order."""

    id: str
    text: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class Copy:
    """``report_id`` reuses the text of ``origin_id`` (the earliest of its group)."""

    report_id: str
    origin_id: str
    jaccard: float
    containment: float


@dataclass(frozen=True, slots=True)
class ReuseSettings:
    candidate_threshold: float = 0.3
    candidate_containment: float = 0.4
    min_jaccard: float = 0.5
    min_containment: float = 0.6
    num_perm: int = 128
    min_shingles: int = 8


def shingles(text: str) -> set[str]:
    words = [w.lower() for w in WORD.findall(text)]
    return {" ".join(words[i : i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1))}


def find_copies(texts: Sequence[Text], settings: ReuseSettings | None = None) -> list[Copy]:
    """Every report that reuses an earlier one's text, pointing at its group's origin."""
    rules = settings or ReuseSettings()
    sets = [shingles(prose(t.text)) for t in texts]
    pairs = _candidates(sets, rules)
    union = UnionFind(len(texts))
    scores: dict[int, tuple[float, float]] = {}
    for a, b in pairs:
        jaccard, containment = _overlap(sets[a], sets[b])
        if jaccard >= rules.min_jaccard or containment >= rules.min_containment:
            union.union(a, b)
            for side in (a, b):
                scores[side] = max(scores.get(side, (0.0, 0.0)), (jaccard, containment))
    return _copies(texts, union, scores, [len(s) for s in sets])


def prose(text: str) -> str:
    """The text without its lists: a line is left out when it and a neighbour are both
    list items (short, no sentence's end, not continued by a lower-case line)."""
    lines = [line.strip() for line in text.split("\n")]
    items = [
        _item(line, lines[i + 1] if i + 1 < len(lines) else "") for i, line in enumerate(lines)
    ]
    kept = [
        line
        for i, line in enumerate(lines)
        if not (items[i] and ((i > 0 and items[i - 1]) or (i + 1 < len(lines) and items[i + 1])))
    ]
    return "\n".join(kept)


def _item(line: str, following: str) -> bool:
    words = line.split()
    return (
        0 < len(words) < LIST_WORDS
        and not SENTENCE_END.search(line)
        and not following[:1].islower()  # a hard-wrapped sentence goes on in the next line
    )


def _candidates(sets: list[set[str]], rules: ReuseSettings) -> set[tuple[int, int]]:
    """Pairs (earlier, later) of texts whose signatures suggest a copy either way."""
    signatures = {
        index: _signature(shingle_set, rules)
        for index, shingle_set in enumerate(sets)
        if len(shingle_set) >= rules.min_shingles
    }
    pairs: set[tuple[int, int]] = set()
    lsh = MinHashLSH(threshold=rules.candidate_threshold, num_perm=rules.num_perm)
    for index, signature in signatures.items():
        pairs.update((int(other), index) for other in lsh.query(signature))
        lsh.insert(str(index), signature)
    if len(signatures) > 1:
        ensemble = MinHashLSHEnsemble(
            threshold=rules.candidate_containment, num_perm=rules.num_perm
        )
        ensemble.index([(str(i), sig, len(sets[i])) for i, sig in signatures.items()])
        for index, signature in signatures.items():
            for other in ensemble.query(signature, len(sets[index])):
                if int(other) != index:
                    pairs.add((min(int(other), index), max(int(other), index)))
    return pairs


def _signature(shingle_set: set[str], rules: ReuseSettings) -> MinHash:
    signature = MinHash(num_perm=rules.num_perm, seed=7)
    signature.update_batch([s.encode("utf-8") for s in sorted(shingle_set)])
    return signature


def _overlap(a: set[str], b: set[str]) -> tuple[float, float]:
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def _copies(
    texts: Sequence[Text],
    union: UnionFind,
    scores: dict[int, tuple[float, float]],
    sizes: list[int],
) -> list[Copy]:
    """Each group's origin is its earliest report; on one day, the shortest (a longer
    version quotes or extends it), then the smallest id: never the first in input order."""
    groups: dict[int, list[int]] = {}
    for index in scores:
        groups.setdefault(union.find(index), []).append(index)
    copies = []
    for members in groups.values():
        origin = min(members, key=lambda i: (texts[i].published or "9999", sizes[i], texts[i].id))
        for member in sorted(members):
            if member != origin:
                jaccard, containment = scores[member]
                copies.append(
                    Copy(
                        texts[member].id, texts[origin].id, round(jaccard, 3), round(containment, 3)
                    )
                )
    return copies
