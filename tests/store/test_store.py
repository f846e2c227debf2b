"""The evidence store on SQLite and PostgreSQL: writes, reads, search, verify."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete, insert, text, update

from corroborate.errors import StoreError
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, engine, schema, verify
from corroborate.store.chain import GENESIS
from corroborate.store.search import search


def record(body: str, *, name: str = "r.txt", items: int = 1) -> IngestRecord:
    data = body.encode()
    blob_id = digest_bytes(data)
    reports = tuple(
        Report(
            blob_id=blob_id,
            item=f"item:{n}" if items > 1 else "",
            source_name=name,
            media_type="text/plain",
            text=f"{body} #{n}",
            title=f"T{n}",
            meta=(("k", "v"),),
        )
        for n in range(items)
    )
    return IngestRecord(blob_id, data, name, reports)


def filled(store: Store, count: int = 3) -> list[IngestRecord]:
    records = [
        record(f"Report {n}: shelling of Kramatorsk station", name=f"r{n}.txt", items=2)
        for n in range(count)
    ]
    store.add_ingests(records, actor="tester")
    return records


def kinds(store: Store) -> set[str]:
    return {finding.kind for finding in verify(store).findings}


def test_fresh_store_verifies_empty(store: Store) -> None:
    result = verify(store)
    assert result.ok and result.ledger_rows == 0


def test_ingest_chains_rows_and_round_trips_reports(store: Store) -> None:
    records = filled(store)
    rows = list(store.ledger_rows())
    assert [row.seq for row in rows] == [1, 2, 3]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))
    stored = {r.id: r for r in store.reports()}
    for original in records[0].reports:
        assert stored[original.id] == original
    assert store.counts() == {
        "blobs": 3,
        "reports": 6,
        "ledger": 3,
        "bytes": sum(len(r.data) for r in records),
    }
    assert verify(store).ok


def test_same_bytes_twice_is_a_duplicate_not_a_new_row(store: Store) -> None:
    first = record("identical")
    assert store.add_ingests([first], actor="a") == [1]
    assert store.add_ingests([first], actor="a") == [0]
    assert store.counts()["ledger"] == 1


def test_find_reports_by_prefix(store: Store) -> None:
    records = filled(store, 1)
    target = records[0].reports[0]
    assert store.find_reports(target.id[7:19])[0].id == target.id
    assert store.find_reports(target.id)[0] == target


def test_search_finds_words(store: Store) -> None:
    filled(store, 2)
    store.add_ingests(
        [record("Looting reported in Izium by monitors", name="izium.txt")], actor="a"
    )
    hits = search(store, "izium looting")
    assert [hit.source_name for hit in hits] == ["izium.txt"]
    assert search(store, "nonexistentword") == []


def test_edited_blob_is_named(store: Store) -> None:
    records = filled(store)
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.blobs)
            .where(schema.blobs.c.id == records[1].blob_id)
            .values(data=b"forged")
        )
    findings = verify(store).findings
    assert [(f.kind, f.subject) for f in findings] == [("blob-altered", records[1].blob_id)]


def test_edited_report_is_named(store: Store) -> None:
    records = filled(store)
    target = records[2].reports[1]
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.reports).where(schema.reports.c.id == target.id).values(outlet="Forged")
        )
    assert [(f.kind, f.subject) for f in verify(store).findings] == [("report-altered", target.id)]


def test_edited_ledger_row_is_named(store: Store) -> None:
    filled(store)
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.ledger).where(schema.ledger.c.seq == 2).values(actor="someone else")
        )
    assert [(f.kind, f.subject) for f in verify(store).findings] == [("ledger-edited", "ledger #2")]


def test_deleted_ledger_row_is_named(store: Store) -> None:
    filled(store)
    with store.engine.begin() as conn:
        conn.execute(delete(schema.ledger).where(schema.ledger.c.seq == 2))
    found = {(f.kind, f.subject) for f in verify(store).findings}
    assert ("ledger-gap", "ledger #2") in found
    assert ("ledger-link", "ledger #3") in found
    assert {kind for kind, _ in found} >= {"blob-unledgered", "report-unledgered"}


def test_reordered_ledger_rows_are_named(store: Store) -> None:
    filled(store)
    with store.engine.begin() as conn:
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == 1).values(seq=-1))
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == 2).values(seq=1))
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == -1).values(seq=2))
    found = {(f.kind, f.subject) for f in verify(store).findings}
    assert {("ledger-edited", "ledger #1"), ("ledger-edited", "ledger #2")} <= found


def test_truncated_tail_is_named(store: Store) -> None:
    filled(store)
    with store.engine.begin() as conn:
        conn.execute(delete(schema.ledger).where(schema.ledger.c.seq == 3))
    assert "ledger-truncated" in kinds(store)


def test_expected_head_catches_a_rewritten_chain(store: Store) -> None:
    filled(store)
    seq, head = store.head()
    assert verify(store, expect_head=head).ok
    assert verify(store, expect_head=f"{seq}:{head}").ok
    assert "ledger-head" in {
        f.kind for f in verify(store, expect_head="sha256:" + "1" * 64).findings
    }


def test_smuggled_report_is_named(store: Store) -> None:
    records = filled(store, 1)
    extra = Report(
        blob_id=records[0].blob_id,
        item="smuggled",
        source_name="x",
        media_type="text/plain",
        text="x",
    )
    with store.engine.begin() as conn:
        values = extra.fields() | {"meta": "[]", "id": extra.id, "ledger_seq": 1}
        conn.execute(insert(schema.reports).values(**values))
    indexed = [("search-missing", extra.id)] if store.dialect == "sqlite" else []
    assert [(f.kind, f.subject) for f in verify(store).findings] == [
        ("report-unledgered", extra.id),
        *indexed,
    ]
    assert verify(store).findings[0].detail == "x: not in the ledger"


def test_deleted_report_is_named(store: Store) -> None:
    records = filled(store, 1)
    target = records[0].reports[0]
    with store.engine.begin() as conn:
        conn.execute(delete(schema.reports).where(schema.reports.c.id == target.id))
    indexed = [("search-extra", target.id)] if store.dialect == "sqlite" else []
    assert [(f.kind, f.subject) for f in verify(store).findings] == [
        ("report-missing", target.id),
        *indexed,
    ]


def test_append_event_extends_the_chain(store: Store) -> None:
    filled(store, 1)
    row = store.append_event(
        actor="analyst", action="confirm", subject="x", payload={"why": "seen"}
    )
    assert row.seq == 2 and store.head() == (2, row.hash)
    assert verify(store).ok


def test_uninitialised_store_says_so(sqlite_url: str) -> None:
    with pytest.raises(StoreError, match=r"\[S002\].*corroborate init"):
        Store(sqlite_url).require_schema()


def test_migrate_twice_is_harmless(store: Store) -> None:
    store.migrate()
    assert store.revision() == "0013"


def test_unopenable_url_is_a_store_error() -> None:
    with pytest.raises(StoreError, match=r"\[S004\]"):
        Store("nosuchdialect://x")


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    handle = Store(sqlite_url)
    with handle.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_search_finds_a_place_in_every_spelling(store: Store) -> None:
    store.add_ingests(
        [
            record("Residents of Слов'янськ were detained", name="uk.txt"),
            record("Residents of Slavyansk were detained", name="ru.txt"),
            record("Residents of Kramatorsk were detained", name="other.txt"),
        ],
        actor="a",
    )
    assert sorted(h.source_name for h in search(store, "Sloviansk detained")) == [
        "ru.txt",
        "uk.txt",
    ]


@pytest.mark.parametrize("query", ["Слов'янськ", "Slov'yansk", "Словʼянськ", "Odesa"])
def test_search_with_an_apostrophe_finds_every_spelling(store: Store, query: str) -> None:
    # regression: the query was cut at the ASCII apostrophe, into "Слов" and "янськ"
    store.add_ingests(
        [
            record("Residents of Словʼянськ were detained", name="uk.txt"),
            record("Residents of Slov’yansk were detained", name="en.txt"),
            record("Residents of Odessa were detained", name="odesa.txt"),
        ],
        actor="a",
    )
    found = sorted(h.source_name for h in search(store, f"{query} detained"))
    assert found == (["odesa.txt"] if query == "Odesa" else ["en.txt", "uk.txt"])


def test_a_missing_database_driver_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_driver(url: str) -> None:
        raise ModuleNotFoundError("No module named 'psycopg'", name="psycopg")

    monkeypatch.setattr(engine, "create_engine", no_driver)
    with pytest.raises(StoreError) as caught:
        Store("postgresql+psycopg://analyst:secret@db.example/cases")
    message = str(caught.value)
    assert message.startswith("[S005] postgresql+psycopg://analyst:***@db.example/cases: ")
    assert "psycopg is not installed" in message and "corroborate[postgres]" in message
    assert "secret" not in message


def test_a_secret_is_made_once_per_name(store: Store) -> None:
    first = store.secret("pseudonyms")
    assert len(first) == 64 and int(first, 16) >= 0
    assert store.secret("pseudonyms") == first
    assert store.secret("other") != first


def test_the_first_event_starts_the_chain(store: Store) -> None:
    assert store.head() == (0, GENESIS) and store.counts()["bytes"] == 0
    row = store.append_event(actor="analyst", action="note", subject="s", payload={"a": 1})
    assert (row.seq, row.prev_hash, row.payload) == (1, GENESIS, '{"a":1}')
    assert store.head() == (1, row.hash) and store.ledger_for(1) == row
    assert store.ledger_for(2) is None
    assert store.ledger_seq_of(row.hash) == 1 and store.ledger_seq_of(GENESIS) is None


def test_stored_and_plain_bytes(store: Store) -> None:
    records = filled(store, 1)
    blob_id = records[0].blob_id
    assert store.blob(blob_id) == store.plain_blob(blob_id) == records[0].data
    assert store.blob("sha256:" + "5" * 64) is None
    assert store.plain_blob("sha256:" + "5" * 64) is None


def test_find_reports_by_blob_prefix_and_escaped(store: Store) -> None:
    records = filled(store, 2)
    blob_id = records[1].blob_id
    found = store.find_reports(blob_id[7:17])
    assert sorted(r.id for r in found) == sorted(r.id for r in records[1].reports)
    assert store.find_reports("%") == [] and store.find_reports("_") == []


def test_reports_come_back_in_ledger_then_item_order(store: Store) -> None:
    records = filled(store, 2)
    expected = [r.id for rec in records for r in sorted(rec.reports, key=lambda r: r.item)]
    assert [r.id for r in store.reports()] == expected
