"""What a third party is handed: signed checkpoints of the log, and inclusion proofs.

1. ``corroborate init`` makes the signing key, outside the store (``signing.py``).
2. ``make_checkpoint`` signs the tree head: this store's log id, size, root, time, head.
3. Later, ``read_checkpoint`` checks a kept checkpoint's signature and that it is this
   store's; ``verify`` then proves the log still extends it (``log_checks.py``).
4. ``prove_report`` gives the audit path (RFC 9162 §2.1.3) from the ledger row that vouches
   for a report to a tree head, which anyone can check with ``hashlib`` alone.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import TypedDict

from sqlalchemy import Connection, select

from corroborate.errors import IntegrityError, NotFound
from corroborate.store import merkle, schema, signing, tree
from corroborate.store.chain import LedgerRow
from corroborate.store.checkpoint import (
    Checkpoint,
    VerifierKey,
    check_signature,
    read_note,
    sign,
    verifier_key,
)
from corroborate.store.core import Store

ORIGIN = "corroborate/"


class InclusionProof(TypedDict, total=False):
    report_id: str
    leaf_index: int
    tree_size: int
    leaf_data: str
    audit_path: list[str]
    root: str
    ledger_row: dict[str, str | int]
    checkpoint: str


def log_id(store: Store) -> str:
    """This store's log identity, made once at random and kept in the store."""
    return ORIGIN + store.secret("log-id")[:32]


def own_key(store: Store, key_dir: Path) -> VerifierKey:
    """The verifier key for this store's checkpoints, from the public key in ``key_dir``."""
    return verifier_key(log_id(store), signing.load_public(key_dir))


def make_checkpoint(store: Store, key_dir: Path) -> tuple[str, VerifierKey]:
    """A signed checkpoint of the log as it is now, and the key that checks it."""
    private = signing.load_private(key_dir)
    name = log_id(store)
    with store.engine.connect() as conn:
        size, head = _head(conn)
        root = tree.root(conn, size)
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    note = sign(Checkpoint(name, size, root, at, head), private)
    return note, verifier_key(name, private.public_key())


def _head(conn: Connection) -> tuple[int, str]:
    row = conn.execute(select(schema.chain_head).where(schema.chain_head.c.id == 1)).first()
    return (row.seq, row.hash) if row else (0, "sha256:" + "0" * 64)


def read_checkpoint(store: Store, text: str, key: VerifierKey, *, subject: str) -> Checkpoint:
    """A kept checkpoint, once its signature verifies and it names this store."""
    note = read_note(text, subject=subject)
    mine = log_id(store)
    if note.checkpoint.log_id != mine:
        raise IntegrityError(
            4,
            f"checkpoint of another store ({note.checkpoint.log_id}, not {mine})",
            subject=subject,
        )
    return check_signature(note, key, subject=subject)


def prove_report(
    store: Store, report_id: str, *, checkpoint: Checkpoint | None = None, note: str = ""
) -> InclusionProof:
    """The inclusion proof of the ledger row that vouches for a report, to a tree head:
    the checkpoint's if one is given (its root must still hold), else today's."""
    found_id, seq = _report_seq(store, report_id)
    with store.engine.connect() as conn:
        size = checkpoint.size if checkpoint else _head(conn)[0]
        if seq > size:
            raise IntegrityError(
                6, f"vouched for by ledger #{seq}, after the checkpoint (#{size})", subject=found_id
            )
        root, path = tree.root(conn, size), tree.inclusion(conn, seq - 1, size)
        row = LedgerRow(
            **conn.execute(select(schema.ledger).where(schema.ledger.c.seq == seq)).one()._asdict()
        )
    data = merkle.leaf_data(row.hash)
    held = merkle.verify_inclusion(seq - 1, size, merkle.leaf_hash(data), path, root)
    if not held or (checkpoint and checkpoint.root != root):
        raise IntegrityError(
            5, f"the stored tree no longer matches tree head #{size}; run `corroborate verify`"
        )
    proof = InclusionProof(
        report_id=found_id,
        leaf_index=seq - 1,
        tree_size=size,
        leaf_data=data.hex(),
        audit_path=[p.hex() for p in path],
        root=root.hex(),
        ledger_row=asdict(row),
    )
    if note:
        proof["checkpoint"] = note
    return proof


def _report_seq(store: Store, report_id: str) -> tuple[str, int]:
    key = report_id if report_id.startswith("sha256:") else f"sha256:{report_id}"
    table = schema.reports
    query = select(table.c.id, table.c.ledger_seq).where(
        table.c.id.startswith(key, autoescape=True)
    )
    with store.engine.connect() as conn:
        rows = conn.execute(query.limit(2)).all()
    if not rows:
        raise NotFound(1, "no report with this id or prefix", subject=report_id)
    if len(rows) > 1:
        raise NotFound(
            2, "more than one report has this prefix; give more of it", subject=report_id
        )
    return rows[0].id, rows[0].ledger_seq
