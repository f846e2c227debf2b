"""Coreference metrics: MUC, B³, CEAF-e, LEA and the CoNLL F1, in pure Python.

A clustering is a sequence of sets of mention ids (key = gold, response = system). The
definitions follow the CoNLL reference scorer (Pradhan et al. 2014, v8.01) and LEA
(Moosavi & Strube 2016), including their conventions where a denominator is zero (the
score is 0) and for mentions present on one side only (twinless mentions count as
errors, never as matches). Duplicate ids within one clustering are not expected.

* MUC (Vilain et al. 1995): links. Recall = Σ_k (|k| - |p(k)|) / Σ_k (|k| - 1), where p(k)
  is the partition of k by the response (a mention missing from the response is a part
  of its own). Precision swaps key and response. Singletons carry no links.
* B³ (Bagga & Baldwin 1998): per mention. Recall = Σ_k Σ_r |k∩r|²/|k| / Σ_k |k|.
* CEAF-e (Luo 2005): the one-to-one alignment of key and response clusters that
  maximises Σ φ4(k, r), φ4 = 2|k∩r| / (|k| + |r|); recall = Σ/|K|, precision = Σ/|R|.
  The alignment is the Hungarian (Kuhn-Munkres) algorithm, run per connected component
  of the "shares a mention" graph so that large, sparse problems stay cheap.
* LEA (Moosavi & Strube 2016): recall = Σ_k |k|·Σ_r link(k∩r)/link(k) / Σ_k |k| with
  link(n) = n(n-1)/2; a singleton has one self-link, resolved when it is a singleton in
  the response too.
* CoNLL F1 = the mean of the MUC, B³ and CEAF-e F1.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence, Set
from dataclasses import dataclass
from typing import Any

Clustering = Sequence[Set[Hashable]]


@dataclass(frozen=True, slots=True)
class Score:
    """Recall, precision and their harmonic mean."""

    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 0.0 if total == 0 else 2 * self.recall * self.precision / total

    def as_dict(self, digits: int = 4) -> dict[str, float]:
        return {
            "recall": round(self.recall, digits),
            "precision": round(self.precision, digits),
            "f1": round(self.f1, digits),
        }


def _ratio(numerator: float, denominator: float) -> float:
    return 0.0 if denominator == 0 else numerator / denominator


def _owner(clusters: Clustering) -> dict[Hashable, int]:
    return {mention: index for index, cluster in enumerate(clusters) for mention in cluster}


def _muc_side(clusters: Clustering, other: dict[Hashable, int]) -> tuple[int, int]:
    correct = total = 0
    for cluster in clusters:
        total += len(cluster) - 1
        parts = {other[m] for m in cluster if m in other}
        missing = sum(1 for m in cluster if m not in other)
        correct += len(cluster) - len(parts) - missing
    return correct, total


def muc(key: Clustering, response: Clustering) -> Score:
    """MUC link-based recall and precision."""
    recall = _ratio(*_muc_side(key, _owner(response)))
    precision = _ratio(*_muc_side(response, _owner(key)))
    return Score(recall, precision)


def _b3_side(clusters: Clustering, other: Clustering) -> float:
    owner = _owner(other)
    numerator = 0.0
    size = 0
    for cluster in clusters:
        size += len(cluster)
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in owner:
                overlaps[owner[mention]] = overlaps.get(owner[mention], 0) + 1
        numerator += sum(n * n for n in overlaps.values()) / len(cluster)
    return _ratio(numerator, size)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """B³ mention-based recall and precision."""
    return Score(_b3_side(key, response), _b3_side(response, key))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Entity-based CEAF (φ4 similarity, optimal one-to-one alignment)."""
    total = _ceaf_alignment(key, response)
    return Score(_ratio(total, len(key)), _ratio(total, len(response)))


def _ceaf_alignment(key: Clustering, response: Clustering) -> float:
    owner = _owner(response)
    similarity: dict[tuple[int, int], float] = {}
    for k, cluster in enumerate(key):
        overlaps: dict[int, int] = {}
        for mention in cluster:
            if mention in owner:
                overlaps[owner[mention]] = overlaps.get(owner[mention], 0) + 1
        for r, common in overlaps.items():
            similarity[k, r] = 2 * common / (len(cluster) + len(response[r]))
    total = 0.0
    for keys, responses in _components(similarity):
        matrix = [[similarity.get((k, r), 0.0) for r in responses] for k in keys]
        total += max_assignment(matrix)
    return total


def _components(pairs: dict[tuple[int, int], float]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite graph whose edges are ``pairs``."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for k, r in pairs:
        a, b = find(("k", k)), find(("r", r))
        if a != b:
            parent[a] = b
    groups: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in list(parent):
        keys, responses = groups.setdefault(find(node), ([], []))
        (keys if node[0] == "k" else responses).append(node[1])
    return [(sorted(k), sorted(r)) for k, r in groups.values()]


def max_assignment(matrix: Sequence[Sequence[float]]) -> float:
    """Largest total weight of a one-to-one assignment of rows to columns (rectangular).

    The Hungarian algorithm in its O(n²m) potentials form (n = the smaller side), on
    costs = -weights; weights are assumed non-negative, so an unmatched row costs 0.
    """
    if not matrix or not matrix[0]:
        return 0.0
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        matrix = [[matrix[i][j] for i in range(rows)] for j in range(cols)]
        rows, cols = cols, rows
    inf = float("inf")
    u = [0.0] * (rows + 1)
    v = [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[j] = row (1-based) assigned to column j; 0 = none
    way = [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv = [inf] * (cols + 1)
        used = [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            row = matrix[i0 - 1]
            for j in range(1, cols + 1):
                if not used[j]:
                    current = -row[j - 1] - u[i0] - v[j]
                    if current < minv[j]:
                        minv[j], way[j] = current, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return sum(matrix[match[j] - 1][j - 1] for j in range(1, cols + 1) if match[j])


def _links(size: int) -> int:
    return size * (size - 1) // 2


def _lea_side(clusters: Clustering, other: Clustering) -> float:
    owner = _owner(other)
    numerator = 0.0
    size = 0
    for cluster in clusters:
        size += len(cluster)
        if len(cluster) == 1:
            (mention,) = cluster
            resolved = 1.0 if mention in owner and len(other[owner[mention]]) == 1 else 0.0
        else:
            overlaps: dict[int, int] = {}
            for mention in cluster:
                if mention in owner:
                    overlaps[owner[mention]] = overlaps.get(owner[mention], 0) + 1
            resolved = sum(_links(n) for n in overlaps.values()) / _links(len(cluster))
        numerator += len(cluster) * resolved
    return _ratio(numerator, size)


def lea(key: Clustering, response: Clustering) -> Score:
    """LEA link-based entity-aware recall and precision."""
    return Score(_lea_side(key, response), _lea_side(response, key))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL F1: the mean of MUC, B³ and CEAF-e F1."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def evaluate(key: Clustering, response: Clustering, digits: int = 4) -> dict[str, Any]:
    """All metrics as a JSON-ready dict (CoNLL F1 from unrounded F1s)."""
    scores = {
        "muc": muc(key, response),
        "b3": b_cubed(key, response),
        "ceaf_e": ceaf_e(key, response),
        "lea": lea(key, response),
    }
    result: dict[str, Any] = {name: score.as_dict(digits) for name, score in scores.items()}
    conll = (scores["muc"].f1 + scores["b3"].f1 + scores["ceaf_e"].f1) / 3
    result["conll_f1"] = round(conll, digits)
    return result
