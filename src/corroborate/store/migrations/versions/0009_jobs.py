"""Background jobs of the service, and accounts that can be disabled.

``jobs``: an ingest or a pipeline run started through the API, one row each, so that it
survives a restart of the server: its case, who started it, its state (queued, running,
done, failed, interrupted), the stage it is in and how far, its coded failures and its
result (JSON). ``job_files``: the files uploaded for a job, kept until the job has stored
them as evidence. ``users.disabled_at``: a disabled account signs in no more, and its
sessions and tokens stop working. ``run_links``: a run's linked statements (JSON), so that a
review re-grades the run at once without extracting again.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

WHEN = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("state", sa.String(12), nullable=False, index=True),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("started_at", WHEN),
        sa.Column("finished_at", WHEN),
        sa.Column("stage", sa.String(20), nullable=False),
        sa.Column("stage_started_at", WHEN),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("files", sa.Integer, nullable=False),
        sa.Column("failures", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("error", sa.Text),
    )
    op.create_table(
        "job_files",
        sa.Column("job_id", sa.Integer, sa.ForeignKey("jobs.id"), primary_key=True),
        sa.Column("pos", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("disabled_at", WHEN))
    op.create_table(
        "run_links",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("links", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("run_links")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("disabled_at")
    op.drop_table("job_files")
    op.drop_table("jobs")
