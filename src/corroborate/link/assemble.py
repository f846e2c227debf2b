"""3. Link: from extracted statements to incidents, with copies, chains and stances.

1. text reuse between reports (``reuse``): each copy points at its origin report
2. one ``Mention`` per allegation; incidents by blocked clustering (``incidents``)
3. each incident's charge (act, places, days, accused party) and each statement's stance
   toward it (``answer``); a denial attaches only to the incidents whose charge it answers;
   each report's stance toward each incident it touches

Input and output are records of ``corroborate.model`` plus the small views below; nothing
here reads or writes the store.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from corroborate.link.answer import (
    Charge,
    Charges,
    Denial,
    Voice,
    accused_of,
    answers,
    negates_act,
    rejects,
    roots,
    speaker_keys,
    stance_toward,
)
from corroborate.link.incidents import Mention, Weights, cluster, located
from corroborate.link.order import report_order
from corroborate.link.reuse import Copy, Text, find_copies
from corroborate.link.speakers import unify_speakers
from corroborate.link.stance import content_stems
from corroborate.model import Allegation, Attribution, Report
from corroborate.taxonomy.denial import denial_lemma
from corroborate.taxonomy.registry import registry

LINK_STEPS = 5  # speakers, copies, mentions, incidents, denials and stances
WORD = re.compile(r"[^\W\d_]{4,}")
MIN_DENIAL_STEMS = 4  # fewer content words than this, and the sentence says what is denied
# a sentence ends at . ! ? (not after "No.", "Mr." and the like) or a line break
SENTENCE_END = re.compile(r"(?<!\bNo\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bSt\.)(?<=[.!?])\s+|\n\s*")
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
    charge: Charge | None = None


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
    step: Callable[[int, int], None] | None = None,
) -> Linked:
    """Link extracted statements of ``reports`` into incidents.

    Reports, and the allegations in them, are taken in an order of their content that no
    name moves (``order``), never in the order they were stored nor by their ids: the same
    reports give the same incidents, copies, origins and ties whatever order they arrived
    in, and with the parties' and people's names exchanged. ``step(done, total)`` is told as
    each of its ``LINK_STEPS`` steps ends.
    """
    done = step or (lambda _done, _total: None)
    reports = sorted(reports, key=report_order)
    rank = {r.id: n for n, r in enumerate(reports)}
    statements = unify_speakers(
        {rid: statements[rid] for rid in sorted(statements, key=lambda rid: rank.get(rid, -1))}
    )
    done(1, LINK_STEPS)
    copies = {
        c.report_id: c for c in find_copies([Text(r.id, r.text, r.published) for r in reports])
    }
    done(2, LINK_STEPS)
    by_id = {r.id: r for r in reports}
    context = {r.id: frozenset(_words(r.text)) for r in reports}
    attribution_of = {a.id: (rid, a) for rid, (atts, _) in statements.items() for a in atts}
    allegations = [
        g
        for _, (_, gs) in statements.items()
        for g in sorted(gs, key=lambda g: _place_in_report(g, attribution_of))
    ]
    mentions = [_mention(g, attribution_of[g.attribution_id], by_id, context) for g in allegations]
    voices = {a.id: _voice(a) for a, _rid in _all(statements)}
    # the charge's days are the events' own; when they were told only bounds them
    days = {g.id: (m.day, m.told) for g, m in zip(allegations, mentions, strict=True)}
    told = {g.id: _told(g, attribution_of, by_id) for g in allegations}
    done(3, LINK_STEPS)
    incidents = [
        _incident(
            sorted((allegations[i] for i in members), key=lambda g: told[g.id]),
            attribution_of,
            voices,
            days,
        )
        for members in cluster(mentions, weights)
    ]
    done(4, LINK_STEPS)
    denials = _denials(statements, voices, by_id, report_places, places_in or (lambda _t: set()))
    _attach(incidents, denials)
    for incident in incidents:
        incident.report_stances = report_stances(incident.statements)
    done(5, LINK_STEPS)
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
        day=allegation.time.day if allegation.time else None,
        told=_day(reports[owner[0]].published),
        actors=frozenset(_words(allegation.perpetrator.text if allegation.perpetrator else "")),
        accused=registry().party_in(allegation.perpetrator.text)
        if allegation.perpetrator
        else None,
        words=frozenset(_words(owner[1].content.text)),
        context=context[reports[owner[0]].id],
    )


def _told(
    allegation: Allegation,
    attribution_of: Mapping[str, tuple[str, Attribution]],
    reports: Mapping[str, Report],
) -> tuple[str, int, int, str]:
    """When and where an allegation was told: its report's date, then its place in the text.
    Nothing here depends on a name, so a charge's tie (two parties blamed as often) goes the
    same way with the parties swapped; the id only breaks what nothing else can."""
    report_id, attribution = attribution_of[allegation.attribution_id]
    content = attribution.content
    return (reports[report_id].published or "", content.start, len(content.text), allegation.id)


def _place_in_report(
    allegation: Allegation, attribution_of: Mapping[str, tuple[str, Attribution]]
) -> tuple[int, int, tuple[str, ...], str]:
    """Where an allegation stands in its report: offsets move with the names before them,
    but never past one another."""
    content = attribution_of[allegation.attribution_id][1].content
    return (content.start, content.end, allegation.violation_types, allegation.id)


def _day(value: str | None) -> date | None:
    if not value or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> set[str]:
    """A text's content words, each held once for every report (interned): a report's words
    are a set per report, and the same word in a million reports is one string."""
    return {sys.intern(w.lower()) for w in WORD.findall(text)} - STOP


def _all(
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
) -> list[tuple[Attribution, str]]:
    return [(a, rid) for rid, (atts, _) in statements.items() for a in atts]


def _voice(attribution: Attribution, allegation: Allegation | None = None) -> Voice:
    """What stance reads of a statement; ``blamed`` is filled in per allegation."""
    speaker = attribution.speaker
    party = registry().speaker_party(speaker.canonical, speaker.role, speaker.affiliation)
    cue = attribution.cue.text if attribution.cue else ""
    named = registry().party_in(attribution.content.text)
    return Voice(attribution.content.text, cue, party, named=named if named != party else None)


def _alleging(voice: Voice, allegation: Allegation) -> Voice:
    """The voice of a statement that alleges: the act's types and the party its perpetrator
    names."""
    perpetrator = allegation.perpetrator.text if allegation.perpetrator else None
    blamed = registry().party_in(perpetrator)
    return replace(voice, blamed=blamed, types=frozenset(allegation.violation_types))


def _incident(
    allegations: list[Allegation],
    attribution_of: Mapping[str, tuple[str, Attribution]],
    voices: Mapping[str, Voice],
    days: Mapping[str, tuple[date | None, date | None]],
) -> IncidentLinks:
    """An incident's statements, each with its stance toward the incident's charge."""
    owned = [(g, *attribution_of[g.attribution_id]) for g in allegations]
    alleging = {g.id: _alleging(voices[a.id], g) for g, _, a in owned}
    charge = _charge(allegations, alleging, days)
    incident = IncidentLinks(allegations=allegations)
    for allegation, report_id, attribution in owned:
        stance = stance_toward(alleging[allegation.id], charge)
        incident.statements.append(Statement(report_id, attribution, stance, allegation))
    supporters = [s.attribution.speaker for s in incident.statements if s.stance == "supports"]
    accusers = frozenset(k for s in supporters for k in _keys(s.canonical))
    incident.charge = replace(charge, accusers=accusers)
    return incident


def _charge(
    allegations: list[Allegation],
    alleging: Mapping[str, Voice],
    days: Mapping[str, tuple[date | None, date | None]],
) -> Charge:
    voices = [alleging[g.id] for g in allegations]
    # a statement that denies or negates the act blames nobody for it; where no perpetrator
    # is parsed, the party its words name is its vote: one party named in passing (the
    # victims') is outvoted by the statements that name the accused
    votes = [
        (v.blamed or v.named, v.speaker_party)
        for v in voices
        if not rejects(v, refutes_claims=False) and not negates_act(v.content)
    ]
    known = sorted(d for g in allegations if (d := days[g.id][0]) is not None)
    told = sorted(d for g in allegations if (d := days[g.id][1]) is not None)
    accused = accused_of(votes)
    return Charge(
        accused=accused,
        types=frozenset(t for g in allegations for t in g.violation_types),
        places=frozenset(g.place.canonical for g in allegations if g.place),
        first=known[0] if known else None,
        last=known[-1] if known else None,
        told=told[0] if told else None,
        stems=frozenset(r for v in voices for r in roots(v.content)),
        claim=_claim(voices, accused),
    )


def _claim(voices: Sequence[Voice], accused: str | None) -> str:
    """The charge in its first accuser's words: the first statement, not the accused's own,
    that blames the accused (by its perpetrator, or by the party its words name)."""
    if accused is None:
        return ""
    blaming = (v for v in voices if v.speaker_party != accused and (v.blamed or v.named) == accused)
    return next((v.content for v in blaming), "")


def _keys(name: str) -> frozenset[str]:
    source = registry().lookup(name)
    return speaker_keys(name, source.name if source else None)


def denial_cue(attribution: Attribution) -> bool:
    """Whether the statement is introduced by a denial verb ("denied", "rejected")."""
    return _cue_lemma(attribution) is not None


def _cue_lemma(attribution: Attribution) -> str | None:
    words = attribution.cue.text.split() if attribution.cue else []
    return denial_lemma(words[-1]) if words else None


def _denials(
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
    voices: Mapping[str, Voice],
    reports: Mapping[str, Report],
    report_places: Mapping[str, set[str]],
    places_in: Callable[[str], set[str]],
) -> list[tuple[Statement, Denial]]:
    """Every statement that rejects something, with what places it at an event. Testimonies
    and a report's own voice (no cue) allege; they are not denials."""
    found = []
    for attribution, report_id in _all(statements):
        voice = voices[attribution.id]
        if attribution.cue is None or not rejects(voice, refutes_claims=True):
            continue
        report = reports[report_id]
        sentence, text = _denial_text(attribution, report.text)
        named = places_in(text)
        places = named or _only(report_places.get(report_id, set()))
        said = registry().party_in(sentence)
        own = said if said != voice.speaker_party else None
        whole = replace(voice, content=sentence, named=own)
        denial = Denial(
            whole,
            _keys(attribution.speaker.canonical),
            text,
            frozenset(places),
            _day(report.published),
            named_place=bool(named),
        )
        found.append((Statement(report_id, attribution, "denies"), denial))
    return found


