"""Recompute everything and name exactly what was altered.

``verify`` walks the ledger (sequence, links, row hashes, head), re-hashes every blob,
and re-derives every report's digest, then cross-checks the three: each stored thing
must be vouched for by the chain and each thing the chain vouches for must be there.
It then recomputes the Merkle tree over the ledger against its stored nodes and, given a
signed checkpoint, proves the log still extends it (``log_checks.py``), and compares the
full-text index with the reports (``search_checks.py``).

Sealed items (witness identities and the blobs that carry them, ``sealing.py``) are checked
with the store's witness key when it is set: opened, re-hashed, compared with the ledger.
Without the key everything else is still checked, and the sealed items are counted as
"sealed, not checked: no key", which is not a finding.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from corroborate.errors import SealingError
from corroborate.ids import digest_bytes
from corroborate.store.chain import GENESIS, LedgerRow, row_hash
from corroborate.store.checkpoint import Checkpoint
from corroborate.store.core import Store, row_digest
from corroborate.store.findings import Finding
from corroborate.store.log_checks import check_tree
from corroborate.store.sealing import (
    OVERHEAD,
    WitnessKey,
    identity_rows,
    open_bytes,
    open_identity,
    sealed_blob_ids,
)
from corroborate.store.search_checks import check_search


@dataclass(slots=True)
class VerifyResult:
    ledger_rows: int = 0
    blobs: int = 0
    reports: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    tree_root: str = ""  # hex, recomputed from the ledger
    expected_head_seq: int | None = None  # the row --expect-head named
    checkpoint_size: int | None = None
    sealed: int = 0  # sealed identities and blobs
    with_key: bool = False  # whether they were opened and re-hashed
    findings: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def sealed_note(self) -> str:
        return "sealed, checked with key" if self.with_key else "sealed, not checked: no key"


@dataclass(slots=True)
class _Expected:
    blobs: dict[str, int] = field(default_factory=dict)
    reports: dict[str, tuple[str, int]] = field(default_factory=dict)
    identities: dict[str, str] = field(default_factory=dict)


def verify(
    store: Store,
    *,
    expect_head: str | None = None,
    checkpoint: Checkpoint | None = None,
    progress: Callable[[str], None] | None = None,
) -> VerifyResult:
    """Check the whole store; the result lists every discrepancy found.

    ``checkpoint`` must already be signature-checked (``transparency.read_checkpoint``).
    """
    result = VerifyResult()
    tick = progress or (lambda _stage: None)
    expected = _check_ledger(store.ledger_rows(), result, tick)
    _check_head(store, result, expect_head)
    result.with_key = store.witness_key is not None
    _check_blobs(store, expected, result, tick)
    _check_reports(store, expected, result, tick)
    checked = check_tree(store, checkpoint, tick)
    result.tree_root = checked.root.hex()
    result.checkpoint_size = checkpoint.size if checkpoint else None
    result.findings += checked.findings + check_search(store, tick)
    _check_identities(store, expected, result)
    return result


def _check_ledger(
    rows: Iterable[LedgerRow], result: VerifyResult, tick: Callable[[str], None]
) -> _Expected:
    expected = _Expected()
    prev_seq, prev_hash = 0, GENESIS
    for row in rows:
        tick("ledger")
        result.ledger_rows += 1
        if row.seq != prev_seq + 1:
            result.findings.append(
                Finding(
                    "ledger-gap",
                    f"ledger #{prev_seq + 1}",
                    f"rows #{prev_seq + 1}..#{row.seq - 1} are missing (deleted?)",
                )
            )
        if row.prev_hash != prev_hash:
            result.findings.append(
                Finding(
                    "ledger-link",
                    f"ledger #{row.seq}",
                    "does not link to the row before it (deleted or reordered rows)",
                )
            )
        recomputed = row_hash(
            seq=row.seq,
            at=row.at,
            actor=row.actor,
            action=row.action,
            subject=row.subject,
            payload=row.payload,
            prev_hash=row.prev_hash,
        )
        if recomputed != row.hash:
            result.findings.append(
                Finding(
                    "ledger-edited",
                    f"ledger #{row.seq}",
                    f"{row.action} {row.subject}: contents changed",
                )
            )
        _collect(row, expected)
        prev_seq, prev_hash = row.seq, row.hash
    result.head_seq, result.head_hash = prev_seq, prev_hash
    return expected


def _collect(row: LedgerRow, expected: _Expected) -> None:
    if row.action != "ingest":
        return
    try:
        payload = json.loads(row.payload)
        expected.blobs[payload["blob_id"]] = int(payload["size"])
        for item in payload["reports"]:
            expected.reports[item["id"]] = (item["digest"], row.seq)
        expected.identities.update(payload.get("identities", {}))
    except (ValueError, KeyError, TypeError):
        return  # an unreadable payload is already reported as an edited row


def _check_head(store: Store, result: VerifyResult, expect_head: str | None) -> None:
    seq, digest = store.head()
    if (seq, digest) != (result.head_seq, result.head_hash):
        result.findings.append(
            Finding(
                "ledger-truncated",
                f"ledger #{seq}",
                f"the recorded head is #{seq} but the chain ends at #{result.head_seq}",
            )
        )
    if expect_head:
        _check_expected_head(store, result, expect_head)


def _check_expected_head(store: Store, result: VerifyResult, expect_head: str) -> None:
    """A head written down earlier must be some row's hash: the chain then extends it."""
    want_seq, want_hash = _parse_head(expect_head)
    found = 0 if want_hash == GENESIS else store.ledger_seq_of(want_hash)
    if found is not None and want_seq in (None, found):
        result.expected_head_seq = found
        return
    result.findings.append(
        Finding(
            "ledger-head",
            f"ledger #{result.head_seq}",
            f"{expect_head} was never a head of this chain (the head is {result.head_hash})",
        )
    )


