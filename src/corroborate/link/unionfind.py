"""Disjoint sets over ``0..n-1`` (union-find with path halving): the connected components
that both text reuse and incident clustering are made of."""

from __future__ import annotations


class UnionFind:
    """``labels`` optionally tags items (e.g. with the accused party); sets holding
    different labels are never joined, however indirectly they are connected."""

    def __init__(self, size: int, labels: list[str | None] | None = None) -> None:
        self.parent = list(range(size))
        self.label: list[str | None] = list(labels) if labels is not None else [None] * size

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> bool:
        """Join the sets of ``a`` and ``b`` (the smaller index stays the root) unless their
        labels differ; whether they are now one set."""
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return True
        label_a, label_b = self.label[root_a], self.label[root_b]
        if label_a is not None and label_b is not None and label_a != label_b:
            return False
        root, child = min(root_a, root_b), max(root_a, root_b)
        self.parent[child] = root
        self.label[root] = label_a or label_b
        return True
