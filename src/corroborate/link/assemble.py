"""3. Link: from extracted statements to incidents, with copies, chains and stances.

1. text reuse between reports (``reuse``): each copy points at its origin report
2. one ``Mention`` per allegation; incidents by clustering each block of mentions apart
   (``blocks``, ``incidents``)
3. each incident's charge (act, places, days, accused party) and each statement's stance
   toward it (``answer``); a denial attaches only to the incidents whose charge it answers;
   each report's stance toward each incident it touches

Input and output are records of ``corroborate.model`` (``Statement``, ``Incident``,
``Linked``); an incident's charge stays here, beside it. Nothing here reads or writes the
store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from itertools import pairwise

from corroborate.link.answer import (
    Charge,
    Charges,
    Denial,
    Voice,
    accused_of,
    answers,
    decide,
    negates_act,
    rejecting_words,
    rejects,
    roots,
    speaker_keys,
)
from corroborate.link.blocks import BlockMemo, cluster_blocks
from corroborate.link.charges import ChargeMemo, Decided, charge_id, decided_all
from corroborate.link.features import Party, ReportFeatures, day_of, features_of, registry_digest
from corroborate.link.incidents import Weights
from corroborate.link.order import report_order
from corroborate.link.reuse import Text, find_copies
from corroborate.link.speakers import unify_speakers
from corroborate.link.stance import content_stems
from corroborate.model import (
    AGAINST,
    Allegation,
    Attribution,
    Incident,
    Linked,
    Report,
    Span,
    Stance,
    Statement,
)
from corroborate.taxonomy.denial import denial_lemma
from corroborate.taxonomy.registry import registry

LINK_STEPS = 5  # speakers, copies, mentions, incidents, denials and stances
MIN_DENIAL_STEMS = 4  # fewer content words than this, and the sentence says what is denied
# a sentence ends at . ! ? (not after "No.", "Mr." and the like) or a line break
SENTENCE_END = re.compile(r"(?<!\bNo\.)(?<!\bMr\.)(?<!\bDr\.)(?<!\bSt\.)(?<=[.!?])\s+|\n\s*")


def link(
    reports: Sequence[Report],
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
    report_places: Mapping[str, set[str]],
    places_in: Callable[[str], set[str]] | None = None,
    weights: Weights | None = None,
    step: Callable[[int, int], None] | None = None,
    kept: Mapping[str, ReportFeatures] | None = None,
    blocks: BlockMemo | None = None,
    charges: ChargeMemo | None = None,
) -> Linked:
    """Link extracted statements of ``reports`` into incidents.

    Reports, and the allegations in them, are taken in an order of their content that no
    name moves (``order``), never in the order they were stored nor by their ids: the same
    reports give the same incidents, copies, origins and ties whatever order they arrived
    in, and with the parties' and people's names exchanged. ``step(done, total)`` is told as
    each of its ``LINK_STEPS`` steps ends.
    ``kept`` holds features an earlier run read of some reports (``features``), which are
    then not read again: the result is the same with or without them. ``blocks`` holds the
    incidents an earlier run clustered in some blocks (``blocks``), which are then not
    clustered again, and is given those this run clusters: the result is the same too.
    ``charges`` likewise holds incidents' charges and stances an earlier run decided
    (``charges``), read back for the incidents whose statements are unchanged.
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
    features = features_of(reports, statements, kept or {})
    mention_of = {
        id(g): m
        for rid, (_, gs) in statements.items()
        for g, m in zip(gs, features[rid].mentions, strict=True)
    }
    attribution_of = {a.id: (rid, a) for rid, (atts, _) in statements.items() for a in atts}
    allegations = [
        g
        for _, (_, gs) in statements.items()
        for g in sorted(gs, key=lambda g: _place_in_report(g, attribution_of))
    ]
    mentions = [mention_of[id(g)] for g in allegations]
    voices = {a.id: _voice(a, features[rid].parties[a.id]) for a, rid in _all(statements)}
    # the charge's days are the events' own; when they were told only bounds them
    days = {g.id: (m.day, m.told) for g, m in zip(allegations, mentions, strict=True)}
    told = {g.id: _told(g, attribution_of, by_id) for g in allegations}
    done(3, LINK_STEPS)
    groups = [
        sorted((allegations[i] for i in members), key=lambda g: told[g.id])
        for members in cluster_blocks(mentions, [g.id for g in allegations], weights, blocks)
    ]
    incidents, found = _incidents(groups, attribution_of, voices, days, charges)
    done(4, LINK_STEPS)
    denials = _denials(statements, voices, by_id, report_places, places_in or (lambda _t: set()))
    _attach(incidents, Charges(found), denials)
    for incident in incidents:
        incident.report_stances = report_stances(incident.statements)
    done(5, LINK_STEPS)
    return Linked(copies, incidents, features)


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


def _all(
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
) -> list[tuple[Attribution, str]]:
    return [(a, rid) for rid, (atts, _) in statements.items() for a in atts]


def _voice(attribution: Attribution, party: Party) -> Voice:
    """What stance reads of a statement; ``blamed`` is filled in per allegation."""
    cue = attribution.cue.text if attribution.cue else ""
    named = party.named if party.named != party.speaker_party else None
    return Voice(attribution.content.text, cue, party.speaker_party, named=named)


def _alleging(voice: Voice, allegation: Allegation) -> Voice:
    """The voice of a statement that alleges: the act's types and the party its perpetrator
    names."""
    perpetrator = allegation.perpetrator.text if allegation.perpetrator else None
    blamed = registry().party_in(perpetrator)
    return replace(voice, blamed=blamed, types=frozenset(allegation.violation_types))


