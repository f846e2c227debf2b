"""Content-derived identifiers.

Every record's id hashes exactly its defining fields, prefixed with the algorithm
(``sha256:<hex>``), so re-ingesting the same bytes yields the same ids and any change
to a defining field yields a different one.
"""

from __future__ import annotations

import hashlib
import json
from typing import NewType

BlobId = NewType("BlobId", str)
ReportId = NewType("ReportId", str)
AttributionId = NewType("AttributionId", str)
AllegationId = NewType("AllegationId", str)
IncidentId = NewType("IncidentId", str)

ALGORITHM = "sha256"


def digest_bytes(data: bytes) -> str:
    """The algorithm-prefixed digest of raw bytes (the id of a blob)."""
    return f"{ALGORITHM}:{hashlib.sha256(data).hexdigest()}"


def canonical_json(value: object) -> str:
    """JSON with sorted keys and no insignificant whitespace: the form that gets hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def make_id(kind: str, *parts: object) -> str:
    """Hash a record kind and its defining parts into ``sha256:<hex>``."""
    payload = canonical_json([kind, *parts]).encode("utf-8")
    return digest_bytes(payload)


def short(identifier: str, length: int = 12) -> str:
    """The first ``length`` hex digits of an id, for display."""
    return identifier.split(":", 1)[-1][:length]
