"""Linking with blocks' incidents kept by earlier runs gives what linking without them gives.

Corpora come from the generator of ``bench/link_scale.py`` (the sample corpus's sentences,
wire copies, allegations of one or two types at gazetteer places); reports are added in
batches, each run reading the blocks earlier runs kept (through JSON, as the store keeps
them), and the last run must equal one run over every report with nothing kept.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import link_scale
from corroborate.link import blocks as kept_json
from corroborate.link.assemble import link
from corroborate.link.blocks import BlockMemo, Groups, blocks, cluster_blocks, interval
from corroborate.link.incidents import Mention, Weights, cluster, conflict
from corroborate.link.kept import keep_blocks, kept_blocks
from corroborate.link.stored import encode
from corroborate.model import Allegation, Attribution, Linked, Report
from corroborate.store import Store, schema
from corroborate.store.link_blocks import count_link_blocks, put_link_blocks
from tests.link.sample_sentences import sample_sentences

Statements = dict[str, tuple[list[Attribution], list[Allegation]]]


@pytest.fixture(autouse=True, scope="module")
def sentences_once() -> Iterator[None]:
    original = link_scale._sentences
    link_scale._sentences = sample_sentences  # type: ignore[method-assign]
    yield
    link_scale._sentences = original  # type: ignore[method-assign]


class Shelf:
    """Blocks' incidents kept between runs as JSON, as the store keeps them."""

    def __init__(self) -> None:
        self.rows: dict[str, str] = {}

    def memo(self) -> BlockMemo:
        return BlockMemo(
            lambda ids: {i: kept_json.from_json(self.rows[i]) for i in ids if i in self.rows}
        )

    def keep(self, memo: BlockMemo) -> None:
        self.rows |= {i: kept_json.to_json(g) for i, g in memo.made.items()}


def run(reports: Sequence[Report], statements: Statements, memo: BlockMemo | None = None) -> Linked:
    places = {r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports}
    return link(reports, {r.id: statements[r.id] for r in reports}, places, blocks=memo)


def in_batches(
    reports: list[Report], statements: Statements, batch: list[int]
) -> tuple[Linked, list[BlockMemo]]:
    shelf, memos = Shelf(), []
    for last in range(max(batch) + 1):
        memo = shelf.memo()
        linked = run(
            [r for r, b in zip(reports, batch, strict=True) if b <= last], statements, memo
        )
        shelf.keep(memo)
        memos.append(memo)
    return linked, memos


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(15, 80), data=st.data())
def test_linking_in_batches_with_kept_blocks_equals_linking_at_once(
    seed: int, size: int, data: st.DataObject
) -> None:
    reports, statements = link_scale.corpus(size, seed)
    batch = data.draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))
    linked, _ = in_batches(reports, statements, batch)
    once = run(reports, statements)
    assert encode(linked) == encode(once)
    assert len(once.incidents) > 0


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_mentions_added_a_year_later_recluster_only_their_blocks(seed: int) -> None:
    """Four batches of mentions, each told a year after the one before, as monitoring adds
    them: each run clusters the blocks of its own batch and reads the earlier ones back."""
    reports, statements = link_scale.corpus(120, seed)
    features = run(reports, statements).features
    found = [m for f in features.values() for m in f.mentions]
    mentions = [_later(m, 400 * (n % 4)) for n, m in enumerate(found)]
    ids = [f"a{n}" for n in range(len(mentions))]
    shelf, memos = Shelf(), []
    for last in range(4):
        chosen = [n for n in range(len(mentions)) if n % 4 <= last]
        memo = shelf.memo()
        linked = cluster_blocks([mentions[n] for n in chosen], [ids[n] for n in chosen], memo=memo)
        shelf.keep(memo)
        memos.append(memo)
    assert linked == cluster_blocks(mentions, ids)
    assert [(len(m.made), m.reused) for m in memos] == [(1, 0), (1, 1), (1, 2), (1, 3)]


def _later(mention: Mention, days: int) -> Mention:
    def moved(day: date | None) -> date | None:
        return None if day is None else date.fromordinal(day.toordinal() + days)

    return replace(mention, day=moved(mention.day), told=moved(mention.told))


def test_nothing_new_clusters_nothing() -> None:
    reports, statements = link_scale.corpus(60, 5)
    shelf = Shelf()
    first = shelf.memo()
    once = run(reports, statements, first)
    shelf.keep(first)
    again = shelf.memo()
    assert encode(run(reports, statements, again)) == encode(once)
    assert again.made == {} and again.reused == len(first.made) >= 1


def _mention(day: date | None, country: str | None = "UA", **more: object) -> Mention:
    return Mention(types=frozenset({"shelling"}), country=country, day=day, **more)  # type: ignore[arg-type]


