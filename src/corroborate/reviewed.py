"""A run's linking with the analysts' reviews laid over it, before it is graded.

``results`` builds the incidents people read from a ``Reviewed``: the machine's incidents
(``link``) with ``review.Overlay``'s corrections, verdicts, wire copies, merges, splits,
moves and statuses applied. Without reviews, the machine's incidents are taken untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from corroborate.link import LinkedIndex, report_stances
from corroborate.model import (
    Allegation,
    Copy,
    Incident,
    Linked,
    Place,
    Span,
    Stance,
    Statement,
    TimeRef,
)
from corroborate.review import Group, Overlay


@dataclass(slots=True)
class IncidentView:
    """An incident as reviewed: the statements that count, the review group it came from (its
    status, the decisions that shaped it) and the statements analysts rejected."""

    incident: Incident
    group: Group
    rejected: list[Statement] = field(default_factory=list)


class Reviewed:
    """``linked`` with ``overlay``'s reviews laid over it: corrected statements, wire copies
    marked or unmarked, incidents merged, split or moved into, rejected statements aside."""

    def __init__(
        self,
        overlay: Overlay,
        linked: Linked,
        report_ids: set[str] | frozenset[str],
        *,
        index: LinkedIndex | None = None,
        wanted: Callable[[Group], bool] | None = None,
    ) -> None:
        """``wanted`` picks the review groups to view (all, by default): every group is
        formed, and every review found or orphaned, as for all of them."""
        self.overlay = overlay
        self.skipped: list[Group] = []  # the groups ``wanted`` left out
        self.views: list[IncidentView]
        if not overlay.events and wanted is None:  # without reviews: the machine's, untouched
            self.linked = linked
            self.groups = [
                Group([s.attribution.key for s in i.statements]) for i in linked.incidents
            ]
            self.views = [
                IncidentView(i, g) for i, g in zip(linked.incidents, self.groups, strict=True)
            ]
            return
        index = index or LinkedIndex.of(linked)
        self._machine = linked.incidents
        self._corrected_in: dict[int, list[Statement]] = {}
        self.groups = overlay.regroup(index.keys)
        self.views = []
        for group in self.groups:
            if wanted is None or wanted(group):
                self.views.append(self._view(group, index.where))
            else:
                self.skipped.append(group)
        copies = _copies(linked.copies, overlay, set(report_ids))
        self.linked = Linked(copies, [view.incident for view in self.views])
        overlay.mark_present(set(index.where), set(report_ids))

    def _corrected_incident(self, n: int) -> list[Statement]:
        """The ``n``-th machine incident's statements with analysts' corrections, made once."""
        found = self._corrected_in.get(n)
        if found is None:
            found = self._corrected_in[n] = [
                self._corrected(s) for s in self._machine[n].statements
            ]
        return found

    def speaker_decisions(self, statement: Statement) -> tuple[str | None, str | None]:
        """``(party, kind)`` an analyst decided for the statement's speaker, where any."""
        fixes = self.overlay.corrections(statement.attribution.key)
        party, kind = fixes.get("party"), fixes.get("kind")
        return (party.get("value") if party else None), (kind.get("value") if kind else None)

    def _corrected(self, statement: Statement) -> Statement:
        fixes = {
            f: e.get("value")
            for f, e in self.overlay.corrections(statement.attribution.key).items()
        }
        attribution, allegation = statement.attribution, statement.allegation
        if "speaker" in fixes:
            speaker = replace(
                attribution.speaker, canonical=fixes["speaker"], affiliation=None, unresolved=False
            )
            attribution = replace(attribution, speaker=speaker)
        if {"types", "place", "time"} & set(fixes):
            allegation = _alleged(allegation or Allegation(attribution.id, ()), fixes)
        stance = Stance(fixes["stance"]) if "stance" in fixes else statement.stance
        sure = None if "stance" in fixes else statement.stance_certainty  # the analyst's now
        return Statement(statement.report_id, attribution, stance, allegation, sure)

    def _view(self, group: Group, where: dict[str, list[int]]) -> IncidentView:
        members = _members(group, self._corrected_incident, where)
        live = [s for s in members if self.overlay.verdict(s.attribution.key) != "reject"]
        incident = Incident(
            allegations=[s.allegation for s in live if s.allegation],
            statements=live,
            report_stances=report_stances(live),
        )
        return IncidentView(incident, group, [s for s in members if s not in live])


def _alleged(allegation: Allegation, fixes: dict[str, str]) -> Allegation:
    if "types" in fixes:
        allegation = replace(allegation, violation_types=tuple(fixes["types"].split(",")))
    if "place" in fixes:
        allegation = replace(allegation, place=Place(fixes["place"], fixes["place"]))
    if "time" in fixes:
        value = fixes["time"]
        allegation = replace(allegation, time=TimeRef(Span(0, 0, value), value))
    return allegation


def _members(
    group: Group, incidents: Callable[[int], list[Statement]], where: dict[str, list[int]]
) -> list[Statement]:
    """A review group's statements: for each of its ids, those of the machine incident that
    shares the most with the group (a statement alleging two violations may sit in two
    incidents, one allegation in each); ``where`` gives each id's incidents, ``incidents(n)``
    the statements of the ``n``-th. They keep the machine's order, incident by incident."""
    keys = set(group.keys)
    found: dict[int, set[str]] = {}
    for key in group.keys:
        best = where[key][0]
        if len(where[key]) > 1:
            best = max(
                where[key], key=lambda n: len(keys & {s.attribution.key for s in incidents(n)})
            )
        found.setdefault(best, set()).add(key)
    return [s for n, taken in found.items() for s in incidents(n) if s.attribution.key in taken]


def _copies(copies: dict[str, Copy], overlay: Overlay, report_ids: set[str]) -> dict[str, Copy]:
    """Text reuse's copies, with the wire copies analysts marked or unmarked."""
    found = dict(copies)
    for report_id in overlay.copied() & report_ids:
        event = overlay.copy(report_id)
        if event is None or event.action == "unmark_copy":
            found.pop(report_id, None)
        elif event.get("value") in report_ids:
            found[report_id] = Copy(report_id, event.get("value"), 0.0, 0.0)
    return found
