"""Assemble a run's incidents for people: grades from origins, stances, dates, labels.

Called by ``pipeline`` after linking; lays the analysts' reviews over the ``link`` output
(``reviewed.Reviewed``: corrections, verdicts, wire copies, merges, splits, moves,
statuses), then turns it into ``export.results`` objects, asking ``grade`` for each
incident's origins and grade, so that grades and explanations are recomputed with the
reviews.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import cast

from corroborate.export import (
    ORIGIN,
    IncidentJSON,
    OriginJSON,
    OrphanJSON,
    PlaceJSON,
    ReportRefJSON,
    ReviewsJSON,
    StatementJSON,
    origins_note,
)
from corroborate.extract import AUTHOR_ROLE, WITNESS_ROLE, fewest_dead, report_outlet
from corroborate.grade import collapse, grade, party_of
from corroborate.ids import make_id, short
from corroborate.link import LinkedIndex, Weights, denial_cue, report_order
from corroborate.model import (
    AGAINST,
    Claim,
    Denial,
    Incident,
    Linked,
    Origin,
    Place,
    Report,
    ReviewEvent,
    Stance,
    Statement,
)
from corroborate.review import Group, Overlay
from corroborate.reviewed import IncidentView, Reviewed
from corroborate.taxonomy import violations
from corroborate.taxonomy.conflicts import Conflict
from corroborate.taxonomy.registry import Registry, registry

LABELS = {t.code: t.label for t in violations()}
STEP = 100  # incidents graded between two progress reports
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def terms() -> dict[str, str]:
    """What the words ``results.json`` counts by mean, the bound of an incident included."""
    span, told = Weights().span_days, Weights().told_days
    return {
        "incident": (
            "allegations of a single event at a single place (as specific as the reports "
            f"allow) whose event dates lie at most {span} days apart; allegations that name "
            "different places, regions or countries, days further apart, or different accused "
            "parties are never the same incident, nor is an allegation whose report gives no "
            f"event date with one whose event date or report lies more than {told} days "
            "before its report"
        ),
        "origin": ORIGIN,
        "report": "an ingested item: a file, or an item of a feed, table or web archive",
        "days": (
            "first_day and last_day are the event's own days, as its reports date the act "
            "(never the day a statement was made or a report published), the days the "
            "incident was formed on; first_published and last_published are when its reports "
            "were published, shown apart"
        ),
    }


def build_incidents(
    reports: Sequence[Report],
    linked: Linked,
    overlay: Overlay | None = None,
    step: Callable[[int, int], None] | None = None,
) -> list[IncidentJSON]:
    """The incidents, graded, with ``overlay``'s reviews laid over ``linked`` first (its
    ``orphaned()`` then lists the reviews this run has no target for); ``step(done,
    total)`` is told every ``STEP`` incidents."""
    by_id = {r.id: r for r in reports}
    sources = registry()
    reviewed = Reviewed(overlay or Overlay(()), linked, set(by_id))
    built = []
    for view in reviewed.views:
        built.append(_incident(view, by_id, reviewed, sources))
        if step is not None and len(built) % STEP == 0:
            step(len(built), len(reviewed.views))
    return sorted(built, key=lambda i: (-len(i["reports"]), i["label"], i["id"]))


def rebuild_incidents(
    reports: Callable[[set[str]], Sequence[Report]],
    linked: Linked,
    overlay: Overlay,
    kept: dict[str, IncidentJSON],
    touched: set[str],
    index: LinkedIndex | None = None,
) -> tuple[list[IncidentJSON], set[str]]:
    """``build_incidents`` again after a review, building only the incidents whose review
    group holds a statement, or a statement of a report, in ``touched`` (or that ``kept``,
    the incidents as they were, has no single incident for); the others are ``kept``'s,
    with their status as decided now. Every group is formed and every review found as for
    a full build, but only the groups built are viewed: the result equals
    ``build_incidents``'. ``reports(ids)`` reads the reports those incidents need. Returns
    the incidents and the ids of those built."""
    index = index or LinkedIndex.of(linked)
    by_keys: dict[frozenset[str], list[IncidentJSON]] = {}
    for incident in kept.values():
        by_keys.setdefault(frozenset(str(s["id"]) for s in incident["statements"]), []).append(
            incident
        )

    def wanted(group: Group) -> bool:
        if len(by_keys.get(frozenset(group.keys), ())) != 1:
            return True
        return any(k in touched or index.report_of[k] in touched for k in group.keys)

    reviewed = Reviewed(overlay, linked, index.report_ids, index=index, wanted=wanted)
    build = [(view, _incident_id(view)) for view in reviewed.views]
    needed = {s.report_id for view, _ in build for s in [*view.incident.statements, *view.rejected]}
    needed |= {c.origin_id for c in reviewed.linked.copies.values() if c.report_id in needed}
    by_id = {r.id: r for r in reports(needed)}
    sources = registry()
    built = {key: _incident(view, by_id, reviewed, sources) for view, key in build}
    found = list(built.values())
    for group in reviewed.skipped:
        [same] = by_keys[frozenset(group.keys)]
        found.append(cast(IncidentJSON, {**same, "status": group.status}))
    return sorted(found, key=lambda i: (-len(i["reports"]), i["label"], i["id"])), set(built)


def reviews_summary(overlay: Overlay) -> ReviewsJSON:
    """How many reviews this run applied, and those it found no target for."""
    return {"applied": len(overlay.applied), "orphaned": [_orphan(e) for e in overlay.orphaned()]}


def _orphan(event: ReviewEvent) -> OrphanJSON:
    return {"seq": event.seq, "at": event.at, "action": event.action, "target": event.target}


def _incident(
    view: IncidentView, reports: dict[str, Report], reviewed: Reviewed, sources: Registry
) -> IncidentJSON:
    incident, linked = view.incident, reviewed.linked
    # origins and denials in the order they were first told, reports ordered as the incident
    # lists them (publication, name-blind text, item), then by place in the report: never in
    # storage order, nor by anything a name changes
    supporting = [
        s for s in _told_order(incident.statements, reports) if s.stance == Stance.SUPPORTS
    ]
    claims = [_claim(s, reports, reviewed) for s in supporting]
    conflict = _conflict(incident, sources, reviewed)
    origins = collapse(claims, sources, conflict)
    denying = [s for s in _told_order(incident.statements, reports) if s.stance in AGAINST]
    denials = [
        _denial(s, sources, reviewed, conflict)
        for s in denying
        if not s.attribution.speaker.unresolved
    ]
    unresolved = sum(c.unresolved for c in claims) + len(denying) - len(denials)
    result = grade(origins, denials, reports=len(incident.report_stances), unresolved=unresolved)
    decided = reviewed.overlay.words(view.group, set(incident.report_stances))
    types = [
        code
        for code, _ in Counter(
            t for g in incident.allegations for t in g.violation_types
        ).most_common()
    ]
    place = _place(incident)
    days = sorted(_days(incident))
    published = _published(incident, reports)
    origin_list = [_origin(o) for o in origins]
    report_refs = _reports(incident, reports, linked, origins)
    return {
        "id": _incident_id(view),
        "label": _label(types, place, days, published),
        "types": types,
        "accused": _accused(incident),
        "place": place,
        "conflict": conflict.name if conflict else None,
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "grade": {
            "reliability": result.reliability,
            "credibility": result.credibility,
            "standard": result.standard,
            "explanation": f"{result.explanation} {decided}".strip(),
        },
        "status": view.group.status,
        "fatalities": fewest_dead([s.attribution.content.text for s in supporting]),
        "origins": origin_list,
        "origins_note": origins_note(origin_list, [r["id"] for r in report_refs]),
        "reports": report_refs,
        "statements": [
            _statement(s, sources, reviewed, conflict)
            for s in _told_order(incident.statements, reports)
        ]
        + [_statement(s, sources, reviewed, conflict) for s in view.rejected],
    }


def _incident_id(view: IncidentView) -> str:
    """From its allegations; one an analyst left without any (all rejected, or split off with
    denials alone) is named by the statements it holds."""
    if view.incident.allegations:
        return make_id("incident", sorted(g.id for g in view.incident.allegations))
    return make_id("incident", "statements", sorted(view.group.keys))


def _claim(statement: Statement, reports: dict[str, Report], reviewed: Reviewed) -> Claim:
    speaker = statement.attribution.speaker
    report = reports[statement.report_id]
    copy = reviewed.linked.copies.get(report.id)
    party, kind = reviewed.speaker_decisions(statement)
    return Claim(
        report_id=report.id,
        speaker=speaker.canonical,
        role=speaker.role,
        affiliation=speaker.affiliation,
        outlet=report_outlet(report),
        via=statement.attribution.via,
        copy_of=copy.origin_id if copy else None,
        witness=speaker.role == WITNESS_ROLE,
        own_voice=speaker.role == AUTHOR_ROLE,
        unresolved=speaker.unresolved,
        party=party,
        kind=kind,
    )


def _conflict(incident: Incident, sources: Registry, reviewed: Reviewed) -> Conflict | None:
    """The listed conflict the incident belongs to, from the countries of its places and
    the parties its statements name (speakers, roles, affiliations, analysts' decisions;
    not the outlets reporting it) and the accused (``taxonomy/conflicts.py``); None when
    that does not tell."""
    named = [
        _party(s, sources, reviewed)
        for s in incident.statements
        if s.attribution.speaker.role != AUTHOR_ROLE and not _outlet(s, sources)
    ]
    named += [sources.party_in(g.perpetrator.text) for g in incident.allegations if g.perpetrator]
    countries = {g.place.country for g in incident.allegations if g.place and g.place.country}
    return sources.conflict_of({p for p in named if p}, countries)


def _outlet(statement: Statement, sources: Registry) -> bool:
    """Whether the speaker is a registered outlet (media, wire, state media)."""
    source = sources.lookup(statement.attribution.speaker.canonical)
    return source is not None and source.kind in ("media", "wire", "state_media")


def _denial(
    statement: Statement, sources: Registry, reviewed: Reviewed, conflict: Conflict | None
) -> Denial:
    speaker = statement.attribution.speaker
    source = sources.lookup(speaker.canonical)
    party = _party(statement, sources, reviewed, conflict)
    # only an explicit denial by an independent body counts against an allegation; "no
    # evidence either way" from a monitor is not a denial of the event
    independent = (
        party is None
        and source is not None
        and source.kind in ("ngo", "intergovernmental")
        and denial_cue(statement.attribution)
    )
    return Denial(
        statement.report_id,
        speaker.canonical,
        party,
        statement.stance == Stance.COUNTER_ACCUSES,
        independent,
    )


def _accused(incident: Incident) -> list[str]:
    named = Counter(g.perpetrator.text for g in incident.allegations if g.perpetrator)
    return [text for text, _ in named.most_common(3)]


def _place(incident: Incident) -> PlaceJSON | None:
    places: list[Place] = [g.place for g in incident.allegations if g.place]
    if not places:
        return None
    key, _ = Counter(p.key for p in places).most_common(1)[0]
    chosen = next(p for p in places if p.key == key)
    return {
        "canonical": chosen.canonical,
        "lat": chosen.lat,
        "lon": chosen.lon,
        "country": chosen.country,
        "within": chosen.within,
        "geonames_id": chosen.geonames_id,
        "region": chosen.region,
        "resolved": chosen.resolved,
    }


def _days(incident: Incident) -> set[str]:
    """The events' own days, as linking read them (``TimeRef.day``): the days the incident was
    formed on, which lie at most ``Weights.span_days`` apart. A publication day is never one."""
    return {d.isoformat() for g in incident.allegations if g.time and (d := g.time.day)}


def _published(incident: Incident, reports: dict[str, Report]) -> list[str]:
    """The days its reports were published: when it was told, shown apart from its days."""
    days = {(reports[s.report_id].published or "")[:10] for s in incident.statements}
    return sorted(d for d in days if _is_date(d))


def _is_date(value: str) -> bool:
    """Only real ISO dates make labels and timelines; "Tue, 12 Apr" or "2022-13-45" do not."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _label(types: list[str], place: PlaceJSON | None, days: list[str], published: list[str]) -> str:
    """What, where and when: the month of its first event day, else, named so, the month
    it was first reported in."""
    what = ", ".join(LABELS.get(t, t) for t in types[:2]) or "Allegation"
    where = f" at {place['canonical']}" if place else ""
    if days:
        when = f", {_month(days[0])}"
    elif published:
        when = f", reported {_month(published[0])}"
    else:
        when = ""
    return f"{what}{where}{when}"


