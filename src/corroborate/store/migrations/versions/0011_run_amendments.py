"""Re-gradings kept as amendments of the run they re-grade, not as whole new runs.

``run_amendments``: one row per re-grading (its ledger event ``seq``), naming the run it
amends (``run``) and holding the run's results without incidents as they stand after it
(JSON). ``amended_incidents``: only the incidents that re-grading built again or whose
status changed (``incident`` JSON), or that it removed (``incident`` NULL, after a merge or a
split); a reader lays every amendment of a run over the run's own incidents, the latest
amendment of an incident winning. A review's write is then the size of what it touched.

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_amendments",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("run", sa.Integer, nullable=False, index=True),
        sa.Column("digest", sa.String(80), nullable=False),
        sa.Column("results", sa.Text, nullable=False),
    )
    op.create_table(
        "amended_incidents",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("incident_id", sa.String(80), primary_key=True),
        sa.Column("run", sa.Integer, nullable=False, index=True),
        sa.Column("incident", sa.Text),
    )


def downgrade() -> None:
    op.drop_table("amended_incidents")
    op.drop_table("run_amendments")
