"""The evidence store: content-addressed blobs, an append-only hash-chained ledger,
and the tables every later stage reads and writes.

SQLite (WAL) is the embedded default; PostgreSQL is the team backend, chosen by URL.
Migrations are Alembic's, shipped inside the package.
"""

from __future__ import annotations

from corroborate.store.core import IngestRecord, Store
from corroborate.store.findings import Finding
from corroborate.store.verify import VerifyResult, verify

__all__ = ["Finding", "IngestRecord", "Store", "VerifyResult", "verify"]
