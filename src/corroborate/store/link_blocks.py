"""Linking blocks' incidents kept by block id (migration 0013).

Rows are keyed by the block's id and the clustering code's version; their JSON is opaque
here (``link/blocks.py`` writes and reads it). Incidents' charges and stances
(``link/charges.py``) are kept in the same table, by charge id, under their own version.
``prune_link_blocks`` removes the rows no current block or charge uses. Kept as
``store.kept`` keeps rows: each ``put_link_blocks`` commits on its own, and a row that
exists already is left as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence

from corroborate.store import schema
from corroborate.store.core import Store
from corroborate.store.kept import Kept

LINK_BLOCKS = Kept(schema.link_blocks, "incidents")


def stored_link_blocks(
    store: Store, block_ids: Sequence[str], version: str
) -> Iterator[tuple[str, str]]:
    """(block id, JSON) of each of ``block_ids`` kept at ``version``."""
    return LINK_BLOCKS.stored(store, block_ids, version)


def put_link_blocks(store: Store, version: str, rows: Iterable[tuple[str, str]]) -> int:
    """Keep (block id, JSON) rows at ``version``, in one transaction; how many were new."""
    return LINK_BLOCKS.put(store, version, rows)


def count_link_blocks(store: Store, version: str | None = None) -> int:
    return LINK_BLOCKS.count(store, version)


def drop_link_blocks(store: Store, version: str | None, block_ids: Sequence[str]) -> None:
    """Remove the rows of ``block_ids`` at ``version`` (every version: None)."""
    LINK_BLOCKS.drop(store, version, block_ids)


def prune_link_blocks(store: Store, used: Collection[str]) -> int:
    """Remove the rows, at any version, of every block and charge id not in ``used`` (those
    of the last run); how many were removed."""
    return LINK_BLOCKS.prune(store, used)
