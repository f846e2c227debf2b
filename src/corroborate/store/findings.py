"""What ``verify`` reports: one finding per discrepancy, of a named kind."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal[
    "ledger-edited",
    "ledger-gap",
    "ledger-link",
    "ledger-truncated",
    "ledger-head",
    "blob-altered",
    "blob-missing",
    "blob-unledgered",
    "report-altered",
    "report-missing",
    "report-unledgered",
    "merkle-altered",
    "merkle-missing",
    "merkle-extra",
    "checkpoint-truncated",
    "checkpoint-rewritten",
    "checkpoint-proof",
    "search-missing",
    "search-extra",
    "search-altered",
    "identity-altered",
    "identity-missing",
    "identity-unledgered",
]


@dataclass(frozen=True, slots=True)
class Finding:
    kind: Kind
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.subject}: {self.detail}"
