"""The stored Merkle nodes: written with each append, read O(log n) at a time, migrated."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import func, select

from corroborate.errors import StoreError
from corroborate.store import Store, merkle, schema, tree, verify
from corroborate.store.core import MIGRATIONS
from tests.store.test_store import filled, record


def _appended(store: Store, count: int) -> list[str]:
    for n in range(count):
        store.append_event(actor="a", action="note", subject=f"s{n}", payload={"n": n})
    return [row.hash for row in store.ledger_rows()]


def _builder(hashes: list[str]) -> dict[merkle.Node, bytes]:
    builder, nodes = merkle.Builder(), {}
    for chain_hash in hashes:
        nodes.update(builder.add(merkle.leaf_data(chain_hash)))
    return nodes


def test_each_append_stores_its_leaf_and_completed_subtrees(store: Store) -> None:
    hashes = _appended(store, 13)
    expected = _builder(hashes)
    with store.engine.connect() as conn:
        stored = dict(tree.stored_nodes(conn))
    assert stored == {merkle.position(node): digest for node, digest in expected.items()}
    assert len(stored) == merkle.node_count(13)


def test_roots_and_proofs_from_stored_nodes_verify(store: Store) -> None:
    hashes = _appended(store, 21)
    with store.engine.connect() as conn:
        for size in (1, 2, 7, 8, 21):
            root = tree.root(conn, size)
            for index in range(size):
                leaf = merkle.leaf_hash(merkle.leaf_data(hashes[index]))
                path = tree.inclusion(conn, index, size)
                assert merkle.verify_inclusion(index, size, leaf, path, root)
            for old in range(size + 1):
                proof = tree.consistency(conn, old, size)
                assert merkle.verify_consistency(old, size, tree.root(conn, old), root, proof)


def test_a_missing_node_is_a_store_error(store: Store) -> None:
    _appended(store, 3)
    with store.engine.begin() as conn:
        conn.execute(schema.merkle_nodes.delete().where(schema.merkle_nodes.c.pos == 2))
    with pytest.raises(StoreError, match=r"\[S006\].*level 1 index 0"), store.engine.connect() as c:
        tree.root(c, 3)
    assert {f.kind for f in verify(store).findings} == {"merkle-missing"}


def test_an_existing_store_gains_its_nodes_on_upgrade(store: Store) -> None:
    filled(store, 5)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    assert store.revision() == "0003"
    store.migrate()
    with store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(schema.merkle_nodes)).scalar()
    assert count == merkle.node_count(5)
    assert verify(store).ok
    store.add_ingests([record("after the upgrade")], actor="a")
    assert verify(store).ok
