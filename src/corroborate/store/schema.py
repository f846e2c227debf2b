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

run_incidents = Table(
    "run_incidents",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # the run's ledger event
    Column("pos", Integer, primary_key=True, autoincrement=False),  # the incident's place
    Column("incident", Text, nullable=False),  # JSON, witnesses pseudonymised
)

run_links = Table(
    "run_links",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # the run's ledger event
    Column("links", Text, nullable=False),  # JSON: the linked statements (migration 0009)
)

extractions = Table(
    "extractions",
    metadata,
    Column("content_id", String(80), primary_key=True),  # the report's stored fields' digest
    Column("version", String(80), primary_key=True),  # the models and settings that made it
    Column("extraction", Text, nullable=False),  # JSON (extract/stored.py)
)

link_features = Table(  # each report's linking features (migration 0012)
    "link_features",
    metadata,
    Column("content_id", String(80), primary_key=True),  # the report's stored fields' digest
    Column("version", String(80), primary_key=True),  # extraction, linking code, registry
    Column("features", Text, nullable=False),  # JSON (link/features.py)
)

link_blocks = Table(  # each linking block's incidents (migration 0013)
    "link_blocks",
    metadata,
    Column("content_id", String(80), primary_key=True),  # the block's id (its members' digest)
    Column("version", String(80), primary_key=True),  # the clustering code
    Column("incidents", Text, nullable=False),  # JSON (link/blocks.py)
)

run_amendments = Table(  # a re-grading of a run (migration 0011)
    "run_amendments",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # its ledger event
    Column("run", Integer, nullable=False, index=True),  # the run it amends
    Column("digest", String(80), nullable=False),
    Column("results", Text, nullable=False),  # JSON without incidents, as after it
)

amended_incidents = Table(
    "amended_incidents",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),  # the amendment
    Column("incident_id", String(80), primary_key=True),
    Column("run", Integer, nullable=False, index=True),  # the run amended
    Column("incident", Text),  # JSON, witnesses pseudonymised; NULL: no longer an incident
)

# -- the workspace (migration 0007): accounts, cases, roles, grants, tokens, audit -----

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("password_hash", String(200), nullable=False),  # Argon2id, encoded
    Column("created_at", String(40), nullable=False),
    Column("disabled_at", String(40)),  # migration 0009: no sign-in, no session, no token
)

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("created_by", Text, nullable=False),
)

case_members = Table(
    "case_members",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True, index=True),
    Column("role", String(10), nullable=False),  # owner | analyst | viewer
)

case_grants = Table(
    "case_grants",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("grant", String(40), primary_key=True),  # witness-identities
    Column("granted_at", String(40), nullable=False),
    Column("granted_by", Text, nullable=False),
)

case_reports = Table(
    "case_reports",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
    Column("report_id", String(80), ForeignKey("reports.id"), primary_key=True, index=True),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("token_hash", String(80), nullable=False, unique=True),  # sha256 of the token
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id_hash", String(80), primary_key=True),  # sha256 of the cookie's value
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(80), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("expires_at", String(40), nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False, index=True),
    Column("actor", Text, nullable=False),  # a user's name, or what acted (cli)
    Column("action", String(40), nullable=False),
    Column("case_id", Integer, ForeignKey("cases.id")),
    Column("subject", Text, nullable=False),
    Column("detail", Text, nullable=False),  # JSON
)

# -- background jobs (migration 0009) ------------------------------------------------------

jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id"), nullable=False, index=True),
    Column("kind", String(10), nullable=False),  # ingest | run
    Column("state", String(12), nullable=False, index=True),  # queued | running | done | ...
    Column("created_by", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("started_at", String(40)),
    Column("finished_at", String(40)),
    Column("stage", String(20), nullable=False),
    Column("stage_started_at", String(40)),
    Column("done", Integer, nullable=False),
    Column("total", Integer, nullable=False),
    Column("files", Integer, nullable=False),
    Column("failures", Text, nullable=False),  # JSON: [{file, code, message}]
    Column("result", Text, nullable=False),  # JSON: the summary
    Column("error", Text),  # a failed or interrupted job's coded line
)

job_files = Table(
    "job_files",
    metadata,
    Column("job_id", Integer, ForeignKey("jobs.id"), primary_key=True),
    Column("pos", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),  # as uploaded: stays local, may name a witness
    Column("data", LargeBinary, nullable=False),
)
