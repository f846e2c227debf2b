"""3a. Text reuse: wire copies and partial copies, found without comparing every pair.

Each report becomes a set of word 5-gram shingles and a MinHash signature; MinHash LSH
(datasketch) proposes candidate pairs at a low Jaccard threshold, so truncated or
extended copies are found too; each candidate pair is then checked exactly, by Jaccard and
by containment (the share of the shorter text found in the longer). A copy points at the
earliest report of its group (by publication date, then by input order): the origin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from corroborate.link.unionfind import UnionFind

SHINGLE = 5
WORD = re.compile(r"\w+")


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
    sets = [shingles(t.text) for t in texts]
    pairs = _candidates(sets, rules)
    union = UnionFind(len(texts))
    scores: dict[int, tuple[float, float]] = {}
    for a, b in pairs:
        jaccard, containment = _overlap(sets[a], sets[b])
        if jaccard >= rules.min_jaccard or containment >= rules.min_containment:
            union.union(a, b)
            for side in (a, b):
                scores[side] = max(scores.get(side, (0.0, 0.0)), (jaccard, containment))
    return _copies(texts, union, scores)


def _candidates(sets: list[set[str]], rules: ReuseSettings) -> set[tuple[int, int]]:
    lsh = MinHashLSH(threshold=rules.candidate_threshold, num_perm=rules.num_perm)
    pairs: set[tuple[int, int]] = set()
    for index, shingle_set in enumerate(sets):
        if len(shingle_set) < rules.min_shingles:
            continue
        signature = MinHash(num_perm=rules.num_perm, seed=7)
        signature.update_batch([s.encode("utf-8") for s in shingle_set])
        for other in lsh.query(signature):
            pairs.add((int(other), index))
        lsh.insert(str(index), signature)
    return pairs


def _overlap(a: set[str], b: set[str]) -> tuple[float, float]:
    shared = len(a & b)
    return shared / len(a | b), shared / min(len(a), len(b))


def _copies(
    texts: Sequence[Text], union: UnionFind, scores: dict[int, tuple[float, float]]
) -> list[Copy]:
    groups: dict[int, list[int]] = {}
    for index in scores:
        groups.setdefault(union.find(index), []).append(index)
    copies = []
    for members in groups.values():
        origin = min(members, key=lambda i: (texts[i].published or "9999", i))
        for member in sorted(members):
            if member != origin:
                jaccard, containment = scores[member]
                copies.append(
                    Copy(
                        texts[member].id, texts[origin].id, round(jaccard, 3), round(containment, 3)
                    )
                )
    return copies
