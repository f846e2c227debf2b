"""How much one decision would move an incident's grade: pure, from the run's results alone.

An incident's grade is computed from its origins (the supporting statements, wire copies
collapsed) and the denials it met (``grade.grade``). For each statement an analyst has not
decided yet, the incident is graded again twice, with the grading functions themselves:
with the statement rejected (it counts for nothing), and with its stance flipped (a
supporting or neutral statement read as a denial's opposite: ``supports`` becomes
``denies``, anything else becomes ``supports``). The size of a change is the distance
between the grades, letter steps plus digit steps, plus one when the standard of proof
changes: C1 to C3 is 2, C1 to F6 is 8.

The origins and denials are rebuilt from the incident as the results list them, so the
estimate compares like with like (the rebuilt grade against the rebuilt grade changed); a
new origin's kind, where a denial is read as support, is classified as the run classifies
a claim's, from the speaker and the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from corroborate.export.results import IncidentJSON, StatementJSON
from corroborate.grade import classify, grade
from corroborate.model import AGAINST, Claim, Denial, Grade, Origin, OriginKind, Stance
from corroborate.taxonomy.registry import Registry, registry

LETTERS = "ABCDEF"


@dataclass(frozen=True, slots=True)
class Change:
    """A statement's two alternatives and the larger of the two distances."""

    statement_id: str
    now: Grade
    rejected: Grade
    flipped: Grade
    flipped_to: str

    @property
    def size(self) -> int:
        return max(distance(self.now, self.rejected), distance(self.now, self.flipped))


def distance(a: Grade, b: Grade) -> int:
    letters = abs(LETTERS.index(a.reliability) - LETTERS.index(b.reliability))
    return letters + abs(a.credibility - b.credibility) + (a.standard != b.standard)


def flipped_stance(stance: str) -> Stance:
    return Stance.DENIES if stance == Stance.SUPPORTS else Stance.SUPPORTS


def changes(incident: IncidentJSON, undecided: set[str]) -> list[Change]:
    """The change each undecided statement of ``incident`` could make, largest first (the
    order of the incident's statements among equals)."""
    now = regrade(incident, incident["statements"])
    found = []
    for said in incident["statements"]:
        if said["id"] not in undecided or said["verdict"] == "reject":
            continue
        others = [s for s in incident["statements"] if s is not said]
        turned = flipped_stance(said["stance"])
        turned_said: StatementJSON = {**said, "stance": turned}
        flipped = regrade(
            incident, [*others, turned_said], turned_said if turned == Stance.SUPPORTS else None
        )
        found.append(Change(said["id"], now, regrade(incident, others), flipped, turned))
    return sorted(found, key=lambda c: -c.size)


def regrade(
    incident: IncidentJSON, statements: list[StatementJSON], new: StatementJSON | None = None
) -> Grade:
    """The incident's grade were ``statements`` its statements (rejected ones left out), with
    ``new``, a statement read as support, an origin of its own unless its speaker's is there."""
    live = [s for s in statements if s["verdict"] != "reject"]
    result = grade(
        _origins(incident, live, new), _denials(live), reports=max(1, len(incident["reports"]))
    )
    # grades are compared, not read: the words are left out
    return Grade(result.reliability, result.credibility, result.standard)


def _origins(
    incident: IncidentJSON, live: list[StatementJSON], new: StatementJSON | None
) -> list[Origin]:
    """The incident's origins, each keeping only the reports where its speaker still
    supports it (an origin left with none is gone)."""
    held = {(s["speaker"], s["report_id"]) for s in live if s["stance"] == Stance.SUPPORTS}
    found: list[Origin] = []
    for origin in incident["origins"]:
        kept = [r for r in origin["report_ids"] if (origin["speaker"], r) in held]
        if kept:
            found.append(
                Origin(
                    origin["id"],
                    OriginKind(origin["kind"]),
                    origin["speaker"] or "",
                    origin["party"],
                    kept,
                )
            )
    if new is not None:
        same = [o for o in found if o.speaker == new["speaker"]]  # its origin gains a report
        if same:
            same[0].report_ids.append(new["report_id"])
        else:
            claim = Claim(new["report_id"], new["speaker"], party=new["party"])
            kind, party = classify(claim, _registry())
            found.append(
                Origin(new["id"], OriginKind(kind), new["speaker"], party, [new["report_id"]])
            )
    return found


def _denials(live: list[StatementJSON]) -> list[Denial]:
    """The denials; one counts as independent where the run would count it so, from a
    registered NGO or intergovernmental body of no party."""
    return [
        Denial(
            s["report_id"],
            s["speaker"],
            s["party"],
            s["stance"] == Stance.COUNTER_ACCUSES,
            s["party"] is None and _monitor(s["speaker"]),
        )
        for s in live
        if s["stance"] in AGAINST
    ]


def _monitor(speaker: str) -> bool:
    source = _registry().lookup(speaker)
    return source is not None and source.kind in ("ngo", "intergovernmental")


@cache
def _registry() -> Registry:
    return registry()
