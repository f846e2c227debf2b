"""What every export is made from: the store's latest run, as shared, and where it stands.

An export never re-runs the pipeline: it reads the results the last ``corroborate run``
kept in the store (``store/runs.py``; witnesses already pseudonymised) together with the
store itself (original bytes, ledger rows) for the formats that carry evidence. Every export
names the version that wrote it, the ledger head the results were recorded under, and when
it was made, and can be narrowed to some incidents.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from corroborate import __version__
from corroborate.errors import ConfigError, NotFound
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.store import Store
from corroborate.store.runs import StoredRun, latest_head, run_incidents
from corroborate.store.workspace import case_report_ids, find_case
from corroborate.taxonomy.reviews import incident_statuses


@dataclass(frozen=True, slots=True)
class ExportContext:
    store: Store
    results: RunResults  # the latest run without its incidents, witnesses pseudonymised
    run_seq: int  # the ledger event the results were recorded under
    version: str  # corroborate's version, which wrote the export
    exported_at: str  # ISO 8601, UTC (``SOURCE_DATE_EPOCH`` where set)
    incident_ids: frozenset[str] | None = None  # None: every incident
    key_dir: Path | None = None  # the keys kept outside the store (checkpoint signing)
    case_reports: frozenset[str] | None = None  # a case's reports; None: no case chosen
    status: str | None = None  # only incidents of this status (draft, reviewed, published)
    amends: int = 0  # the run ``run_seq`` amends (a re-grading), its incidents laid over

    @property
    def ledger_head(self) -> str:
        return self.results["ledger_head"]

    def incidents(self) -> Iterator[IncidentJSON]:
        """The incidents to export, in the run's order, read from the store a batch at a
        time: an export never holds the whole run."""
        head = StoredRun(self.run_seq, "", cast(dict[str, Any], self.results), self.amends)
        for found in run_incidents(self.store, head):
            incident = cast(IncidentJSON, found)
            if self.incident_ids is not None and incident["id"] not in self.incident_ids:
                continue
            if self.status is not None and incident.get("status", "draft") != self.status:
                continue
            if self.case_reports is None or any(
                r["id"] in self.case_reports for r in incident["reports"]
            ):
                yield incident


def load_context(
    store: Store,
    *,
    incidents: Collection[str] = (),
    key_dir: Path | None = None,
    case: str | None = None,
    status: str | None = None,
) -> ExportContext:
    """The store's latest run, narrowed to ``incidents`` (ids or unique id prefixes), to the
    incidents of ``case`` (those with a report in it) and to those of ``status`` (as the run
    recorded it); ``key_dir`` lets evidence formats sign a checkpoint."""
    statuses = [s.code for s in incident_statuses()]
    if status is not None and status not in statuses:
        raise ConfigError(
            34, f"not an incident status (one of: {', '.join(statuses)})", subject=status
        )
    reports = case_report_ids(store, find_case(store, case).id) if case is not None else None
    run = latest_head(store)
    if run is None:
        raise NotFound(3, "the store holds no analysis run: run `corroborate run` first")
    results = cast(RunResults, run.results)
    chosen = _chosen(run_incidents(store, run), incidents) if incidents else None
    return ExportContext(
        store, results, run.seq, __version__, _now(), chosen, key_dir, reports, status, run.run
    )


def _chosen(every: Iterable[dict[str, Any]], wanted: Collection[str]) -> frozenset[str]:
    ids = [i["id"] for i in every]
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
