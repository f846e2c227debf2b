"""The Merkle tree's stored half: complete-subtree hashes in ``merkle_nodes``, by position.

Each ledger append adds its leaf and the subtrees it completes (two rows on average) in
the same transaction as the ledger row. A root or proof reads O(log n) rows in one query;
the algorithms themselves live in ``merkle.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, bindparam, insert, select

from corroborate.errors import StoreError
from corroborate.store import merkle, schema
from corroborate.store.merkle import Node, Range

# built once: an append runs these for every ledger row
_INSERT = insert(schema.merkle_nodes)
_READ = select(schema.merkle_nodes.c.pos, schema.merkle_nodes.c.hash).where(
    schema.merkle_nodes.c.pos.in_(bindparam("wanted", expanding=True))
)


def append_leaf(conn: Connection, index: int, chain_hash: str) -> None:
    """Store the leaf for ledger row ``index + 1`` and every subtree it completes."""
    siblings = read_nodes(conn, merkle.append_needs(index))
    made = merkle.append_nodes(index, merkle.leaf_hash(merkle.leaf_data(chain_hash)), siblings)
    conn.execute(_INSERT, [{"pos": merkle.position(node), "hash": d} for node, d in made])


def read_nodes(conn: Connection, nodes: Iterable[Node]) -> dict[Node, bytes]:
    """The stored hashes of these complete subtrees; a missing one is a ``StoreError``."""
    wanted = {merkle.position(node): node for node in nodes}
    if not wanted:
        return {}
    rows = conn.execute(_READ, {"wanted": list(wanted)})
    found = {wanted[row.pos]: bytes(row.hash) for row in rows}
    if len(found) < len(wanted):
        level, index = min(set(wanted.values()) - set(found))
        raise StoreError(
            6,
            f"Merkle node level {level} index {index} is missing; run `corroborate verify`",
            subject="merkle_nodes",
        )
    return found


def hashes(conn: Connection, ranges: Sequence[Range]) -> list[bytes]:
    """MTH of each leaf range, from the stored subtrees."""
    return merkle.resolve(ranges, read_nodes(conn, merkle.needed(ranges)))


def root(conn: Connection, size: int) -> bytes:
    return hashes(conn, [(0, size)])[0]


def inclusion(conn: Connection, index: int, size: int) -> list[bytes]:
    return hashes(conn, merkle.path_ranges(index, size))


def consistency(conn: Connection, old: int, new: int) -> list[bytes]:
    return [] if old in (0, new) else hashes(conn, merkle.proof_ranges(old, new))


def stored_nodes(conn: Connection) -> Iterator[tuple[int, bytes]]:
    """Every stored (position, hash), in position order, for ``verify``."""
    table = schema.merkle_nodes
    query = select(table.c.pos, table.c.hash).order_by(table.c.pos)
    for row in conn.execute(query, execution_options={"yield_per": 5000}):
        yield row.pos, bytes(row.hash)


def chain_hashes(conn: Connection) -> Iterator[str]:
    """Every ledger row's stored chain hash, in sequence order: the leaves."""
    query = select(schema.ledger.c.hash).order_by(schema.ledger.c.seq)
    yield from conn.execute(query, execution_options={"yield_per": 5000}).scalars()
