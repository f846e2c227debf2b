"""The wire form of a run's results: what ``corroborate run`` writes as ``results.json`` and
what the HTML report renders. Plain JSON types, one ``TypedDict`` per object."""

from __future__ import annotations

from typing import NotRequired, TypedDict


class PlaceJSON(TypedDict):
    canonical: str
    lat: float | None
    lon: float | None
    country: str | None
    within: str | None
    geonames_id: int | None  # GeoNames id, where known
    region: str | None  # ISO 3166-2 code of the first-level region, where known
    resolved: bool  # False: several places bear the name and the reports do not say which


class GradeJSON(TypedDict):
    reliability: str  # A-F
    credibility: int  # 1-6
    standard: str  # e.g. "reasonable grounds to believe", "credible allegation", "unverified claim"
    explanation: str  # the grade in words


class OriginJSON(TypedDict):
    id: str
    kind: str  # party | independent | witness | documentary | unregistered | unknown
    speaker: str | None  # canonical speaker, or the outlet/organisation
    party: str | None  # the conflict party the origin belongs to, if any
    report_ids: list[str]  # every report that traces back to this origin


class ReportRefJSON(TypedDict):
    id: str
    title: str | None
    source_name: str
    outlet: str | None
    published: str | None  # ISO date when known
    url: str | None  # where it was published, as recorded (never fetched)
    blob_id: str  # the preserved evidence: the stored bytes' digest
    stance: str  # supports | denies | counter_accuses | neutral
    origin_id: str | None
    via: list[str]  # outlet chain, nearest first
    copy_of: str | None  # report id this one copies (text reuse), if any


class StatementJSON(TypedDict):
    id: str  # stable: its report and its words; reviews name it (docs/reviews.md)
    verdict: str | None  # an analyst's: confirm | reject (a rejected one counts for nothing)
    report_id: str
    speaker: str
    party: str | None
    stance: str
    content: str
    types: list[str]
    time: str | None
    # how sure the machine was of the attribution and of the stance, 0 to 1, for review order
    # (docs/workflow.md): not a probability that the statement is true; the stance's is None
    # once an analyst corrected it; absent from runs recorded before they were kept
    certainty: NotRequired[float | None]
    stance_certainty: NotRequired[float | None]


class IncidentJSON(TypedDict):
    id: str
    label: str  # e.g. "Torture, arbitrary detention at Sloviansk, April 2022"
    types: list[str]
    accused: list[str]  # alleged perpetrators as written, most often named first
    place: PlaceJSON | None
    # the listed armed conflict it belongs to (taxonomy/conflicts.py: its place's country,
    # then the parties it names); None when that does not tell; absent from runs recorded
    # before incidents named it
    conflict: NotRequired[str | None]
    first_day: str | None  # the events' own days, as its reports date them (never publication)
    last_day: str | None
    # when its reports were published: told, not happened (absent from runs recorded before)
    first_published: NotRequired[str | None]
    last_published: NotRequired[str | None]
    grade: GradeJSON
    status: str  # draft | reviewed | published (an analyst's decision; draft by default)
    # the fewest dead a supporting statement reports (None: no figure; absent: runs recorded
    # before counts were extracted)
    fatalities: NotRequired[int | None]
    origins: list[OriginJSON]
    origins_note: str  # origins counted against reports: "3 origins in 2 reports: 2 witnesses …"
    reports: list[ReportRefJSON]
    statements: list[StatementJSON]


class OrphanJSON(TypedDict):
    seq: int  # the review's ledger event
    at: str
    action: str
    target: str  # the stable id this run has no statement, report or incident for


class ReviewsJSON(TypedDict):
    applied: int  # reviews laid over this run's machine output
    orphaned: list[OrphanJSON]  # reviews whose target this run no longer has


class RunResults(TypedDict):
    generated_at: str
    version: str  # corroborate's version
    ledger_head: str  # "#seq sha256:…" of the evidence ledger after this run was recorded
    corpus: str  # what was run on (paths)
    terms: dict[str, str]  # what the counted words mean: "origin" -> "a first source of …"
    counts: dict[str, int]  # reports, attributions, allegations, incidents, failed files …
    failures: list[str]  # one coded line per file that could not be read
    incidents: list[IncidentJSON]
    reviews: ReviewsJSON
