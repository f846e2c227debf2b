"""3c'. Linking blocks: mentions are clustered block by block, and each block's incidents kept.

A block holds mentions that no mention outside it could ever be one incident with
(``incidents.conflict``): mentions of two countries never are, nor two whose days are too
far apart. Each mention's event lies within an interval of days: its own day; else, if its
report was published on day ``t``, between ``t - told_days`` and ``t + 1``; else anywhere.
Mentions that are one incident lie within ``span_days`` of each other's intervals, so a
block is a run of mentions of one country whose intervals, in order, leave no gap longer
than ``span_days``; a mention with no country belongs to the runs of every country it
meets, and mentions of one group (``Mention.group``) to one block. Clustering
(``incidents.cluster``) runs on each block alone: the same incidents could form as over all
mentions at once, and a mention's nearest neighbours are drawn from its block only.

Since a block's incidents depend on nothing but its members, they are kept (``BlockMemo``)
under the block's id: a digest of the clustering code, the weights, the block's key and,
in the order clustering takes them, each member's allegation id and every field of its
``Mention``. A later run clusters only the blocks whose id it has not kept, the blocks new
reports fall in (or whose members changed), and reads the rest back: the same incidents as
clustering every block, by construction, in the same order (``merge``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from corroborate import __version__
from corroborate.ids import make_id
from corroborate.link.incidents import Mention, Weights, cluster
from corroborate.link.unionfind import UnionFind

# what a block's incidents are made by: the clustering code and the blocks themselves
VERSIONED = ("link/incidents.py", "link/bounds.py", "link/unionfind.py", "link/blocks.py")
PACKAGE = Path(__file__).resolve().parent.parent

Groups = list[list[int]]  # incidents as lists of member positions, each sorted


def _nothing(_ids: Sequence[str]) -> dict[str, Groups]:
    return {}


@dataclass(slots=True)
class BlockMemo:
    """Blocks' incidents kept by earlier runs (``lookup`` reads those of some block ids),
    those this run clustered (``made``, by block id), for the caller to keep, and the ids of
    every block of this run (``used``)."""

    lookup: Callable[[Sequence[str]], Mapping[str, Groups]] = _nothing
    made: dict[str, Groups] = field(default_factory=dict)
    reused: int = 0  # blocks read back rather than clustered
    used: set[str] = field(default_factory=set)


ENDLESS = (-(10**9), 10**9)  # the days of a mention nothing dates


def interval(mention: Mention, rules: Weights) -> tuple[int, int]:
    """The days (as ordinals) a mention's event may lie in."""
    if mention.day is not None:
        return (mention.day.toordinal(), mention.day.toordinal())
    if mention.told is not None:
        told = mention.told.toordinal()
        return (told - rules.told_days, told + 1)
    return ENDLESS


def blocks(mentions: Sequence[Mention], rules: Weights | None = None) -> dict[str, list[int]]:
    """Each block's members, as positions in ``mentions`` (in their order), by the block's
    key: its countries and its first day."""
    rules = rules or Weights()
    days = [interval(m, rules) for m in mentions]
    union = UnionFind(len(mentions))
    countries = sorted({m.country for m in mentions if m.country is not None})
    nowhere = [n for n, m in enumerate(mentions) if m.country is None]
    for country in [*countries, None]:
        here = [n for n, m in enumerate(mentions) if m.country == country and country]
        _runs(sorted([*here, *nowhere], key=lambda n: days[n]), days, rules.span_days, union)
    first: dict[str, int] = {}
    for n, mention in enumerate(mentions):
        if mention.group is not None:
            union.union(first.setdefault(mention.group, n), n)
    members: dict[int, list[int]] = {}
    for n in range(len(mentions)):
        members.setdefault(union.find(n), []).append(n)
    found: dict[str, list[int]] = {}
    for group in members.values():  # two blocks of one key (none known) are clustered as one
        found.setdefault(_key(group, mentions, days), []).extend(group)
    return {key: sorted(group) for key, group in found.items()}


def _runs(order: list[int], days: Sequence[tuple[int, int]], span: int, union: UnionFind) -> None:
    """Join mentions (in order of their intervals) that leave no gap longer than ``span``."""
    end = None
    for previous, n in zip([None, *order], order, strict=False):
        if previous is not None and end is not None and days[n][0] - end <= span:
            union.union(previous, n)
        end = days[n][1] if end is None or days[n][0] - end > span else max(end, days[n][1])


