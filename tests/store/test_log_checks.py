"""``verify``'s Merkle checks: each stored node compared, each kind of damage counted and
named, and a checkpoint's consistency proof built from the stored nodes
(``store/log_checks.py``).

Positions in a tree of five leaves, in append order: 0 leaf 0, 1 leaf 1, 2 (level 1, 0),
3 leaf 2, 4 leaf 3, 5 (level 1, 1), 6 (level 2, 0), 7 leaf 4. The consistency proof from
three leaves to five holds leaf 2, leaf 3, (level 1, 0) and leaf 4.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, insert, update

from corroborate.store import Store, schema, signing, tree, verify
from corroborate.store.checkpoint import Checkpoint
from corroborate.store.transparency import make_checkpoint, own_key, read_checkpoint
from tests.store.tampering import rewrite_row
from tests.store.test_store import filled, record


def _findings(store: Store, checkpoint: Checkpoint | None = None) -> list[tuple[str, str, str]]:
    found = verify(store, checkpoint=checkpoint).findings
    return [(f.kind, f.subject, f.detail) for f in found]


def _damage(store: Store, *positions: int) -> None:
    with store.engine.begin() as conn:
        for pos in positions:
            conn.execute(
                update(schema.merkle_nodes)
                .where(schema.merkle_nodes.c.pos == pos)
                .values(hash=b"\x07" * 32)
            )


@pytest.fixture
def three_then_five(store: Store, tmp_path: Path) -> tuple[Store, Checkpoint]:
    """A store of three rows with a checkpoint of them, then two rows more."""
    signing.ensure_keypair(tmp_path / "keys")
    filled(store, 3)
    note, _ = make_checkpoint(store, tmp_path / "keys")
    checkpoint = read_checkpoint(store, note, own_key(store, tmp_path / "keys"), subject="cp")
    store.add_ingests([record("fourth"), record("fifth")], actor="a")
    return store, checkpoint


def test_altered_nodes_are_counted_and_the_first_is_named(store: Store) -> None:
    filled(store, 5)
    _damage(store, 5, 3)
    assert _findings(store) == [
        (
            "merkle-altered",
            "merkle level 0 index 2",
            "2 stored node(s) differ from the hashes the ledger gives (first shown)",
        ),
    ]


def test_missing_nodes_are_counted_and_the_first_is_named(store: Store) -> None:
    filled(store, 5)
    with store.engine.begin() as conn:
        conn.execute(delete(schema.merkle_nodes).where(schema.merkle_nodes.c.pos.in_([6, 7])))
    assert _findings(store) == [
        (
            "merkle-missing",
            "merkle level 2 index 0",
            "2 stored node(s) missing: the ledger has rows they should cover (first shown)",
        ),
    ]


def test_nodes_beyond_the_ledger_and_before_it_are_extra(store: Store) -> None:
    filled(store, 2)
    with store.engine.begin() as conn:
        for pos in (-1, 9, 12):
            conn.execute(insert(schema.merkle_nodes).values(pos=pos, hash=b"\x01" * 32))
    assert _findings(store) == [
        (
            "merkle-extra",
            "merkle position -1",
            "3 stored node(s) stored beyond what the ledger covers (first shown)",
        ),
    ]


def test_a_node_the_proof_needs_is_missing(three_then_five: tuple[Store, Checkpoint]) -> None:
    store, checkpoint = three_then_five
    with store.engine.begin() as conn:
        conn.execute(delete(schema.merkle_nodes).where(schema.merkle_nodes.c.pos == 3))
    assert _findings(store, checkpoint) == [
        (
            "merkle-missing",
            "merkle level 0 index 2",
            "1 stored node(s) missing: the ledger has rows they should cover (first shown)",
        ),
        (
            "checkpoint-proof",
            "checkpoint #3",
            "Merkle node level 0 index 2 is missing; run `corroborate verify`",
        ),
    ]


def test_an_altered_node_the_proof_needs_gives_no_proof(
    three_then_five: tuple[Store, Checkpoint],
) -> None:
    store, checkpoint = three_then_five
    _damage(store, 4)
    assert _findings(store, checkpoint)[1:] == [
        (
            "checkpoint-proof",
            "checkpoint #3",
            "the stored tree gives no valid consistency proof to today's root",
        ),
    ]


def test_a_node_outside_the_proof_leaves_it_valid(
    three_then_five: tuple[Store, Checkpoint],
) -> None:
    store, checkpoint = three_then_five
    _damage(store, 6)  # (level 2, 0): neither in the old tree's root nor in the proof
    assert [kind for kind, _, _ in _findings(store, checkpoint)] == ["merkle-altered"]


def test_the_recomputed_root_and_size_are_reported(
    three_then_five: tuple[Store, Checkpoint],
) -> None:
    store, checkpoint = three_then_five
    result = verify(store, checkpoint=checkpoint)
    assert result.ok and result.checkpoint_size == 3
    with store.engine.connect() as conn:
        assert result.tree_root == tree.root(conn, 5).hex()
        assert result.tree_root != tree.root(conn, 3).hex()


def test_a_rewritten_past_is_named_with_the_rows_it_covers(
    three_then_five: tuple[Store, Checkpoint],
) -> None:
    store, checkpoint = three_then_five
    rewrite_row(store, 2, actor="someone else")  # the chain and every node made consistent
    assert _findings(store, checkpoint) == [
        (
            "checkpoint-rewritten",
            "checkpoint #3",
            "ledger rows #1..#3 no longer hash to the checkpoint's root: rows it covers were "
            "changed, removed or replaced",
        ),
    ]


def test_a_node_past_the_last_leaf_is_named_by_its_position(store: Store) -> None:
    filled(store, 2)
    with store.engine.begin() as conn:
        conn.execute(insert(schema.merkle_nodes).values(pos=9, hash=b"\x01" * 32))
    assert _findings(store) == [
        (
            "merkle-extra",
            "merkle position 9",
            "1 stored node(s) stored beyond what the ledger covers (first shown)",
        ),
    ]
