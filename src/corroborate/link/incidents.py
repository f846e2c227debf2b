"""3c. Incidents: cluster mentions of events across reports into incidents.

An incident is one event at one place within a bounded time. A mention carries what is
known about the event it names: violation types (or, outside our taxonomy, event words),
place, the event's own day (never a publication date), actors and content words.

1. **Never one incident**: two mentions that disagree on place (two different places, or
   places in different regions or countries), on day (further apart than
   ``Weights.span_days``, or one's event day after the other's report was published) or
   on the accused party. Their score is minus infinity, whatever their words share. A
   mention whose report gives no event day has none (its publication day never stands in
   for one), but its report is told no later than ``Weights.told_days`` after the event
   it tells of: an undated mention told longer than that after the other's event day, or
   two undated mentions told further apart than that, are never one incident either.
2. **Candidates**: mentions are compared only within blocks (same type) and there only
   with their ``WINDOW`` nearest neighbours in two sort orders, by place then day and by day
   then place (a multi-pass sorted neighbourhood), so the cost grows linearly with the
   corpus, never with its square.
3. **Linkage**: candidate pairs are taken strongest first; a pair joins its two incidents
   only when the *average* score over every pair of their members reaches the threshold
   (average linkage), so one strong pair cannot chain unrelated mentions into a grab-bag,
   and a single conflicting pair keeps them apart. Since every pair of an incident is
   within ``span_days``, so is the incident's first and last day. Whether some pair across
   two incidents conflicts is read from their bounds (``bounds``) without visiting pairs;
   pair scores are remembered, ``KNOWN`` at most (memory stays bounded; a score worked
   out again is the same); two incidents refused are weighed again only once one has
   grown, or once ``KNOWN`` refusals have been remembered and forgotten (to be refused
   again). The average is summed in the order ``linkage`` sums it, so the incidents are
   exactly those of trying every pair at every candidate.

Ties are broken by the mentions' content, never by their positions: the same mentions in
any order make the same incidents.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from corroborate.link.bounds import Bounds
from corroborate.link.unionfind import UnionFind
from corroborate.model import Place

WINDOW = 60
NEVER = float("-inf")
KNOWN = 1 << 20  # pair scores, and refused joins, remembered at once
CHUNK = 1 << 16  # candidate pairs read out of their arrays at once


@dataclass(frozen=True, slots=True)
class Mention:
    """What clustering needs to know about one event mention."""

    types: frozenset[str]
    place: str | None = None
    region: str | None = None  # the first-level region the place lies in (or the place itself)
    country: str | None = None
    day: date | None = None  # the event's own day, as the report dates it
    told: date | None = None  # the day the report was published: the event came no later
    actors: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()  # of the statement that alleges the event
    context: frozenset[str] = frozenset()  # of the whole report: reports of one story share them
    group: str | None = None  # mentions sharing a group (e.g. wire copies) always link
    accused: str | None = None  # the party the alleged perpetrator belongs to, if named


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each kind of agreement counts; incidents join at an average of ``threshold``.

    ``span_days`` is the bound on an incident's duration: no two of its mentions' event
    days lie further apart.
    """

    types: float = 1.0
    place: float = 1.0
    span_days: int = 7
    day: float = 0.5
    actors: float = 0.25
    # words, context and threshold: chosen by cross-validation on ECB+ train topics
    # (bench/eval_incidents.py --tune)
    words: float = 4.0
    context: float = 4.0
    # an undated mention's report tells of an event at most this long before it was published
    told_days: int = 60
    separate_accused: bool = True  # A accusing B and B accusing A are never one incident
    threshold: float = 2.0
    linkage: Literal["average", "single"] = "average"  # "single": the pair alone decides


def cluster(mentions: Sequence[Mention], weights: Weights | None = None) -> list[list[int]]:
    """Incidents as lists of mention indexes, each sorted, in order of first mention."""
    rules = weights or Weights()
    labels = [m.accused for m in mentions] if rules.separate_accused else None
    union = UnionFind(len(mentions), labels)
    members: dict[int, list[int]] = {i: [i] for i in range(len(mentions))}
    bounds = {i: Bounds.of(m) for i, m in enumerate(mentions)}
    _link_groups(mentions, union, members, bounds)
    pairs = _Pairs(mentions, rules)
    refused: set[tuple[int, int, int, int]] = set()  # incidents as they were when refused
    for a, b in _candidates(mentions, rules):
        root_a, root_b = union.find(a), union.find(b)
        if root_a == root_b:
            continue
        # an incident's root and size name its members: it only grows, under the same root
        state = (root_a, len(members[root_a]), root_b, len(members[root_b]))
        if state in refused:
            continue
        if bounds[root_a].conflicts(bounds[root_b], rules) or not _agree(
            members[root_a], members[root_b], rules, pairs
        ):
            if len(refused) >= KNOWN:  # weighed again, the same two are refused again
                refused.clear()
            refused.add(state)
            continue
        _join(union, members, bounds, root_a, root_b)
    groups = [sorted(m) for root, m in members.items() if union.find(root) == root]
    return sorted(groups, key=lambda group: group[0])


