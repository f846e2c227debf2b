"""Blocks (``link/blocks.py``) on mentions written out by hand, each expected value worked out
from the rules: a mention's days, where a run of days breaks, a block's key and id, kept
incidents reused only when they partition their block. Small and quick beside
``test_blocks.py``, whose corpora come from ``bench/link_scale.py``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from corroborate.ids import make_id
from corroborate.link import blocks as kept
from corroborate.link.blocks import (
    ENDLESS,
    BlockMemo,
    block_id,
    blocks,
    cluster_blocks,
    interval,
    merge,
)
from corroborate.link.incidents import Mention, Weights

DAY = date(2022, 3, 7)
RULES = Weights()


def on(day: date | None, country: str | None = "UA", **more: object) -> Mention:
    return Mention(types=frozenset({"shelling"}), country=country, day=day, **more)  # type: ignore[arg-type]


def days_after(days: int, start: date = DAY) -> date:
    return date.fromordinal(start.toordinal() + days)


def test_a_mention_s_days_are_its_own_day_else_its_report_s_window_else_every_day() -> None:
    ordinal = DAY.toordinal()
    assert interval(on(DAY), RULES) == (ordinal, ordinal)
    # the day the event was told of wins over the day the report was published
    assert interval(on(DAY, told=days_after(30)), RULES) == (ordinal, ordinal)
    assert interval(on(None, told=DAY), RULES) == (ordinal - 60, ordinal + 1)
    assert interval(on(None, told=DAY), Weights(told_days=5)) == (ordinal - 5, ordinal + 1)
    assert interval(on(None), RULES) == ENDLESS == (-(10**9), 10**9)


def test_a_run_of_days_breaks_only_at_a_gap_longer_than_the_span() -> None:
    chain = [on(DAY), on(days_after(7)), on(days_after(14)), on(days_after(22))]
    # 7 days apart twice (at the span: joined), then 8 (over it: a new block)
    assert sorted(blocks(chain).values()) == [[0, 1, 2], [3]]
    assert sorted(blocks(chain, Weights(span_days=8)).values()) == [[0, 1, 2, 3]]
    assert sorted(blocks(chain, Weights(span_days=6)).values()) == [[0], [1], [2], [3]]


def test_a_run_measures_its_gap_from_the_latest_end_so_far() -> None:
    # a long window (told of, undated: 60 days before to 1 after) keeps the run open past a
    # short one that starts inside it
    long = on(None, told=days_after(60))
    inside = on(days_after(1))
    after = on(days_after(61 + 7))  # 7 days after the long window's end: joined
    beyond = on(days_after(61 + 7 + 8))  # 8 days after the latest end: a new block
    assert sorted(blocks([long, inside, after, beyond]).values()) == [[0, 1, 2], [3]]


def test_mentions_given_out_of_order_are_joined_in_order_of_their_days() -> None:
    mentions = [on(days_after(14)), on(DAY), on(days_after(7)), on(days_after(40))]
    assert sorted(blocks(mentions).values()) == [[0, 1, 2], [3]]


def test_a_window_that_starts_within_the_span_joins_however_late_it_ends() -> None:
    # told of 65 days after DAY, undated: its days run from DAY + 5 to DAY + 66
    window = on(None, told=days_after(65))
    assert interval(window, RULES)[0] == DAY.toordinal() + 5
    assert sorted(blocks([on(DAY), window]).values()) == [[0, 1]]


def test_runs_are_read_in_order_of_days_not_in_the_order_given() -> None:
    # ten days apart each: three blocks, though the first given lies after the second
    mentions = [on(days_after(20)), on(DAY), on(days_after(10))]
    assert sorted(blocks(mentions).values()) == [[0], [1], [2]]


def test_a_block_s_key_is_its_countries_and_its_first_day() -> None:
    ordinal = DAY.toordinal()
    found = blocks([on(days_after(3)), on(DAY), on(DAY, "RU"), on(days_after(3), None)])
    assert found == {json.dumps([["", "RU", "UA"], ordinal]): [0, 1, 2, 3]}
    assert blocks([on(DAY), on(days_after(3))]) == {json.dumps([["UA"], ordinal]): [0, 1]}
    assert blocks([on(None), on(DAY)]) == {json.dumps([["UA"], -(10**9)]): [0, 1]}
    assert blocks([]) == {}


def test_mentions_of_nowhere_apart_in_time_and_two_countries_on_one_day_stay_apart() -> None:
    found = blocks([on(DAY, None), on(days_after(100), None)])
    assert found == {
        json.dumps([[""], DAY.toordinal()]): [0],
        json.dumps([[""], DAY.toordinal() + 100]): [1],
    }
    assert list(blocks([on(DAY, "RU"), on(DAY, "UA")]).values()) == [[0], [1]]


def test_a_group_joins_its_mentions_wherever_they_lie() -> None:
    mentions = [on(DAY, group="w"), on(days_after(200), "RU"), on(days_after(100), group="w")]
    assert sorted(blocks(mentions).values()) == [[0, 2], [1]]
    assert sorted(blocks([on(DAY, group="a"), on(days_after(200), group="b")]).values()) == [
        [0],
        [1],
    ]


def test_incidents_of_every_block_come_in_order_of_their_first_mention() -> None:
    assert merge([[[3, 5], [0]], [[1, 4]], []]) == [[0], [1, 4], [3, 5]]
    assert merge([]) == []


def _pair() -> list[Mention]:
    """Two mentions that cluster into one incident, and a third far apart."""
    strike = on(DAY, place="Kharkiv", region="Kharkiv Oblast", actors=frozenset({"army"}))
    return [strike, replace(strike, day=days_after(1)), on(days_after(300), "RU")]


def test_clustering_by_blocks_without_a_memo_names_and_keeps_nothing() -> None:
    assert cluster_blocks(_pair(), ["a", "b", "c"]) == [[0, 1], [2]]


def test_a_memo_keeps_each_block_s_incidents_by_block_id_and_reads_them_back() -> None:
    mentions, ids = _pair(), ["a", "b", "c"]
    first = BlockMemo()
    assert cluster_blocks(mentions, ids, memo=first) == [[0, 1], [2]]
    assert sorted(first.made.values()) == [[[0]], [[0, 1]]] and first.reused == 0
    asked: list[list[str]] = []

    def lookup(names: object) -> dict[str, list[list[int]]]:
        asked.append(list(names))  # type: ignore[call-overload]
        return dict(first.made)

    again = BlockMemo(lookup)
    assert cluster_blocks(mentions, ids, memo=again) == [[0, 1], [2]]
    assert asked == [sorted(first.made)]
    assert again.reused == 2 and again.made == {}
    # every block of the run is used, whether clustered or read back
    assert len(first.used) == 2 and first.used == again.used == set(first.made)


def test_the_weights_given_decide_the_blocks_the_clustering_and_the_block_ids() -> None:
    strict = Weights(threshold=1000.0)  # no pair scores this much: nothing joins
    assert cluster_blocks(_pair(), ["a", "b", "c"], strict) == [[0], [1], [2]]
    default, custom = BlockMemo(), BlockMemo()
    assert cluster_blocks(_pair(), ["a", "b", "c"], memo=default) == [[0, 1], [2]]
    assert cluster_blocks(_pair(), ["a", "b", "c"], strict, custom) == [[0], [1], [2]]
    assert sorted(custom.made.values()) == [[[0]], [[0], [1]]]
    assert not set(custom.made) & set(default.made)  # the weights are part of a block's id
    # eight days apart: two blocks under the default span of seven, one under a span of eight
    apart = [on(DAY), on(days_after(8))]
    seven, eight = BlockMemo(), BlockMemo()
    cluster_blocks(apart, ["a", "b"], memo=seven)
    cluster_blocks(apart, ["a", "b"], Weights(span_days=8), eight)
    assert (len(seven.made), len(eight.made)) == (2, 1)


def test_kept_incidents_are_laid_on_the_block_s_members_as_they_are() -> None:
    """A kept partition is trusted as it is (its block id names the code that made it)."""
    mentions, ids = _pair(), ["a", "b", "c"]
    first = BlockMemo()
    cluster_blocks(mentions, ids, memo=first)
    [pair_block] = [name for name, groups in first.made.items() if groups == [[0, 1]]]
    split = {**first.made, pair_block: [[1], [0]]}
    again = BlockMemo(lambda names: split)
    assert cluster_blocks(mentions, ids, memo=again) == [[0], [1], [2]]
    assert again.reused == 2


def test_kept_incidents_that_are_no_partition_of_their_block_are_clustered_again() -> None:
    mentions, ids = _pair(), ["a", "b", "c"]
    first = BlockMemo()
    cluster_blocks(mentions, ids, memo=first)
    [pair_block] = [name for name, groups in first.made.items() if groups == [[0, 1]]]
    for wrong in ([[0]], [[0, 1], [1]], [[0, 2]], [[1, 2]], []):
        again = BlockMemo(lambda names, wrong=wrong: {**first.made, pair_block: wrong})  # type: ignore[misc]
        assert cluster_blocks(mentions, ids, memo=again) == [[0, 1], [2]]
        assert again.reused == 1 and again.made == {pair_block: [[0, 1]]}


def test_a_block_id_names_the_code_the_weights_the_key_and_every_member() -> None:
    members = [("a", on(DAY)), ("b", on(days_after(1)))]
    same = block_id("k", members, RULES)
    assert same.startswith("sha256:") and same == block_id("k", list(members), Weights())
    others = [
        block_id("k2", members, RULES),
        block_id("k", members, Weights(span_days=8)),
        block_id("k", members[::-1], RULES),
        block_id("k", [("a", on(DAY)), ("c", on(days_after(1)))], RULES),
        block_id("k", [("a", on(DAY)), ("b", on(days_after(2)))], RULES),
        block_id("k", members[:1], RULES),
    ]
    assert len({same, *others}) == len(others) + 1


def test_a_block_id_reads_every_field_of_a_mention() -> None:
    base = on(DAY, place="Izium", told=DAY, context=frozenset({"river", "bridge"}))
    changed = [
        replace(base, types=frozenset({"looting"})),
        replace(base, place="Kupiansk"),
        replace(base, region="Kharkiv Oblast"),
        replace(base, country="RU"),
        replace(base, day=days_after(1)),
        replace(base, told=days_after(1)),
        replace(base, actors=frozenset({"army"})),
        replace(base, words=frozenset({"shell"})),
        replace(base, context=frozenset({"river"})),
        replace(base, group="w"),
        replace(base, accused="Republic"),
    ]
    ids = {block_id("k", [("a", m)], RULES) for m in [base, *changed]}
    assert len(ids) == len(changed) + 1
    # sets are read in sorted order: the same words in another order name the same block
    again = replace(base, context=frozenset(["bridge", "river"]))
    assert block_id("k", [("a", again)], RULES) == block_id("k", [("a", base)], RULES)


def test_a_context_shared_by_mentions_is_named_by_its_digest_once_per_set() -> None:
    shared = frozenset({"river", "bridge"})
    one, two = on(DAY, context=shared), on(days_after(1), context=shared)
    other = on(days_after(1), context=frozenset({"river", "dam"}))
    plain = kept._Plain()
    first, second = json.loads(plain(one)), json.loads(plain(two))
    digest = first[8]
    assert digest == second[8] and len(digest) == 64 and "river" not in plain(one)
    assert json.loads(plain(other))[8] != digest
    assert first[:8] == [["shelling"], None, None, "UA", DAY.isoformat(), None, [], []]
    assert first[9:] == [None, None]
    assert block_id("k", [("a", one)], RULES, plain) == block_id("k", [("a", one)], RULES)


def test_the_blocks_version_changes_with_the_package_and_each_clustering_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert kept.VERSIONED == (
        "link/incidents.py",
        "link/bounds.py",
        "link/unionfind.py",
        "link/blocks.py",
    )
    for name in kept.VERSIONED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((kept.PACKAGE / name).read_bytes())
    monkeypatch.setattr(kept, "PACKAGE", tmp_path)
    monkeypatch.setattr(kept, "_CODE", [])
    seen = {kept.blocks_version()}
    assert kept.blocks_version() in seen and next(iter(seen)).startswith("sha256:")
    for name in kept.VERSIONED:
        with (tmp_path / name).open("ab") as handle:
            handle.write(b"\n")
        kept._CODE.clear()
        seen.add(kept.blocks_version())
    monkeypatch.setattr(kept, "__version__", "0.0.0-other")
    kept._CODE.clear()
    seen.add(kept.blocks_version())
    assert len(seen) == len(kept.VERSIONED) + 2
    # read once: a change after the first read is not seen until the code is loaded again
    with (tmp_path / "link/blocks.py").open("ab") as handle:
        handle.write(b"\n")
    assert kept.blocks_version() in seen
    assert kept.blocks_version() == make_id("link-blocks", kept._code())


def test_kept_incidents_are_written_as_compact_json_and_read_back() -> None:
    assert kept.to_json([[0, 2], [1]]) == "[[0,2],[1]]"
    assert kept.from_json("[[0,2],[1]]") == [[0, 2], [1]]
    assert kept.from_json("[]") == []


@pytest.mark.parametrize("text", ["[[0, true]]", "[[0.0]]", '[["0"]]', "[0]", "[[0], 1]"])
def test_kept_incidents_of_anything_but_lists_of_integers_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"^not a list of lists of positions$"):
        kept.from_json(text)
