"""A run's incidents one row each, so that an export reads them one at a time.

``runs.results`` keeps the rest of a run's results; ``run_incidents`` holds its incidents in
order (``pos``), each as JSON. Runs recorded before this revision keep their incidents
inside ``runs.results`` and are read from there.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_incidents",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("pos", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("incident", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_incidents")