class _Pairs:
    """Scores of pairs that do not conflict, each remembered until ``KNOWN`` are: a score
    worked out again is the same, so forgetting bounds memory and changes nothing."""

    def __init__(self, mentions: Sequence[Mention], rules: Weights) -> None:
        self.mentions = mentions
        self.rules = rules
        self.known: dict[int, float] = {}

    def __call__(self, i: int, j: int) -> float:
        key = i * len(self.mentions) + j if i < j else j * len(self.mentions) + i
        pair = self.known.get(key)
        if pair is None:
            if len(self.known) >= KNOWN:
                self.known.clear()
            pair = self.known[key] = _evidence(self.mentions[i], self.mentions[j], self.rules)
        return pair


def located(place: Place | None) -> tuple[str | None, str | None, str | None]:
    """A mention's (place, region, country), as specific as the place allows: a country or a
    first-level region names no place inside it, only the area the event lies in."""
    if place is None:
        return None, None, None
    if place.resolved and place.country and place.lat is None and place.region is None:
        return None, None, place.country  # a country: GeoNames gives it no point
    if place.resolved and place.region and place.geonames_id is None:
        return None, place.region, place.country  # a first-level region
    return place.key, place.region, place.country


def _candidates(mentions: Sequence[Mention], rules: Weights) -> Iterator[tuple[int, int]]:
    """Pairs worth joining, strongest first, ties broken by content. They are held in
    arrays, a few bytes each."""
    rank = _ranks(mentions)
    firsts, seconds, scores = array("q"), array("q"), array("d")
    for a, b in _neighbours(mentions, rank):
        if conflict(mentions[a], mentions[b], rules):
            continue
        if (pair := _evidence(mentions[a], mentions[b], rules)) >= rules.threshold:
            firsts.append(a)
            seconds.append(b)
            scores.append(pair)
    first, second = np.frombuffer(firsts, np.int64), np.frombuffer(seconds, np.int64)
    # a pair met in two blocks or two orders is taken once (with the same score)
    _, once = np.unique(first * max(len(mentions), 1) + second, return_index=True)
    first, second, score = first[once], second[once], np.frombuffer(scores, np.float64)[once]
    ranks = np.asarray(rank, dtype=np.int64)
    low = np.minimum(ranks[first], ranks[second])
    high = np.maximum(ranks[first], ranks[second])
    order = np.lexsort((high, low, -score))
    del firsts, seconds, scores, low, high
    for start in range(0, len(order), CHUNK):
        taken = order[start : start + CHUNK]
        yield from zip(first[taken].tolist(), second[taken].tolist(), strict=True)


def _ranks(mentions: Sequence[Mention]) -> list[int]:
    """Each mention's position in an order of their content, so that ties never follow the
    order the mentions were given in."""
    contexts: dict[int, tuple[str, ...]] = {}  # mentions of one report share one context
    order = sorted(range(len(mentions)), key=lambda i: _content(mentions[i], contexts))
    rank = [0] * len(mentions)
    for position, index in enumerate(order):
        rank[index] = position
    return rank


def _content(m: Mention, contexts: dict[int, tuple[str, ...]]) -> tuple[object, ...]:
    days = tuple(d.isoformat() if d else "" for d in (m.day, m.told))
    places = tuple(p or "" for p in (m.place, m.region, m.country, m.group, m.accused))
    words = tuple(tuple(sorted(s)) for s in (m.types, m.actors, m.words))
    if id(m.context) not in contexts:
        contexts[id(m.context)] = tuple(sorted(m.context))
    return (*days, *places, *words, contexts[id(m.context)])


def _neighbours(mentions: Sequence[Mention], rank: list[int]) -> Iterator[tuple[int, int]]:
    def by_place(i: int) -> tuple[str, date, int]:
        m = mentions[i]
        return (m.place or m.region or "", m.day or m.told or date.max, rank[i])

    def by_day(i: int) -> tuple[date, str, int]:
        m = mentions[i]
        return (m.day or m.told or date.max, m.place or m.region or "", rank[i])

    for members in _blocks(mentions).values():
        for order in (sorted(members, key=by_place), sorted(members, key=by_day)):
            for position, a in enumerate(order):
                for b in order[position + 1 : position + 1 + WINDOW]:
                    yield min(a, b), max(a, b)


