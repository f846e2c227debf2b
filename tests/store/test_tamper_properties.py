"""Property: any single-byte change anywhere in the evidence (or in the Merkle nodes over
it) makes ``verify`` fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text, update

from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store, schema, verify

TEXT_COLUMNS = {
    schema.reports: ("id", ["id", "text", "title", "source_name", "outlet", "meta", "item"]),
    schema.ledger: ("seq", ["at", "actor", "action", "subject", "payload", "prev_hash", "hash"]),
}


@pytest.fixture
def seeded(store: Store) -> Iterator[Store]:
    _reseed(store)
    yield store


def _flip(value: bytes, position: int, byte: int) -> bytes:
    position %= len(value)
    replacement = byte if byte != value[position] else (byte + 1) % 256
    return value[:position] + bytes([replacement]) + value[position + 1 :]


def _flip_text(value: str, position: int, byte: int) -> str:
    """Change one byte of the UTF-8 form, keeping it valid text (ASCII bytes stay ASCII)."""
    raw = value.encode()
    if not raw:
        return "x"
    # PostgreSQL text cannot hold NUL, so the replacement byte is never 0 for text columns
    changed = _flip(raw, position, max(1, byte % 128) if raw[position % len(raw)] < 128 else byte)
    return (
        changed.decode("utf-8", errors="replace")
        if changed.decode("utf-8", "replace") != value
        else value + "x"
    )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(target=st.data(), position=st.integers(0, 10_000), byte=st.integers(0, 255))
def test_any_single_byte_change_is_caught(
    seeded: Store, target: st.DataObject, position: int, byte: int
) -> None:
    where = target.draw(st.sampled_from(["blob", "reports", "ledger", "merkle"]))
    with seeded.engine.begin() as conn:
        if where == "merkle":
            nodes = conn.execute(select(schema.merkle_nodes)).all()
            node = nodes[position % len(nodes)]
            conn.execute(
                update(schema.merkle_nodes)
                .where(schema.merkle_nodes.c.pos == node.pos)
                .values(hash=_flip(bytes(node.hash), position, byte))
            )
        elif where == "blob":
            row = conn.execute(select(schema.blobs).order_by(schema.blobs.c.id)).first()
            assert row is not None
            conn.execute(
                update(schema.blobs)
                .where(schema.blobs.c.id == row.id)
                .values(data=_flip(bytes(row.data), position, byte))
            )
        else:
            table = schema.reports if where == "reports" else schema.ledger
            key, columns = TEXT_COLUMNS[table]
            column = target.draw(st.sampled_from(columns))
            row = conn.execute(select(table).order_by(table.c[key])).first()
            assert row is not None
            changed = _flip_text(getattr(row, column), position, byte)
            conn.execute(
                update(table).where(table.c[key] == getattr(row, key)).values({column: changed})
            )
    assert not verify(seeded).ok
    with seeded.engine.begin() as conn:  # restore for the next example
        conn.execute(schema.reports.delete())
        conn.execute(schema.ledger.delete())
        conn.execute(schema.chain_head.delete())
        conn.execute(schema.merkle_nodes.delete())
        conn.execute(schema.blobs.delete())
        if conn.dialect.name == "sqlite":
            conn.execute(text("DELETE FROM reports_fts"))
    _reseed(seeded)


def _reseed(store: Store) -> None:
    records = []
    for n in range(3):
        data = f"Blob {n}: monitors documented detentions in Sloviansk.".encode()
        blob_id = digest_bytes(data)
        report = Report(
            blob_id=blob_id,
            item="",
            source_name=f"f{n}.txt",
            media_type="text/plain",
            text=data.decode(),
            title=f"Title {n}",
            outlet="Wire",
            meta=(("k", "v"),),
        )
        records.append(IngestRecord(blob_id, data, f"f{n}.txt", (report,)))
    store.add_ingests(records, actor="seed")
