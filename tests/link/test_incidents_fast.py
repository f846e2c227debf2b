"""Clustering with incidents' bounds, scores worked out once and refusals remembered makes
exactly the incidents of the straightforward way: every candidate pair, strongest first,
joins when ``linkage`` over every pair across the two incidents reaches the threshold."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import reduce

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.link import incidents
from corroborate.link.bounds import Bounds
from corroborate.link.incidents import (
    NEVER,
    Mention,
    Weights,
    _neighbours,
    _ranks,
    cluster,
    conflict,
    linkage,
    score,
)
from corroborate.link.unionfind import UnionFind

START = date(2022, 3, 1)
CONTEXTS = [frozenset(), frozenset("ab"), frozenset("abc"), frozenset("cdef")]


def straightforward(mentions: Sequence[Mention], rules: Weights) -> list[list[int]]:
    labels = [m.accused for m in mentions] if rules.separate_accused else None
    union = UnionFind(len(mentions), labels)
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}

    def join(a: int, b: int) -> None:
        if union.union(a, b):
            root = union.find(a)
            other = b if root == a else a
            members[root] = members[a] + members[b]
            del members[other]

    first: dict[str, int] = {}
    for index, m in enumerate(mentions):
        if m.group is not None:
            a, b = union.find(first.setdefault(m.group, index)), union.find(index)
            if a != b:
                join(a, b)
    rank = _ranks(mentions)
    strong = {}
    for a, b in _neighbours(mentions, rank):
        if (pair := score(mentions[a], mentions[b], rules)) >= rules.threshold:
            strong[(a, b)] = pair
    edges = sorted(
        ((-pair, a, b) for (a, b), pair in strong.items()),
        key=lambda e: (e[0], *sorted((rank[e[1]], rank[e[2]]))),
    )
    for _, a, b in edges:
        root_a, root_b = union.find(a), union.find(b)
        if root_a == root_b:
            continue
        if rules.linkage == "single":
            agree = not any(
                conflict(mentions[i], mentions[j], rules)
                for i in members[root_a]
                for j in members[root_b]
            )
        else:
            agree = linkage(mentions, members[root_a], members[root_b], rules) >= rules.threshold
        if agree:
            join(root_a, root_b)
    return sorted((sorted(m) for r, m in members.items() if union.find(r) == r), key=min)


def maybe(values: str) -> st.SearchStrategy[str | None]:
    return st.sampled_from([None, *values])


def days(most: int) -> st.SearchStrategy[date | None]:
    return st.none() | st.integers(0, most).map(lambda n: START + timedelta(days=n))


mentions = st.builds(
    Mention,
    types=st.frozensets(st.sampled_from("TUV"), max_size=2),
    place=maybe("PQ"),
    region=maybe("RS"),
    country=maybe("X"),
    day=days(20),
    told=days(90),
    actors=st.frozensets(st.sampled_from("mn"), max_size=1),
    words=st.frozensets(st.sampled_from("abcdefg"), max_size=4),
    context=st.sampled_from(CONTEXTS),
    group=st.sampled_from([None, None, None, "g", "h"]),
    accused=maybe("AB"),
)

weights = st.builds(
    Weights,
    span_days=st.integers(0, 10),
    told_days=st.integers(0, 70),
    threshold=st.sampled_from([0.5, 1.0, 1.75, 2.0, 2.5, 3.0]),
    linkage=st.sampled_from(["average", "average", "single"]),
    separate_accused=st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(mentions, max_size=24), weights)
def test_the_fast_clustering_makes_the_straightforward_incidents(
    found: list[Mention], rules: Weights
) -> None:
    assert cluster(found, rules) == straightforward(found, rules)


@settings(max_examples=200, deadline=None)
@given(st.lists(mentions, max_size=24), weights)
def test_forgetting_scores_and_refusals_at_once_makes_the_same_incidents(
    found: list[Mention], rules: Weights
) -> None:
    """Both memos are bounded (``KNOWN``) so that memory does not grow with the candidate
    pairs; remembering one score and one refusal at a time, clustering still makes the
    straightforward incidents."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incidents, "KNOWN", 1)
        assert cluster(found, rules) == straightforward(found, rules)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(mentions, min_size=1, max_size=5), st.lists(mentions, min_size=1, max_size=5), weights
)
def test_bounds_conflict_exactly_when_some_pair_across_does(
    a: list[Mention], b: list[Mention], weights: Weights
) -> None:
    either = [reduce(Bounds.join, map(Bounds.of, side)) for side in (a, b)]
    pairwise = any(score(i, j, weights) == NEVER for i in a for j in b)
    assert either[0].conflicts(either[1], weights) == pairwise
