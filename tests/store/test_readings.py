"""Readings: which reader tried which bytes, and whether it read them (``store/readings.py``),
and how the store records, deduplicates and lists them (``Store.add_ingests``, ``unread``)."""

from __future__ import annotations

import json
from dataclasses import replace

from sqlalchemy import update

from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, schema, verify
from corroborate.store.readings import (
    LEGACY_READER,
    Reading,
    all_readings,
    is_read,
    latest,
    reading_of,
    readings_for,
)


def _reading(seq: int, status: str = "read", *, blob: str = "b", reader: str = "txt") -> Reading:
    return Reading(seq, blob, reader, "read" if status == "read" else "unread", f"s{seq}")


def _read(data: bytes, reader: str, *, item: str = "", name: str = "f.txt") -> IngestRecord:
    blob_id = digest_bytes(data)
    report = Report(blob_id, item, name, "text/plain", data.decode())
    return IngestRecord(blob_id, data, name, (report,), reader=reader)


def _unread(data: bytes, reader: str, code: str = "I004") -> IngestRecord:
    blob_id = digest_bytes(data)
    return IngestRecord(
        blob_id, data, "f.bin", (), reader=reader, code=code, error=f"{code} cannot read"
    )


def test_a_payload_gives_its_reading() -> None:
    payload = {
        "blob_id": "sha256:ab",
        "reader": "pdf",
        "status": "unread",
        "source": "cut.pdf",
        "code": "I004",
        "error": "truncated",
    }
    assert reading_of(7, json.dumps(payload)) == Reading(
        7, "sha256:ab", "pdf", "unread", "cut.pdf", "I004", "truncated"
    )


def test_an_old_payload_is_a_legacy_read() -> None:
    assert reading_of(2, '{"blob_id": "sha256:cd"}') == Reading(
        2, "sha256:cd", LEGACY_READER, "read", ""
    )
    assert reading_of(3, '{"blob_id": "x", "status": "odd"}') == Reading(
        3, "x", LEGACY_READER, "read", ""
    )


def test_an_unreadable_payload_gives_no_reading() -> None:
    for text in ("not json", "[]", "null", '{"reader": "txt"}'):
        assert reading_of(1, text) is None, text


def test_the_newest_reading_wins_except_over_a_read() -> None:
    found = latest(
        [
            _reading(3, "unread"),
            _reading(1, "unread"),
            _reading(2, "unread", reader="pdf"),
            _reading(4, "read", reader="pdf"),
            _reading(5, "unread", reader="pdf"),
        ]
    )
    assert found == {("b", "txt"): _reading(3, "unread"), ("b", "pdf"): _reading(4, reader="pdf")}


def test_a_read_supersedes_an_earlier_unread() -> None:
    assert latest([_reading(2), _reading(1, "unread")]) == {("b", "txt"): _reading(2)}


def test_is_read_by_its_reader_or_a_legacy_row() -> None:
    found = latest(
        [_reading(1, reader="txt"), _reading(2, "unread", reader="pdf"), _reading(3, blob="old")]
    )
    found |= latest([_reading(4, blob="old", reader=LEGACY_READER)])
    assert is_read(found, "b", "txt")
    assert not is_read(found, "b", "pdf")  # tried and failed
    assert not is_read(found, "b", "html")  # never tried
    assert not is_read(found, "c", "txt")
    assert is_read(found, "old", "html")  # every reader's duplicate


def test_readings_are_found_for_many_blobs_at_once(store: Store) -> None:
    first, second = _read(b"first file", "txt"), _read(b"second file", "txt")
    store.add_ingests([first, second], actor="t")
    store.append_event(actor="a", action="note", subject=first.blob_id, payload={})
    # more ids than one query takes: the real ones at the edges of the chunks
    wanted = [f"sha256:{n:064x}" for n in range(1001)]
    wanted[500], wanted[1000] = first.blob_id, second.blob_id
    with store.engine.connect() as conn:
        found = sorted((r.seq, r.blob_id) for r in readings_for(conn, wanted))
        everything = sorted((r.seq, r.blob_id) for r in all_readings(conn))
    assert found == everything == [(1, first.blob_id), (2, second.blob_id)]


