"""Extractions kept beside the reports they were made from (migration 0010).

Rows are keyed by the report's content id and the extraction's version; their JSON is
opaque here (``extract/stored.py`` writes and reads it). Kept as ``store.kept`` keeps rows:
each ``put_extractions`` commits on its own, and a row that exists already is left as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from corroborate.store import schema
from corroborate.store.core import Store
from corroborate.store.kept import Kept

EXTRACTIONS = Kept(schema.extractions, "extraction")


def stored_extractions(
    store: Store, content_ids: Sequence[str], version: str
) -> Iterator[tuple[str, str]]:
    """(content id, JSON) of each of ``content_ids`` stored at ``version``."""
    return EXTRACTIONS.stored(store, content_ids, version)


def put_extractions(store: Store, version: str, rows: Iterable[tuple[str, str]]) -> int:
    """Keep (content id, JSON) rows at ``version``, in one transaction; how many were new."""
    return EXTRACTIONS.put(store, version, rows)


def count_extractions(store: Store, version: str | None = None) -> int:
    return EXTRACTIONS.count(store, version)


def drop_extractions(store: Store, version: str, content_ids: Sequence[str]) -> None:
    """Remove the rows of ``content_ids`` at ``version`` (ones that cannot be read back)."""
    EXTRACTIONS.drop(store, version, content_ids)
