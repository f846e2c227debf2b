"""The workspace of the multi-user service: accounts, cases, roles, grants, tokens, audit.

``users`` (Argon2id password hashes), ``cases`` (investigations) and ``case_members`` (one
role per user per case: owner, analyst or viewer); ``case_grants`` (``witness-identities``:
a user may see witness identities in one case); ``case_reports`` (which reports belong to
which case; incidents belong to a case through their reports); ``api_tokens`` and
``sessions`` (only sha256 digests of the secrets are kept); ``audit`` (who did what, when,
in which case, witness-identity reads included).

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

WHEN = sa.String(40)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("password_hash", sa.String(200), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
    )
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
    )
    _case_tables()
    _secret_tables()
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", WHEN, nullable=False, index=True),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id")),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )


def _case_tables() -> None:
    op.create_table(
        "case_members",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True, index=True),
        sa.Column("role", sa.String(10), nullable=False),
    )
    op.create_table(
        "case_grants",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), primary_key=True),
        sa.Column("grant", sa.String(40), primary_key=True),
        sa.Column("granted_at", WHEN, nullable=False),
        sa.Column("granted_by", sa.Text, nullable=False),
    )
    op.create_table(
        "case_reports",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column(
            "report_id", sa.String(80), sa.ForeignKey("reports.id"), primary_key=True, index=True
        ),
    )


def _secret_tables() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("token_hash", sa.String(80), nullable=False, unique=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN),
    )
    op.create_table(
        "sessions",
        sa.Column("id_hash", sa.String(80), primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False, index=True),
        sa.Column("csrf", sa.String(80), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("expires_at", WHEN, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "audit",
        "sessions",
        "api_tokens",
        "case_reports",
        "case_grants",
        "case_members",
        "cases",
        "users",
    ):
        op.drop_table(table)
