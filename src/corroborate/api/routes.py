"""``/api/v1`` read endpoints: cases, their incidents and reports, evidence, the audit log.

Every endpoint under ``/cases/{case}`` first finds the caller's membership (a case they are
not in is N011, as if it did not exist), then checks the role (A004) or grant (A005) the
endpoint needs. What is served is pseudonymised; with the witness-identities grant in the
case, identities are revealed and the read is audited. Incident lists, incidents and reports
are answered from the case's indexed view (``caseview``) and kept serialised until the store
changes (``answers``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Hashable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Response
from pydantic import BaseModel

from corroborate.api import models
from corroborate.api.answers import Answer
from corroborate.api.auth import REFUSED, Caller, app_service
from corroborate.api.caseview import CaseView
from corroborate.api.problems import documented
from corroborate.api.service import Service, require, require_grant
from corroborate.api.spans import attribution_spans
from corroborate.errors import NotFound
from corroborate.export.casework import IncidentQuery, status_of, timeline
from corroborate.export.results import IncidentJSON, ReportRefJSON
from corroborate.model import Report
from corroborate.store.access import Principal, audit_rows
from corroborate.store.workspace import Membership, in_case, memberships

router = APIRouter(prefix="/api/v1")
ERRORS: dict[int | str, dict[str, Any]] = {
    **REFUSED,
    404: documented("No such case, or nothing with this id in it"),
    503: documented("The store or the witness key is unavailable"),
}
Svc = Annotated[Service, Depends(app_service)]
CaseName = Annotated[str, Path(max_length=64, description="The case's name")]
Id = Annotated[str, Path(max_length=80, description="sha256:<hex>")]
ORIGIN_FIELDS = ("id", "kind", "speaker", "party", "report_ids")


@router.get("/me", response_model=models.Me, responses=REFUSED, tags=["cases"])
def me(svc: Svc, caller: Caller) -> models.Me:
    """The caller and the cases they are a member of."""
    return models.Me(user=caller.name, cases=_cases(svc, caller.user_id))


@router.get("/cases", response_model=list[models.CaseOut], responses=REFUSED, tags=["cases"])
def cases(svc: Svc, caller: Caller) -> list[models.CaseOut]:
    """The cases the caller is a member of, with their role and grants there."""
    return _cases(svc, caller.user_id)


def _cases(svc: Service, user_id: int) -> list[models.CaseOut]:
    return [
        models.CaseOut(
            name=m.case.name, role=m.role, grants=sorted(m.grants), created_at=m.case.created_at
        )
        for m in memberships(svc.store, user_id)
    ]


@router.get(
    "/cases/{case}/incidents",
    response_model=models.IncidentPage,
    responses=ERRORS,
    tags=["incidents"],
)
def incidents(
    svc: Svc,
    caller: Caller,
    case: CaseName,
    type: Annotated[str | None, Query(max_length=80, description="A violation code")] = None,
    place: Annotated[str | None, Query(max_length=200)] = None,
    since: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    until: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
    grade: Annotated[str | None, Query(pattern=r"^[A-Fa-f][1-6]?$")] = None,
    party: Annotated[str | None, Query(max_length=200)] = None,
    status: models.Status | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in the incident")] = None,
    sort: models.SortKey = "reports",
    order: Literal["asc", "desc"] = "desc",
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> Response:
    """The case's incidents, filtered, sorted and paginated (viewers: published only)."""
    query = IncidentQuery(
        type=type,
        place=place,
        since=since,
        until=until,
        grade=grade,
        party=party,
        status=status,
        q=q,
        sort=sort,
        descending=order == "desc",
        page=page,
        per_page=per_page,
    )
    return _json(incident_list(svc, caller, case, query))


def incident_list(svc: Service, caller: Principal, case: str, query: IncidentQuery) -> Answer:
    """A page of the case's incidents (``models.IncidentPage``, serialised), as the API
    and the web pages list them."""

    def make(standing: Membership, view: CaseView) -> models.IncidentPage:
        return _incident_page(svc, caller, standing, view, query)

    return kept_answer(svc, caller, case, ("incidents", query), make)


Made = Callable[[Membership, CaseView], BaseModel]


def kept_answer(
    svc: Service, caller: Principal, case: str, key: tuple[Hashable, ...], make: Made
) -> Answer:
    """The one shape of every kept read: the caller's membership of the case (N011 if
    none), the case's view, then the answer kept under ``key`` (with the member's role,
    grant and the view's head and version: ``Service.answer``), or made by ``make`` from
    the membership and the view and kept. An answer ``make`` refuses (it raises) is not
    kept, so a refusal is decided again on every request."""
    standing = svc.member(caller, case)
    view = svc.view(standing)
    return svc.answer(caller, standing, view, key, lambda: make(standing, view))


