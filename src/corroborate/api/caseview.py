"""A case's view of the latest run, indexed once for the reads that follow.

The service builds one ``CaseView`` per case each time the ledger head or the case's reports
change (``Service._case_view``); every read until then looks incidents up in it instead of
scanning the run: an incident by id, the incidents holding a report, the evidence a viewer
may reach, and each list order, sorted once and kept (a filter keeps the order it is given,
so a filtered page is a pass over the sorted list, no sort).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from corroborate.export.casework import (
    PUBLIC,
    IncidentQuery,
    SortKey,
    matches,
    sort_key,
    status_of,
)
from corroborate.export.results import IncidentJSON

# which incidents (a viewer's: published only), as whom (with identities revealed), in which order
Order = tuple[bool, bool, SortKey]


@dataclass
class CaseView:
    """The case's incidents (every status) at one ledger head and case version."""

    head: int
    version: int
    run_seq: int  # the run (or its amendment) the incidents are from
    incidents: list[IncidentJSON]
    by_id: dict[str, IncidentJSON] = field(init=False)
    by_report: dict[str, list[IncidentJSON]] = field(init=False)
    _revealed: list[IncidentJSON] | None = None
    _orders: dict[Order, list[IncidentJSON]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.by_id = {i["id"]: i for i in self.incidents}
        self.by_report = {}
        for incident in self.incidents:
            for report in incident["reports"]:
                self.by_report.setdefault(report["id"], []).append(incident)

    def visible(self, *, published_only: bool) -> list[IncidentJSON]:
        return [i for i in self.incidents if not published_only or status_of(i) in PUBLIC]

    def incident(self, incident_id: str, *, published_only: bool) -> IncidentJSON | None:
        found = self.by_id.get(incident_id)
        return found if found is not None and _shown(found, published_only) else None

    def holding(self, report_id: str, *, published_only: bool) -> list[IncidentJSON]:
        """The incidents (in the view's order) that hold the report."""
        return [i for i in self.by_report.get(report_id, ()) if _shown(i, published_only)]

    def has_blob(self, blob_id: str, *, published_only: bool) -> bool:
        shown = (i for i in self.incidents if _shown(i, published_only))
        return any(r["blob_id"] == blob_id for i in shown for r in i["reports"])

    def page(
        self,
        query: IncidentQuery,
        *,
        published_only: bool,
        reveal: Callable[[list[IncidentJSON]], list[IncidentJSON]] | None = None,
    ) -> tuple[int, list[IncidentJSON]]:
        """``casework.select`` over the kept order: how many match, and the page asked for.
        ``reveal`` (for a member with the witness-identities grant) gives the incidents as
        that member reads them, once per view; filters and order apply to what is read."""
        ordered = self._ordered((published_only, reveal is not None, query.sort), reveal)
        if query.descending:
            ordered = ordered[::-1]  # sort keys end with the id: no two are equal
        found = ordered if not query.filters() else [i for i in ordered if matches(i, query)]
        start = (query.page - 1) * query.per_page
        return len(found), found[start : start + query.per_page]

    def _ordered(
        self, order: Order, reveal: Callable[[list[IncidentJSON]], list[IncidentJSON]] | None
    ) -> list[IncidentJSON]:
        kept = self._orders.get(order)
        if kept is not None:
            return kept
        with self._lock:
            source = self.incidents
            if reveal is not None:
                if self._revealed is None:
                    self._revealed = reveal(self.incidents)
                source = self._revealed
            kept = [i for i in source if _shown(i, order[0])]
            kept.sort(key=sort_key(order[2]))
            self._orders[order] = kept
        return kept


def _shown(incident: IncidentJSON, published_only: bool) -> bool:
    return not published_only or status_of(incident) in PUBLIC
