"""Kept rows (``store.kept``) on both backends, through the two tables that use them: what one
table keeps is never seen through the other, and dropping is by version or by every version."""

from __future__ import annotations

import pytest

from corroborate.store import Store, kept
from corroborate.store.extractions import (
    EXTRACTIONS,
    count_extractions,
    drop_extractions,
    put_extractions,
    stored_extractions,
)
from corroborate.store.link_blocks import (
    LINK_BLOCKS,
    count_link_blocks,
    drop_link_blocks,
    prune_link_blocks,
    put_link_blocks,
    stored_link_blocks,
)
from corroborate.store.link_features import (
    LINK_FEATURES,
    count_link_features,
    drop_link_features,
    put_link_features,
    stored_link_features,
)

A, B, C = (f"sha256:{c * 64}" for c in "abc")


def test_the_two_tables_keep_apart(store: Store) -> None:
    assert EXTRACTIONS.put(store, "v1", [(A, "extraction a")]) == 1
    assert LINK_FEATURES.put(store, "v1", [(A, "features a"), (B, "features b")]) == 2
    assert dict(EXTRACTIONS.stored(store, [A, B], "v1")) == {A: "extraction a"}
    assert dict(LINK_FEATURES.stored(store, [A, B], "v1")) == {A: "features a", B: "features b"}
    assert (EXTRACTIONS.count(store), LINK_FEATURES.count(store)) == (1, 2)


def test_drop_at_one_version_or_at_every_version(store: Store) -> None:
    LINK_FEATURES.put(store, "v1", [(A, "a1"), (B, "b1"), (C, "c1")])
    LINK_FEATURES.put(store, "v2", [(A, "a2"), (B, "b2")])
    LINK_FEATURES.drop(store, "v1", [A])
    assert dict(LINK_FEATURES.stored(store, [A, B, C], "v1")) == {B: "b1", C: "c1"}
    assert dict(LINK_FEATURES.stored(store, [A, B, C], "v2")) == {A: "a2", B: "b2"}
    LINK_FEATURES.drop(store, None, [B])
    assert dict(LINK_FEATURES.stored(store, [A, B, C], "v1")) == {C: "c1"}
    assert dict(LINK_FEATURES.stored(store, [A, B, C], "v2")) == {A: "a2"}
    LINK_FEATURES.drop(store, None, [])  # nothing named, nothing dropped
    assert LINK_FEATURES.count(store) == 2
    assert (LINK_FEATURES.count(store, "v1"), LINK_FEATURES.count(store, "v2")) == (1, 1)


def test_the_tables_functions_keep_count_find_and_drop_their_own_rows(store: Store) -> None:
    assert put_extractions(store, "v1", [(A, "extraction a"), (B, "extraction b")]) == 2
    assert put_link_features(store, "v1", [(A, "features a")]) == 1
    assert put_link_features(store, "v2", [(A, "features a2")]) == 1
    assert put_extractions(store, "v2", [(A, "extraction a2")]) == 1
    assert (count_extractions(store, "v1"), count_link_features(store, "v1")) == (2, 1)
    assert count_extractions(store) == 3
    assert count_link_features(store) == 2
    assert dict(stored_extractions(store, [A, B], "v1")) == {A: "extraction a", B: "extraction b"}
    assert dict(stored_link_features(store, [A, B], "v2")) == {A: "features a2"}
    drop_extractions(store, "v1", [A])
    drop_link_features(store, "v1", [A])
    assert dict(stored_extractions(store, [A, B], "v1")) == {B: "extraction b"}
    assert dict(stored_extractions(store, [A, B], "v2")) == {A: "extraction a2"}
    assert (count_link_features(store, "v1"), count_link_features(store, "v2")) == (0, 1)