def _key(group: list[int], mentions: Sequence[Mention], days: Sequence[tuple[int, int]]) -> str:
    countries = sorted({mentions[n].country or "" for n in group})
    return json.dumps([countries, min(days[n][0] for n in group)])


def cluster_blocks(
    mentions: Sequence[Mention],
    ids: Sequence[str],
    weights: Weights | None = None,
    memo: BlockMemo | None = None,
) -> list[list[int]]:
    """Incidents as lists of positions in ``mentions`` (``ids`` their allegations' ids),
    clustered block by block, each block's read from ``memo`` where it was kept (without a
    memo, blocks are neither named nor kept); in order of first mention, as ``cluster``
    gives them."""
    rules = weights or Weights()
    found = blocks(mentions, rules)
    if memo is None:
        return merge([_clustered(mentions, members, rules) for members in found.values()])
    plain = _Plain()
    named = {
        block_id(key, [(ids[i], mentions[i]) for i in members], rules, plain): members
        for key, members in found.items()
    }
    kept = memo.lookup(sorted(named))
    memo.used.update(named)
    incidents: list[list[list[int]]] = []
    for name, members in named.items():
        groups = kept.get(name)
        if groups is not None and _fits(groups, len(members)):
            memo.reused += 1
            incidents.append([[members[p] for p in group] for group in groups])
        else:
            incidents.append(_clustered(mentions, members, rules, memo.made, name))
    return merge(incidents)


def _clustered(
    mentions: Sequence[Mention],
    members: list[int],
    rules: Weights,
    made: dict[str, Groups] | None = None,
    name: str = "",
) -> list[list[int]]:
    """One block's incidents, as positions in ``mentions``; kept in ``made`` by name."""
    groups = cluster([mentions[i] for i in members], rules)
    if made is not None:
        made[name] = groups
    return [[members[p] for p in group] for group in groups]


def merge(incidents: list[list[list[int]]]) -> list[list[int]]:
    """Every block's incidents, in order of their first mention."""
    return sorted((group for block in incidents for group in block), key=lambda g: g[0])


def _fits(groups: Groups, size: int) -> bool:
    """Whether kept incidents are a partition of a block of ``size`` members."""
    return sorted(p for g in groups for p in g) == list(range(size))


def block_id(
    key: str,
    members: Sequence[tuple[str, Mention]],
    weights: Weights,
    plain: Callable[[Mention], str] | None = None,
) -> str:
    """A block's id: the clustering code, ``weights``, its key and its members."""
    hasher = hashlib.sha256()
    for allegation_id, mention in members:
        hasher.update(allegation_id.encode() + b"\x00")
        hasher.update((plain or _Plain())(mention).encode() + b"\x00")
    return make_id("link-block", _code(), repr(weights), key, hasher.hexdigest())


class _Plain:
    """Every field of a mention as text, so that a field added later is named too; a set
    that mentions share (their report's context words) is written once and named by its
    digest."""

    def __init__(self) -> None:
        self.shared: dict[int, tuple[frozenset[str], str]] = {}

    def __call__(self, mention: Mention) -> str:
        return json.dumps([self._field(mention, f.name) for f in fields(mention)])

    def _field(self, mention: Mention, name: str) -> object:
        value = getattr(mention, name)
        if name != "context":
            return _value(value)
        known = self.shared.get(id(value))
        if known is None or known[0] is not value:  # the set is held, so its id is its own
            digest = hashlib.sha256("\x00".join(sorted(value)).encode()).hexdigest()
            known = self.shared[id(value)] = (value, digest)
        return known[1]


def _value(value: object) -> object:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


_CODE: list[str] = []


def blocks_version() -> str:
    """The version kept blocks are stored under: the clustering code's."""
    return make_id("link-blocks", _code())


def _code() -> str:
    """The package version and a digest of the files clustering is made of, read once."""
    if not _CODE:
        hasher = hashlib.sha256(__version__.encode())
        for name in VERSIONED:
            hasher.update(name.encode() + b"\x00" + (PACKAGE / name).read_bytes())
        _CODE.append(hasher.hexdigest())
    return _CODE[0]


def to_json(groups: Groups) -> str:
    return json.dumps(groups, separators=(",", ":"))


def from_json(text: str) -> Groups:
    """Kept incidents read back; ``ValueError`` or ``TypeError`` if they cannot be."""
    data = json.loads(text)
    if not isinstance(data, list) or not all(
        isinstance(g, list) and g and all(type(p) is int for p in g) for g in data
    ):
        raise ValueError("not a list of lists of positions")
    return data
