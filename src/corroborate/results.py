"""Assemble a run's incidents for people: grades from origins, stances, dates, labels.

Called by ``pipeline`` after linking; turns ``link`` output into ``export.results``
objects, asking ``grade`` for each incident's origins and grade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from corroborate.export.origins import ORIGIN, origins_note
from corroborate.export.results import (
    IncidentJSON,
    OriginJSON,
    PlaceJSON,
    ReportRefJSON,
    StatementJSON,
)
from corroborate.extract.outlets import report_outlet
from corroborate.extract.voices import AUTHOR_ROLE, WITNESS_ROLE
from corroborate.grade import Claim, Denial, OriginGroup, collapse, grade
from corroborate.grade.origins import party_of
from corroborate.ids import make_id, short
from corroborate.link.assemble import IncidentLinks, Linked, Statement, denial_cue
from corroborate.link.incidents import Weights
from corroborate.model import Place, Report
from corroborate.taxonomy import violations
from corroborate.taxonomy.registry import Registry, registry

LABELS = {t.code: t.label for t in violations()}
MONTHS = (
    "January February March April May June July August September October November December"
).split()


def terms() -> dict[str, str]:
    """What the words ``results.json`` counts by mean, the bound of an incident included."""
    span = Weights().span_days
    return {
        "incident": (
            "allegations of a single event at a single place (as specific as the reports "
            f"allow) whose event dates lie at most {span} days apart; allegations that name "
            "different places, regions or countries, days further apart, or different accused "
            "parties are never the same incident"
        ),
        "origin": ORIGIN,
        "report": "an ingested item: a file, or an item of a feed, table or web archive",
    }


def build_incidents(reports: Sequence[Report], linked: Linked) -> list[IncidentJSON]:
    by_id = {r.id: r for r in reports}
    sources = registry()
    built = [_incident(incident, by_id, linked, sources) for incident in linked.incidents]
    return sorted(built, key=lambda i: (-len(i["reports"]), i["label"], i["id"]))


def _incident(
    incident: IncidentLinks, reports: dict[str, Report], linked: Linked, sources: Registry
) -> IncidentJSON:
    # origins in the order they were first told, reports ordered as the incident lists them
    # (publication, source, id), then by place in the report: never in storage order
    supporting = [s for s in _told_order(incident.statements, reports) if s.stance == "supports"]
    claims = [_claim(s, reports, linked) for s in supporting]
    origins = collapse(claims, sources)
    denying = [s for s in incident.statements if s.stance in ("denies", "counter_accuses")]
    denials = [_denial(s, sources) for s in denying if not s.attribution.speaker.unresolved]
    unresolved = sum(c.unresolved for c in claims) + len(denying) - len(denials)
    result = grade(origins, denials, reports=len(incident.report_stances), unresolved=unresolved)
    types = [
        code
        for code, _ in Counter(
            t for g in incident.allegations for t in g.violation_types
        ).most_common()
    ]
    place = _place(incident)
    days = sorted(_days(incident, reports))
    origin_list = [_origin(o) for o in origins]
    report_refs = _reports(incident, reports, linked, origins)
    return {
        "id": make_id("incident", sorted(g.id for g in incident.allegations)),
        "label": _label(types, place, days),
        "types": types,
        "accused": _accused(incident),
        "place": place,
        "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None,
        "grade": {
            "reliability": result.reliability,
            "credibility": result.credibility,
            "standard": result.standard,
            "explanation": result.explanation,
        },
        "origins": origin_list,
        "origins_note": origins_note(origin_list, [r["id"] for r in report_refs]),
        "reports": report_refs,
        "statements": [_statement(s, sources) for s in _told_order(incident.statements, reports)],
    }


def _claim(statement: Statement, reports: dict[str, Report], linked: Linked) -> Claim:
    speaker = statement.attribution.speaker
    report = reports[statement.report_id]
    copy = linked.copies.get(report.id)
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
    )


def _denial(statement: Statement, sources: Registry) -> Denial:
    speaker = statement.attribution.speaker
    source = sources.lookup(speaker.canonical)
    party = party_of(speaker.canonical, speaker.role, speaker.affiliation, sources)
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


def _days(incident: IncidentLinks, reports: dict[str, Report]) -> set[str]:
    days = {
        g.time.value[:10]
        for g in incident.allegations
        if g.time and g.time.value and len(g.time.value) >= 10
    }
    if not days:
        days = {(reports[s.report_id].published or "")[:10] for s in incident.statements}
    return {d for d in days if _is_date(d)}


def _is_date(value: str) -> bool:
    """Only real ISO dates make labels and timelines; "Tue, 12 Apr" or "2022-13-45" do not."""
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _label(types: list[str], place: PlaceJSON | None, days: list[str]) -> str:
    what = ", ".join(LABELS.get(t, t) for t in types[:2]) or "Allegation"
    where = f" at {place['canonical']}" if place else ""
    when = f", {MONTHS[int(days[0][5:7]) - 1]} {days[0][:4]}" if days else ""
    return f"{what}{where}{when}"


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


def _report_order(report: Report) -> tuple[str, str, str]:
    return (report.published or "9999", source_label(report), report.id)


def source_label(report: Report) -> str:
    """How shared output names where a report came from: its stored file by a short digest,
    and the item in it; never a path or a file name (either may name a witness)."""
    label = f"file {short(report.blob_id, 8)}"
    return f"{label}, {report.item}" if report.item else label


def _statement(statement: Statement, sources: Registry) -> StatementJSON:
    speaker = statement.attribution.speaker
    party = party_of(speaker.canonical, speaker.role, speaker.affiliation, sources)
    allegation = statement.allegation
    return {
        "report_id": statement.report_id,
        "speaker": speaker.canonical,
        "party": party,
        "stance": statement.stance,
        "content": statement.attribution.content.text,
        "types": list(allegation.violation_types) if allegation else [],
        "time": allegation.time.value if allegation and allegation.time else None,
    }
