"""verify compares the SQLite full-text index with the reports, row for row."""

from __future__ import annotations

from sqlalchemy import text

from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, verify
from corroborate.store.findings import Finding
from corroborate.store.search_checks import check_search
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


def _checked(store: Store) -> tuple[list[Finding], list[str]]:
    ticks: list[str] = []
    return check_search(store, ticks.append), ticks


def test_each_finding_names_its_row_and_says_what_is_wrong(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    records = filled(store, 1)
    first, second = sorted(r.id for r in records[0].reports)
    with store.engine.begin() as conn:
        conn.execute(
            text("UPDATE reports_fts SET title = 'Other' WHERE report_id = :i"), {"i": first}
        )
        conn.execute(text("DELETE FROM reports_fts WHERE report_id = :i"), {"i": second})
        conn.execute(text("INSERT INTO reports_fts(report_id, title, text) VALUES ('z', '', '')"))
    findings, ticks = _checked(store)
    assert findings == [
        Finding("search-altered", first, "indexed title or text differs"),
        Finding("search-missing", second, "report is missing from the search index"),
        Finding("search-extra", "z", "search index row for no stored report"),
    ]
    assert ticks == ["search"] * 3  # one step per row walked


def test_an_emptied_index_misses_every_report(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    records = filled(store, 1)
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM reports_fts"))
    findings, _ = _checked(store)
    assert [(f.kind, f.subject) for f in findings] == [
        ("search-missing", rid) for rid in sorted(r.id for r in records[0].reports)
    ]


def test_index_rows_in_a_store_without_reports_are_all_extra(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    with store.engine.begin() as conn:
        for rid in ("a", "b"):
            conn.execute(
                text("INSERT INTO reports_fts(report_id, title, text) VALUES (:i, '', 'x')"),
                {"i": rid},
            )
    findings, ticks = _checked(store)
    assert [(f.kind, f.subject) for f in findings] == [("search-extra", "a"), ("search-extra", "b")]
    assert ticks == ["search", "search"]


def test_a_report_without_a_title_is_indexed_intact(store: Store) -> None:
    data = b"The mayor said the school was shelled."
    blob_id = digest_bytes(data)
    untitled = Report(blob_id=blob_id, item="", source_name="u.txt", media_type="text/plain",
                      text=data.decode())  # fmt: skip
    store.add_ingests([IngestRecord(blob_id, data, "u.txt", (untitled,))], actor="tester")
    assert _checked(store) == ([], ["search"] * (store.dialect == "sqlite"))