def _only(places: set[str]) -> set[str]:
    """A denial that names no place is placed by its report only if the report names one."""
    return places if len(places) == 1 else set()


def _denial_text(attribution: Attribution, text: str) -> tuple[str, str]:
    """(what the denial says, what places it): the content twice, or where the content is
    too short to say what it denies ("rejected this") its sentence, and that sentence with
    the one before."""
    content = attribution.content.text
    if len(content_stems(content)) >= MIN_DENIAL_STEMS:
        return content, content
    cue = attribution.cue or attribution.content
    start = min(attribution.content.start, cue.start)
    end = max(attribution.content.end, cue.end)
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    first = max(b for b in bounds if b <= start)
    previous = max((b for b in bounds if b < first), default=first)
    last = min(b for b in bounds if b >= end)
    return " ".join(text[first:last].split()), " ".join(text[previous:last].split())


def _attach(incidents: list[IncidentLinks], denials: list[tuple[Statement, Denial]]) -> None:
    """Attach each denial, with its stance, to the incidents whose charge it answers, unless
    the statement is there already (a denial naming the act carries its own allegation)."""
    charged = [i for i in incidents if i.charge is not None]
    charges = Charges([i.charge for i in charged if i.charge is not None])
    present = {s.attribution.id for i in charged for s in i.statements}
    for statement, denial in denials:
        if statement.attribution.id in present:
            continue
        for n in answers(denial, charges):
            stance = stance_toward(denial.voice, charges.charges[n])
            if stance in ("denies", "counter_accuses"):
                charged[n].statements.append(replace(statement, stance=stance))


def report_stances(statements: list[Statement]) -> dict[str, str]:
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
