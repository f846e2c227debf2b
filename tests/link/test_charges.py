"""Linking with incidents' charges and stances kept by earlier runs gives what linking
without them gives.

Corpora come from the generator of ``bench/link_scale.py`` (the sample corpus's sentences);
reports are added in batches, each run reading the blocks and the charges earlier runs kept
(through JSON, as the store keeps them), and the last run must equal one run over every
report with nothing kept: the same copies, incidents and stances, and every charge read back
equal to the one decided anew. Denials are tried against every charge, kept or not.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bench import link_scale
from corroborate.link import blocks as kept_blocks_json
from corroborate.link import charges as kept_json
from corroborate.link.assemble import link
from corroborate.link.blocks import BlockMemo
from corroborate.link.charges import ChargeMemo, Decided, charges_version
from corroborate.link.kept import keep_blocks, keep_charges, kept_blocks, kept_charges, prune_kept
from corroborate.link.stored import encode
from corroborate.model import Allegation, Attribution, Linked, Report
from corroborate.store import Store, schema
from corroborate.store.link_blocks import count_link_blocks, put_link_blocks
from tests.link.sample_sentences import sample_sentences
from tests.link.test_assemble import CLAIM, named_in, report, statement

Statements = dict[str, tuple[list[Attribution], list[Allegation]]]


@pytest.fixture(autouse=True, scope="module")
def sentences_once() -> Iterator[None]:
    original = link_scale._sentences
    link_scale._sentences = sample_sentences  # type: ignore[method-assign]
    yield
    link_scale._sentences = original  # type: ignore[method-assign]


class Shelf:
    """Blocks and charges kept between runs as JSON, as the store keeps them."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}
        self.charges: dict[str, str] = {}

    def memos(self) -> tuple[BlockMemo, ChargeMemo]:
        return BlockMemo(
            lambda ids: {
                i: kept_blocks_json.from_json(self.blocks[i]) for i in ids if i in self.blocks
            }
        ), ChargeMemo(
            lambda ids: {i: kept_json.from_json(self.charges[i]) for i in ids if i in self.charges}
        )

    def keep(self, blocks: BlockMemo, charges: ChargeMemo) -> None:
        self.blocks |= {i: kept_blocks_json.to_json(g) for i, g in blocks.made.items()}
        self.charges |= {i: kept_json.to_json(d) for i, d in charges.made.items()}


def run(
    reports: Sequence[Report],
    statements: Statements,
    memos: tuple[BlockMemo, ChargeMemo] | None = None,
) -> Linked:
    places = {r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports}
    blocks, charges = memos or (None, None)
    chosen = {r.id: statements[r.id] for r in reports}
    return link(reports, chosen, places, blocks=blocks, charges=charges)


def in_batches(
    reports: list[Report], statements: Statements, batch: list[int]
) -> tuple[Linked, Shelf, list[ChargeMemo]]:
    shelf, used = Shelf(), []
    for last in range(max(batch) + 1):
        memos = shelf.memos()
        chosen = [r for r, b in zip(reports, batch, strict=True) if b <= last]
        linked = run(chosen, statements, memos)
        shelf.keep(*memos)
        used.append(memos[1])
    return linked, shelf, used


def decided_anew(reports: list[Report], statements: Statements) -> tuple[Linked, ChargeMemo]:
    """A run with nothing kept, its memo holding every incident's charge as decided."""
    memos = (BlockMemo(), ChargeMemo())
    return run(reports, statements, memos), memos[1]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), size=st.integers(15, 80), data=st.data())
def test_linking_in_batches_with_kept_charges_equals_linking_at_once(
    seed: int, size: int, data: st.DataObject
) -> None:
    reports, statements = link_scale.corpus(size, seed)
    batch = data.draw(st.lists(st.integers(0, 3), min_size=size, max_size=size))
    linked, shelf, memos = in_batches(reports, statements, batch)
    once = run(reports, statements)
    assert encode(linked) == encode(once)
    fresh, anew = decided_anew(reports, statements)
    assert encode(fresh) == encode(once)
    assert memos[-1].used == set(anew.made) and len(anew.made) == len(once.incidents)
    for charge_id in memos[-1].used:  # read back (or decided) equal to decided anew
        assert kept_json.from_json(shelf.charges[charge_id]) == anew.made[charge_id]


def test_unchanged_incidents_read_their_charges_back_and_new_ones_are_decided() -> None:
    reports, statements = link_scale.corpus(90, 4)
    shelf = Shelf()
    first = shelf.memos()
    run(reports[:60], statements, first)
    shelf.keep(*first)
    again = shelf.memos()
    linked = run(reports[:60], statements, again)
    assert again[1].made == {} and again[1].reused == len(linked.incidents) >= 5
    more = shelf.memos()
    linked = run(reports, statements, more)
    assert encode(linked) == encode(run(reports, statements))
    assert more[1].reused > 0 and len(more[1].made) > 0  # some kept, some decided
    assert more[1].reused + len(more[1].made) == len(linked.incidents)


