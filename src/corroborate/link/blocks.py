"""3c'. Linking blocks: mentions are clustered block by block, and each block's incidents kept.

A mention falls in the country it names and in the period of ``PERIOD_DAYS`` days its
event fell in (by its own day, or else by the day its report was published). Mentions of
two countries, or of two periods, are in two blocks; but a mention with no country could be
one incident with a mention of any country, and one with no day at all with one of any
period, so such a mention joins the blocks it could link (its period's every country, its
country's every period), and mentions of one group (``Mention.group``) share one block.
Clustering (``incidents.cluster``) runs on each block alone. So an incident never spans two
blocks where its mentions could never be one anyway (two countries), and otherwise only at
a period's edge: of the dated mentions, only an event told on both sides of the edge is cut
in two (the periods are long beside an incident's span, ``Weights.span_days``).

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
from itertools import combinations
from pathlib import Path

from corroborate import __version__
from corroborate.ids import make_id
from corroborate.link.incidents import Mention, Weights, cluster
from corroborate.link.unionfind import UnionFind

PERIOD_DAYS = 28
EPOCH = date(2000, 1, 3)  # a Monday: periods are whole weeks
# what a block's incidents are made by: the clustering code and the blocks themselves
VERSIONED = ("link/incidents.py", "link/bounds.py", "link/unionfind.py", "link/blocks.py")
PACKAGE = Path(__file__).resolve().parent.parent

Groups = list[list[int]]  # incidents as lists of member positions, each sorted


def _nothing(_ids: Sequence[str]) -> dict[str, Groups]:
    return {}


@dataclass(slots=True)
class BlockMemo:
    """Blocks' incidents kept by earlier runs (``lookup`` reads those of some block ids) and
    those this run clustered (``made``, by block id), for the caller to keep."""

    lookup: Callable[[Sequence[str]], Mapping[str, Groups]] = _nothing
    made: dict[str, Groups] = field(default_factory=dict)
    reused: int = 0  # blocks read back rather than clustered


Key = tuple[str | None, int | None]  # (country, period): None where a mention has none


def block_key(mention: Mention) -> Key:
    """The country and period a mention falls in."""
    day = mention.day or mention.told
    return (mention.country, None if day is None else (day - EPOCH).days // PERIOD_DAYS)


def blocks(mentions: Sequence[Mention]) -> dict[str, list[int]]:
    """Each block's members, as positions in ``mentions`` (in their order), by the block's
    name: the keys it joins."""
    keys = [block_key(m) for m in mentions]
    union = UnionFind(len(distinct := sorted(set(keys), key=_order)))
    at = {key: n for n, key in enumerate(distinct)}
    for a, b in combinations(distinct, 2):
        if _touch(a, b):
            union.union(at[a], at[b])
    first: dict[str, Key] = {}
    for key, mention in zip(keys, mentions, strict=True):
        if mention.group is not None:
            union.union(at[first.setdefault(mention.group, key)], at[key])
    names: dict[int, list[Key]] = {}
    for key in distinct:
        names.setdefault(union.find(at[key]), []).append(key)
    found: dict[str, list[int]] = {}
    for n, key in enumerate(keys):
        found.setdefault(json.dumps(names[union.find(at[key])]), []).append(n)
    return found


def _order(key: Key) -> tuple[str, int]:
    return (key[0] or "", -1 if key[1] is None else key[1])


def _touch(a: Key, b: Key) -> bool:
    """Whether mentions of two keys could be one incident: their countries and their
    periods each agree, or one of them has none."""
    return all(x == y or x is None or y is None for x, y in zip(a, b, strict=True))


def cluster_blocks(
    mentions: Sequence[Mention],
    ids: Sequence[str],
    weights: Weights | None = None,
    memo: BlockMemo | None = None,
) -> list[list[int]]:
    """Incidents as lists of positions in ``mentions`` (``ids`` their allegations' ids),
    clustered block by block, each block's read from ``memo`` where it was kept; in order of
    first mention, as ``cluster`` gives them."""
    rules = weights or Weights()
    memo = memo if memo is not None else BlockMemo()
    found = blocks(mentions)
    plain = _Plain()
    named = {
        block_id(key, [(ids[i], mentions[i]) for i in members], rules, plain): members
        for key, members in found.items()
    }
    kept = memo.lookup(sorted(named))
    incidents: list[list[int]] = []
    for name, members in named.items():
        groups = kept.get(name)
        if groups is not None and _fits(groups, len(members)):
            memo.reused += 1
        else:
            groups = memo.made[name] = cluster([mentions[i] for i in members], rules)
        incidents += [[members[p] for p in group] for group in groups]
    return merge(incidents)


def merge(incidents: list[list[int]]) -> list[list[int]]:
    """Every block's incidents, in order of their first mention."""
    return sorted(incidents, key=lambda group: group[0])


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