def _incidents(
    groups: list[list[Allegation]],
    attribution_of: Mapping[str, tuple[str, Attribution]],
    voices: Mapping[str, Voice],
    days: Mapping[str, tuple[date | None, date | None]],
    memo: ChargeMemo | None,
) -> tuple[list[Incident], list[Charge]]:
    """Each incident (its allegations in the order they were told) with its statements'
    stances toward its charge, and the charges; read from ``memo`` where kept."""
    said = {g.id: attribution_of[g.attribution_id][1] for group in groups for g in group}
    alleging = {g.id: _alleging(voices[said[g.id].id], g) for group in groups for g in group}
    speakers = {gid: a.speaker.canonical for gid, a in said.items()}
    digest = registry_digest() if memo is not None else ""
    ids = [
        charge_id(group, alleging, days, speakers, digest) if memo is not None else ""
        for group in groups
    ]
    decided = decided_all(
        ids,
        [len(group) for group in groups],
        lambda n: _decided(groups[n], alleging, days, speakers),
        memo,
    )
    incidents = [
        _incident(group, attribution_of, d) for group, d in zip(groups, decided, strict=True)
    ]
    return incidents, [d.charge for d in decided]


def _decided(
    allegations: list[Allegation],
    alleging: Mapping[str, Voice],
    days: Mapping[str, tuple[date | None, date | None]],
    speakers: Mapping[str, str],
) -> Decided:
    """An incident's charge, with those who allege it, and each statement's stance."""
    charge = _charge(allegations, alleging, days)
    stances = tuple(decide(alleging[g.id], charge) for g in allegations)
    supporting = (g for g, (s, _) in zip(allegations, stances, strict=True) if s == Stance.SUPPORTS)
    accusers = frozenset(k for g in supporting for k in _keys(speakers[g.id]))
    return Decided(replace(charge, accusers=accusers), stances)


def _incident(
    allegations: list[Allegation],
    attribution_of: Mapping[str, tuple[str, Attribution]],
    decided: Decided,
) -> Incident:
    """An incident's statements, each with its stance toward the incident's charge."""
    incident = Incident(allegations=allegations)
    for allegation, (stance, sure) in zip(allegations, decided.stances, strict=True):
        report_id, attribution = attribution_of[allegation.attribution_id]
        incident.statements.append(Statement(report_id, attribution, stance, allegation, sure))
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
            day_of(report.published),
            named_place=bool(named),
        )
        found.append((Statement(report_id, attribution, Stance.DENIES), denial))
    return found


def _only(places: set[str]) -> set[str]:
    """A denial that names no place is placed by its report only if the report names one."""
    return places if len(places) == 1 else set()


def _denial_text(attribution: Attribution, text: str) -> tuple[str, str]:
    """(what the denial says, what places it): the content twice, or where the content is
    too short to say what it denies ("rejected this") its sentence, and that sentence with
    the one before. Content of several sentences not introduced by a denial verb (a speech
    read as one statement) is only its sentences that reject something: the others neither
    place nor word the denial."""
    said, span = attribution.content.text, attribution.content
    cue = attribution.cue or span
    if not denial_cue(attribution):
        said, span = _rejecting(span)
        cue = cue if span is attribution.content else span
    if len(content_stems(said)) >= MIN_DENIAL_STEMS:
        return said, said
    start = min(span.start, cue.start)
    end = max(span.end, cue.end)
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(text)), len(text)]
    first = max(b for b in bounds if b <= start)
    previous = max((b for b in bounds if b < first), default=first)
    last = min(b for b in bounds if b >= end)
    return " ".join(text[first:last].split()), " ".join(text[previous:last].split())


def _rejecting(content: Span) -> tuple[str, Span]:
    """The sentences of ``content`` that reject an act or a claim, and the span from the first
    to the last of them; all of it where every sentence does, or none does alone (the
    rejection spans a sentence end)."""
    bounds = [0, *(m.end() for m in SENTENCE_END.finditer(content.text)), len(content.text)]
    pieces = [(a, b) for a, b in pairwise(bounds) if a < b]
    kept = [(a, b) for a, b in pieces if rejecting_words(content.text[a:b])]
    if not kept or len(kept) == len(pieces):
        return content.text, content
    said = " ".join(" ".join(content.text[a:b].split()) for a, b in kept)
    a, b = kept[0][0], kept[-1][1]
    return said, Span(content.start + a, content.start + b, content.text[a:b])


def _attach(
    incidents: list[Incident], charges: Charges, denials: list[tuple[Statement, Denial]]
) -> None:
    """Attach each denial, with its stance, to the incidents whose charge it answers (the
    ``n``-th charge is the ``n``-th incident's), unless the statement is there already (a
    denial naming the act carries its own allegation)."""
    present = {s.attribution.id for i in incidents for s in i.statements}
    for statement, denial in denials:
        if statement.attribution.id in present:
            continue
        for n in answers(denial, charges):
            stance, sure = decide(denial.voice, charges.charges[n])
            if stance in AGAINST:
                incidents[n].statements.append(
                    replace(statement, stance=stance, stance_certainty=sure)
                )


def report_stances(statements: list[Statement]) -> dict[str, Stance]:
    """One stance per report: both sides carried makes it a neutral report."""
    found: dict[str, set[Stance]] = {}
    for statement in statements:
        found.setdefault(statement.report_id, set()).add(statement.stance)
    return {rid: _combine(stances) for rid, stances in found.items()}


def _combine(stances: set[Stance]) -> Stance:
    if Stance.SUPPORTS in stances and stances & AGAINST:
        return Stance.NEUTRAL
    if Stance.COUNTER_ACCUSES in stances:
        return Stance.COUNTER_ACCUSES
    if Stance.DENIES in stances:
        return Stance.DENIES
    return Stance.SUPPORTS if Stance.SUPPORTS in stances else Stance.NEUTRAL
