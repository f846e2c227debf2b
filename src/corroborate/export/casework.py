"""A case's view of the latest run: its incidents, narrowed, filtered, sorted and paged.

The service reads what ``corroborate run`` kept (``store/runs.py``; witnesses already
pseudonymised) and never re-runs the pipeline. An incident belongs to a case when at least
one of its reports does; in the case's view it carries only the case's reports, their
statements and the origins they trace back to (its grade is the run's, computed over every
report of the incident). Filters apply to what the reader is shown, so a reader without
witness identities cannot find a witness by name.

Status: what analysts decided (``review``), the run's or one decided since; viewers read
only what is ``published``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from corroborate.export.results import IncidentJSON, OriginJSON, ReportRefJSON, RunResults

Status = Literal["draft", "reviewed", "published"]
STATUSES: tuple[Status, ...] = get_args(Status)
PUBLIC: frozenset[str] = frozenset({"published"})
SortKey = Literal["reports", "first_day", "last_day", "grade", "label"]
SORT_KEYS: tuple[SortKey, ...] = get_args(SortKey)


def status_of(incident: IncidentJSON) -> Status:
    """The status analysts gave the incident (``draft`` until they give one)."""
    found = incident.get("status")
    return next((status for status in STATUSES if status == found), "draft")


def with_statuses(
    incidents: Iterable[IncidentJSON], decided: Mapping[str, str]
) -> list[IncidentJSON]:
    """The incidents with the statuses decided since the run (``decided``: id -> status)."""
    return [
        cast(IncidentJSON, {**i, "status": decided[i["id"]]}) if i["id"] in decided else i
        for i in incidents
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentQuery:
    """What a reader asks of a case's incidents; every field narrows, None ignores it."""

    type: str | None = None  # a violation code
    place: str | None = None  # part of the place's name, any case
    since: str | None = None  # ISO date: incidents that last until this day or later
    until: str | None = None  # ISO date: incidents that began on this day or earlier
    grade: str | None = None  # "B" (reliability) or "B2" (reliability and credibility)
    party: str | None = None  # a conflict party among its origins or statements
    status: Status | None = None
    q: str | None = None  # words in its label, accused, or statements, any case
    sort: SortKey = "reports"
    descending: bool = True
    page: int = 1
    per_page: int = 50

    def filters(self) -> bool:
        """Whether any field narrows (otherwise every incident matches)."""
        narrowing = (self.type, self.place, self.since, self.until, self.grade, self.party)
        return any(value is not None for value in (*narrowing, self.status, self.q))


def case_incidents(results: RunResults, report_ids: Collection[str]) -> list[IncidentJSON]:
    """The run's incidents that have a report in the case, narrowed to those reports."""
    mine = set(report_ids)
    return [
        narrowed
        for incident in results["incidents"]
        if (narrowed := narrow(incident, mine)) is not None
    ]


def narrow(incident: IncidentJSON, report_ids: set[str]) -> IncidentJSON | None:
    reports = [r for r in incident["reports"] if r["id"] in report_ids]
    if not reports:
        return None
    origins: list[OriginJSON] = []
    for origin in incident["origins"]:
        kept = [r for r in origin["report_ids"] if r in report_ids]
        if kept:
            origins.append({**origin, "report_ids": kept})
    narrowed = dict(incident)
    narrowed["reports"] = reports
    narrowed["origins"] = origins
    narrowed["statements"] = [s for s in incident["statements"] if s["report_id"] in report_ids]
    return cast(IncidentJSON, narrowed)


def visible(incidents: Iterable[IncidentJSON], *, published_only: bool) -> list[IncidentJSON]:
    return [i for i in incidents if not published_only or status_of(i) in PUBLIC]


def select(
    incidents: Sequence[IncidentJSON], query: IncidentQuery
) -> tuple[int, list[IncidentJSON]]:
    """How many incidents match, and the requested page of them in the requested order."""
    found = [i for i in incidents if matches(i, query)] if query.filters() else list(incidents)
    found.sort(key=sort_key(query.sort), reverse=query.descending)
    start = (query.page - 1) * query.per_page
    return len(found), found[start : start + query.per_page]


def matches(incident: IncidentJSON, query: IncidentQuery) -> bool:
    checks = (
        query.type is None or query.type in incident["types"],
        query.place is None or _place_matches(incident, query.place),
        query.since is None or (incident["last_day"] or "") >= query.since,
        query.until is None or "" < (incident["first_day"] or "") <= query.until,
        query.grade is None or _grade_code(incident).startswith(query.grade.upper()),
        query.party is None or query.party in parties(incident),
        query.status is None or status_of(incident) == query.status,
        query.q is None or query.q.casefold() in _words(incident),
    )
    return all(checks)


def parties(incident: IncidentJSON) -> set[str]:
    found = {o["party"] for o in incident["origins"] if o["party"]}
    return found | {s["party"] for s in incident["statements"] if s["party"]}


def _place_matches(incident: IncidentJSON, wanted: str) -> bool:
    place = incident["place"]
    if place is None:
        return False
    names = (place["canonical"], place["within"] or "", place["region"] or "")
    return any(wanted.casefold() in name.casefold() for name in names)


def _grade_code(incident: IncidentJSON) -> str:
    grade = incident["grade"]
    return f"{grade['reliability']}{grade['credibility']}"


def _words(incident: IncidentJSON) -> str:
    parts = [
        incident["label"],
        *incident["accused"],
        *(s["content"] for s in incident["statements"]),
    ]
    parts += [s["speaker"] for s in incident["statements"]]
    return "\n".join(parts).casefold()


def sort_key(key: SortKey) -> Callable[[IncidentJSON], Any]:
    keys: dict[str, Callable[[IncidentJSON], Any]] = {
        "reports": lambda i: (len(i["reports"]), i["id"]),
        "first_day": lambda i: (i["first_day"] or "", i["id"]),
        "last_day": lambda i: (i["last_day"] or "", i["id"]),
        # A1 is the strongest: it sorts last ascending, first descending
        "grade": lambda i: (
            -ord(i["grade"]["reliability"][:1] or "Z"),
            -i["grade"]["credibility"],
            i["id"],
        ),
        "label": lambda i: (i["label"].casefold(), i["id"]),
    }
    return keys[key]


def timeline(incident: IncidentJSON) -> list[ReportRefJSON]:
    """The incident's reports in the order they were published (undated ones last)."""
    return sorted(incident["reports"], key=lambda r: (r["published"] is None, r["published"] or ""))


def find_incident(incidents: Iterable[IncidentJSON], incident_id: str) -> IncidentJSON | None:
    return next((i for i in incidents if i["id"] == incident_id), None)


def report_incidents(incidents: Iterable[IncidentJSON], report_id: str) -> list[IncidentJSON]:
    return [i for i in incidents if any(r["id"] == report_id for r in i["reports"])]
