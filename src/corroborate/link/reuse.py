"""3a. Text reuse: wire copies and partial copies, found without comparing every pair.

Each report's prose becomes a set of word 5-gram shingles and a MinHash signature. Two
indexes (datasketch) propose candidate pairs: MinHash LSH at a low Jaccard threshold
(near-duplicates, truncated copies) and LSH Ensemble at a low containment threshold (a
short story inside a longer republished version, whose Jaccard is low however much of the
story it holds); ``sketch`` and ``bands`` find the very pairs these indexes propose on
arrays, without building them. Each candidate pair is then checked exactly, by Jaccard and
by containment (the share of the shorter text found in the longer). A copy points at the
earliest report of its group (by publication date, then the shortest text, then the report
id, never by input order): the origin.

Only prose counts: runs of short lines that end without a sentence's punctuation (a list
of related links or videos, a menu, a tag list) are left out before shingling, so two
pages that share nothing but such a list are not copies of each other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from corroborate.link.bands import ensemble_pairs, lsh_pairs
from corroborate.link.sketch import Sketches, sketch
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
    sketches = sketch(
        (shingles(prose(t.text)) for t in texts),
        num_perm=rules.num_perm,
        min_shingles=rules.min_shingles,
    )
    first, second = _candidates(sketches, rules)
    shared = sketches.overlap(first, second)
    union_size = sketches.sizes[first] + sketches.sizes[second] - shared
    smaller = np.minimum(sketches.sizes[first], sketches.sizes[second])
    jaccards, containments = shared / union_size, shared / smaller
    copied = (jaccards >= rules.min_jaccard) | (containments >= rules.min_containment)
    union = UnionFind(len(texts))
    scores: dict[int, tuple[float, float]] = {}
    for a, b, jaccard, containment in zip(
        first[copied].tolist(),
        second[copied].tolist(),
        jaccards[copied].tolist(),
        containments[copied].tolist(),
        strict=True,
    ):
        union.union(a, b)
        for side in (a, b):
            scores[side] = max(scores.get(side, (0.0, 0.0)), (jaccard, containment))
    return _copies(texts, union, scores, sketches.sizes.tolist())


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


def _candidates(
    sketches: Sketches, rules: ReuseSettings
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Pairs (earlier, later) of texts whose signatures suggest a copy either way: those
    MinHash LSH proposes at a low Jaccard threshold, and LSH Ensemble at a low
    containment threshold."""
    signatures, eligible = sketches.signatures, sketches.eligible
    near = lsh_pairs(signatures, eligible, threshold=rules.candidate_threshold)
    inside = ensemble_pairs(
        signatures, eligible, sketches.sizes, threshold=rules.candidate_containment
    )
    pairs = np.union1d(near, inside)
    return pairs // len(signatures), pairs % len(signatures)


def _copies(
    texts: Sequence[Text],
    union: UnionFind,
    scores: dict[int, tuple[float, float]],
    sizes: list[int],
) -> list[Copy]:
    """Each group's origin is its earliest report; on one day, the shortest (a longer
    version quotes or extends it), then the smallest id: never the first in input order."""
    groups: dict[int, list[int]] = {}
    for index in sorted(scores):  # groups in the order of their first text
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
