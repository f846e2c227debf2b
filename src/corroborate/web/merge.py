"""Merging and splitting incidents: select statements (or whole reports) of an incident and
split them off, move them to another incident, or merge the incident with another.

Each decision goes through the same function as ``POST /api/v1/cases/{case}/reviews``
(actions ``split``, ``move`` and ``merge``, docs/reviews.md) with a reason, at the version
the page drew: the incident's for a split or a merge, each statement's for a move (several
statements moved are several decisions, each checked on its own). A decision made through
the service re-grades the latest run at once (``pipeline.regrade``), splits and merges
included; where the run cannot be re-graded (it was recorded before runs kept their linked
statements) the page lists every regrouping decided since the latest run that touches the
incident, as pending until the next ``corroborate run``, with what it will do.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse

from corroborate.api import reviews
from corroborate.api.service import Service
from corroborate.errors import ConfigError, NotFound
from corroborate.export.casework import find_incident
from corroborate.export.results import IncidentJSON
from corroborate.model import ReviewEvent
from corroborate.review import reviews as ledger_reviews
from corroborate.review import target_version
from corroborate.review.overlay import GROUPING
from corroborate.store.access import Principal
from corroborate.store.workspace import Membership
from corroborate.web.common import Visit, case_page, render

router = APIRouter(include_in_schema=False)
CHOICES = 200  # other incidents offered in the merge / move list
ACTIONS = ("split", "move", "merge")
ELSEWHERE = "another incident"


@dataclass(frozen=True, slots=True)
class Pending:
    """A regrouping decided since the latest run, and what it will do on the next one."""

    seq: int
    actor: str
    at: str
    action: str
    reason: str
    what: str


def pending(
    found: list[ReviewEvent], run_seq: int, incident: IncidentJSON, labels: dict[str, str]
) -> list[Pending]:
    """The merges, splits and moves recorded after the run that concern the incident (they
    name it or one of its statements), each with what it will do (pure)."""
    mine = {s["id"] for s in incident["statements"]}
    out = []
    for review in found:
        if review.seq <= run_seq or review.action not in GROUPING:
            continue
        what = _what(review, mine, labels)
        if what:
            out.append(
                Pending(review.seq, review.actor, review.at, review.action, review.reason, what)
            )
    return out


def _what(review: ReviewEvent, mine: set[str], labels: dict[str, str]) -> str:
    held = set(review.get("statements").split())
    if review.action == "split" and held & mine:
        count = len(review.get("part").split())
        own = "its own" if count == 1 else "their own"
        return f"{_count(count)} split off into an incident of {own}"
    if review.action == "merge":
        other = set(review.get("other").split())
        if held & mine:
            return f"merged with “{_label_of(other, labels)}”"
        if other & mine:
            return f"merged into “{_label_of(held, labels)}”"
    if review.action == "move":
        if review.target in mine:
            return f"1 statement moved to “{labels.get(review.get('value'), ELSEWHERE)}”"
        if held & mine:
            return f"1 statement moved here from “{labels.get(review.get('from'), ELSEWHERE)}”"
    return ""


def _count(n: int) -> str:
    return f"{n} statement" if n == 1 else f"{n} statements"


def _label_of(statements: set[str], labels: dict[str, str]) -> str:
    found = sorted({labels[i] for i in statements if i in labels})
    return found[0] if found else ELSEWHERE


def _labels(incidents: list[IncidentJSON]) -> dict[str, str]:
    """Each incident's label by its id, and by each of its statements' ids."""
    found: dict[str, str] = {}
    for incident in incidents:
        found[incident["id"]] = incident["label"]
        for said in incident["statements"]:
            found.setdefault(said["id"], incident["label"])
    return found


def _incident(svc: Service, standing: Membership, incident_id: str) -> IncidentJSON:
    found = find_incident(svc.incidents(standing), incident_id[:80])
    if found is None:
        raise NotFound(4, "no incident with this id in the case", subject=incident_id[:80])
    return found


def _others(incidents: list[IncidentJSON], incident: IncidentJSON) -> list[dict[str, str]]:
    """The incidents offered to merge with or move to: those at the same place first."""
    place = _place(incident)
    others = [i for i in incidents if i["id"] != incident["id"]]
    others.sort(key=lambda i: (_place(i) != place, i["label"], i["id"]))
    return [{"id": i["id"], "label": i["label"]} for i in others[:CHOICES]]


def _place(incident: IncidentJSON) -> str | None:
    place = incident["place"]
    return place["canonical"] if place else None


@router.get("/cases/{case}/incidents/{incident_id}/regroup", response_class=HTMLResponse)
def regroup_page(request: Request, case: str, incident_id: str) -> Response:
    """The incident's statements by report, to split off, move or merge (analysts and
    owners)."""

    def drawn(visit: Visit) -> Response:
        svc, standing = visit.svc, visit.member("owner", "analyst")
        incidents = svc.incidents(standing)
        incident = _incident(svc, standing, incident_id)
        view = _view(svc, incidents, incident)
        view = svc.shown(visit.caller, standing, view, incident["id"])
        recorded = visit.request.query_params.get("recorded", "")
        shown = recorded if recorded.isdigit() else ""
        return render("regroup.html.j2", **visit.base(), **view, recorded=shown)

    return case_page(request, case, drawn)


def _view(svc: Service, incidents: list[IncidentJSON], incident: IncidentJSON) -> dict[str, Any]:
    by_report: dict[str, list[dict[str, Any]]] = {}
    for said in incident["statements"]:
        row = {**said, "version": target_version(svc.store, said["id"])}
        by_report.setdefault(said["report_id"], []).append(row)
    reports = [
        {
            "id": r["id"],
            "title": r["title"],
            "outlet": r["outlet"],
            "statements": by_report[r["id"]],
        }
        for r in incident["reports"]
        if r["id"] in by_report
    ]
    run_seq = svc.run()[0]
    waiting = pending(ledger_reviews(svc.store), run_seq, incident, _labels(incidents))
    return {
        "incident": {"id": incident["id"], "label": incident["label"], "grade": incident["grade"]},
        "version": target_version(svc.store, incident["id"]),
        "reports": reports,
        "others": _others(incidents, incident),
        "pending": [asdict(p) for p in waiting],
        "run_seq": run_seq,
    }


@router.post("/cases/{case}/incidents/{incident_id}/regroup")
def regroup(
    request: Request,
    case: str,
    incident_id: str,
    action: Annotated[str, Form(max_length=10)] = "",
    part: Annotated[list[str] | None, Form(max_length=500)] = None,
    report: Annotated[list[str] | None, Form(max_length=500)] = None,
    other: Annotated[str, Form(max_length=80)] = "",
    version: Annotated[str, Form(max_length=18)] = "",
    versions: Annotated[str, Form(max_length=100_000)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    csrf_token: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Record a split, a merge, or one move per statement selected, then show where the
    statements are now (``_where``)."""

    def recorded(visit: Visit) -> Response:
        svc, standing = visit.svc, visit.member("owner", "analyst")
        incident = _incident(svc, standing, incident_id)
        chosen = _chosen(incident, part or [], report or [])
        seq = _record(
            svc,
            visit.caller,
            visit.name,
            incident,
            action,
            chosen,
            other,
            reason,
            version,
            versions,
        )
        now = svc.incidents(standing)
        return RedirectResponse(f"{_where(case, incident, chosen, now)}?recorded={seq}", 303)

    return case_page(request, case, recorded, csrf=csrf_token)


