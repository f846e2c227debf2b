"""Kept rows (``store.kept``) on both backends, through the two tables that use them: what one
table keeps is never seen through the other, and dropping is by version or by every version."""

from __future__ import annotations

from corroborate.store import Store
from corroborate.store.extractions import EXTRACTIONS
from corroborate.store.link_features import LINK_FEATURES

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
