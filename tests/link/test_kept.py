"""Linking features kept in the store read back equal; one that cannot is dropped."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import select

from bench import link_scale
from corroborate.link.assemble import link
from corroborate.link.kept import keep_features, kept_features
from corroborate.store import Store, schema
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
    with store.engine.begin() as conn:
        table = schema.link_features
        [first] = conn.execute(select(table.c.content_id).limit(1)).scalars()
        conn.execute(table.update().where(table.c.content_id == first).values(features="{"))
    with caplog.at_level(logging.WARNING):
        read = kept_features(store, reports, "sha256:v1")
    assert len(read.features) == 5 and "cannot be read" in caplog.text
    assert count_link_features(store, "sha256:v1") == 5  # dropped, to be kept again
    assert keep_features(store, read, linked.features) == 1
    assert kept_features(store, reports, "sha256:v1").features == linked.features
