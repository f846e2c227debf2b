"""The source registry's page: the outlets and institutions (``taxonomy/sources/*.yaml``)
with their kind, country, party and the reliability their statements are graded with,
searchable and read by every member; corrected by the case's owners.

What is listed is what the next run reads: the shipped registry with the corrections so
far laid over it (``review.sources``). A correction is a review (``correct_source``) with a
reason, checked against the source's version (R001 when another owner corrected it in
between), written to the audit log too, and shown in the source's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api.service import Service
from corroborate.errors import ConfigError, NotFound
from corroborate.grade.rules import load_rules
from corroborate.review import reviews
from corroborate.review.sources import (
    correct_source,
    corrected,
    source_history,
    source_version,
)
from corroborate.store.access import audit
from corroborate.taxonomy.registry import KINDS, Registry, Source, registry
from corroborate.taxonomy.source_index import fold
from corroborate.web.common import Stale, Visit, case_page, render
from corroborate.web.pages import _int

router = APIRouter(include_in_schema=False)
PER_PAGE = 50


@dataclass(frozen=True, slots=True)
class Row:
    source: Source
    origin: str  # the origin kind its own statements are graded as
    reliability: str  # that kind's letter (docs/grading.md)
    corrected: bool


def origin_kind(source: Source) -> str:
    """How a statement in the source's own voice is graded: a party's body or outlet is a
    party origin; an NGO's or intergovernmental body's documentation is documentary; an
    outlet of no party is independent; a government or army of no party cannot be judged."""
    if source.party:
        return "party"
    if source.kind in ("ngo", "intergovernmental"):
        return "documentary"
    return "independent" if source.kind in ("media", "wire", "state_media") else "unknown"


def shown_registry(svc: Service) -> tuple[Registry, set[str]]:
    """The registry the next run reads, and the names of the sources corrected."""
    found, _ = corrected(registry(), reviews(svc.store))
    names = {
        r.target.removeprefix("source:") for r in reviews(svc.store) if r.action == "correct_source"
    }
    return found, names


def rows(found: Registry, names: set[str], q: str, kind: str) -> list[Row]:
    """The sources whose name, alias, country, party or web domain holds ``q`` (folded), of
    ``kind`` if given, by name."""
    letters = load_rules().reliability
    wanted = fold(q)
    kept = []
    for source in sorted(found.sources, key=lambda s: fold(s.name)):
        words = [*source.names, source.country or "", source.party or "", *source.hosts]
        if kind and source.kind != kind:
            continue
        if wanted and not any(wanted in fold(w) for w in words):
            continue
        origin = origin_kind(source)
        kept.append(Row(source, origin, letters.get(origin, "F"), source.name in names))
    return kept


@router.get("/cases/{case}/sources", response_class=HTMLResponse)
def sources_page(request: Request, case: str) -> Response:
    return case_page(request, case, _sources_page)


def _sources_page(visit: Visit) -> Response:
    q = visit.request.query_params.get("q", "").strip()[:200]
    kind = visit.request.query_params.get("kind", "").strip()[:40]
    visit.member()
    if kind and kind not in KINDS:
        raise ConfigError(50, "bad request parameters: no such source kind", subject=kind)
    page = _int(visit.request.query_params.get("page", "1"))
    found = rows(*shown_registry(visit.svc), q, kind)
    asked = {k: v for k, v in (("q", q), ("kind", kind)) if v}
    pages = max(1, -(-len(found) // PER_PAGE))
    return render(
        "sources.html.j2",
        **visit.base(),
        rows=found[(page - 1) * PER_PAGE : page * PER_PAGE],
        total=len(found),
        page=page,
        pages=pages,
        asked=asked,
        q=q,
        kind=kind,
        kinds=sorted(KINDS),
        link=lambda number: "?" + urlencode({**asked, "page": number}),
    )


@router.get("/cases/{case}/sources/{name:path}", response_class=HTMLResponse)
def source_page(request: Request, case: str, name: str) -> Response:
    def drawn(visit: Visit) -> Response:
        standing = visit.member()
        row = _row(*shown_registry(visit.svc), name)
        done = visit.request.query_params.get("done", "")
        return render(
            "source.html.j2",
            **visit.base(),
            row=row,
            history=source_history(visit.svc.store, row.source.name),
            version=source_version(visit.svc.store, row.source.name),
            owner=standing.role == "owner",
            kinds=sorted(KINDS),
            done=done if done.isdigit() else "",
        )

    return case_page(request, case, drawn)


def _row(found: Registry, names: set[str], name: str) -> Row:
    source = next((s for s in found.sources if s.name == name), None)
    if source is None:
        raise NotFound(20, "no registered source has this name", subject=name[:80])
    origin = origin_kind(source)
    return Row(source, origin, load_rules().reliability.get(origin, "F"), name in names)


@router.post("/cases/{case}/sources/{name:path}")
def post_correction(
    request: Request,
    case: str,
    name: str,
    kind: Annotated[str, Form(max_length=40)] = "",
    country: Annotated[str, Form(max_length=10)] = "",
    party: Annotated[str, Form(max_length=200)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    version: Annotated[str, Form(max_length=18)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """An owner's correction of one source: a review, and a row of the case's audit log."""
    back = f"/cases/{quote(case, safe='')}/sources/{quote(name, safe='')}"

    def recorded(visit: Visit) -> Response:
        values = {"kind": kind, "country": country, "party": party}
        seq = _correct(visit, name, values, reason, version)
        return RedirectResponse(f"{back}?done={seq}", 303)

    stale = Stale(back, "source")
    return case_page(request, case, recorded, csrf=csrf_token, stale=stale)


def _correct(visit: Visit, name: str, values: dict[str, str], reason: str, version: str) -> int:
    """Record the correction as a review and as a row of the audit log; its review's seq."""
    standing = visit.member("owner")
    if not version.isdigit():
        raise ConfigError(50, "bad request parameters: the form carries no version")
    found, _ = shown_registry(visit.svc)
    actor = visit.caller.name
    written = correct_source(
        visit.svc.store, found, name, values, actor=actor, reason=reason, expected=int(version)
    )
    detail = {k.removeprefix("set_"): v for k, v in written.payload if k.startswith("set_")}
    audit(
        visit.svc.store,
        actor=actor,
        action="source-correct",
        subject=name,
        case_id=standing.case.id,
        detail={**detail, "review": written.seq},
    )
    return written.seq
