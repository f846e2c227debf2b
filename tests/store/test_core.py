"""The store handle's reads and errors, each pinned to a value written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from corroborate.errors import StoreError
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store
from corroborate.store.core import _first_line
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
