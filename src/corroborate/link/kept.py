"""3a'. Linking features read back from the store, and new ones kept there.

The I/O edge of ``features``: ``kept_features`` reads each report's kept features at this
run's version (a row that cannot be read back is logged, removed and read again from the
report), and ``keep_features`` stores those a run worked out anew.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from corroborate.link.features import ReportFeatures, from_json, to_json
from corroborate.model import Report
from corroborate.store import Store
from corroborate.store.core import report_digest
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
