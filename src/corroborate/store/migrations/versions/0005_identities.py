"""Sealed witness identities and sealed blobs (AES-GCM, key kept outside the database).

``identities`` holds each protected value (a witness's name, a contact, the name of a file
that carries them) encrypted, under a random reference that stored report metadata uses
instead; ``sealed_blobs`` marks the blobs whose stored bytes are ciphertext. ``key_id``
names the key each was sealed with, so a rotation can prove none is left behind.

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identities",
        sa.Column("ref", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("key_id", sa.String(40), nullable=False),
        sa.Column("sealed", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "sealed_blobs",
        sa.Column("blob_id", sa.String(80), primary_key=True),
        sa.Column("key_id", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sealed_blobs")
    op.drop_table("identities")
