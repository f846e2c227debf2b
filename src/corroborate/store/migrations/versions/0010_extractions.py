"""Each report's extraction, kept so that a later run extracts only what is new.

``extractions`` holds one row per report content id (``store.core.report_digest``) and
extraction version (``extract.stored.extraction_version``: the models and settings that made
it), the extraction as JSON. It is derived data: a run with another model or setting
writes rows of its own version and reads only those.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extractions",
        sa.Column("content_id", sa.String(80), primary_key=True),
        sa.Column("version", sa.String(80), primary_key=True),
        sa.Column("extraction", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("extractions")
