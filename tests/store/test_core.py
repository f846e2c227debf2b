"""The store handle's reads and errors, each pinned to a value written out by hand."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from corroborate.errors import StoreError
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, schema
from corroborate.store.core import _first_line, report_digest
from tests.store.test_store import record


def test_an_uninitialised_store_is_named_by_its_url(sqlite_url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store(sqlite_url).require_schema()
    assert str(caught.value) == (
        f"[S002] {sqlite_url}: store is not initialised; run `corroborate init`"
    )


def test_a_report_is_found_by_its_exact_id_only(store: Store) -> None:
    one, two = record("Shelling of the station"), record("A convoy on the road")
    store.add_ingests([one, two], actor="tester")
    wanted = two.reports[0]
    assert store.report(wanted.id) == wanted
    assert store.report(wanted.id[:20]) is None  # a prefix is find_reports' business
    assert store.report("sha256:" + "0" * 64) is None


def test_find_reports_returns_at_most_fifty(store: Store) -> None:
    store.add_ingests([record("Fifty-one items", items=51)], actor="tester")
    assert len(list(store.reports())) == 51
    assert len(store.find_reports("sha256:")) == 50


def test_an_error_is_told_by_its_first_line_or_else_its_type() -> None:
    assert _first_line(ValueError("  first line\nsecond line\n")) == "first line"
    assert _first_line(TimeoutError()) == "TimeoutError"
    assert _first_line(ValueError(" \n ")) == "ValueError"


def test_a_store_that_cannot_be_migrated_says_why_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    url = f"sqlite:///{folder}"  # a folder is no database file
    with pytest.raises(StoreError) as caught:
        Store(url).migrate()
    assert str(caught.value) == (
        f"[S001] {url}: cannot migrate: (sqlite3.OperationalError) unable to open database file"
    )
    assert isinstance(caught.value.__cause__, OperationalError)


def test_reports_of_one_ledger_row_come_back_in_item_order_not_insertion_order(
    store: Store,
) -> None:
    data = b"two items, stored last one first"
    blob_id = digest_bytes(data)
    reports = tuple(
        Report(blob_id, item, "feed.xml", "application/rss+xml", f"item {item}")
        for item in ("entry:b", "entry:a")
    )
    store.add_ingests([IngestRecord(blob_id, data, "feed.xml", reports)], actor="tester")
    assert [r.item for r in store.reports()] == ["entry:a", "entry:b"]
    assert [row["item"] for row in store.report_rows()] == ["entry:a", "entry:b"]


def test_a_report_digest_is_sha256_of_its_fields_as_stored_under_its_kind() -> None:
    report = Report("sha256:b1", "", "a.txt", "text/plain", "Shelling.", meta=(("k", "v"),))
    material = (
        '["report-fields",{"author":null,"blob_id":"sha256:b1","item":"","language":null,'
        '"media_type":"text/plain","meta":"[[\\"k\\",\\"v\\"]]","outlet":null,'
        '"published":null,"source_name":"a.txt","text":"Shelling.","title":null,"url":null}]'
    )
    assert report_digest(report) == "sha256:" + hashlib.sha256(material.encode()).hexdigest()


def test_bytes_first_kept_unread_are_sealed_in_place_once_read_with_witnesses(
    store: Store,
) -> None:
    data = b"witness,text\nOlena Hrytsiv,They came at night.\n"
    blob_id = digest_bytes(data)
    unread = IngestRecord(blob_id, data, "t.csv", (), reader="text", code="I004", error="bad")
    store.add_ingests([unread], actor="t")
    assert store.blob(blob_id) == data  # no witness reader tried it: kept as it came
    report = Report(
        blob_id, "row:2", "t.csv", "text/csv", "They came at night.",
        meta=(("witness", "Olena Hrytsiv"),),
    )  # fmt: skip
    store.add_ingests([IngestRecord(blob_id, data, "t.csv", (report,), reader="csv")], actor="t")
    stored = store.blob(blob_id)
    assert stored is not None and len(stored) == len(data) + 28 and b"Olena" not in stored
    assert store.plain_blob(blob_id) == data


def test_a_failed_write_is_named_by_the_store_and_stores_nothing(sqlite_url: str) -> None:
    handle = Store(sqlite_url)
    handle.migrate()
    data = b"one item twice"
    blob_id = digest_bytes(data)
    twice = (Report(blob_id, "", "a.txt", "text/plain", "one"),) * 2
    with pytest.raises(StoreError) as caught:
        handle.add_ingests([IngestRecord(blob_id, data, "a.txt", twice)], actor="t")
    assert str(caught.value) == (
        f"[S003] {sqlite_url}: write failed: "
        "(sqlite3.IntegrityError) UNIQUE constraint failed: reports.id"
    )
    assert handle.counts() == {"blobs": 0, "reports": 0, "ledger": 0, "bytes": 0}


def test_ledger_rows_come_back_in_sequence_order_after_a_row_is_rewritten(store: Store) -> None:
    for n in range(3):
        store.append_event(actor="a", action="note", subject=f"s:{n}", payload={})
    with store.engine.begin() as conn:  # PostgreSQL writes the new row version at the end
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == 1).values(actor="a"))
    assert [row.seq for row in store.ledger_rows()] == [1, 2, 3]