def _incident_page(
    svc: Service, caller: Principal, standing: Membership, view: CaseView, query: IncidentQuery
) -> models.IncidentPage:
    granted = standing.witness_identities
    # filters see what the caller sees: without the grant, no witness can be found by name
    total, found = view.page(
        query,
        published_only=standing.role == "viewer",
        reveal=svc.revealer().apply if granted else None,
    )
    items = [_summary(i) for i in found]
    if granted and (query.q or any(item != _summary(view.by_id[item.id]) for item in items)):
        svc.audit_read(caller, standing, f"incidents of {standing.case.name}")
    return models.IncidentPage(total=total, page=query.page, per_page=query.per_page, items=items)


def _json(answer: Answer) -> Response:
    return Response(answer.body, media_type="application/json")


def _summary(incident: IncidentJSON) -> models.IncidentSummary:
    return models.IncidentSummary(
        id=incident["id"],
        label=incident["label"],
        status=status_of(incident),
        types=incident["types"],
        accused=incident["accused"],
        place=models.Place(**incident["place"]) if incident["place"] else None,
        conflict=incident.get("conflict"),
        first_day=incident["first_day"],
        last_day=incident["last_day"],
        grade=_grade(incident),
        reports=len(incident["reports"]),
        origins=len(incident["origins"]),
    )


def _grade(incident: IncidentJSON) -> models.Grade:
    grade = incident["grade"]
    return models.Grade(
        reliability=grade["reliability"],
        credibility=grade["credibility"],
        standard=grade["standard"],
    )


@router.get(
    "/cases/{case}/incidents/{incident_id}",
    response_model=models.IncidentDetail,
    responses=ERRORS,
    tags=["incidents"],
)
def incident(svc: Svc, caller: Caller, case: CaseName, incident_id: Id) -> Response:
    """One incident: grade and its explanation, origins, chain, timeline, statements."""
    return _json(incident_answer(svc, caller, case, incident_id))


def incident_answer(svc: Service, caller: Principal, case: str, incident_id: str) -> Answer:
    """One incident of the case (``models.IncidentDetail``, serialised)."""

    def make(standing: Membership, view: CaseView) -> models.IncidentDetail:
        found = view.incident(incident_id, published_only=standing.role == "viewer")
        if found is None:
            raise NotFound(4, "no incident with this id in the case", subject=incident_id[:80])
        detail = _detail(svc.shown(caller, standing, found, incident_id), view.run_seq)
        detail.pending_reviews = svc.pending_reviews(view, found)
        return detail

    return kept_answer(svc, caller, case, ("incident", incident_id), make)


def _detail(incident: IncidentJSON, run_seq: int) -> models.IncidentDetail:
    summary = _summary(incident).model_dump(exclude={"reports", "origins"})
    reports = [_report_ref(r) for r in incident["reports"]]
    return models.IncidentDetail(
        **summary,
        explanation=incident["grade"]["explanation"],
        origins=[models.Origin.model_validate(o) for o in incident["origins"]],
        reports=reports,
        chain=[
            models.ChainLink(report_id=r.id, via=r.via, copy_of=r.copy_of, origin_id=r.origin_id)
            for r in reports
        ],
        timeline=[
            models.TimelineEntry(
                published=r["published"], report_id=r["id"], title=r["title"], stance=r["stance"]
            )
            for r in timeline(incident)
        ],
        statements=[models.Statement.model_validate(s) for s in incident["statements"]],
        run_seq=run_seq,
    )


def _report_ref(ref: ReportRefJSON) -> models.ReportRef:
    # the file's name stays local: it may name a witness, and a path says where it was kept
    return models.ReportRef.model_validate({k: v for k, v in ref.items() if k != "source_name"})


@router.get(
    "/cases/{case}/reports/{report_id}",
    response_model=models.ReportDetail,
    responses=ERRORS,
    tags=["reports"],
)
def report(svc: Svc, caller: Caller, case: CaseName, report_id: Id) -> Response:
    """One report of the case: its text, its statements, the hash of its evidence."""
    return _json(report_answer(svc, caller, case, report_id))