def _where(case: str, incident: IncidentJSON, chosen: list[str], now: list[IncidentJSON]) -> str:
    """Where to go once a regrouping is recorded: the incident's page again while it still
    exists (the decision pending until the next run, or applied by a re-grade that kept
    it), else the regroup page of the incident that now holds the statements chosen (or,
    for a merge, the incident's first statement)."""
    page = f"/cases/{quote(case, safe='')}/incidents/{{}}/regroup"
    if any(i["id"] == incident["id"] for i in now):
        return page.format(quote(incident["id"], safe=""))
    wanted = set(chosen) or {s["id"] for s in incident["statements"][:1]}
    for found in now:
        if any(s["id"] in wanted for s in found["statements"]):
            return page.format(quote(found["id"], safe=""))
    return f"/cases/{quote(case, safe='')}"


def _chosen(incident: IncidentJSON, part: list[str], reports: list[str]) -> list[str]:
    """The statements selected, one by one or by their report, in the incident's order."""
    wanted = set(part)
    return [
        s["id"]
        for s in incident["statements"]
        if s["id"] in wanted or s["report_id"] in set(reports)
    ]


def _record(
    svc: Service,
    caller: Principal,
    case: str,
    incident: IncidentJSON,
    action: str,
    chosen: list[str],
    other: str,
    reason: str,
    version: str,
    versions: str,
) -> int:
    if action not in ACTIONS:
        raise ConfigError(50, "bad request parameters: choose split, move or merge")
    if not reason.strip():
        raise ConfigError(50, "bad request parameters: give the reason for the decision")
    if action != "split" and not other:
        raise ConfigError(50, "bad request parameters: choose the other incident")
    if action != "merge" and not chosen:
        raise ConfigError(50, "bad request parameters: select statements or reports")
    if not version.isdigit():
        raise ConfigError(50, "bad request parameters: the form carries no version")
    if action == "move":
        seen = _versions(versions)
        seqs = [
            _write(svc, caller, case, "move", s, other, [], reason, seen.get(s, "0"))
            for s in chosen
        ]
        return seqs[-1]
    part = chosen if action == "split" else []
    target_other = other if action == "merge" else ""
    return _write(svc, caller, case, action, incident["id"], target_other, part, reason, version)


def _write(
    svc: Service,
    caller: Principal,
    case: str,
    action: str,
    target: str,
    other: str,
    part: list[str],
    reason: str,
    version: str,
) -> int:
    decision = reviews.ReviewIn(
        action=action, target=target, value="", other=other, part=part, reason=reason.strip()
    )
    written = reviews.review(svc, caller, case, decision, Response(), if_match=version)
    return written.seq


def _versions(value: str) -> dict[str, str]:
    """``id=version`` pairs, space-separated, as the form carries each statement's."""
    found = {}
    for pair in value.split():
        key, _, seq = pair.rpartition("=")
        if key and seq.isdigit():
            found[key] = seq
    return found