def _parse_head(text: str) -> tuple[int | None, str]:
    """``[seq:][sha256:]hex`` as (seq or None, ``sha256:hex``)."""
    text = text.strip().lower()
    seq, sep, rest = text.partition(":")
    if sep and seq.isdigit():
        return int(seq), "sha256:" + rest.removeprefix("sha256:")
    return None, "sha256:" + text.removeprefix("sha256:")


def _check_blobs(
    store: Store, expected: _Expected, result: VerifyResult, tick: Callable[[str], None]
) -> None:
    seen: set[str] = set()
    with store.engine.connect() as conn:
        sealed = sealed_blob_ids(conn)
    for blob_id, size, stored in store.blob_digests():
        tick("blobs")
        result.blobs += 1
        seen.add(blob_id)
        data = _plain(store, blob_id, size, stored, sealed, result)
        # data is None: sealed and no key; its length is checked, its ledger entry below
        if data is not None and (digest_bytes(data) != blob_id or size != len(data)):
            result.findings.append(
                Finding("blob-altered", blob_id, "stored bytes no longer match their hash")
            )
        elif blob_id not in expected.blobs:
            result.findings.append(
                Finding("blob-unledgered", blob_id, "stored but never recorded in the ledger")
            )
        elif expected.blobs[blob_id] != size:
            result.findings.append(
                Finding("blob-altered", blob_id, "size differs from the ledger's")
            )
    for blob_id in expected.blobs.keys() - seen:
        result.findings.append(
            Finding("blob-missing", blob_id, "recorded in the ledger but not stored")
        )


def _plain(
    store: Store, blob_id: str, size: int, stored: bytes, sealed: set[str], result: VerifyResult
) -> bytes | None:
    """The bytes to re-hash: a sealed blob opened with the key; ``None`` when sealed and
    there is no key and its ciphertext has the length its size implies."""
    if blob_id not in sealed:
        return stored
    result.sealed += 1
    key = store.witness_key
    if key is None:
        return None if len(stored) == size + OVERHEAD else stored
    try:
        return open_bytes(key, stored, blob_id)
    except SealingError:
        return stored  # cannot be opened: reported as altered


def _check_reports(
    store: Store, expected: _Expected, result: VerifyResult, tick: Callable[[str], None]
) -> None:
    seen: set[str] = set()
    for row in store.report_rows():
        tick("reports")
        result.reports += 1
        report_id, name = row["id"], row["source_name"]
        seen.add(report_id)
        want = expected.reports.get(report_id)
        if want is None:
            result.findings.append(
                Finding("report-unledgered", report_id, f"{name}: not in the ledger")
            )
        elif row_digest(row) != want[0]:
            result.findings.append(
                Finding(
                    "report-altered",
                    report_id,
                    f"{name}: stored fields changed since ledger #{want[1]}",
                )
            )
    for report_id in expected.reports.keys() - seen:
        result.findings.append(
            Finding(
                "report-missing",
                report_id,
                f"recorded in ledger #{expected.reports[report_id][1]} but not stored",
            )
        )


def _check_identities(store: Store, expected: _Expected, result: VerifyResult) -> None:
    """Each sealed identity is in the ledger and, with the key, opens to its commitment."""
    key, seen = store.witness_key, set()
    with store.engine.connect() as conn:
        rows = list(identity_rows(conn))
    for ref, _key_id, sealed in rows:
        result.sealed += 1
        seen.add(ref)
        if ref not in expected.identities:
            result.findings.append(
                Finding("identity-unledgered", ref, "sealed identity never recorded in the ledger")
            )
        elif key is not None and _opened_digest(key, ref, sealed) != expected.identities[ref]:
            result.findings.append(
                Finding("identity-altered", ref, "sealed identity differs from the ledger's")
            )
    for ref in expected.identities.keys() - seen:
        result.findings.append(
            Finding("identity-missing", ref, "recorded in the ledger but not stored")
        )


def _opened_digest(key: WitnessKey, ref: str, sealed: bytes) -> str | None:
    try:
        return open_identity(key, ref, sealed).digest
    except (SealingError, ValueError, KeyError, TypeError):
        return None
