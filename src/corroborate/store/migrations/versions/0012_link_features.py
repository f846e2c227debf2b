"""Each report's linking features, kept so that a later run need not read them again.

``link_features`` holds one row per report content id (``store.core.report_digest``) and
features version (``link.features.features_version``: the extraction they were read from,
the linking code and vocabularies, the source registry with its corrections), the features
as JSON. Like ``extractions`` it is derived data: another version writes rows of its own.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "link_features",
        sa.Column("content_id", sa.String(80), primary_key=True),
        sa.Column("version", sa.String(80), primary_key=True),
        sa.Column("features", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("link_features")
