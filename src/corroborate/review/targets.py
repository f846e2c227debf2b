"""What an analyst can name: the statements, reports and incidents of the latest run.

A review names its target by the stable id the results show (``id`` of a statement, report or
incident in ``results.json``) or by a unique prefix of it, as git names commits. The target's
current values (speaker, stance, place, …) are what a correction replaces.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from corroborate.errors import NotFound
from corroborate.store import Store
from corroborate.store.runs import latest_run

KINDS = ("statement", "report", "incident")


@dataclass(frozen=True, slots=True)
class Targets:
    """The latest run's targets, by id."""

    statements: dict[str, dict[str, Any]] = field(default_factory=dict)
    reports: dict[str, dict[str, Any]] = field(default_factory=dict)
    incidents: dict[str, dict[str, Any]] = field(default_factory=dict)
    incident_of: dict[str, str] = field(default_factory=dict)  # statement id -> incident id

    @classmethod
    def of(cls, results: Mapping[str, Any]) -> Targets:
        found = cls()
        for incident in results.get("incidents", []):
            found.incidents[incident["id"]] = incident
            for statement in incident["statements"]:
                found.statements.setdefault(statement["id"], statement)
                found.incident_of.setdefault(statement["id"], incident["id"])
            for report in incident["reports"]:
                found.reports.setdefault(report["id"], report)
        return found

    def resolve(self, ref: str, kinds: tuple[str, ...] = KINDS) -> tuple[str, str]:
        """``(kind, full id)`` of the one target of ``kinds`` whose id starts with ``ref``."""
        key = ref if ref.startswith("sha256:") else f"sha256:{ref}"
        exact = [(kind, key) for kind in kinds if key in self._of(kind)]
        if len(exact) == 1:  # a whole id (ids are all as long): no other can start with it
            return exact[0]
        matches = sorted(
            {(kind, i) for kind in kinds for i in self._of(kind) if i.startswith(key) and ref}
        )
        if not matches:
            names = " or ".join(kinds)
            raise NotFound(6, f"no {names} of the latest run has this id or prefix", subject=ref)
        if len(matches) > 1:
            raise NotFound(7, "more than one target has this prefix: give more of it", subject=ref)
        return matches[0]

    def statement_ids(self, incident_id: str) -> list[str]:
        return [s["id"] for s in self.incidents[incident_id]["statements"]]

    def _of(self, kind: str) -> dict[str, dict[str, Any]]:
        if kind == "statement":
            return self.statements
        return self.reports if kind == "report" else self.incidents


def load_targets(store: Store) -> Targets:
    """The targets of the store's latest run (N003 when it was never analysed), found once
    per store handle and run (or amendment of it)."""
    run = latest_run(store)
    if run is None:
        raise NotFound(3, "the store holds no analysis run: run `corroborate run` first")
    kept = _kept.get(store)
    if kept is not None and kept[0] == run.seq:
        return kept[1]
    found = Targets.of(run.results)
    _kept[store] = (run.seq, found)
    return found


_kept: weakref.WeakKeyDictionary[Store, tuple[int, Targets]] = weakref.WeakKeyDictionary()
