"""Each ``verify`` finding, caused by its own tampering: which kind, which subject, what words.

``test_store.py`` covers the common edits (a blob's bytes, a report's fields, a ledger row
deleted or reordered); these are the ones an administrator could make more quietly: a
column beside the bytes, a ledger row re-sealed with a new payload, the head row alone.
"""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import delete, insert, update

from corroborate.ids import digest_bytes
from corroborate.store import Store, schema, verify
from corroborate.store.chain import GENESIS
from corroborate.store.findings import Finding
from tests.store.tampering import rewrite_row
from tests.store.test_store import filled, record


def _findings(store: Store, **options: str) -> list[tuple[str, str, str]]:
    return [(f.kind, f.subject, f.detail) for f in verify(store, **options).findings]


def _payload(store: Store, seq: int) -> dict[str, object]:
    row = store.ledger_for(seq)
    assert row is not None
    loaded: dict[str, object] = json.loads(row.payload)
    return loaded


def test_a_blob_whose_size_column_was_changed_is_altered(store: Store) -> None:
    records = filled(store)
    target = records[1].blob_id
    with store.engine.begin() as conn:
        conn.execute(
            update(schema.blobs)
            .where(schema.blobs.c.id == target)
            .values(size=len(records[1].data) + 1)
        )
    assert _findings(store) == [
        ("blob-altered", target, "stored bytes no longer match their hash"),
    ]


def test_a_ledger_row_resealed_with_another_size_names_the_blob(store: Store) -> None:
    records = filled(store)
    target = records[0]
    payload = _payload(store, 1) | {"size": len(target.data) - 1}
    rewrite_row(store, 1, payload=json.dumps(payload))
    assert _findings(store) == [
        ("blob-altered", target.blob_id, "size differs from the ledger's"),
    ]


def test_a_ledger_row_resealed_with_another_report_digest_names_the_report(
    store: Store,
) -> None:
    records = filled(store, 2)
    payload = _payload(store, 2)
    reports = payload["reports"]
    assert isinstance(reports, list)
    reports[1]["digest"] = "sha256:" + "2" * 64
    rewrite_row(store, 2, payload=json.dumps(payload))
    target = records[1].reports[1]
    assert _findings(store) == [
        (
            "report-altered",
            target.id,
            f"{target.source_name}: stored fields changed since ledger #2",
        ),
    ]


def test_a_deleted_report_names_its_ledger_row(store: Store) -> None:
    records = filled(store, 2)
    target = records[1].reports[0]
    with store.engine.begin() as conn:
        conn.execute(delete(schema.reports).where(schema.reports.c.id == target.id))
    assert Finding("report-missing", target.id, "recorded in ledger #2 but not stored") in (
        verify(store).findings
    )


def test_an_unledgered_and_a_missing_blob_are_named(store: Store) -> None:
    records = filled(store, 2)
    data = b"bytes slipped in beside the ledger"
    with store.engine.begin() as conn:
        conn.execute(insert(schema.blobs).values(id=digest_bytes(data), size=len(data), data=data))
        conn.execute(delete(schema.reports).where(schema.reports.c.blob_id == records[0].blob_id))
        conn.execute(delete(schema.blobs).where(schema.blobs.c.id == records[0].blob_id))
    found = verify(store).findings
    assert (
        Finding("blob-unledgered", digest_bytes(data), "stored but never recorded in the ledger")
        in found
    )
    assert Finding("blob-missing", records[0].blob_id, "recorded in the ledger but not stored") in (
        found
    )


def test_a_head_row_with_the_right_number_and_another_hash_is_truncation(store: Store) -> None:
    filled(store)
    forged = "sha256:" + "3" * 64
    with store.engine.begin() as conn:
        conn.execute(update(schema.chain_head).values(hash=forged))
    assert _findings(store) == [
        ("ledger-truncated", "ledger #3", "the recorded head is #3 but the chain ends at #3"),
    ]


def test_a_head_row_pointing_back_is_named_with_both_numbers(store: Store) -> None:
    filled(store)
    row = store.ledger_for(2)
    assert row is not None
    with store.engine.begin() as conn:
        conn.execute(update(schema.chain_head).values(seq=2, hash=row.hash))
    assert _findings(store) == [
        ("ledger-truncated", "ledger #2", "the recorded head is #2 but the chain ends at #3"),
    ]


def test_the_ledger_walk_records_its_head_and_counts(store: Store) -> None:
    filled(store, 2)
    store.add_ingests([record("a third file", name="third.txt", items=1)], actor="a")
    result = verify(store)
    assert (result.ledger_rows, result.blobs, result.reports) == (3, 3, 5)
    assert (result.head_seq, result.head_hash) == store.head()
    assert result.head_hash != GENESIS


def test_a_gap_names_the_missing_range(store: Store) -> None:
    filled(store, 4)
    with store.engine.begin() as conn:
        conn.execute(delete(schema.ledger).where(schema.ledger.c.seq.in_([2, 3])))
    found = verify(store).findings
    assert Finding("ledger-gap", "ledger #2", "rows #2..#3 are missing (deleted?)") in found
    assert (
        Finding(
            "ledger-link",
            "ledger #4",
            "does not link to the row before it (deleted or reordered rows)",
        )
        in found
    )


def test_an_edited_row_names_its_action_and_subject(store: Store) -> None:
    records = filled(store)
    with store.engine.begin() as conn:
        conn.execute(update(schema.ledger).where(schema.ledger.c.seq == 2).values(at="2001"))
    assert _findings(store) == [
        ("ledger-edited", "ledger #2", f"ingest {records[1].blob_id}: contents changed"),
    ]


def test_the_empty_chain_is_an_expected_head_of_every_store(store: Store) -> None:
    filled(store, 2)
    for written in (GENESIS, "0:" + GENESIS, "0" * 64):
        result = verify(store, expect_head=written)
        assert result.ok and result.expected_head_seq == 0, written
    assert [f.kind for f in verify(store, expect_head="1:" + GENESIS).findings] == ["ledger-head"]


def test_a_head_never_written_is_named_with_todays_head(store: Store) -> None:
    filled(store, 2)
    never = "sha256:" + "4" * 64
    head = store.head()[1]
    assert _findings(store, expect_head=never) == [
        (
            "ledger-head",
            "ledger #2",
            f"{never} was never a head of this chain (the head is {head})",
        ),
    ]


def test_progress_is_told_each_stage_once_per_thing_checked(store: Store) -> None:
    filled(store, 3)  # three files of two reports each
    stages: list[str] = []
    verify(store, progress=stages.append)
    searched = {"search": 6} if store.dialect == "sqlite" else {}
    assert Counter(stages) == {"ledger": 3, "blobs": 3, "reports": 6, "merkle": 3} | searched
    assert stages[:3] == ["ledger"] * 3
