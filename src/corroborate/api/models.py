"""The wire models of ``/api/v1`` (the OpenAPI 3.1 schema is generated from them)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Role = Literal["owner", "analyst", "viewer"]
Status = Literal["draft", "reviewed", "published"]
SortKey = Literal["reports", "first_day", "last_day", "grade", "label"]


class SignedIn(BaseModel):
    user: str
    csrf_token: str | None = Field(
        description="Send it back as X-CSRF-Token (or form field csrf_token) on every "
        "state-changing request made with the session cookie."
    )


class CaseOut(BaseModel):
    name: str
    role: Role
    grants: list[str]
    created_at: str


class Me(BaseModel):
    user: str
    cases: list[CaseOut]


class Place(BaseModel):
    canonical: str
    lat: float | None
    lon: float | None
    country: str | None
    within: str | None
    geonames_id: int | None
    region: str | None
    resolved: bool


class Grade(BaseModel):
    reliability: str
    credibility: int
    standard: str


class Origin(BaseModel):
    id: str
    kind: str
    speaker: str | None
    party: str | None
    report_ids: list[str]


class ReportRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    blob_id: str
    stance: str
    origin_id: str | None
    via: list[str]
    copy_of: str | None


class Statement(BaseModel):
    id: str | None = None  # stable: reviews name it
    verdict: str | None = None  # an analyst's: confirm | reject
    report_id: str
    speaker: str
    party: str | None
    stance: str
    content: str
    types: list[str]
    time: str | None
    certainty: float | None = Field(
        None,
        ge=0,
        le=1,
        description="How sure the extraction was of this attribution (speaker, cue, content), "
        "0 to 1: the rule shape that found it and the encoder's agreement (docs/workflow.md). "
        "It orders the review queue; it is not a probability that the statement is true. "
        "Null for runs recorded before it was measured.",
    )
    stance_certainty: float | None = Field(
        None,
        ge=0,
        le=1,
        description="How sure the rule or the learned model that decided the stance was, 0 "
        "to 1 (docs/workflow.md); null once an analyst corrected the stance, or for runs "
        "recorded before it was measured.",
    )


class IncidentSummary(BaseModel):
    id: str
    label: str
    status: Status
    types: list[str]
    accused: list[str]
    place: Place | None
    conflict: str | None = Field(
        None,
        description="The listed armed conflict the incident belongs to, read from its "
        "place's country, then the parties it names; null when that does not tell",
    )
    first_day: str | None
    last_day: str | None
    grade: Grade
    reports: int
    origins: int


class IncidentPage(BaseModel):
    total: int
    page: int
    per_page: int
    items: list[IncidentSummary]


class ChainLink(BaseModel):
    """How a report reached the reader: the outlets it passed through, nearest first, and
    the report it copies, if any."""

    report_id: str
    via: list[str]
    copy_of: str | None
    origin_id: str | None


class TimelineEntry(BaseModel):
    published: str | None
    report_id: str
    title: str | None
    stance: str


class IncidentDetail(BaseModel):
    id: str
    label: str
    status: Status
    types: list[str]
    accused: list[str]
    place: Place | None
    conflict: str | None = None  # as in IncidentSummary
    first_day: str | None
    last_day: str | None
    grade: Grade
    explanation: str
    origins: list[Origin]
    reports: list[ReportRef]
    chain: list[ChainLink]
    timeline: list[TimelineEntry]
    statements: list[Statement]
    run_seq: int
    pending_reviews: int = Field(
        0,
        description="Reviews of it decided since the run served that its grade does not show "
        "yet (a run recorded before runs kept their linked statements): the next run applies "
        "them. A review is otherwise applied at once.",
    )


class TextSpan(BaseModel):
    """Characters ``[start, end)`` of the report's ``text`` as served."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


MarkKind = Literal["perpetrator", "victims", "place", "time"]


class Mark(TextSpan):
    kind: MarkKind


class AttributionSpans(BaseModel):
    """Where a statement of the report is in its text: who speaks, the cue, what is said,
    and what its allegation names (perpetrator, victims, place, time) where found."""

    statement_id: str
    speaker: TextSpan
    cue: TextSpan | None
    content: TextSpan
    marks: list[Mark]
    certainty: float | None = Field(
        None, ge=0, le=1, description="As the statement's: how sure the extraction was of it"
    )


class ReportDetail(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    author: str | None
    url: str | None
    published: str | None
    language: str | None
    media_type: str
    text: str
    blob_id: str = Field(description="The evidence: sha256 of the stored bytes")
    evidence_sha256: str
    incidents: list[str]
    statements: list[Statement]
    attributions: list[AttributionSpans] = Field(
        default_factory=list,
        description="The statements' spans as offsets into `text` as served to the caller "
        "(pseudonymised, or with identities revealed): text[start:end] is the span's words.",
    )


class AuditEntry(BaseModel):
    at: str
    actor: str
    action: str
    subject: str


class AuditPage(BaseModel):
    items: list[AuditEntry]


class GradeChange(BaseModel):
    """What one decision on a statement could do to its incident's grade (``api/impact.py``):
    the grade now, with the statement rejected, and with its stance read the other way."""

    now: str
    rejected: str
    flipped: str
    flipped_to: str = Field(description="The stance the statement is read as for `flipped`")
    size: int = Field(
        ge=0,
        description="The larger distance from `now`: letter steps plus digit steps, plus one "
        "when the standard of proof changes",
    )


class QueueItem(BaseModel):
    statement: Statement
    certainty: float | None = Field(
        ge=0,
        le=1,
        description="The lesser of the statement's `certainty` and `stance_certainty`: what "
        "the queue orders by, least first (null: neither was kept, listed last)",
    )
    incident_id: str
    incident_label: str
    change: GradeChange
    version: int = Field(description="The statement's review version: send it as If-Match")


class QueueIncident(BaseModel):
    id: str
    label: str
    statement_id: str = Field(description="The statement whose decision changes it most")
    change: GradeChange


class QueuePage(BaseModel):
    """The undecided statements of a case, least certain first, one page of them; and the
    incidents whose grade one decision would change most, most first."""

    total: int
    page: int
    per_page: int
    items: list[QueueItem]
    incidents: list[QueueIncident]
