"""``verify``'s checks of the Merkle tree log: stored nodes, and a checkpoint's promise.

The tree is recomputed leaf by leaf from the ledger's chain hashes and compared with every
stored node, in position order, so memory stays O(log n). Given a signed checkpoint, the
ledger's first ``size`` rows must still hash to its root (else the past was rewritten or
truncated), and the stored nodes must yield a consistency proof (RFC 9162 §2.1.4) from that
root to today's, as a third party would check it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import Connection

from corroborate.errors import StoreError
from corroborate.store import merkle, tree
from corroborate.store.checkpoint import Checkpoint
from corroborate.store.core import Store
from corroborate.store.findings import Finding, Kind


@dataclass(slots=True)
class TreeCheck:
    size: int = 0
    root: bytes = merkle.EMPTY_ROOT
    findings: list[Finding] = field(default_factory=list)


@dataclass(slots=True)
class _Tally:
    first: dict[Kind, str] = field(default_factory=dict)
    counts: dict[Kind, int] = field(default_factory=dict)

    def add(self, kind: Kind, subject: str) -> None:
        self.first.setdefault(kind, subject)
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def findings(self) -> list[Finding]:
        words = {
            "merkle-altered": "differ from the hashes the ledger gives",
            "merkle-missing": "missing: the ledger has rows they should cover",
            "merkle-extra": "stored beyond what the ledger covers",
        }
        return [
            Finding(kind, self.first[kind], f"{count} stored node(s) {words[kind]} (first shown)")
            for kind, count in self.counts.items()
        ]


def check_tree(
    store: Store, checkpoint: Checkpoint | None, tick: Callable[[str], None]
) -> TreeCheck:
    """Recompute the tree, compare every stored node, and check ``checkpoint`` if given."""
    result, tally, old_root = TreeCheck(), _Tally(), merkle.EMPTY_ROOT
    builder = merkle.Builder()
    with store.engine.connect() as conn:
        stored = _Peek(tree.stored_nodes(conn))
        for chain_hash in tree.chain_hashes(conn):
            tick("merkle")
            for node, digest in builder.add(merkle.leaf_data(chain_hash)):
                _compare(merkle.position(node), node, digest, stored, tally)
            if checkpoint and builder.size == checkpoint.size:
                old_root = builder.root()
        for pos, _digest in stored.rest():
            tally.add("merkle-extra", f"merkle position {pos}")
        result.size, result.root = builder.size, builder.root()
        result.findings = tally.findings()
        if checkpoint:
            result.findings += _check_checkpoint(conn, checkpoint, result, old_root)
    return result


class _Peek:
    """An iterator over stored (position, hash) that can look one ahead."""

    def __init__(self, items: Iterator[tuple[int, bytes]]) -> None:
        self.items = items
        self.head = next(items, None)

    def pop(self) -> None:
        self.head = next(self.items, None)

    def rest(self) -> Iterator[tuple[int, bytes]]:
        while self.head is not None:
            yield self.head
            self.pop()


def _compare(pos: int, node: merkle.Node, digest: bytes, stored: _Peek, tally: _Tally) -> None:
    while stored.head is not None and stored.head[0] < pos:
        tally.add("merkle-extra", f"merkle position {stored.head[0]}")
        stored.pop()
    subject = f"merkle level {node[0]} index {node[1]}"
    if stored.head is None or stored.head[0] > pos:
        tally.add("merkle-missing", subject)
        return
    if stored.head[1] != digest:
        tally.add("merkle-altered", subject)
    stored.pop()


def _check_checkpoint(
    conn: Connection, checkpoint: Checkpoint, now: TreeCheck, old_root: bytes
) -> list[Finding]:
    subject = f"checkpoint #{checkpoint.size}"
    if checkpoint.size > now.size:
        return [
            Finding(
                "checkpoint-truncated",
                subject,
                f"the checkpoint vouches for {checkpoint.size} ledger rows, the ledger holds "
                f"{now.size}: rows #{now.size + 1}..#{checkpoint.size} were removed",
            )
        ]
    if old_root != checkpoint.root:
        return [
            Finding(
                "checkpoint-rewritten",
                subject,
                f"ledger rows #1..#{checkpoint.size} no longer hash to the checkpoint's root: "
                "rows it covers were changed, removed or replaced",
            )
        ]
    return _check_proof(conn, checkpoint, now)


def _check_proof(conn: Connection, checkpoint: Checkpoint, now: TreeCheck) -> list[Finding]:
    try:
        proof = tree.consistency(conn, checkpoint.size, now.size)
    except StoreError as exc:
        return [Finding("checkpoint-proof", f"checkpoint #{checkpoint.size}", exc.message)]
    if merkle.verify_consistency(checkpoint.size, now.size, checkpoint.root, now.root, proof):
        return []
    return [
        Finding(
            "checkpoint-proof",
            f"checkpoint #{checkpoint.size}",
            "the stored tree gives no valid consistency proof to today's root",
        )
    ]
