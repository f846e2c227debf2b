"""The ledger as a Merkle tree log: the hash of every complete subtree, by position.

Existing ledgers are filled in here, leaf by leaf, from their rows' chain hashes.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from corroborate.store.merkle import Builder, leaf_data, position

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

CHUNK = 10_000


def upgrade() -> None:
    nodes = op.create_table(
        "merkle_nodes",
        sa.Column("pos", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary, nullable=False),
    )
    _fill(op.get_bind(), nodes)


def _fill(conn: sa.Connection, nodes: sa.Table) -> None:
    ledger = sa.table("ledger", sa.column("seq", sa.Integer), sa.column("hash", sa.String))
    builder, batch = Builder(), []
    query = sa.select(ledger.c.hash).order_by(ledger.c.seq)
    for chain_hash in conn.execute(query, execution_options={"yield_per": CHUNK}).scalars():
        batch += [{"pos": position(n), "hash": h} for n, h in builder.add(leaf_data(chain_hash))]
        if len(batch) >= CHUNK:
            conn.execute(sa.insert(nodes), batch)
            batch = []
    if batch:
        conn.execute(sa.insert(nodes), batch)


def downgrade() -> None:
    op.drop_table("merkle_nodes")
