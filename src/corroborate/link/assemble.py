"""3. Link: from extracted statements to incidents, with copies, chains and stances.

1. text reuse between reports (``reuse``): each copy points at its origin report
2. one ``Mention`` per allegation; incidents by blocked clustering (``incidents``)
3. each statement's stance (``stance``); denials attach to the incidents at the places
   their report names; each report's stance toward each incident it touches

Input and output are records of ``corroborate.model`` plus the small views below; nothing
here reads or writes the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from corroborate.link.incidents import Mention, Weights, cluster, located
from corroborate.link.reuse import Copy, Text, find_copies
from corroborate.link.speakers import unify_speakers
from corroborate.link.stance import statement_stance
from corroborate.model import Allegation, Attribution, Report
from corroborate.taxonomy.denial import denial_lemma
from corroborate.taxonomy.registry import registry

WORD = re.compile(r"[^\W\d_]{4,}")
STOP = frozenset(
    "that this with from were have been their they which would about there said also".split()
)


@dataclass(frozen=True, slots=True)
class Statement:
    """An attribution of a report, with its stance toward an incident."""

    report_id: str
    attribution: Attribution
    stance: str
    allegation: Allegation | None = None


@dataclass(slots=True)
class IncidentLinks:
    allegations: list[Allegation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    report_stances: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Linked:
    copies: dict[str, Copy]
    incidents: list[IncidentLinks]


def link(
    reports: Sequence[Report],
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
    report_places: Mapping[str, set[str]],
    places_in: Callable[[str], set[str]] | None = None,
    weights: Weights | None = None,
) -> Linked:
    """Link extracted statements of ``reports`` into incidents.

    Reports, and the allegations in them, are taken in the order of their ids (hashes of
    their content), never in the order they were stored: the same reports give the same
    incidents, copies, origins and ties whatever order they arrived in.
    """
    reports = sorted(reports, key=lambda r: r.id)
    statements = unify_speakers({rid: statements[rid] for rid in sorted(statements)})
    copies = {
        c.report_id: c for c in find_copies([Text(r.id, r.text, r.published) for r in reports])
    }
    by_id = {r.id: r for r in reports}
    context = {r.id: frozenset(_words(r.text)) for r in reports}
    attribution_of = {a.id: (rid, a) for rid, (atts, _) in statements.items() for a in atts}
    allegations = sorted((g for _, (_, gs) in statements.items() for g in gs), key=lambda g: g.id)
    mentions = [_mention(g, attribution_of[g.attribution_id], by_id, context) for g in allegations]
    incidents = [
        _incident([allegations[i] for i in members], attribution_of)
        for members in cluster(mentions, weights)
    ]
    _attach_denials(incidents, statements, report_places, places_in or (lambda _text: set()))
    for incident in incidents:
        incident.report_stances = _report_stances(incident.statements)
    return Linked(copies, incidents)


def _mention(
    allegation: Allegation,
    owner: tuple[str, Attribution],
    reports: Mapping[str, Report],
    context: Mapping[str, frozenset[str]],
) -> Mention:
    place, region, country = located(allegation.place)
    return Mention(
        types=frozenset(allegation.violation_types),
        place=place,
        region=region,
        country=country,
        # the event's own day: a publication date says when it was told, not when it happened
        day=_day(allegation.time.value if allegation.time else None),
        told=_day(reports[owner[0]].published),
        actors=frozenset(_words(allegation.perpetrator.text if allegation.perpetrator else "")),
        accused=registry().party_in(allegation.perpetrator.text)
        if allegation.perpetrator
        else None,
        words=frozenset(_words(owner[1].content.text)),
        context=context[reports[owner[0]].id],
    )


def _day(value: str | None) -> date | None:
    if not value or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text)} - STOP


def _incident(
    allegations: list[Allegation], attribution_of: Mapping[str, tuple[str, Attribution]]
) -> IncidentLinks:
    incident = IncidentLinks(allegations=allegations)
    for allegation in allegations:
        report_id, attribution = attribution_of[allegation.attribution_id]
        # a statement that names a violation supports it unless a denial verb introduces it:
        # "detainees were … denied access to lawyers" alleges, it does not deny
        stance = (
            statement_stance(
                attribution.content.text, cue_lemma=lemma, alleges=True, accuses_other=False
            )
            if (lemma := _cue_lemma(attribution))
            else "supports"
        )
        incident.statements.append(Statement(report_id, attribution, stance, allegation))
    return incident


def denial_cue(attribution: Attribution) -> bool:
    """Whether the statement is introduced by a denial verb ("denied", "rejected")."""
    return _cue_lemma(attribution) is not None


def _cue_lemma(attribution: Attribution) -> str | None:
    words = attribution.cue.text.split() if attribution.cue else []
    return denial_lemma(words[-1]) if words else None


def _attach_denials(
    incidents: list[IncidentLinks],
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
    report_places: Mapping[str, set[str]],
    places_in: Callable[[str], set[str]],
) -> None:
    """A denial in a report attaches to the incidents at the places that report names."""
    at_place: dict[str, list[IncidentLinks]] = {}
    for incident in incidents:
        for place in {g.place.canonical for g in incident.allegations if g.place}:
            at_place.setdefault(place, []).append(incident)
    for report_id, (attributions, allegations) in statements.items():
        alleged_by = {g.attribution_id for g in allegations}
        # a denial whose words name the violation ("denied that anyone was tortured") carries
        # an allegation too, but it accuses nobody: only what a speaker alleges makes them one
        accusers = {
            a.speaker.canonical
            for a in attributions
            if a.id in alleged_by and _cue_lemma(a) is None
        }
        for attribution in attributions:
            if attribution.cue is None:
                continue  # testimonies and a report's own voice allege; they are not denials
            stance = statement_stance(
                attribution.content.text,
                cue_lemma=_cue_lemma(attribution),
                alleges=False,
                accuses_other=attribution.speaker.canonical in accusers,
            )
            if stance in ("denies", "counter_accuses"):
                places = _denied_places(attribution, report_places.get(report_id, set()), places_in)
                nearby = {id(i): i for p in places for i in at_place.get(p, [])}
                _attach(list(nearby.values()), Statement(report_id, attribution, stance))


def _denied_places(
    attribution: Attribution, in_report: set[str], places_in: Callable[[str], set[str]]
) -> set[str]:
    """Where a denial points: the places its own words name, else the report's only place."""
    named = places_in(attribution.content.text)
    if named:
        return named
    return in_report if len(in_report) == 1 else set()


def _attach(incidents: list[IncidentLinks], denial: Statement) -> None:
    """Attach to each incident, unless the denier is among those who allege it or the
    statement is already there (a denial naming the violation carries its own allegation)."""
    speaker = denial.attribution.speaker.canonical
    for incident in incidents:
        alleged = {
            s.attribution.speaker.canonical for s in incident.statements if s.stance == "supports"
        }
        present = {s.attribution.id for s in incident.statements}
        if speaker not in alleged and denial.attribution.id not in present:
            incident.statements.append(denial)


def _report_stances(statements: list[Statement]) -> dict[str, str]:
    """One stance per report: both sides carried makes it a neutral report."""
    found: dict[str, set[str]] = {}
    for statement in statements:
        found.setdefault(statement.report_id, set()).add(statement.stance)
    return {rid: _combine(stances) for rid, stances in found.items()}


def _combine(stances: set[str]) -> str:
    against = stances & {"denies", "counter_accuses"}
    if "supports" in stances and against:
        return "neutral"
    if "counter_accuses" in stances:
        return "counter_accuses"
    if "denies" in stances:
        return "denies"
    return "supports" if "supports" in stances else "neutral"
