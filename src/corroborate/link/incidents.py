"""3c. Incidents: cluster mentions of events across reports into incidents.

A mention carries what is known about the event it names: violation types (or, outside
our taxonomy, event words), place, day, actors and content words. Mentions are compared
only within blocks (same place and type, or same type when the place is unknown), and
within a block only with their ``WINDOW`` nearest neighbours in time (sorted
neighbourhood), so the cost grows linearly with the corpus, never with its square. Two
mentions link when their evidence adds up past a threshold; incidents are the connected
components (union-find).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from corroborate.link.unionfind import UnionFind

WINDOW = 60


@dataclass(frozen=True, slots=True)
class Mention:
    """What clustering needs to know about one event mention."""

    types: frozenset[str]
    place: str | None = None
    region: str | None = None
    day: date | None = None
    actors: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    group: str | None = None  # mentions sharing a group (e.g. wire copies) always link
    accused: str | None = None  # the party the alleged perpetrator belongs to, if named


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of agreement counts; a pair links at ``threshold``."""

    types: float = 1.0
    place: float = 1.0
    day_window: int = 7
    day: float = 0.5
    day_conflict: float = -1.5
    actors: float = 0.25  # actors and words: tuned on ECB+ train topics (bench/eval_incidents.py)
    words: float = 8.0
    separate_accused: bool = True  # A accusing B and B accusing A are never one incident
    threshold: float = 2.0


def cluster(mentions: Sequence[Mention], weights: Weights | None = None) -> list[list[int]]:
    """Incidents as lists of mention indexes, each sorted, in order of first mention."""
    rules = weights or Weights()
    labels = [m.accused for m in mentions] if rules.separate_accused else None
    union = UnionFind(len(mentions), labels)
    for members in _blocks(mentions).values():
        ordered = sorted(members, key=lambda i: (mentions[i].day or date.max, i))
        for position, a in enumerate(ordered):
            for b in ordered[position + 1 : position + 1 + WINDOW]:
                if (
                    union.find(a) != union.find(b)
                    and score(mentions[a], mentions[b], rules) >= rules.threshold
                ):
                    union.union(a, b)
    _link_groups(mentions, union)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(mentions)):
        groups[union.find(index)].append(index)
    return sorted(groups.values(), key=lambda members: members[0])


def _blocks(mentions: Sequence[Mention]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        where = mention.place or mention.region or ""
        keys = {f"{where}|{t}" for t in mention.types} or {f"{where}|"}
        for key in keys:
            blocks[key].append(index)
    return blocks


def _link_groups(mentions: Sequence[Mention], union: UnionFind) -> None:
    first: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if mention.group is not None:
            union.union(first.setdefault(mention.group, index), index)


def score(a: Mention, b: Mention, rules: Weights) -> float:
    """Evidence that two mentions name the same incident (higher is stronger).

    Only mentions of one block are scored: two known places are always the same place.
    """
    total = 0.0
    if a.types & b.types:
        total += rules.types
    if a.place and a.place == b.place:  # different places never meet: blocking keeps them apart
        total += rules.place
    if a.day and b.day:
        distance = abs((a.day - b.day).days)
        total += rules.day if distance <= rules.day_window else rules.day_conflict
    if a.actors & b.actors:
        total += rules.actors
    if rules.separate_accused and a.accused and b.accused and a.accused != b.accused:
        return float("-inf")
    total += rules.words * jaccard(a.words, b.words)
    return total


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)
