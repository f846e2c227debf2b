"""Kept extractions on both backends: found by content id and version, written once."""

from __future__ import annotations

from corroborate.store import Store
from corroborate.store.extractions import count_extractions, put_extractions, stored_extractions


def test_rows_are_found_by_content_id_and_version(store: Store) -> None:
    rows = [(f"sha256:{n:064x}", f'{{"n":{n}}}') for n in range(1_200)]  # more than a chunk
    assert put_extractions(store, "v1", rows) == 1_200
    assert put_extractions(store, "v2", rows[:3]) == 3
    wanted = [content_id for content_id, _ in rows[::7]] + ["sha256:absent"]
    assert dict(stored_extractions(store, wanted, "v1")) == dict(rows[::7])
    assert dict(stored_extractions(store, wanted, "v2")) == dict(rows[:3][::7])
    assert dict(stored_extractions(store, wanted, "v3")) == {}
    assert count_extractions(store) == 1_203
    assert count_extractions(store, "v2") == 3


def test_a_row_kept_already_is_left_as_it_is(store: Store) -> None:
    """A batch written again (a resumed run's) writes nothing twice and changes nothing."""
    assert put_extractions(store, "v1", [("sha256:a", "first")]) == 1
    assert put_extractions(store, "v1", [("sha256:a", "second"), ("sha256:b", "b")]) == 1
    assert dict(stored_extractions(store, ["sha256:a", "sha256:b"], "v1")) == {
        "sha256:a": "first",
        "sha256:b": "b",
    }
    assert put_extractions(store, "v1", []) == 0
