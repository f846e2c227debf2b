"""Linking features, blocks' incidents and charges kept in the store read back equal, each
at its own version; one that cannot is dropped; rows no run used are pruned."""

from __future__ import annotations

import logging
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from bench import link_scale
from corroborate.link.answer import Charge
from corroborate.link.assemble import link
from corroborate.link.blocks import BlockMemo, blocks_version
from corroborate.link.charges import ChargeMemo, Decided, charges_version
from corroborate.link.kept import (
    keep_blocks,
    keep_charges,
    keep_features,
    kept_blocks,
    kept_charges,
    kept_features,
    prune_kept,
)
from corroborate.model import Stance
from corroborate.store import Store, schema
from corroborate.store.link_blocks import count_link_blocks
from corroborate.store.link_features import count_link_features
from tests.link.sample_sentences import sample_sentences


def test_features_kept_read_back_and_an_unreadable_row_is_dropped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(link_scale, "_sentences", sample_sentences)
    reports, statements = link_scale.corpus(6, 1)
    places = {r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports}
    linked = link(reports, statements, places, kept={})
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    nothing = kept_features(store, reports, "sha256:v1")
    assert nothing.features == {}
    assert keep_features(store, nothing, linked.features) == 6
    assert keep_features(store, nothing, linked.features) == 0  # kept once
    assert kept_features(store, reports, "sha256:v1").features == linked.features
    assert kept_features(store, reports, "sha256:v2").features == {}  # another version
    # kept for every report but the first: the others are read back all the same
    later = {rid: f for rid, f in linked.features.items() if rid != reports[0].id}
    assert keep_features(store, kept_features(store, reports, "sha256:v2"), later) == 5
    assert kept_features(store, reports, "sha256:v2").features == later
    # the second report's row at v1 made unreadable (it is kept at v2 too)
    unreadable, first = reports[1].id, nothing.content[reports[1].id]
    with store.engine.begin() as conn:
        table = schema.link_features
        conn.execute(
            table.update()
            .where(table.c.content_id == first, table.c.version == "sha256:v1")
            .values(features="{")
        )
    with caplog.at_level(logging.WARNING):
        read = kept_features(store, reports, "sha256:v1")
    assert len(read.features) == 5
    assert re.fullmatch(
        rf"kept link features of report {unreadable} cannot be read \(JSONDecodeError\(.*\)\)",
        caplog.messages[0],
    )
    assert count_link_features(store, "sha256:v1") == 5  # dropped, to be kept again
    assert count_link_features(store, "sha256:v2") == 5  # at its version only
    assert keep_features(store, read, linked.features) == 1
    assert kept_features(store, reports, "sha256:v1").features == linked.features


DECIDED = Decided(
    Charge(
        "party:north",
        frozenset({"shelling"}),
        frozenset({"Izium"}),
        date(2022, 5, 3),
        date(2022, 5, 4),
        date(2022, 5, 5),
        frozenset({"shell", "market"}),
        frozenset({"officials"}),
        "Soldiers shelled the market",
    ),
    ((Stance.SUPPORTS, 0.9), (Stance.DENIES, 0.75)),
)


def _corrupt(store: Store, content_id: str, version: str) -> None:
    table = schema.link_blocks
    with store.engine.begin() as conn:
        conn.execute(
            table.update()
            .where(table.c.content_id == content_id, table.c.version == version)
            .values(incidents="[")
        )


def test_blocks_and_charges_kept_read_back_each_at_its_version(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    blocks_made = BlockMemo(made={"block:a": [[0, 1], [2]], "shared": [[0]]})
    charges_made = ChargeMemo(made={"charge:a": DECIDED, "shared": DECIDED})
    assert keep_blocks(store, blocks_made) == 2
    assert keep_blocks(store, blocks_made) == 0  # kept once
    assert keep_charges(store, charges_made) == 2
    assert keep_charges(store, charges_made) == 0
    assert count_link_blocks(store) == 4
    # "shared" names a block and a charge: each memo reads its own version's row
    ids = ["block:a", "charge:a", "shared", "block:none"]
    assert kept_blocks(store).lookup(ids) == {"block:a": [[0, 1], [2]], "shared": [[0]]}
    assert kept_charges(store).lookup(ids) == {"charge:a": DECIDED, "shared": DECIDED}


def test_an_unreadable_kept_block_or_charge_is_logged_and_dropped_at_its_version_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """ "one" and "two" each name a block and a charge: an unreadable charge "one" and an
    unreadable block "two" are logged and dropped, and the rows of the same ids at the other
    version stay."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    keep_blocks(store, BlockMemo(made={"one": [[0]], "two": [[0, 1]]}))
    keep_charges(store, ChargeMemo(made={"one": DECIDED, "two": DECIDED}))
    blocks, charges = kept_blocks(store), kept_charges(store)
    block_version, charge_version = blocks_version(), charges_version()
    _corrupt(store, "one", charge_version)
    with caplog.at_level(logging.WARNING):
        assert charges.lookup(["one", "two"]) == {"two": DECIDED}
    assert re.fullmatch(
        r"kept charge one cannot be read \(JSONDecodeError\(.*\)\)", caplog.messages[0]
    )
    assert set(_rows(store)) == {
        ("one", block_version),
        ("two", block_version),
        ("two", charge_version),
    }
    caplog.clear()
    _corrupt(store, "two", block_version)
    with caplog.at_level(logging.WARNING):
        assert blocks.lookup(["one", "two"]) == {"one": [[0]]}
    assert re.fullmatch(
        r"kept incidents of block two cannot be read \(JSONDecodeError\(.*\)\)", caplog.messages[0]
    )
    assert set(_rows(store)) == {("one", block_version), ("two", charge_version)}
    assert charges.lookup(["two"]) == {"two": DECIDED}


def test_rows_neither_memo_used_are_pruned(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    keep_blocks(store, BlockMemo(made={"block:a": [[0]], "block:b": [[0]]}))
    keep_charges(store, ChargeMemo(made={"charge:a": DECIDED, "charge:b": DECIDED}))
    used_blocks, used_charges = BlockMemo(used={"block:a"}), ChargeMemo(used={"charge:b"})
    assert prune_kept(store, used_blocks, used_charges) == 2
    assert sorted(content for content, _ in _rows(store)) == ["block:a", "charge:b"]


def _rows(store: Store) -> list[tuple[str, str]]:
    table = schema.link_blocks
    with store.engine.begin() as conn:
        return [
            (r.content_id, r.version)
            for r in conn.execute(select(table.c.content_id, table.c.version))
        ]
