"""Assemble a run's incidents for people: grades from origins, stances, dates, labels.

Called by ``pipeline`` after linking; lays the analysts' reviews over the ``link`` output
(``review.Overlay``: corrections, verdicts, wire copies, merges, splits, moves, statuses),
then turns it into ``export.results`` objects, asking ``grade`` for each incident's origins
and grade, so that grades and explanations are recomputed with the reviews.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import cast

from corroborate.export.origins import ORIGIN, origins_note
from corroborate.export.results import (
    IncidentJSON,
    OriginJSON,
    OrphanJSON,
    PlaceJSON,
    ReportRefJSON,
    ReviewsJSON,
    StatementJSON,
)
from corroborate.extract.deaths import fewest_dead
from corroborate.extract.outlets import report_outlet
from corroborate.extract.voices import AUTHOR_ROLE, WITNESS_ROLE
from corroborate.grade import Claim, Denial, OriginGroup, collapse, grade
from corroborate.grade.origins import party_of
from corroborate.ids import make_id, short
from corroborate.link.assemble import (
    IncidentLinks,
    Linked,
    Statement,
    denial_cue,
    report_stances,
)
from corroborate.link.incidents import Weights
from corroborate.link.indexed import LinkedIndex
from corroborate.link.order import report_order
from corroborate.link.reuse import Copy
from corroborate.model import Allegation, Place, Report, ReviewEvent, Span, TimeRef
from corroborate.review import Group, Overlay
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


@dataclass(slots=True)
class IncidentView:
    """An incident as reviewed: the statements that count, the review group it came from (its
    status, the decisions that shaped it) and the statements analysts rejected."""

    links: IncidentLinks
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
        self.linked = Linked(copies, [view.links for view in self.views])
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
        stance = fixes.get("stance", statement.stance)
        return Statement(statement.report_id, attribution, stance, allegation)

    def _view(self, group: Group, where: dict[str, list[int]]) -> IncidentView:
        members = _members(group, self._corrected_incident, where)
        live = [s for s in members if self.overlay.verdict(s.attribution.key) != "reject"]
        links = IncidentLinks(
            allegations=[s.allegation for s in live if s.allegation],
            statements=live,
            report_stances=report_stances(live),
        )
        return IncidentView(links, group, [s for s in members if s not in live])


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
    needed = {s.report_id for view, _ in build for s in [*view.links.statements, *view.rejected]}
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
    incident, linked = view.links, reviewed.linked
    # origins and denials in the order they were first told, reports ordered as the incident
    # lists them (publication, name-blind text, item), then by place in the report: never in
    # storage order, nor by anything a name changes
    supporting = [s for s in _told_order(incident.statements, reports) if s.stance == "supports"]
    claims = [_claim(s, reports, reviewed) for s in supporting]
    conflict = _conflict(incident, sources, reviewed)
    origins = collapse(claims, sources, conflict)
    denying = [
        s
        for s in _told_order(incident.statements, reports)
        if s.stance in ("denies", "counter_accuses")
    ]
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
    if view.links.allegations:
        return make_id("incident", sorted(g.id for g in view.links.allegations))
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


def _conflict(incident: IncidentLinks, sources: Registry, reviewed: Reviewed) -> Conflict | None:
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
        statement.stance == "counter_accuses",
        independent,
    )


def _accused(incident: IncidentLinks) -> list[str]:
    named = Counter(g.perpetrator.text for g in incident.allegations if g.perpetrator)
    return [text for text, _ in named.most_common(3)]


def _place(incident: IncidentLinks) -> PlaceJSON | None:
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


def _days(incident: IncidentLinks) -> set[str]:
    """The events' own days, as linking read them (``TimeRef.day``): the days the incident was
    formed on, which lie at most ``Weights.span_days`` apart. A publication day is never one."""
    return {d.isoformat() for g in incident.allegations if g.time and (d := g.time.day)}


def _published(incident: IncidentLinks, reports: dict[str, Report]) -> list[str]:
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


def _origin(origin: OriginGroup) -> OriginJSON:
    return {
        "id": origin.id,
        "kind": origin.kind,
        "speaker": origin.speaker,
        "party": origin.party,
        "report_ids": list(origin.report_ids),
    }


def _reports(
    incident: IncidentLinks, reports: dict[str, Report], linked: Linked, origins: list[OriginGroup]
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
            s.stance != "supports",
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
    }
