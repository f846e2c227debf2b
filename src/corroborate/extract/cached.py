"""Extraction with the store: reuse what was extracted before, keep what is extracted now.

1. each report's content id (the digest of its stored fields) is looked up in the store's
   extractions at this process's ``extraction_version``; those found are read back;
2. the rest are extracted (in batches, in worker processes where there are many) and each
   batch is written to the store as soon as it is done, in a transaction of its own.

So a second run over a store extracts only the reports that are new (or that another model
or setting extracted), and a run that was interrupted (Ctrl-C, ``kill -9``) and started again
extracts only what it had not finished. The result does not depend on which reports came
from the store: a stored extraction reads back equal to the one that was made. One that
cannot be read back (a row edited by hand) is logged, removed and extracted again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corroborate.extract import Extraction, Extractor
from corroborate.extract.facts.places import find_places
from corroborate.extract.stored import extraction_version, from_json, to_json
from corroborate.model import Report
from corroborate.store import Store
from corroborate.store.core import report_digest
from corroborate.store.extractions import drop_extractions, put_extractions, stored_extractions

if TYPE_CHECKING:
    from corroborate.extract.cluster import Cluster

log = logging.getLogger(__name__)

Tick = Callable[[int, int], None]  # (extracted so far, to extract in all)
WRITE_EVERY = 16  # extractions written to the store together (what a kill can lose)
PER_PROCESS = 50  # fewer reports than this per worker process, and one process does it all


@dataclass(frozen=True, slots=True)
class Extracted:
    """Every report's extraction and places, in the order of the reports given."""

    extractions: list[Extraction]
    places: dict[str, frozenset[str]]  # report id -> canonical names of the places it names
    reused: int  # read back from the store
    extracted: int  # extracted in this run


def extract_with_store(
    store: Store,
    reports: Sequence[Report],
    *,
    fast: bool,
    workers: int,
    tick: Tick | None = None,
    cluster: Cluster | None = None,
) -> Extracted:
    """Each report's extraction, from the store where it was kept, else made and kept: on
    ``cluster``'s workers when one is given (``cluster``), else here."""
    progress = tick or (lambda _done, _total: None)
    version = extraction_version(fast=fast)
    content = {r.id: report_digest(r) for r in reports}
    found = _read_kept(store, reports, content, version)
    reused = len(found)
    missing = [r for r in reports if r.id not in found]
    progress(0, len(missing))
    pending: list[tuple[str, str]] = []
    made = (
        cluster.extract(missing, fast=fast)
        if cluster is not None
        else ([item] for item in _extract(missing, fast=fast, workers=workers))
    )
    for batch in made:  # a cluster's batches are kept as each finishes
        for extraction, places in batch:
            found[extraction.report_id] = (extraction, places)
            pending.append((content[extraction.report_id], to_json(extraction, places)))
        if cluster is not None or len(pending) >= WRITE_EVERY:
            put_extractions(store, version, pending)
            pending = []
        progress(len(found) - reused, len(missing))
    put_extractions(store, version, pending)
    return Extracted(
        extractions=[found[r.id][0] for r in reports],
        places={r.id: found[r.id][1] for r in reports},
        reused=reused,
        extracted=len(missing),
    )


def _read_kept(
    store: Store, reports: Sequence[Report], content: dict[str, str], version: str
) -> dict[str, tuple[Extraction, frozenset[str]]]:
    """The kept extractions of ``reports`` at ``version``; one that cannot be read back is
    logged and removed, so that it is extracted and kept again."""
    kept = dict(stored_extractions(store, list(content.values()), version))
    found: dict[str, tuple[Extraction, frozenset[str]]] = {}
    unreadable = []
    for report in reports:
        if (text := kept.get(content[report.id])) is None:
            continue
        try:
            found[report.id] = from_json(text)
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning(
                "kept extraction of report %s cannot be read (%r): extracting it again",
                report.id,
                exc,
            )
            unreadable.append(content[report.id])
    drop_extractions(store, version, unreadable)
    return found


def _extract(
    reports: Sequence[Report], *, fast: bool, workers: int
) -> Iterator[tuple[Extraction, frozenset[str]]]:
    if not reports:
        return
    extractor = Extractor.load(encoder=not fast)
    processes = max(1, min(workers, len(reports) // PER_PROCESS))
    texts = {r.id: r.text for r in reports}
    for extraction in extractor.extract_reports(reports, processes=processes):
        yield extraction, report_places(texts[extraction.report_id])


def report_places(text: str) -> frozenset[str]:
    """The canonical names of the places a report's text names (what a denial that names
    no place of its own is placed by)."""
    return frozenset(p.canonical for p in find_places(text))
