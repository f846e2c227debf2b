"""1. Ingest: bytes -> Report, stored content-addressed, hash-chained, never overwritten."""

from __future__ import annotations

from corroborate.ingest.batch import (
    Outcome,
    Summary,
    ingest_paths,
    ingest_uploads,
    read_file,
    reread,
)

__all__ = ["Outcome", "Summary", "ingest_paths", "ingest_uploads", "read_file", "reread"]