def _blocks(mentions: Sequence[Mention]) -> dict[str, list[int]]:
    blocks: dict[str, list[int]] = defaultdict(list)
    for index, mention in enumerate(mentions):
        for key in mention.types or {""}:
            blocks[key].append(index)
    return blocks


def _link_groups(
    mentions: Sequence[Mention],
    union: UnionFind,
    members: dict[int, list[int]],
    bounds: dict[int, Bounds],
) -> None:
    first: dict[str, int] = {}
    for index, mention in enumerate(mentions):
        if mention.group is None:
            continue
        root_a, root_b = union.find(first.setdefault(mention.group, index)), union.find(index)
        if root_a != root_b:
            _join(union, members, bounds, root_a, root_b)


def _join(
    union: UnionFind,
    members: dict[int, list[int]],
    bounds: dict[int, Bounds],
    root_a: int,
    root_b: int,
) -> None:
    if union.union(root_a, root_b):
        root = union.find(root_a)
        other = root_b if root == root_a else root_a
        members[root] = members[root_a] + members[root_b]
        bounds[root] = bounds[root_a].join(bounds[root_b])
        del members[other], bounds[other]


def _agree(a: list[int], b: list[int], rules: Weights, pairs: _Pairs) -> bool:
    """Whether two incidents with no conflicting pair join: always under single linkage;
    under average linkage when the average score over every pair across them, summed in
    the order ``linkage`` sums it, reaches the threshold."""
    if rules.linkage == "single":
        return True
    total = 0.0
    for i in a:
        for j in b:
            total += pairs(i, j)
    return total / (len(a) * len(b)) >= rules.threshold


def linkage(mentions: Sequence[Mention], a: list[int], b: list[int], rules: Weights) -> float:
    """Average score over every pair across incidents ``a`` and ``b`` (minus infinity as
    soon as one pair can never be one incident)."""
    total = 0.0
    for i in a:
        for j in b:
            pair = score(mentions[i], mentions[j], rules)
            if pair == NEVER:
                return NEVER
            total += pair
    return total / (len(a) * len(b))


def conflict(a: Mention, b: Mention, rules: Weights) -> bool:
    """Whether two mentions can never be one incident: another place (two places, or places
    in two regions or countries), days further apart than the span, or another accused."""
    if a.place and b.place and a.place != b.place:
        return True
    if a.region and b.region and a.region != b.region:
        return True
    if a.country and b.country and a.country != b.country:
        return True
    if a.day and b.day and abs((a.day - b.day).days) > rules.span_days:
        return True
    if _after(a.day, b.told) or _after(b.day, a.told):
        return True
    if _told_apart(a, b, rules.told_days):
        return True
    return bool(rules.separate_accused and a.accused and b.accused and a.accused != b.accused)


def _told_apart(a: Mention, b: Mention, limit: int) -> bool:
    """Whether a mention with no event day was told too long after the other's event day,
    or two such mentions too far apart, to tell of one event: the publication day bounds
    the event (it came no later, and at most ``limit`` days earlier) without dating it."""
    if a.day is not None and b.day is not None:
        return False  # their own days decide
    if a.day is None and b.day is None:
        return a.told is not None and b.told is not None and abs((a.told - b.told).days) > limit
    dated, undated = (a, b) if a.day is not None else (b, a)
    assert dated.day is not None
    return undated.told is not None and (undated.told - dated.day).days > limit


def _after(day: date | None, told: date | None) -> bool:
    """Whether an event day falls after another report was published (a day's grace for
    time zones): that report cannot have told of it."""
    return day is not None and told is not None and (day - told).days > 1


def score(a: Mention, b: Mention, rules: Weights) -> float:
    """Evidence that two mentions name the same incident (higher is stronger)."""
    if conflict(a, b, rules):
        return NEVER
    return _evidence(a, b, rules)


def _evidence(a: Mention, b: Mention, rules: Weights) -> float:
    """The score of two mentions that do not conflict."""
    total = 0.0
    if a.types & b.types:
        total += rules.types
    if a.place and a.place == b.place:
        total += rules.place
    if a.day and b.day:
        total += rules.day
    if a.actors & b.actors:
        total += rules.actors
    total += rules.words * jaccard(a.words, b.words)
    return total + rules.context * jaccard(a.context, b.context)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    if a is b:
        return 1.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)
