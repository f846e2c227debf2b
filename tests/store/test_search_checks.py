"""verify compares the SQLite full-text index with the reports, row for row."""

from __future__ import annotations

from sqlalchemy import text

from corroborate.store import Store, verify
from tests.store.test_store import filled


def _findings(store: Store) -> list[tuple[str, str]]:
    return [(f.kind, f.subject) for f in verify(store).findings]


def test_altered_missing_and_extra_index_rows_are_named(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    records = filled(store, 3)
    first, second, third = (r.reports[0].id for r in records)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE reports_fts SET text = 'nothing happened' WHERE report_id = :i"),
            {"i": first},
        )
        conn.execute(text("DELETE FROM reports_fts WHERE report_id = :i"), {"i": second})
        conn.execute(  # a duplicate of an intact row
            text("INSERT INTO reports_fts(report_id, title, text) VALUES (:i, :t, :x)"),
            {"i": third, "t": records[2].reports[0].title, "x": records[2].reports[0].text},
        )
        conn.execute(text("INSERT INTO reports_fts(report_id, title, text) VALUES ('z', '', '')"))
    assert sorted(_findings(store)) == sorted(
        [
            ("search-altered", first),
            ("search-missing", second),
            ("search-extra", third),
            ("search-extra", "z"),
        ]
    )


def test_an_intact_index_verifies_on_both_backends(store: Store) -> None:
    filled(store, 2)
    assert verify(store).ok
