"""Linking features kept beside the reports they were read from (migration 0012).

Rows are keyed by the report's content id and the features' version; their JSON is opaque
here (``link/features.py`` writes and reads it). Kept as ``store.kept`` keeps rows: each
``put_link_features`` commits on its own, and a row that exists already is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from corroborate.store import schema
from corroborate.store.core import Store
from corroborate.store.kept import Kept

LINK_FEATURES = Kept(schema.link_features, "features")


def stored_link_features(
    store: Store, content_ids: Sequence[str], version: str
) -> Iterator[tuple[str, str]]:
    """(content id, JSON) of each of ``content_ids`` kept at ``version``."""
    return LINK_FEATURES.stored(store, content_ids, version)


def put_link_features(store: Store, version: str, rows: Iterable[tuple[str, str]]) -> int:
    """Keep (content id, JSON) rows at ``version``, in one transaction; how many were new."""
    return LINK_FEATURES.put(store, version, rows)


def count_link_features(store: Store, version: str | None = None) -> int:
    return LINK_FEATURES.count(store, version)


def drop_link_features(store: Store, version: str | None, content_ids: Sequence[str]) -> None:
    """Remove the rows of ``content_ids`` at ``version`` (every version: None)."""
    LINK_FEATURES.drop(store, version, content_ids)
