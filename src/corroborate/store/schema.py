"""Table definitions used by queries (the migrations in ``migrations/`` create them)."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

blobs = Table(
    "blobs",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
)

reports = Table(
    "reports",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("blob_id", String(80), ForeignKey("blobs.id"), nullable=False, index=True),
    Column("item", Text, nullable=False),
    Column("source_name", Text, nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("published", String(40)),
    Column("outlet", Text),
    Column("author", Text),
    Column("url", Text),
    Column("language", String(20)),
    Column("meta", Text, nullable=False),
    Column("ledger_seq", Integer, nullable=False, index=True),
)

ledger = Table(
    "ledger",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("at", String(40), nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", Text, nullable=False, index=True),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(80), nullable=False),
    Column("hash", String(80), nullable=False),
)

chain_head = Table(
    "chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", Integer, nullable=False),
    Column("hash", String(80), nullable=False),
)

secrets = Table(
    "secrets",
    metadata,
    Column("name", String(80), primary_key=True),
    Column("value", String(200), nullable=False),
)

merkle_nodes = Table(
    "merkle_nodes",
    metadata,
    Column("pos", Integer, primary_key=True, autoincrement=False),
    Column("hash", LargeBinary, nullable=False),
)

identities = Table(
    "identities",
    metadata,
    Column("ref", String(80), primary_key=True),
    Column("kind", String(20), nullable=False),  # person | contact | source
    Column("key_id", String(40), nullable=False),
    Column("sealed", LargeBinary, nullable=False),  # nonce + AES-GCM ciphertext
)

sealed_blobs = Table(
    "sealed_blobs",
    metadata,
    Column("blob_id", String(80), primary_key=True),
    Column("key_id", String(40), nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # the run's ledger event
    Column("digest", String(80), nullable=False),
    Column("results", Text, nullable=False),  # JSON, witnesses pseudonymised
)
