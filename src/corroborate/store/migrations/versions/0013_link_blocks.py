"""Each linking block's incidents, kept so that a later run need not cluster it again.

``link_blocks`` holds one row per block id (``link.blocks.block_id``: a digest of the
clustering code, the weights, the block's country and period, and each member's allegation
id and mention) and version (the clustering code's), the block's incidents as JSON lists of
member positions. Like ``link_features`` it is derived data, read back only by an exact id.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_blocks",
        sa.Column("content_id", sa.String(80), primary_key=True),
        sa.Column("version", sa.String(80), primary_key=True),
        sa.Column("incidents", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_blocks")
