"""What a statement alleges: a harmful act against protected persons or objects.

The violation reader's second half (``acts`` reads the parse). A clause alleges a violation
when it names a harmful act and its victims are protected: civilians, detainees, prisoners
of war, journalists, medical staff, homes, schools, hospitals, populated places. Some acts
are violations whoever suffers them (torture, rape, enforced disappearance, deportation,
execution, looting). An act against soldiers, positions or equipment is combat; harm from a
hazard (an earthquake, a crash) or with an ordinary criminal reason ("for robbery") is no
allegation, and neither is an act in a clause anchored in the past ("in 1999", "during the
Second Chechen War"), an arrest of suspects ("in connection with the bombing", "suspected
of"), nor a captivity the clause ends ("frees a woman kidnapped last year"). Where the parse
names no victim the learned model (``violation_model``) decides from the encoder's reading
of the sentence.

Every rule reads the same whoever is said to commit the act: no list names a party.

``classify`` is the older keyword screen over the taxonomy's patterns: a quick test of
whether a paragraph may name a violation at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token

from corroborate.extract.facts.acts import (
    EXTENSION,
    Participant,
    Reading,
    acts_in,
    contexts_in,
)
from corroborate.extract.facts.background import in_background
from corroborate.extract.facts.combat import combat_consequences, in_fighting, unnamed
from corroborate.extract.facts.modality import not_an_event, plotted
from corroborate.extract.models import violation_model
from corroborate.extract.spans import contiguous, subtree, tokens_span
from corroborate.model import Span
from corroborate.taxonomy import Term, violations
from corroborate.taxonomy.harm import by_lemma, participants
from corroborate.taxonomy.words import word_set

PRONOUN_HEADS = word_set("people", "pronoun_heads")

Verdict = Literal["violation", "combat", "excluded", "unknown"]
PROTECTED = ("person", "object", "place")
MEDIA_TYPE = "attack_on_journalists"
ATTACK_TYPE = "attack_on_civilians"
OPINION_TYPE = "persecution_opinion"
CAPTIVITY = frozenset({"arbitrary_detention", "enforced_disappearance"})
LEADING = word_set("function", "leading_words")
# pronouns (PRP, PRP$), determiners and wh-words standing alone: never who did an act
NOT_AGENT_TAGS = ("PRP", "DT", "WP", "WDT")


@dataclass(frozen=True, slots=True)
class Judged:
    reading: Reading
    verdict: Verdict
    types: tuple[str, ...]
    why: str


@dataclass(frozen=True, slots=True)
class Found:
    types: tuple[str, ...]
    perpetrator: Span | None
    victims: Span | None
    sentence: Span | None = None  # the sentence of the act that decided: its date is the event's
    learned: bool = False  # decided by the learned model, not by the parse


def classify(text: str) -> list[tuple[Term, re.Match[str]]]:
    """Each violation type whose keyword patterns match ``text``, with its first match;
    match offsets are offsets into ``text`` (a screen, not a judgement)."""
    hits = []
    for term in violations():
        match = min(
            (m for p in term.patterns if (m := p.search(text))),
            key=lambda m: m.start(),
            default=None,
        )
        if match is not None:
            hits.append((term, match))
    return hits


def judge_all(doc: Doc, content: Span, published: str | None = None) -> list[Judged]:
    """Every act in the content, judged; then harm to people named by no status that
    follows from combat ("attacked a convoy, killing twelve people") is combat too."""
    judged = [judge(doc, r, published) for r in acts_in(doc, content.start, content.end)]
    return combat_consequences(judged)


def judge(doc: Doc, reading: Reading, published: str | None = None) -> Judged:
    """Whether one act, as the parse reads it, is a violation, combat, excluded or unknown."""
    sentence = reading.token.sent
    context = contexts_in(doc, sentence.start_char, sentence.end_char)
    if in_background(doc, reading.token, context.get("background", []), published):
        return Judged(reading, "excluded", (), "background")
    why = not_an_event(reading)
    if why is not None:  # denied, possible, planned or foiled, or an earlier event followed up
        return Judged(reading, "excluded", (), why)
    causes = reading.of("agent") + reading.of("cause")
    if any(p.cls == "hazard" for p in causes) or (
        reading.act.kind == "harm" and "hazard" in context
    ):
        return Judged(reading, "excluded", (), "hazard")
    if reading.act.kind != "attack" and "crime" in context:
        return Judged(reading, "excluded", (), "crime")
    if _suspects(doc, reading, "charge" in context):
        return Judged(reading, "excluded", (), "charge")  # suspects of a crime or a plot
    if "release" in context and set(reading.act.types) <= CAPTIVITY:
        return Judged(reading, "excluded", (), "release")  # "frees a woman kidnapped …"
    if reading.act.kind == "harm" and unnamed(reading) and in_fighting(reading):
        return Judged(reading, "combat", (), "unnamed people in fighting")
    return _by_victims(reading)


def _suspects(doc: Doc, reading: Reading, charged: bool) -> bool:
    """An arrest of suspects: of a crime ("on suspicion of"), or beside an attack that was
    only planned or foiled ("arrested after plans were uncovered to bomb …"); journalists
    held stay an allegation."""
    if reading.act.kind != "custody" or _media_victims(reading):
        return False
    sentence = reading.token.sent
    return charged or plotted(acts_in(doc, sentence.start_char, sentence.end_char))


def _media_victims(reading: Reading) -> bool:
    return any(p.media for p in reading.of("victim"))


def _by_victims(reading: Reading) -> Judged:
    kind = reading.act.kind
    classes = {p.cls for p in reading.of("victim")}
    wanted = ("person",) if kind in ("harm", "custody") else PROTECTED
    types = reading.act.types
    if kind == "harm" and any(
        _is_attack(p.token) for p in reading.of("agent") + reading.of("cause")
    ):
        types = (*types, ATTACK_TYPE)  # "the airstrike killed", "died in the shelling"
    if _media_victims(reading):
        types = (*types, MEDIA_TYPE)
    if kind == "alone":
        return Judged(reading, "violation", types, "violation by itself")
    if classes & set(wanted):
        return Judged(reading, "violation", types, "protected victims")
    if "military" in classes and kind != "threat":
        return Judged(reading, "combat", (), "military victims")
    return Judged(reading, "unknown", types, "no victims named")


def _is_attack(token: Token) -> bool:
    lemma = token._.get(EXTENSION)
    return lemma is not None and by_lemma()[lemma].kind == "attack"


def find_violations(
    doc: Doc,
    content: Span,
    published: str | None = None,
    *,
    learned: bool = True,
    model: violation_model.ViolationModel | None = None,
) -> Found | None:
    """What the content alleges, or None. The parse reads first (``status``); where it finds
    a violation or leaves the question open, the learned model decides, reading what the
    parse concluded with the encoder's reading of the text (an act that is a violation by
    itself is not the model's to overrule); its types come from the parse
    where the parse named them. With ``learned=False`` the parse alone decides."""
    judged = judge_all(doc, content, published)
    found = status(judged, content)
    if found == "none":
        return None
    if not learned:
        return _found(doc, content, judged) if found == "violation" else None
    if any(j.verdict == "violation" and j.reading.act.kind == "alone" for j in judged):
        return _found(doc, content, judged)  # torture, execution …: no model overrules it
    decision = violation_model.decide(doc, content, judged, found, model)
    if decision is None:
        return None
    if found == "violation":
        return _found(doc, content, judged)
    return _learned(doc, content, judged, decision)


def status(judged: list[Judged], content: Span) -> str:
    """What the parse concludes: ``violation`` (an act on protected victims), ``none`` (only
    combat or excluded acts, or no act and no keyword of a violation), else ``open``."""
    verdicts = {j.verdict for j in judged}
    if "violation" in verdicts:
        return "violation"
    if "unknown" in verdicts:
        return "open"
    if verdicts or not classify(content.text):
        return "none"
    return "open"


def _learned(doc: Doc, content: Span, judged: list[Judged], decision: str) -> Found:
    unknown = [j for j in judged if j.verdict == "unknown"]
    types = _ordered([t for j in unknown for t in j.types] or [decision])
    if decision in types:
        types = _ordered([decision, *types])
    first = unknown[0] if unknown else None
    return Found(
        types,
        _perpetrator(doc, content, unknown),
        _victims(doc, content, unknown),
        _sentence(doc, first.reading.token) if first else None,
        learned=True,
    )


def _found(doc: Doc, content: Span, judged: list[Judged]) -> Found:
    # once the content alleges a violation, its other acts with no victim named
    # ("… and some were threatened") are part of what it alleges
    found = [j for j in judged if j.verdict in ("violation", "unknown")]
    found.sort(key=lambda j: j.reading.token.i)
    named = [t for j in found for t in j.types]
    if "opinion" in contexts_in(doc, content.start, content.end):
        named.append(OPINION_TYPE)  # the victims were targeted for their views
    types = _ordered(named)
    decisive = next(j for j in found if j.verdict == "violation")
    return Found(
        types,
        _perpetrator(doc, content, found),
        _victims(doc, content, found),
        _sentence(doc, decisive.reading.token),
    )


def _ordered(types: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(types))


def _perpetrator(doc: Doc, content: Span, judged: list[Judged]) -> Span | None:
    """Who does the act: its agent, or the subject of the clause it belongs to; never an
    instrument ("a missile struck"), a hazard, another act, a number ("three were killed and
    eleven injured": the eleven are harmed) or a bare pronoun or demonstrative ("This was a
    deliberate strike")."""
    words = participants()
    for j in judged:
        for p in j.reading.of("agent"):
            if p.token.lower_ in words.instruments or p.cls in ("hazard", "person"):
                continue  # a civilian subject of a misparsed passive suffers, not does
            if p.token._.get(EXTENSION) is not None:
                continue
            if p.token.like_num or p.token.tag_ in ("CD", "EX"):
                continue  # a number of people harmed, an expletive "there"
            if p.token.tag_.startswith(NOT_AGENT_TAGS):
                continue
            span = _inside(_phrase(doc, p.token, drop_case=p.shape == "agent-by"), content)
            if span is not None:
                return span
    return _armed_subject(doc, content, judged[0].reading.token) if judged else None


def _armed_subject(doc: Doc, content: Span, act: Token) -> Span | None:
    """When the parse gives the act no agent: the subject of the verb the act is, or is
    coordinated with or complements ("fighters of the Guard had detained and tortured …":
    *tortured* hangs on *detained*), when that subject names a combatant; a subject that
    names none is no perpetrator. Where the parse gives that verb no subject at all, the
    combatant phrase standing right before the act's verb (*_armed_phrase_before*)."""
    words = participants()
    armed = words.military - words.instruments
    current = act
    for _ in range(4):
        if current.tag_.startswith(("VB", "MD")):
            subjects = [c for c in current.children if c.dep_ == "nsubj" and c.i < act.i]
            if subjects:
                subject = subjects[0]
                if not any(t.tag_.startswith("NN") and t.lower_ in armed for t in subject.subtree):
                    return None
                return _inside(_phrase(doc, subject), content)
        if current.dep_ in ("conj", "xcomp") and current.head.i != current.i:
            current = current.head  # up through coordination and complements
        elif current.i == act.i and _coordinated_modifier(act):
            current = act.head.head  # "had detained and tortured residents"
        else:
            break
    return _armed_phrase_before(doc, content, act)


def _armed_phrase_before(doc: Doc, content: Span, act: Token) -> Span | None:
    """The phrase of the combatant noun nearest before the act, when it runs up to the act
    or to a finite verb or auxiliary before it ("fighters of the Republic tortured …", which
    the parse may leave without a subject; "fighters of the Republic shot and killed", where
    it may tag *shot* a noun): the noun's phrase, from its head ("fighters of the Guard", not
    "Guard"), every word of it the noun's own, never past a verb, punctuation or a clause
    word. A noun that is a person's title ("General X about the torture") is none."""
    words = participants()
    armed = words.military - words.instruments
    for token in reversed(doc[act.sent.start : act.i]):
        if token.idx < content.start:
            return None
        if not (token.tag_.startswith("NN") and token.lower_ in armed):
            continue
        if token.tag_ == "NNP" and token.head.tag_ == "NNP" and token.head.i > token.i:
            continue  # a title before a name
        top = token
        while (
            top.dep_ in ("compound", "nmod", "amod", "flat")
            and top.head.tag_.startswith("NN")
            and top.head.i < token.i
            and top.head.idx >= content.start
        ):
            top = top.head
        end = top.i
        while end < act.i and not _stops(doc[end]):
            end += 1
        stop = doc[end]
        if stop.i != act.i and stop.tag_ not in ("VBD", "VBZ", "VBP", "MD"):
            return None
        own = {t.i for t in top.subtree}
        tail = [t for t in doc[top.i : end] if t.i in own]
        if len(tail) != end - top.i or len(tail) > 8:
            return None  # words between the phrase and the act that are not the phrase's
        start = top.i
        while start > act.sent.start and doc[start - 1].dep_ in ("det", "compound", "amod"):
            start -= 1  # "the Republic's fighters", "a sabotage group"
        return _inside(tokens_span(doc, list(doc[start:end])), content)
    return None


def _stops(token: Token) -> bool:
    return token.tag_.startswith(("VB", "MD", "WDT", "WP")) or not (
        token.is_alpha or token.text in ("’s", "'s", "-")
    )


def _coordinated_modifier(act: Token) -> bool:
    """A participle the parse made a modifier of its verb's object although it is
    coordinated with that verb: *tortured* in "had detained and tortured residents"."""
    return (
        act.dep_ == "amod"
        and act.tag_ == "VBN"
        and act.i > 0
        and act.doc[act.i - 1].lower_ in ("and", "or")
        and act.head.dep_ in ("obj", "dobj", "conj")
        and act.head.head.tag_.startswith("VB")
    )


def _victims(doc: Doc, content: Span, judged: list[Judged]) -> Span | None:
    victims: list[Participant] = [p for j in judged for p in j.reading.of("victim")]
    ranked = sorted(victims, key=lambda p: (p.cls not in PROTECTED, p.cls != "person"))
    for p in ranked:
        if p.cls in ("military", "hazard") or p.token.tag_ == "PRP":
            continue  # a bare pronoun ("threatened him") is a victim, but no phrase of its own
        span = _inside(_phrase(doc, p.token, drop_case=True), content)
        if span is not None:
            return span
    return None


def _sentence(doc: Doc, token: Token) -> Span:
    sentence = token.sent
    return Span(sentence.start_char, sentence.end_char, sentence.text)


def _phrase(doc: Doc, head: Token, *, drop_case: bool = False) -> Span | None:
    if head.lower_ in PRONOUN_HEADS:
        return None
    cut = [c for c in head.children if c.dep_ in ("conj", "acl", "acl:relcl", "relcl")]
    cut += [c for c in head.children if c._.get(EXTENSION) is not None]  # "tortured residents"
    tokens = subtree(head, without=cut)
    tokens = [
        t for t in tokens if not any(a.dep_ in ("acl:relcl", "acl") for a in _between(t, head))
    ]
    if drop_case:
        tokens = [
            t
            for t in tokens
            if not (t.dep_ in ("case", "prep") and t.head.i == head.i and t.i < head.i)
        ]
    tokens = contiguous(tokens, head)
    while tokens and tokens[0].i < head.i and tokens[0].lower_ in LEADING:
        tokens = tokens[1:]
    return tokens_span(doc, tokens)


def _between(token: Token, head: Token) -> list[Token]:
    """The tokens on the path from ``token`` up to (not including) ``head``."""
    path = []
    current = token
    while current.i != head.i and current.head.i != current.i:
        path.append(current)
        current = current.head
    return path


def _inside(span: Span | None, content: Span) -> Span | None:
    if span is None or span.start < content.start or span.end > content.end:
        return None
    return span