def _denial_and_claims() -> tuple[list[Report], Statements]:
    first = report("a.txt", f"Dobrynets said {CLAIM}. " * 3)
    other = report("b.txt", f"Palenko said {CLAIM}.", "2022-04-13")
    denial = report(
        "c.txt", "Halchenko denied the claims about Sloviansk, calling them fabricated."
    )
    statements: Statements = {}
    for rep, name in ((first, "Arkady Dobrynets"), (other, "Olena Palenko")):
        attribution, allegations = statement(rep, name, CLAIM, "said", ("torture", "extortion"))
        statements[rep.id] = ([attribution], allegations)
    attribution, _ = statement(
        denial, "Iryna Halchenko", "the claims about Sloviansk, calling them fabricated", "denied"
    )
    statements[denial.id] = ([attribution], [])
    return [first, other, denial], statements


@pytest.mark.parametrize("first_batch", [["denial"], ["a", "b"], ["a", "denial"]])
def test_denials_old_and_new_are_tried_against_every_charge(first_batch: list[str]) -> None:
    """A denial stored before the charge it answers, or a charge kept before the denial
    arrives: the denial attaches as in one run over all three reports."""
    reports, statements = _denial_and_claims()
    names = dict(zip(["a", "b", "denial"], reports, strict=True))
    places = {r.id: {"Sloviansk"} for r in reports}
    shelf = Shelf()

    def linked(chosen: list[Report], memos: tuple[BlockMemo, ChargeMemo] | None) -> Linked:
        blocks, charges = memos or (None, None)
        mine = {r.id: statements[r.id] for r in chosen}
        return link(chosen, mine, places, places_in=named_in, blocks=blocks, charges=charges)

    first = shelf.memos()
    linked([names[n] for n in first_batch], first)
    shelf.keep(*first)
    second = shelf.memos()
    incremental = linked(reports, second)
    assert encode(incremental) == encode(linked(reports, None))
    [incident] = incremental.incidents
    assert incident.report_stances[names["denial"].id] == "denies"
    if first_batch == ["a", "b"]:
        assert second[1].reused == 1 and second[1].made == {}  # the charge was read back


def test_a_kept_charge_reads_back_equal_and_garbage_raises_only_value_errors() -> None:
    reports, statements = link_scale.corpus(40, 9)
    _, memo = decided_anew(reports, statements)
    for decided in memo.made.values():
        assert kept_json.from_json(kept_json.to_json(decided)) == decided
    for text in ("{", "[]", '{"days": [1, 2, 3]}', '{"accused": 1}', "null"):
        with pytest.raises((ValueError, TypeError, KeyError)):
            kept_json.from_json(text)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=80))
def test_reading_any_text_as_a_kept_charge_raises_only_value_errors(text: str) -> None:
    with contextlib.suppress(ValueError, TypeError, KeyError):
        assert isinstance(kept_json.from_json(text), Decided)


def test_a_kept_charge_of_another_size_or_unreadable_is_decided_again(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    reports, statements = link_scale.corpus(30, 2)
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    first = (kept_blocks(store), kept_charges(store))
    once = run(reports, statements, first)
    assert keep_charges(store, first[1]) == len(first[1].made) == len(once.incidents)
    assert count_link_blocks(store, charges_version()) == len(once.incidents)
    table = schema.link_blocks
    with store.engine.begin() as conn:
        ids = sorted(
            conn.execute(
                select(table.c.content_id).where(table.c.version == charges_version())
            ).scalars()
        )
        conn.execute(table.update().where(table.c.content_id == ids[0]).values(incidents="{"))
        wrong = kept_json.from_json(
            conn.execute(select(table.c.incidents).where(table.c.content_id == ids[1])).scalar_one()
        )
    too_many = Decided(wrong.charge, (*wrong.stances, *wrong.stances))
    with store.engine.begin() as conn:
        conn.execute(
            table.update()
            .where(table.c.content_id == ids[1])
            .values(incidents=kept_json.to_json(too_many))
        )
    again = (BlockMemo(), kept_charges(store))
    with caplog.at_level(logging.WARNING):
        linked = run(reports, statements, again)
    assert "cannot be read" in caplog.text
    assert encode(linked) == encode(once)
    assert set(again[1].made) == {ids[0], ids[1]} and again[1].reused == len(ids) - 2


def test_rows_no_current_block_or_charge_uses_are_pruned(tmp_path: Path) -> None:
    reports, statements = link_scale.corpus(70, 6)
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    for chosen in (reports[:40], reports):
        memos = (kept_blocks(store), kept_charges(store))
        run(chosen, statements, memos)
        keep_blocks(store, memos[0])
        keep_charges(store, memos[1])
        if chosen is reports:
            stale = count_link_blocks(store) - len(memos[0].used | memos[1].used)
            assert stale > 0  # the first run's block, and the charges new reports changed
    put_link_blocks(store, "sha256:an-older-version", [("sha256:old", "[]")])
    assert prune_kept(store, *memos) == stale + 1
    assert count_link_blocks(store) == len(memos[0].used | memos[1].used)
    with store.engine.connect() as conn:
        kept = set(conn.execute(select(schema.link_blocks.c.content_id)).scalars())
    assert kept == memos[0].used | memos[1].used
    assert prune_kept(store, *memos) == 0
