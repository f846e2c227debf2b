"""2. Extract, for one parsed document: attributions, then what each alleges.

1. find candidate attributions: the parse rules, quotations and the encoder each write theirs
   to ``doc.spans`` (``candidates``); the arbitration (``combine``) keeps the best of those
   that overlap; keep those that report something said (``saying``) and are no relay of an
   outlet
2. resolve each speaker mention (``speakers``), attach the outlet chain (``outlets``)
3. for each content: violation types and actors (``violations``), the place and day of the
   act, never those of the speech or where fire came from (``anchors``; the place carried
   over from earlier in the text when the content names none), and amounts (``amounts``)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from corroborate.extract.attribution.arbitration import Weights
from corroborate.extract.attribution.bodies import registered_bodies
from corroborate.extract.attribution.candidates import (
    encoder_candidates,
    fill,
    quotation_candidates,
    rule_candidates,
)
from corroborate.extract.attribution.combine import combine
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.outlets import find_outlets
from corroborate.extract.attribution.saying import says
from corroborate.extract.attribution.speakers import (
    Resolver,
    names_nobody,
    people_in,
    split_mention,
    titled_names,
    transcript_turns,
)
from corroborate.extract.attribution.tagger import word_roles
from corroborate.extract.certainty import Evidence, certainty
from corroborate.extract.facts.amounts import find_amounts
from corroborate.extract.facts.anchors import act_place, act_time
from corroborate.extract.facts.places import places_of
from corroborate.extract.facts.times import find_times
from corroborate.extract.facts.violations import find_violations
from corroborate.extract.lexicon import PRONOUNS, RELAY_VERBS
from corroborate.extract.rules import enabled
from corroborate.extract.spans import (
    RELATIVE,
    antecedent,
    contiguous,
    text_of,
    tokens_span,
    without_relative_clause,
)
from corroborate.model import Allegation, Attribution, Place, Span, Speaker


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one report says: its attributions and the allegations they make."""

    report_id: str
    attributions: tuple[Attribution, ...]
    allegations: tuple[Allegation, ...]
    error: str | None = None  # why nothing could be extracted (a coded one-line error)


def extract_doc(
    doc: Doc,
    *,
    report_id: str,
    published: str | None,
    encoder: bool = True,
    weights: Weights | None = None,
) -> Extraction:
    """What the parsed document says; ``weights``: the arbitration's, instead of those of
    ``taxonomy/attribution/arbitration.yaml`` (for measuring others)."""
    fill(doc, with_encoder=encoder)  # the encoder reads cues outside the lexicon better
    rules, quoted = rule_candidates(doc), quotation_candidates(doc)
    evidence = Evidence.of(rules + quoted, word_roles(doc) if encoder else None)
    tagged = encoder_candidates(doc)
    found = combine(doc, rules, tagged, quoted=quoted, evidence=evidence, weights=weights)
    raws = [r for r in found if says(r, doc) or not enabled("says-filter")]
    resolver = Resolver.seeded(
        registered_bodies(text_of(doc)),
        people_in(doc),
        transcript_turns(text_of(doc)),
        titled_names(text_of(doc)),
    )
    outlets = find_outlets(text_of(doc))
    places = places_of(doc)
    attributions: list[Attribution] = []
    allegations: list[Allegation] = []
    for raw in [r for r in raws if not _is_relay(doc, r)]:
        speaker = _resolve(doc, raw, resolver)
        via = tuple(o for o in outlets if not _names(o, speaker.canonical))
        attribution = Attribution(
            report_id,
            speaker,
            raw.cue if raw.lemma else None,
            raw.content,
            raw.direct,
            via,
            certainty=certainty(raw, evidence),
        )
        attributions.append(attribution)
        allegation = allegation_for(doc, attribution, places, published)
        if allegation is not None:
            allegations.append(allegation)
    return Extraction(report_id, tuple(attributions), tuple(allegations))


def _names(outlet: str, speaker: str) -> bool:
    """Whether the speaker is that outlet ("AP" is not in "Kapustin"; it is in "AP News")."""
    return re.search(rf"(?<!\w){re.escape(outlet)}(?!\w)", speaker, re.IGNORECASE) is not None


