"""Rows kept beside the reports they were read from, by content id and version.

A run keeps what it derived from each report (its extraction, migration 0010; its linking
features, migration 0012) keyed by the report's content id and the version of the code that
derived it, as JSON this module does not read. ``Kept.put`` commits each call on its own, so
a run that is killed keeps every batch it had finished, and a row that exists already is
left as it is: re-running a batch writes nothing twice.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, delete, func, select
from sqlalchemy.dialects import postgresql, sqlite

from corroborate.store.core import Store

CHUNK = 500  # content ids looked up together


@dataclass(frozen=True, slots=True)
class Kept:
    """One table of kept rows: ``content_id``, ``version`` and the JSON column ``column``."""

    table: Table
    column: str

    def stored(
        self, store: Store, content_ids: Sequence[str], version: str
    ) -> Iterator[tuple[str, str]]:
        """(content id, JSON) of each of ``content_ids`` kept at ``version``."""
        table = self.table
        with store.engine.connect() as conn:
            for start in range(0, len(content_ids), CHUNK):
                chunk = content_ids[start : start + CHUNK]
                query = select(table.c.content_id, table.c[self.column]).where(
                    table.c.version == version, table.c.content_id.in_(chunk)
                )
                yield from ((content_id, text) for content_id, text in conn.execute(query))

    def put(self, store: Store, version: str, rows: Iterable[tuple[str, str]]) -> int:
        """Keep (content id, JSON) rows at ``version``, in one transaction; how many were new."""
        table = self.table
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
                {"content_id": c, "version": version, self.column: text}
                for c, text in wanted.items()
                if c not in present
            ]
            if new:  # a row another run wrote meanwhile is left as it is
                conn.execute(self._insert(store).on_conflict_do_nothing(), new)
        return len(new)

    def count(self, store: Store, version: str | None = None) -> int:
        """How many rows are kept (at ``version``, or at any)."""
        query = select(func.count()).select_from(self.table)
        if version is not None:
            query = query.where(self.table.c.version == version)
        with store.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def drop(self, store: Store, version: str | None, content_ids: Sequence[str]) -> None:
        """Remove the rows of ``content_ids`` at ``version`` (at every version: None)."""
        if not content_ids:
            return
        table = self.table
        with store.engine.begin() as conn:
            for start in range(0, len(content_ids), CHUNK):
                chunk = content_ids[start : start + CHUNK]
                query = delete(table).where(table.c.content_id.in_(chunk))
                if version is not None:
                    query = query.where(table.c.version == version)
                conn.execute(query)

    def prune(self, store: Store, used: Collection[str]) -> int:
        """Remove every row, at any version, whose content id is not in ``used``; how many
        rows were removed."""
        table = self.table
        removed = 0
        with store.engine.begin() as conn:
            ids = {c for (c,) in conn.execute(select(table.c.content_id))}
            stale = sorted(ids - set(used))
            for start in range(0, len(stale), CHUNK):
                chunk = stale[start : start + CHUNK]
                removed += conn.execute(delete(table).where(table.c.content_id.in_(chunk))).rowcount
        return removed

    def _insert(self, store: Store) -> Any:
        module = postgresql if store.dialect == "postgresql" else sqlite
        return module.insert(self.table)
