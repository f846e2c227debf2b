"""The hash chain's row hash, pinned to its definition: SHA-256 of the fields joined by
unit separators, the previous hash first."""

from __future__ import annotations

import hashlib

import pytest

from corroborate.store.chain import GENESIS, LedgerRow, row_hash, seal

FIELDS = {
    "seq": 7,
    "at": "2022-04-08T10:15:00+00:00",
    "actor": "ana",
    "action": "ingest",
    "subject": "blob:1",
    "payload": '{"n":1}',
    "prev_hash": GENESIS,
}


def test_the_genesis_hash_is_sixty_four_zeros() -> None:
    assert GENESIS == "sha256:0000000000000000000000000000000000000000000000000000000000000000"


def test_the_row_hash_is_sha256_of_the_fields_joined_by_unit_separators() -> None:
    material = GENESIS + '\x1f7\x1f2022-04-08T10:15:00+00:00\x1fana\x1fingest\x1fblob:1\x1f{"n":1}'
    expected = "sha256:" + hashlib.sha256(material.encode("utf-8")).hexdigest()
    assert row_hash(**FIELDS) == expected  # type: ignore[arg-type]


def test_a_non_ascii_field_is_hashed_as_utf8() -> None:
    fields = {**FIELDS, "actor": "Олена"}
    material = (
        GENESIS + '\x1f7\x1f2022-04-08T10:15:00+00:00\x1fОлена\x1fingest\x1fblob:1\x1f{"n":1}'
    )
    assert row_hash(**fields) == "sha256:" + hashlib.sha256(material.encode()).hexdigest()  # type: ignore[arg-type]


@pytest.mark.parametrize("name", sorted(FIELDS))
def test_changing_any_field_changes_the_hash(name: str) -> None:
    changed = {**FIELDS, name: 8 if name == "seq" else f"{FIELDS[name]}x"}
    assert row_hash(**changed) != row_hash(**FIELDS)  # type: ignore[arg-type]


def test_seal_keeps_every_field_in_its_place_with_the_hash_last() -> None:
    row = seal(**FIELDS)  # type: ignore[arg-type]
    assert row == LedgerRow(
        seq=7,
        at="2022-04-08T10:15:00+00:00",
        actor="ana",
        action="ingest",
        subject="blob:1",
        payload='{"n":1}',
        prev_hash=GENESIS,
        hash=row_hash(**FIELDS),  # type: ignore[arg-type]
    )