def test_a_row_with_a_damaged_payload_is_no_reading(store: Store) -> None:
    first, second = _read(b"first file", "txt"), _read(b"second file", "txt")
    store.add_ingests([first, second], actor="t")
    with store.engine.begin() as conn:
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == 1).values(payload="{"))
    with store.engine.connect() as conn:
        assert [r.seq for r in readings_for(conn, [first.blob_id, second.blob_id])] == [2]
        assert [r.seq for r in all_readings(conn)] == [2]


def test_a_failed_reading_is_kept_once_and_a_later_read_ends_it(store: Store) -> None:
    data = b"Shelling of Izium was reported."
    assert store.add_ingests([_unread(data, "pdf")], actor="t") == [1]
    assert store.add_ingests([_unread(data, "pdf", code="I009")], actor="t") == [0]
    [pending] = store.unread()
    assert (pending.seq, pending.reader, pending.code) == (1, "pdf", "I004")
    payload = json.loads(next(store.ledger_rows()).payload)
    assert payload == {
        "blob_id": digest_bytes(data),
        "size": len(data),
        "source": "f.bin",
        "reader": "pdf",
        "status": "unread",
        "reports": [],
        "code": "I004",
        "error": "I004 cannot read",
    }
    assert store.add_ingests([_read(data, "txt")], actor="t") == [2]
    assert store.unread() == []
    assert store.add_ingests([_read(data, "txt")], actor="t") == [0]
    assert store.counts()["blobs"] == 1 and verify(store).ok


def test_unread_lists_each_blob_once_with_its_newest_failure(store: Store) -> None:
    one, two = b"first unreadable", b"second unreadable"
    store.add_ingests([_unread(one, "pdf"), _unread(two, "pdf")], actor="t")
    store.add_ingests([_unread(one, "html", code="I007")], actor="t")
    listed = {r.blob_id: (r.seq, r.reader, r.code) for r in store.unread()}
    assert len(store.unread()) == 2
    assert listed == {digest_bytes(one): (3, "html", "I007"), digest_bytes(two): (2, "pdf", "I004")}
    assert set(store.readings([digest_bytes(one)])) == {
        (digest_bytes(one), "pdf"),
        (digest_bytes(one), "html"),
    }


def test_a_second_reader_keeps_its_reports_beside_the_first(store: Store) -> None:
    data = b"Residents of Lyman were detained."
    store.add_ingests([_read(data, "txt")], actor="t")
    # the second html record is the same reading (bytes and reader) as the first
    assert store.add_ingests([_read(data, "html"), _read(data, "html", item="p:2")], actor="t") == [
        2,
        0,
    ]
    items = sorted(r.item for r in store.reports())
    assert items == ["", "html:"]
    assert store.add_ingests([_read(data, "md", item="p:2")], actor="t") == [3]
    assert sorted(r.item for r in store.reports()) == ["", "html:", "p:2"]
    assert verify(store).ok


def test_skipped_items_are_kept_in_the_payload(store: Store) -> None:
    record = _read(b"a feed with a bad item", "jsonl")
    skipped = ("[I011] feed.jsonl: item 3: no text",)
    store.add_ingests([replace(record, skipped=skipped)], actor="t")
    payload = json.loads(next(store.ledger_rows()).payload)
    assert payload["skipped"] == list(skipped) and payload["status"] == "read"
    assert "code" not in payload and "identities" not in payload


def test_an_unread_after_a_read_is_passed_over_and_the_readings_after_it_still_count() -> None:
    found = latest(
        [_reading(1), _reading(2, "unread"), _reading(3, "unread", reader="pdf"), _reading(4)]
    )
    assert found == {("b", "txt"): _reading(4), ("b", "pdf"): _reading(3, "unread", reader="pdf")}


def test_only_ingest_events_record_readings(store: Store) -> None:
    """Another event about the same bytes, however its payload looks, is no reading."""
    data = b"a note about these bytes"
    blob_id = digest_bytes(data)
    payload = {"blob_id": blob_id, "reader": "text", "status": "read", "source": "f.txt"}
    store.append_event(actor="a", action="note", subject=blob_id, payload=payload)
    with store.engine.connect() as conn:
        assert list(readings_for(conn, [blob_id])) == []
    assert store.add_ingests([_read(data, "text")], actor="t") == [2]