def report_answer(svc: Service, caller: Principal, case: str, report_id: str) -> Answer:
    """One report of the case (``models.ReportDetail``, serialised), as the API and the
    web pages show it."""

    def make(standing: Membership, view: CaseView) -> models.ReportDetail:
        return _report_detail(svc, caller, standing, view, report_id)

    return kept_answer(svc, caller, case, ("report", report_id), make)


def _report_detail(
    svc: Service, caller: Principal, standing: Membership, view: CaseView, report_id: str
) -> models.ReportDetail:
    holding = view.holding(report_id, published_only=standing.role == "viewer")
    found = _case_report(svc, standing, holding, report_id)
    statements = [s for i in holding for s in i["statements"] if s["report_id"] == report_id]
    shared = svc.pseudonyms().rewrite(found.text)
    body: dict[str, Any] = {
        "id": found.id,
        "title": found.title,
        "outlet": found.outlet,
        "author": found.author,
        "url": found.url,
        "published": found.published,
        "language": found.language,
        "media_type": found.media_type,
        "blob_id": found.blob_id,
        "evidence_sha256": found.blob_id.removeprefix("sha256:"),
        "incidents": [i["id"] for i in holding],
        "statements": statements,
    }
    # the text is pseudonymised once, keeping its offset map, then revealed with the rest
    body = {**svc.pseudonyms().apply(body), "text": shared.text}
    body = svc.shown(caller, standing, body, report_id)
    served = shared
    if standing.witness_identities:
        served = shared.then(svc.revealer().rewrite(shared.text))
    shown = {str(s.get("id")) for s in statements}
    mapped = [s for s in svc.statements_of(report_id) if s.attribution.key in shown]
    body["text"] = served.text  # what ``shown`` made of it: the same replacements
    body["attributions"] = attribution_spans(mapped, served)
    return models.ReportDetail.model_validate(body)


def _case_report(
    svc: Service, standing: Membership, holding: list[IncidentJSON], report_id: str
) -> Report:
    """A report of the case this member may read (viewers: of what is published, which
    ``holding`` lists: the incidents holding it that the member may read)."""
    found = (
        svc.store.report(report_id)
        if in_case(svc.store, standing.case.id, report_id=report_id)
        else None
    )
    if standing.role == "viewer" and not holding:
        found = None
    if found is None:
        raise NotFound(1, "no report with this id in the case", subject=report_id[:80])
    return found


def _case_blob(svc: Service, standing: Membership, blob_id: str) -> bool:
    if standing.role == "viewer":
        return svc.view(standing).has_blob(blob_id, published_only=True)
    return in_case(svc.store, standing.case.id, blob_id=blob_id)


@router.get(
    "/cases/{case}/evidence/{blob_id}",
    responses={
        **ERRORS,
        200: {
            "content": {"application/octet-stream": {"schema": {"type": "string"}}},
            "description": "The bytes as received",
        },
    },
    response_class=Response,
    tags=["reports"],
)
def evidence(svc: Svc, caller: Caller, case: CaseName, blob_id: Id) -> Response:
    """The evidence as received: unredacted, so it needs the witness-identities grant, and
    every download is audited. Its SHA-256 is in ``X-Content-SHA256`` and ``Digest``."""
    standing = svc.member(caller, case)
    if not _case_blob(svc, standing, blob_id):
        raise NotFound(21, "no evidence with this id in the case", subject=blob_id[:80])
    require_grant(standing)
    data = svc.store.plain_blob(blob_id)
    if data is None:
        raise NotFound(21, "no evidence with this id in the case", subject=blob_id[:80])
    svc.audit_read(caller, standing, blob_id)  # the file as received names its witnesses
    hex_digest = blob_id.removeprefix("sha256:")
    headers = {
        "X-Content-SHA256": hex_digest,
        "Digest": "sha-256=" + base64.b64encode(bytes.fromhex(hex_digest)).decode(),
        "Content-Disposition": f'attachment; filename="{hex_digest}.bin"',
    }
    return Response(data, media_type="application/octet-stream", headers=headers)


@router.get(
    "/cases/{case}/audit", response_model=models.AuditPage, responses=ERRORS, tags=["cases"]
)
def case_audit(
    svc: Svc,
    caller: Caller,
    case: CaseName,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> models.AuditPage:
    """The case's audit log, newest first (owners only)."""
    standing = svc.member(caller, case)
    require(standing, "owner")
    rows = audit_rows(svc.store, case_id=standing.case.id, limit=limit)
    entries = [
        models.AuditEntry(at=r.at, actor=r.actor, action=r.action, subject=r.subject) for r in rows
    ]
    return models.AuditPage(items=entries)
