"""What a database administrator could do to the store, done consistently, for the tests."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, insert, select, text, update

from corroborate.store import Store, merkle, schema
from corroborate.store.chain import GENESIS, seal


def remove_last_ingest(store: Store) -> None:
    """Delete the newest ingest everywhere (blob, reports, search rows, ledger row, Merkle
    nodes) and rewrite ``chain_head``: plain ``verify`` cannot tell."""
    with store.engine.begin() as conn:
        seq = conn.execute(select(schema.chain_head.c.seq)).scalar_one()
        row = conn.execute(select(schema.ledger).where(schema.ledger.c.seq == seq)).one()
        reports = schema.reports
        ids = conn.execute(select(reports.c.id).where(reports.c.ledger_seq == seq)).scalars().all()
        if conn.dialect.name == "sqlite":
            for report_id in ids:
                conn.execute(text("DELETE FROM reports_fts WHERE report_id = :i"), {"i": report_id})
        conn.execute(delete(reports).where(reports.c.ledger_seq == seq))
        conn.execute(delete(schema.blobs).where(schema.blobs.c.id == row.subject))
        conn.execute(delete(schema.ledger).where(schema.ledger.c.seq == seq))
        nodes = schema.merkle_nodes
        conn.execute(delete(nodes).where(nodes.c.pos >= merkle.node_count(seq - 1)))
        conn.execute(update(schema.chain_head).values(seq=seq - 1, hash=row.prev_hash))


def rewrite_row(store: Store, seq: int, *, rebuild_nodes: bool = True, **changes: Any) -> None:
    """Change one ledger row and re-seal every row after it, rewriting ``chain_head`` (and,
    unless told not to, every Merkle node): the chain itself verifies."""
    rows = list(store.ledger_rows())
    prev = GENESIS
    with store.engine.begin() as conn:
        for row in rows:
            fields = {
                "seq": row.seq,
                "at": row.at,
                "actor": row.actor,
                "action": row.action,
                "subject": row.subject,
                "payload": row.payload,
            } | (changes if row.seq == seq else {})
            sealed = seal(**fields, prev_hash=prev)
            conn.execute(
                update(schema.ledger)
                .where(schema.ledger.c.seq == row.seq)
                .values(**fields, prev_hash=prev, hash=sealed.hash)
            )
            prev = sealed.hash
        conn.execute(update(schema.chain_head).values(hash=prev))
        if rebuild_nodes:
            _rebuild_nodes(conn)


def _rebuild_nodes(conn: Any) -> None:
    conn.execute(delete(schema.merkle_nodes))
    builder = merkle.Builder()
    for chain_hash in conn.execute(select(schema.ledger.c.hash).order_by(schema.ledger.c.seq)):
        for node, digest in builder.add(merkle.leaf_data(chain_hash[0])):
            conn.execute(insert(schema.merkle_nodes).values(pos=merkle.position(node), hash=digest))