def test_a_block_is_a_country_and_a_run_of_days() -> None:
    day, rules = date(2022, 3, 7), Weights()
    apart = date.fromordinal(day.toordinal() + rules.span_days + 1)
    near = date.fromordinal(day.toordinal() + rules.span_days)
    assert interval(_mention(day), rules) == (day.toordinal(), day.toordinal())
    told = interval(_mention(None, told=day), rules)
    assert told == (day.toordinal() - rules.told_days, day.toordinal() + 1)
    assert sorted(blocks([_mention(day), _mention(apart)]).values()) == [[0], [1]]
    assert sorted(blocks([_mention(day), _mention(near)]).values()) == [[0, 1]]
    assert sorted(blocks([_mention(day), _mention(day, "RU")]).values()) == [[0], [1]]
    # a mention told of, undated, may be of any day of its window: it joins both
    bridge = _mention(None, told=apart)
    assert sorted(blocks([_mention(day), _mention(apart), bridge]).values()) == [[0, 1, 2]]


def test_no_pair_across_two_blocks_could_be_one_incident() -> None:
    reports, statements = link_scale.corpus(200, 4)
    mentions = [m for f in run(reports, statements).features.values() for m in f.mentions]
    mentions += [_later(m, 400) for m in mentions[::3]]  # a second stretch of time
    found = list(blocks(mentions).values())
    assert len(found) > 1
    home = {n: b for b, members in enumerate(found) for n in members}
    rules = Weights()
    for a, b in itertools.combinations(range(len(mentions)), 2):
        if home[a] != home[b]:
            assert conflict(mentions[a], mentions[b], rules)


def test_a_mention_with_no_country_or_no_day_joins_every_block_it_could_link() -> None:
    day = date(2022, 3, 7)
    later = date(2022, 9, 7)
    dated = [_mention(day), _mention(later), _mention(day, "RU"), _mention(later, "RU")]
    assert sorted(blocks(dated).values()) == [[0], [1], [2], [3]]
    # no country: its days' every country; no day: its country's every day
    assert sorted(blocks([*dated, _mention(day, None)]).values()) == [[0, 2, 4], [1], [3]]
    assert sorted(blocks([*dated, _mention(None)]).values()) == [[0, 1, 4], [2], [3]]
    assert sorted(blocks([*dated, _mention(None, None)]).values()) == [[0, 1, 2, 3, 4]]


def test_mentions_of_one_group_share_a_block() -> None:
    early, late = date(2022, 3, 1), date(2022, 9, 1)
    mentions = [_mention(early, group="g"), _mention(late), _mention(late, group="g")]
    assert sorted(blocks(mentions).values()) == [[0, 1, 2]]
    apart = [_mention(early), _mention(late), _mention(date(2022, 5, 1))]
    assert len(blocks(apart)) == 3


def test_clustering_block_by_block_equals_clustering_each_block_alone() -> None:
    reports, statements = link_scale.corpus(120, 9)
    mentions = [m for f in run(reports, statements).features.values() for m in f.mentions]
    ids = [f"a{n}" for n in range(len(mentions))]
    found = cluster_blocks(mentions, ids)
    alone = [
        [members[p] for p in group]
        for members in blocks(mentions).values()
        for group in cluster([mentions[i] for i in members])
    ]
    assert found == sorted(alone, key=lambda g: g[0])
    assert sorted(i for g in found for i in g) == list(range(len(mentions)))


def test_kept_incidents_that_do_not_fit_their_block_are_clustered_again() -> None:
    reports, statements = link_scale.corpus(60, 5)
    first = BlockMemo()
    once = run(reports, statements, first)
    wrong: dict[str, Groups] = {i: [[0]] for i in first.made}  # not a partition of the block
    again = BlockMemo(lambda ids: {i: wrong[i] for i in ids if i in wrong})
    assert encode(run(reports, statements, again)) == encode(once)
    assert again.reused == 0 and set(again.made) == set(first.made)


@pytest.mark.parametrize("text", ["{", '[[1, "x"]]', "[[]]", "{}"])
def test_kept_incidents_read_back_only_as_lists_of_positions(text: str) -> None:
    with pytest.raises(ValueError):
        kept_json.from_json(text)


def test_the_store_keeps_blocks_and_drops_one_it_cannot_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    reports, statements = link_scale.corpus(60, 5)
    first = kept_blocks(store)
    once = run(reports, statements, first)
    assert keep_blocks(store, first) == len(first.made) == count_link_blocks(store)
    [broken, *_] = sorted(first.made)
    with store.engine.begin() as conn:
        conn.execute(
            schema.link_blocks.update()
            .where(schema.link_blocks.c.content_id == broken)
            .values(incidents="{")
        )
    again = kept_blocks(store)
    with caplog.at_level(logging.WARNING):
        assert encode(run(reports, statements, again)) == encode(once)
    assert "cannot be read" in caplog.text
    assert set(again.made) == {broken} and again.reused == len(first.made) - 1
    assert keep_blocks(store, again) == 1
    assert put_link_blocks(store, "v", []) == 0
