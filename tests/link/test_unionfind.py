"""Disjoint sets, with labels that keep sets of different labels apart."""

from __future__ import annotations

from corroborate.link.unionfind import UnionFind


def test_union_joins_and_the_smaller_index_is_the_root() -> None:
    sets = UnionFind(4)
    assert sets.union(3, 1)
    assert sets.union(1, 1)  # already one set
    assert (sets.find(3), sets.find(1), sets.find(0)) == (1, 1, 0)


def test_different_labels_are_never_joined() -> None:
    sets = UnionFind(3, ["Republic", "Northern Coalition", "Republic"])
    assert not sets.union(0, 1)
    assert sets.find(1) == 1
    assert sets.union(0, 2)  # the same label joins
    assert sets.find(2) == 0


def test_labels_are_ignored_without_a_label_list() -> None:
    sets = UnionFind(2)
    assert sets.union(0, 1)
    assert sets.find(1) == 0


def test_a_set_takes_the_label_of_either_side_and_keeps_it_through_unlabelled_items() -> None:
    """An unlabelled item joined to a labelled one carries the label onward: linking it to
    an item of another label would join the two labels indirectly."""
    left = UnionFind(3, ["Republic", None, "Northern Coalition"])
    assert left.union(0, 1)
    assert not left.union(1, 2)
    right = UnionFind(3, [None, "Republic", "Northern Coalition"])
    assert right.union(0, 1)  # the root, 0, takes the label of 1
    assert not right.union(0, 2)
    assert [right.find(i) for i in range(3)] == [0, 0, 2]
