"""Linking features kept beside the reports they were read from (migration 0012).

Rows are keyed by the report's content id and the features' version; their JSON is opaque
here (``link/features.py`` writes and reads it). ``put_link_features`` commits each call on
its own and leaves a row that exists already as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from corroborate.store import schema
from corroborate.store.core import Store

CHUNK = 500  # content ids looked up together


def stored_link_features(
    store: Store, content_ids: Sequence[str], version: str
) -> Iterator[tuple[str, str]]:
    """(content id, JSON) of each of ``content_ids`` kept at ``version``."""
    table = schema.link_features
    with store.engine.connect() as conn:
        for start in range(0, len(content_ids), CHUNK):
            chunk = content_ids[start : start + CHUNK]
            query = select(table.c.content_id, table.c.features).where(
                table.c.version == version, table.c.content_id.in_(chunk)
            )
            yield from ((content_id, text) for content_id, text in conn.execute(query))


def put_link_features(store: Store, version: str, rows: Iterable[tuple[str, str]]) -> int:
    """Keep (content id, JSON) rows at ``version``, in one transaction; how many were new."""
    table = schema.link_features
    wanted = dict(rows)
    if not wanted:
        return 0
    with store.engine.begin() as conn:
        present: set[str] = set()
        ids = list(wanted)
        for start in range(0, len(ids), CHUNK):
            query = select(table.c.content_id).where(
                table.c.version == version, table.c.content_id.in_(ids[start : start + CHUNK])
            )
            present.update(content_id for (content_id,) in conn.execute(query))
        new = [
            {"content_id": c, "version": version, "features": text}
            for c, text in wanted.items()
            if c not in present
        ]
        if new:
            conn.execute(_insert(store).on_conflict_do_nothing(), new)
    return len(new)


def _insert(store: Store) -> Any:
    module = postgresql if store.dialect == "postgresql" else sqlite
    return module.insert(schema.link_features)


def count_link_features(store: Store, version: str | None = None) -> int:
    table = schema.link_features
    query = select(func.count()).select_from(table)
    if version is not None:
        query = query.where(table.c.version == version)
    with store.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def drop_link_features(store: Store, version: str | None, content_ids: Sequence[str]) -> None:
    """Remove the rows of ``content_ids`` at ``version`` (every version: None)."""
    table = schema.link_features
    with store.engine.begin() as conn:
        for start in range(0, len(content_ids), CHUNK):
            query = delete(table).where(table.c.content_id.in_(content_ids[start : start + CHUNK]))
            if version is not None:
                query = query.where(table.c.version == version)
            conn.execute(query)
