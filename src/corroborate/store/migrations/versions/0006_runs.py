"""The latest results of every analysis run, kept so that exports and the service read them
without re-running the pipeline.

A row per ``run`` ledger event (``seq`` is that event's sequence number): the digest the
event vouches for and the run's results as shared — witnesses already pseudonymised, so no
protected identity is written here in the clear. Derived data: a new run recomputes it.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("digest", sa.String(80), nullable=False),
        sa.Column("results", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("runs")
