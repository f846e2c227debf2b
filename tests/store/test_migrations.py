"""The migrations build the schema that ``store/schema.py`` declares, on both backends.

Queries are written against ``schema.py``'s tables while the tables themselves are made by
the scripts in ``store/migrations/versions``: a column, type, nullability, key or index that
differs between the two is a store that works on a fresh test database and fails, or
silently accepts what it should refuse, on a real one.
"""

from __future__ import annotations

from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from corroborate.store import Store
from corroborate.store.schema import metadata

# the full-text search index is made with raw SQL by its migration (FTS5 tables on SQLite, a
# GIN expression index on PostgreSQL), and schema.py does not declare it
SEARCH_INDEX = ("reports_fts", "ix_reports_fts")


def _declared_or_ours(
    obj: Any, name: str | None, kind: str, reflected: bool, compare_to: Any
) -> bool:
    return not (reflected and compare_to is None and (name or "").startswith(SEARCH_INDEX))


def test_the_migrated_schema_is_the_declared_one(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": _declared_or_ours}
        )
        assert compare_metadata(context, metadata) == []
