"""The hash chain: each ledger row's hash covers its own fields and the previous hash.

Editing a row changes its hash; deleting or reordering rows breaks the ``prev_hash``
links or the sequence; truncating the tail is caught by the ``chain_head`` row, and by
comparing with a head hash the user wrote down (``verify --expect-head``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

GENESIS = "sha256:" + "0" * 64


@dataclass(frozen=True, slots=True)
class LedgerRow:
    seq: int
    at: str
    actor: str
    action: str
    subject: str
    payload: str
    prev_hash: str
    hash: str


def row_hash(
    *, seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev_hash: str
) -> str:
    """Hash the exact stored text of a row, joined by unit separators, with its predecessor."""
    material = "\x1f".join([prev_hash, str(seq), at, actor, action, subject, payload])
    return "sha256:" + hashlib.sha256(material.encode("utf-8")).hexdigest()


def seal(
    *, seq: int, at: str, actor: str, action: str, subject: str, payload: str, prev_hash: str
) -> LedgerRow:
    """Build the next row of the chain."""
    digest = row_hash(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        subject=subject,
        payload=payload,
        prev_hash=prev_hash,
    )
    return LedgerRow(seq, at, actor, action, subject, payload, prev_hash, digest)
