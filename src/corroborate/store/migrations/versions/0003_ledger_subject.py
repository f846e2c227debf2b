"""Ledger rows found by subject: ingest looks up which readings of a blob are stored.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_ledger_subject", "ledger", ["subject"])


def downgrade() -> None:
    op.drop_index("ix_ledger_subject", "ledger")
