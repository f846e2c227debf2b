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