def _is_relay(doc: Doc, raw: RawAttribution) -> bool:
    """ "The statement was reported by TASS": the outlet chain, not a claim of its own. What
    an outlet published ("Donbas Watch first published the video") is its own statement."""
    if (
        raw.lemma not in RELAY_VERBS
        or raw.content.start > raw.cue.start
        or not enabled("relay-filter")
    ):
        return False
    span = doc.char_span(raw.content.start, raw.content.end, alignment_mode="expand")
    return span is not None and len(span) <= 4 and not any(t.tag_.startswith("VB") for t in span)


def _resolve(doc: Doc, raw: RawAttribution, resolver: Resolver) -> Speaker:
    """Resolve the speaker; a relative "who" stands for the noun it hangs on ("the
    spokesperson, who said …"), and "it" for the body that is the subject of the sentence
    before, if one is ("The Mission received three accounts. It could not verify …"): the
    span stays as written, the name is the antecedent's. A speaker's own relative clause is
    part of the span but not of the name or role ("Bilyk, who backed Governor Hnatyuk")."""
    core = without_relative_clause(doc, raw.speaker)
    if core != raw.speaker:
        return replace(_mention(doc, core, resolver), span=raw.speaker)
    if raw.speaker.text.lower() == "it":
        body = _previous_subject(doc, raw.speaker.start)
        return (
            replace(_mention(doc, body, resolver), span=raw.speaker)
            if body
            else resolver.resolve(raw.speaker)
        )
    if raw.speaker.text.lower() not in RELATIVE or raw.speaker_head < 0:
        return _mention(doc, raw.speaker, resolver)
    who = doc[raw.speaker_head]
    clause = who.head
    noun = antecedent(doc, who)
    if noun is None:
        return Speaker(raw.speaker, raw.speaker.text, unresolved=True)
    phrase = [
        t
        for t in noun.subtree
        if (t.i < clause.left_edge.i or t.i > clause.right_edge.i)
        and not (t.dep_ in ("case", "mark") and t.head.i == noun.i and t.i < noun.i)
    ]
    mention = tokens_span(doc, contiguous(phrase, noun))
    return (
        replace(_mention(doc, mention, resolver), span=raw.speaker)
        if mention
        else Speaker(raw.speaker, raw.speaker.text, unresolved=True)
    )


def _mention(doc: Doc, mention: Span, resolver: Resolver) -> Speaker:
    """A mention resolved, unless it names nobody (see ``speakers.names_nobody``); pronouns go
    to the resolver, which finds their antecedent or leaves them unresolved."""
    if mention.text.lower() in PRONOUNS:
        return resolver.resolve(mention)
    tokens = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if tokens is None or names_nobody(list(tokens)):
        return Speaker(mention, mention.text, unresolved=True)
    return resolver.resolve(mention)


def _previous_subject(doc: Doc, position: int) -> Span | None:
    """The noun phrase that is the subject of the sentence before the one at ``position``
    (same paragraph), when it names a body: no pronoun, no person's name."""
    token = next((t for t in doc if t.idx >= position), None)
    if token is None or token.sent.start == 0:
        return None
    before = doc[token.sent.start - 1].sent
    if "\n" in text_of(doc)[before.end_char : position]:
        return None
    root = before.root
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is None or not subject.tag_.startswith("NN") or subject.ent_type_ == "PER":
        return None
    phrase = [t for t in subject.subtree if t.dep_ not in ("acl:relcl", "punct") or t == subject]
    found = tokens_span(doc, contiguous(phrase, subject))
    return None if found is None or split_mention(found.text)[1] else found  # a person's name


def allegation_for(
    doc: Doc,
    attribution: Attribution,
    places: list[Place],
    published: str | None,
    *,
    place: Place | None = None,
) -> Allegation | None:
    """What one attribution alleges, or None when it names no violation."""
    content = attribution.content
    found = find_violations(doc, content, published)
    if found is None:
        return None
    times = find_times(text_of(doc), published, content.start, content.end)
    time = act_time(doc, times, found.sentence, published)
    amounts = find_amounts(text_of(doc), content.start, content.end)
    return Allegation(
        attribution_id=attribution.id,
        violation_types=found.types,
        perpetrator=found.perpetrator,
        victims=found.victims,
        place=place or act_place(doc, places, content, attribution.speaker.span),
        time=time,
        amounts=tuple(amounts),
    )
