"""Which bytes the store seals, and when: testimony files once, unreadable ones included,
and never again once sealed."""

from __future__ import annotations

from sqlalchemy import select

from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, schema

SEAL = 28  # a 12-byte nonce and a 16-byte tag around the sealed bytes


def _testimony(name: str, statement: str) -> tuple[bytes, str, Report]:
    data = f"witness,text\n{name},{statement}\n".encode()
    blob_id = digest_bytes(data)
    report = Report(
        blob_id, "row:2", "t.csv", "text/csv", statement, meta=(("witness", name),)
    )  # fmt: skip
    return data, blob_id, report


def _sealed_ids(store: Store) -> list[str]:
    with store.engine.connect() as conn:
        return list(conn.execute(select(schema.sealed_blobs.c.blob_id)).scalars())


def test_an_unreadable_testimony_file_is_stored_sealed(store: Store) -> None:
    """No reader found its witnesses, but they may be in its bytes all the same."""
    data, blob_id, _ = _testimony("Maren Tolvik", "Two trucks left at dawn.")
    unread = IngestRecord(blob_id, data, "t.csv", (), reader="csv", code="I004", error="bad")
    assert store.add_ingests([unread], actor="t") == [1]
    stored = store.blob(blob_id)
    assert stored is not None and len(stored) == len(data) + SEAL and b"Maren" not in stored
    assert _sealed_ids(store) == [blob_id]
    assert store.plain_blob(blob_id) == data


def test_without_a_witness_key_an_unreadable_testimony_file_is_kept_as_it_came(
    store: Store,
) -> None:
    store.witness_key = None
    data, blob_id, _ = _testimony("Maren Tolvik", "Two trucks left at dawn.")
    unread = IngestRecord(blob_id, data, "t.csv", (), reader="csv", code="I004", error="bad")
    store.add_ingests([unread], actor="t")
    assert store.blob(blob_id) == data and _sealed_ids(store) == []


def test_bytes_already_kept_are_not_sealed_by_a_later_failed_testimony_reading(
    store: Store,
) -> None:
    data, blob_id, _ = _testimony("Maren Tolvik", "Two trucks left at dawn.")
    plain = Report(blob_id, "", "t.csv", "text/plain", data.decode())
    store.add_ingests([IngestRecord(blob_id, data, "t.csv", (plain,), reader="text")], actor="t")
    unread = IngestRecord(blob_id, data, "t.csv", (), reader="csv", code="I004", error="bad")
    assert store.add_ingests([unread], actor="t") == [2]
    assert store.blob(blob_id) == data and _sealed_ids(store) == []
    assert store.plain_blob(blob_id) == data


def test_sealed_bytes_are_not_sealed_again_by_a_later_reading_with_witnesses(
    store: Store,
) -> None:
    data, blob_id, report = _testimony("Maren Tolvik", "Two trucks left at dawn.")
    store.add_ingests([IngestRecord(blob_id, data, "t.csv", (report,), reader="csv")], actor="t")
    first = store.blob(blob_id)
    again = Report(blob_id, "row:1", "t.csv", "application/json", report.text, meta=report.meta)
    later = IngestRecord(blob_id, data, "t.csv", (again,), reader="json")
    assert store.add_ingests([later], actor="t") == [2]
    assert store.blob(blob_id) == first  # the same sealed bytes, not a fresh sealing
    assert _sealed_ids(store) == [blob_id]
    assert store.plain_blob(blob_id) == data


def test_each_testimony_file_is_marked_sealed_and_opens(store: Store) -> None:
    files = [
        _testimony("Maren Tolvik", "Two trucks left at dawn."),
        _testimony("Ivo Sarnak", "The bridge was closed by noon."),
    ]
    for data, blob_id, report in files:
        record = IngestRecord(blob_id, data, "t.csv", (report,), reader="csv")
        store.add_ingests([record], actor="t")
    assert sorted(_sealed_ids(store)) == sorted(blob_id for _, blob_id, _ in files)
    for data, blob_id, _ in files:
        stored = store.blob(blob_id)
        assert stored is not None and stored != data and store.plain_blob(blob_id) == data