def test_ids_are_looked_up_in_chunks_each_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "CHUNK", 2)
    ids = [f"sha256:{c * 64}" for c in "abcde"]
    assert LINK_FEATURES.put(store, "v1", [(i, i[-1]) for i in ids[:3]]) == 3
    assert LINK_FEATURES.put(store, "v1", [(i, i[-1]) for i in ids]) == 2  # d and e are new
    assert sorted(LINK_FEATURES.stored(store, ids, "v1")) == [(i, i[-1]) for i in ids]
    LINK_FEATURES.drop(store, "v1", ids)
    assert LINK_FEATURES.count(store) == 0


def test_prune_removes_every_row_not_used_at_any_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "CHUNK", 2)  # rows removed over several chunks
    D, E = (f"sha256:{c * 64}" for c in "de")
    LINK_BLOCKS.put(store, "v1", [(A, "a1"), (B, "b1"), (C, "c1"), (D, "d1")])
    LINK_BLOCKS.put(store, "v2", [(A, "a2"), (E, "e2")])
    assert prune_link_blocks(store, {A, C}) == 3  # the rows of B, D and E, at both versions
    assert dict(LINK_BLOCKS.stored(store, [A, B, C, D, E], "v1")) == {A: "a1", C: "c1"}
    assert dict(LINK_BLOCKS.stored(store, [A, B, C, D, E], "v2")) == {A: "a2"}
    assert prune_link_blocks(store, {A, C}) == 0
    assert prune_link_blocks(store, set()) == 3 and LINK_BLOCKS.count(store) == 0


def test_linking_blocks_are_kept_by_block_and_version_apart_from_the_other_tables(
    store: Store,
) -> None:
    assert put_link_blocks(store, "v1", [(A, "[1]"), (B, "[2]")]) == 2
    assert put_link_blocks(store, "v1", [(A, "[9]"), (C, "[3]")]) == 1  # A is kept as it was
    assert put_link_blocks(store, "v2", [(A, "[1, 2]")]) == 1
    assert put_link_features(store, "v1", [(A, "features a")]) == 1
    assert dict(stored_link_blocks(store, [A, B, C], "v1")) == {A: "[1]", B: "[2]", C: "[3]"}
    assert dict(stored_link_blocks(store, [A, B], "v2")) == {A: "[1, 2]"}
    assert (count_link_blocks(store), count_link_blocks(store, "v1")) == (4, 3)
    drop_link_blocks(store, "v1", [A])
    assert dict(stored_link_blocks(store, [A, B, C], "v1")) == {B: "[2]", C: "[3]"}
    assert dict(stored_link_blocks(store, [A], "v2")) == {A: "[1, 2]"}  # kept at v2
    drop_link_blocks(store, None, [B, A])
    assert dict(stored_link_blocks(store, [A, B, C], "v1")) == {C: "[3]"}
    assert dict(stored_link_blocks(store, [A], "v2")) == {}
    assert dict(stored_link_features(store, [A], "v1")) == {A: "features a"}
    assert count_link_blocks(store, "v2") == 0


def test_rows_present_past_the_first_chunks_are_found(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "CHUNK", 2)
    ids = [f"sha256:{c * 64}" for c in "abcde"]
    assert LINK_FEATURES.put(store, "v1", []) == 0
    assert LINK_FEATURES.put(store, "v1", [(i, i[-1]) for i in ids]) == 5
    assert LINK_FEATURES.put(store, "v1", [(i, "again") for i in ids]) == 0  # d, e in chunk 3
    assert dict(LINK_FEATURES.stored(store, ids[3:], "v1")) == {ids[3]: "d", ids[4]: "e"}


def test_prune_reaches_the_stale_rows_of_every_chunk(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "CHUNK", 2)
    ids = [f"sha256:{c * 64}" for c in "abcdef"]
    LINK_BLOCKS.put(store, "v1", [(i, i[-1]) for i in ids])
    assert prune_link_blocks(store, {ids[0]}) == 5  # b to f: three chunks of two
    assert dict(LINK_BLOCKS.stored(store, ids, "v1")) == {ids[0]: "a"}