def _month(day: str) -> str:
    return f"{MONTHS[int(day[5:7]) - 1]} {day[:4]}"


def _origin(origin: Origin) -> OriginJSON:
    return {
        "id": origin.id,
        "kind": origin.kind,
        "speaker": origin.speaker,
        "party": origin.party,
        "report_ids": list(origin.report_ids),
    }


def _reports(
    incident: Incident, reports: dict[str, Report], linked: Linked, origins: list[Origin]
) -> list[ReportRefJSON]:
    refs: list[ReportRefJSON] = []
    for report_id, stance in incident.report_stances.items():
        report = reports[report_id]
        via: list[str] = []
        for statement in incident.statements:
            if statement.report_id == report_id:
                via += [o for o in statement.attribution.via if o not in via]
        copy = linked.copies.get(report_id)
        origin = next((o.id for o in origins if report_id in o.report_ids), None)
        refs.append(
            {
                "id": report_id,
                "title": report.title,
                "source_name": source_label(report),
                "outlet": report.outlet,
                "published": report.published,
                "url": report.url,
                "blob_id": report.blob_id,
                "stance": stance,
                "origin_id": origin,
                "via": via,
                "copy_of": copy.origin_id if copy else None,
            }
        )
    return sorted(refs, key=lambda r: _report_order(reports[r["id"]]))


