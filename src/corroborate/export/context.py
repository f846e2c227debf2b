"""What every export is made from: the store's latest run, as shared, and where it stands.

An export never re-runs the pipeline: it reads the results the last ``corroborate run``
kept in the store (``store/runs.py``; witnesses already pseudonymised) together with the
store itself (original bytes, ledger rows) for the formats that carry evidence. Every export
names the version that wrote it, the ledger head the results were recorded under, and when
it was made, and can be narrowed to some incidents.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from corroborate import __version__
from corroborate.errors import NotFound
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.store import Store
from corroborate.store.runs import latest_run


@dataclass(frozen=True, slots=True)
class ExportContext:
    store: Store
    results: RunResults  # the latest run, witnesses pseudonymised
    run_seq: int  # the ledger event the results were recorded under
    version: str  # corroborate's version, which wrote the export
    exported_at: str  # ISO 8601, UTC (``SOURCE_DATE_EPOCH`` where set)
    incident_ids: frozenset[str] | None = None  # None: every incident

    @property
    def ledger_head(self) -> str:
        return self.results["ledger_head"]

    def incidents(self) -> Iterator[IncidentJSON]:
        """The incidents to export, in the run's order."""
        for incident in self.results["incidents"]:
            if self.incident_ids is None or incident["id"] in self.incident_ids:
                yield incident


def load_context(store: Store, *, incidents: Collection[str] = ()) -> ExportContext:
    """The store's latest run, narrowed to ``incidents`` (ids or unique id prefixes)."""
    run = latest_run(store)
    if run is None:
        raise NotFound(3, "the store holds no analysis run: run `corroborate run` first")
    results = cast(RunResults, run.results)
    chosen = _chosen(results, incidents) if incidents else None
    return ExportContext(store, results, run.seq, __version__, _now(), chosen)


def _chosen(results: RunResults, wanted: Collection[str]) -> frozenset[str]:
    ids = [i["id"] for i in results["incidents"]]
    chosen = set()
    for prefix in wanted:
        found = [i for i in ids if i.startswith(prefix) or i.split(":", 1)[-1].startswith(prefix)]
        if not found:
            raise NotFound(4, "no incident of the latest run has this id", subject=prefix)
        if len(found) > 1:
            raise NotFound(
                5, "more than one incident has this prefix: give more of it", subject=prefix
            )
        chosen.add(found[0])
    return frozenset(chosen)


def _now() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return moment.isoformat(timespec="seconds")
