"""3a'. Linking features and blocks' incidents read back from the store, and new ones kept.

The I/O edge of ``features`` and ``blocks``: ``kept_features`` reads each report's kept
features at this run's version (a row that cannot be read back is logged, removed and read
again from the report), and ``keep_features`` stores those a run worked out anew;
``kept_blocks`` gives linking a ``BlockMemo`` that reads blocks' incidents from the store
(a row that cannot be read back is logged, removed and clustered again), and
``keep_blocks`` stores the blocks a run clustered; ``kept_charges`` and ``keep_charges`` do
the same for incidents' charges and stances (``charges``), in the same table under their own
version; ``prune_kept`` removes the rows of blocks and charges the last run did not use.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corroborate.link import blocks, charges
from corroborate.link.blocks import BlockMemo, Groups, blocks_version
from corroborate.link.charges import ChargeMemo, Decided, charges_version
from corroborate.link.features import ReportFeatures, from_json, to_json
from corroborate.model import Report
from corroborate.store import Store
from corroborate.store.core import report_digest
from corroborate.store.link_blocks import (
    drop_link_blocks,
    prune_link_blocks,
    put_link_blocks,
    stored_link_blocks,
)
from corroborate.store.link_features import (
    drop_link_features,
    put_link_features,
    stored_link_features,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Kept:
    """The features read back (by report id), at ``version``, and each report's content id."""

    version: str
    content: dict[str, str]
    features: dict[str, ReportFeatures]


def kept_features(store: Store, reports: Sequence[Report], version: str) -> Kept:
    content = {r.id: report_digest(r) for r in reports}
    rows = dict(stored_link_features(store, list(content.values()), version))
    found: dict[str, ReportFeatures] = {}
    unreadable = []
    for report in reports:
        if (text := rows.get(content[report.id])) is None:
            continue
        try:
            found[report.id] = from_json(text)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("kept link features of report %s cannot be read (%r)", report.id, exc)
            unreadable.append(content[report.id])
    if unreadable:
        drop_link_features(store, version, unreadable)
    return Kept(version, content, found)


def keep_features(store: Store, kept: Kept, made: Mapping[str, ReportFeatures]) -> int:
    """Store the features of reports that had none kept; how many rows were new."""
    rows = [(kept.content[rid], to_json(f)) for rid, f in made.items() if rid not in kept.features]
    return put_link_features(store, kept.version, rows)


def kept_blocks(store: Store) -> BlockMemo:
    """A memo that reads the blocks' incidents kept in ``store`` at this code's version."""
    version = blocks_version()

    def lookup(block_ids: Sequence[str]) -> dict[str, Groups]:
        found: dict[str, Groups] = {}
        unreadable = []
        for block_id, text in stored_link_blocks(store, block_ids, version):
            try:
                found[block_id] = blocks.from_json(text)
            except (ValueError, TypeError) as exc:
                log.warning("kept incidents of block %s cannot be read (%r)", block_id, exc)
                unreadable.append(block_id)
        drop_link_blocks(store, version, unreadable)
        return found

    return BlockMemo(lookup)


def keep_blocks(store: Store, memo: BlockMemo) -> int:
    """Store the incidents of the blocks a run clustered; how many rows were new."""
    rows = [(block_id, blocks.to_json(groups)) for block_id, groups in memo.made.items()]
    return put_link_blocks(store, blocks_version(), rows)


def kept_charges(store: Store) -> ChargeMemo:
    """A memo that reads the incidents' charges kept in ``store`` at this code's version."""
    version = charges_version()

    def lookup(charge_ids: Sequence[str]) -> dict[str, Decided]:
        found: dict[str, Decided] = {}
        unreadable = []
        for charge_id, text in stored_link_blocks(store, charge_ids, version):
            try:
                found[charge_id] = charges.from_json(text)
            except (ValueError, TypeError, KeyError) as exc:
                log.warning("kept charge %s cannot be read (%r)", charge_id, exc)
                unreadable.append(charge_id)
        drop_link_blocks(store, version, unreadable)
        return found

    return ChargeMemo(lookup)


def keep_charges(store: Store, memo: ChargeMemo) -> int:
    """Store the charges and stances a run decided; how many rows were new."""
    rows = [(charge_id, charges.to_json(found)) for charge_id, found in memo.made.items()]
    return put_link_blocks(store, charges_version(), rows)


def prune_kept(store: Store, blocks_memo: BlockMemo, charges_memo: ChargeMemo) -> int:
    """Remove the kept rows of every block and charge the run of these memos did not use
    (stale: their members changed, or another code's version made them); how many."""
    return prune_link_blocks(store, blocks_memo.used | charges_memo.used)