def _told_order(statements: list[Statement], reports: dict[str, Report]) -> list[Statement]:
    """What supports, then what denies, each in the order it was told."""
    return sorted(
        statements,
        key=lambda s: (
            s.stance != Stance.SUPPORTS,
            *_report_order(reports[s.report_id]),
            s.attribution.content.start,
        ),
    )


def _report_order(report: Report) -> tuple[str, str, str, str]:
    return report_order(report)  # no name moves it (link.order)


def source_label(report: Report) -> str:
    """How shared output names where a report came from: its stored file by a short digest,
    and the item in it; never a path or a file name (either may name a witness)."""
    label = f"file {short(report.blob_id, 8)}"
    return f"{label}, {report.item}" if report.item else label


def _party(
    statement: Statement,
    sources: Registry,
    reviewed: Reviewed,
    conflict: Conflict | None = None,
) -> str | None:
    """The speaker's party: an analyst's, where one decided ("" for none), else the
    machine's, where it is a party to ``conflict``."""
    decided, _ = reviewed.speaker_decisions(statement)
    if decided is not None:
        return decided or None
    speaker = statement.attribution.speaker
    machine = party_of(speaker.canonical, speaker.role, speaker.affiliation, sources)
    return sources.party_for(machine, conflict)


def _statement(
    statement: Statement, sources: Registry, reviewed: Reviewed, conflict: Conflict | None
) -> StatementJSON:
    speaker = statement.attribution.speaker
    party = _party(statement, sources, reviewed, conflict)
    allegation = statement.allegation
    key = statement.attribution.key
    return {
        "id": key,
        "verdict": reviewed.overlay.verdict(key),
        "report_id": statement.report_id,
        "speaker": speaker.canonical,
        "party": party,
        "stance": statement.stance,
        "content": statement.attribution.content.text,
        "types": list(allegation.violation_types) if allegation else [],
        "time": allegation.time.value if allegation and allegation.time else None,
        "certainty": statement.attribution.certainty,
        "stance_certainty": statement.stance_certainty,
    }
