"""Harmful acts in a parsed document, with who they fall on and who does them.

The violation reader's first half (``violations`` judges what it reads): every word form of
an act in ``taxonomy/violations/acts.yaml`` is marked on its token; the dependency shapes of
``taxonomy/violations/patterns.yaml`` then find each act's victims, agents and causes, and
each participant is classed by ``taxonomy/violations/participants.yaml`` as a protected
person or object, a military one, a hazard, or unknown. The context shapes (background,
deliveries, diplomacy, combat, crime) are found the same way. All of it is computed once per
document and kept in ``doc.user_data``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from spacy.matcher import DependencyMatcher, Matcher, PhraseMatcher
from spacy.tokens import Doc, Token

from corroborate.extract.models.nlp import load_pipeline
from corroborate.taxonomy.harm import Act, acts, by_lemma, participants, shapes
from corroborate.taxonomy.words import word_set

Class = Literal["person", "object", "place", "military", "hazard", "unknown"]
EXTENSION = "corroborate_act"
CACHE = "corroborate.acts"
# what follows a verb misread as a root noun: its object, a phrase or a second verb
HEADLINE_OBJECTS = ("obj", "nmod", "obl", "conj")
PERSON_PRONOUNS = word_set("people", "person_pronouns")


@dataclass(frozen=True, slots=True)
class Participant:
    token: Token
    role: str  # victim, agent or cause
    cls: Class
    shape: str  # the id of the pattern that found it
    media: bool = False  # a journalist or media worker


@dataclass(slots=True)
class Reading:
    """One act and what the parse says about it."""

    act: Act
    token: Token
    participants: list[Participant] = field(default_factory=list)

    def of(self, role: str) -> list[Participant]:
        return [p for p in self.participants if p.role == role]


@dataclass(frozen=True, slots=True)
class Context:
    kind: str  # background, delivery, … charge, crime, hazard, release
    shape: str
    start: int  # token offsets
    end: int


@dataclass(frozen=True, slots=True)
class DocReading:
    readings: tuple[Reading, ...]
    contexts: tuple[Context, ...]


def read(doc: Doc) -> DocReading:
    """Every act of the document with its participants, and every context shape."""
    cached = doc.user_data.get(CACHE)
    if isinstance(cached, DocReading):
        return cached
    readings = _mark_acts(doc)
    by_token = {r.token.i: r for r in readings}
    for shape_id, role, act_i, other_i in _role_matches(doc):
        reading = by_token.get(act_i)
        if reading is not None and other_i != act_i:
            token = doc[other_i]
            reading.participants.append(
                Participant(token, role, classify_participant(token), shape_id, _media(token))
            )
    for reading in readings:
        _active_participle(reading)
        _headline_subject(reading)
        _instrument_compound(reading)
        _pronoun_persons(reading)
    found = DocReading(tuple(readings), tuple(_contexts(doc)))
    doc.user_data[CACHE] = found
    return found


def _active_participle(reading: Reading) -> None:
    """A participle hanging on a noun suffers the act ("residents detained at the
    checkpoint") unless it has an object of its own ("a missile struck a building", parsed
    as a clause on "missile"): then the noun does the act."""
    active = any(p.shape == "victim-object" for p in reading.participants)
    drop = "victim-participle-head" if active else "agent-clause-head"
    reading.participants = [
        Participant(p.token, "victim", p.cls, p.shape, p.media)
        if reading.act.subject_suffers and p.shape == "agent-subject"
        else p
        for p in reading.participants
        if p.shape != drop
    ]


def _headline_subject(reading: Reading) -> None:
    """A verb the tagger read as a noun at the root of its sentence, its subject read as a
    compound ("Police shoot and kill two people", "A suicide bomber kills 20 people at a
    wedding"): the compound does the act. A noun act has its victims after it or a verb
    above it ("the hospital shelling was condemned"), never an object or phrase of its own
    at the root."""
    token = reading.token
    if token.dep_ != "ROOT" or not any(
        c.i > token.i and c.dep_ in HEADLINE_OBJECTS for c in token.children
    ):
        return
    reading.participants = [
        Participant(p.token, "agent", p.cls, "agent-compound-of-root", p.media)
        if p.shape == "victim-compound"
        else p
        for p in reading.participants
    ]


def _instrument_compound(reading: Reading) -> None:
    """A compound that names the weapon with the act is no victim: the car of "a car bomb",
    the truck of "a truck bomb"."""
    instruments = participants().instruments
    act = reading.token.lower_
    reading.participants = [
        p
        for p in reading.participants
        if not (p.shape == "victim-compound" and f"{p.token.lower_} {act}" in instruments)
    ]


def _pronoun_persons(reading: Reading) -> None:
    """A personal pronoun that an act falling on people alone falls on is a person: "the men
    threatened him", "they were detained" (``victims: persons`` in ``acts.yaml``); a pronoun
    hit by a strike or stolen may be a tank, and so may the one of a threat to strike it
    ("threatened to shell them"). A pronoun is a victim here, never an agent
    (``violations`` leaves pronoun agents out)."""
    if not reading.act.on_persons:
        return
    reading.participants = [
        Participant(p.token, p.role, "person", p.shape, p.media)
        if p.role == "victim" and p.cls == "unknown" and _person_pronoun(p.token)
        else p
        for p in reading.participants
    ]


def _person_pronoun(token: Token) -> bool:
    """A personal pronoun (tagged PRP, never "it") whose verb, if it is an act of its own,
    falls on people alone too."""
    if token.tag_ != "PRP" or token.lower_ not in PERSON_PRONOUNS:
        return False
    verb = token.head._.get(EXTENSION)
    return verb is None or by_lemma()[verb].on_persons


def _mark_acts(doc: Doc) -> list[Reading]:
    """The act at each token that starts (and heads) a matched form; longer forms win."""
    spans = sorted(
        ((start, end, _name(key)) for key, start, end in _phrases()(doc)),
        key=lambda m: (m[0], -(m[1] - m[0])),
    )
    readings: list[Reading] = []
    taken = -1
    for start, end, lemma in spans:
        if start <= taken:
            continue
        span = doc[start:end]
        token = span.root
        token._.set(EXTENSION, lemma)
        readings.append(Reading(by_lemma()[lemma], token))
        taken = end - 1
    return readings


def _role_matches(doc: Doc) -> list[tuple[str, str, int, int]]:
    matcher, roles = _dependency_matcher()
    found = []
    for key, token_ids in matcher(doc):
        shape_id = _name(key)
        names = roles[shape_id]
        act_i = token_ids[names.index("act")]
        role = next(n for n in names if n in ("victim", "agent", "cause"))
        found.append((shape_id, role, act_i, token_ids[names.index(role)]))
    return found


def _contexts(doc: Doc) -> list[Context]:
    matcher, kinds = _context_matcher()
    return [Context(kinds[_name(key)], _name(key), start, end) for key, start, end in matcher(doc)]


def _name(key: int) -> str:
    """A match's rule name: looked up in the pipeline the matchers were built with, since a
    document parsed in another process carries a vocabulary that never saw the names."""
    return str(load_pipeline().vocab.strings[key])


def classify_participant(token: Token) -> Class:
    """A participant's class from its modifiers first, then its head noun (two words, then
    one), then its entity type; a named person or a place is protected."""
    words = participants()
    modifiers = [c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")]
    lower = token.lower_
    if any(m in words.protected_modifiers for m in modifiers):
        return "person" if lower in words.protected_persons else "object"
    if any(m in words.military_modifiers for m in modifiers):
        return "military"
    compound = next((c.lower_ for c in token.children if c.dep_ == "compound"), "")
    for name in (f"{compound} {lower}".strip(), lower):
        found = _word_class(name)
        if found != "unknown":
            return found
    if token.ent_type_ in ("LOC", "GPE", "FAC"):
        return "place"
    if token.ent_type_ in ("PER", "PERSON"):
        return "person"
    return _class_of_whole(token)


def _class_of_whole(token: Token) -> Class:
    """A part named by its whole takes the whole's class: "five members of the armed
    forces", "dozens of civilians", "two of the guards"."""
    for child in token.children:
        if child.dep_ == "nmod" and any(
            c.dep_ == "case" and c.lower_ == "of" for c in child.children
        ):
            return classify_participant(child)
    return "unknown"


def is_generic(token: Token) -> bool:
    """Whether a participant is people named by no status ("people", "a man", "others"):
    protected unless the clause puts their harm in fighting."""
    words = participants()
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
    return token.lower_ in words.generic_persons and not modifiers & words.protected_modifiers


def _word_class(word: str) -> Class:
    words = participants()
    if word in words.hazards:
        return "hazard"
    if word in words.protected_persons:
        return "person"
    if word in words.military:
        return "military"
    if word in words.protected_objects:
        return "object"
    return "unknown"


def _media(token: Token) -> bool:
    words = participants().media_workers
    compound = next((c.lower_ for c in token.children if c.dep_ == "compound"), "")
    return token.lower_ in words or f"{compound} {token.lower_}".strip() in words


@cache
def _phrases() -> PhraseMatcher:
    nlp = load_pipeline()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    tokenizer = nlp.tokenizer
    for act in acts():
        matcher.add(act.lemma, [tokenizer(form) for form in sorted(act.forms)])
    if not Token.has_extension(EXTENSION):
        Token.set_extension(EXTENSION, default=None)
    return matcher


@cache
def _dependency_matcher() -> tuple[DependencyMatcher, dict[str, list[str]]]:
    matcher = DependencyMatcher(load_pipeline().vocab)
    roles: dict[str, list[str]] = {}
    for shape in shapes():
        if shape.kind not in ("victim", "agent", "cause"):
            continue
        pattern = [_with_acts(node) for node in shape.pattern]
        matcher.add(shape.id, [pattern])
        roles[shape.id] = [node["RIGHT_ID"] for node in pattern]
    return matcher, roles


def _with_acts(node: dict[str, Any]) -> dict[str, Any]:
    """A pattern node with its ``ACT`` placeholder replaced by a test on the marked act."""
    attrs = dict(node["RIGHT_ATTRS"])
    wanted = attrs.pop("ACT", None)
    if wanted is not None:
        lemmas = [a.lemma for a in acts() if wanted == "all" or a.lemma in wanted]
        if wanted != "all" and len(lemmas) != len(wanted):
            unknown = set(wanted) - set(lemmas)
            raise ValueError(f"unknown act lemmas {sorted(unknown)} in a pattern")
        attrs["_"] = {EXTENSION: {"IN": lemmas}}
    return {**node, "RIGHT_ATTRS": attrs}


@cache
def _context_matcher() -> tuple[Matcher, dict[str, str]]:
    matcher = Matcher(load_pipeline().vocab)
    kinds: dict[str, str] = {}
    words = participants()
    for shape in shapes():
        if shape.kind in ("victim", "agent", "cause"):
            continue
        pattern = [_with_words(node, words.crimes, words.hazards) for node in shape.pattern]
        matcher.add(shape.id, [pattern])
        kinds[shape.id] = shape.kind
    return matcher, kinds


def _with_words(
    node: dict[str, Any], crimes: frozenset[str], hazards: frozenset[str]
) -> dict[str, Any]:
    """A token pattern with ``CRIME``/``HAZARD`` replaced by the participant lists (single
    words; the lists' two-word entries are matched by their last word's class elsewhere)."""
    node = dict(node)
    for name, words in (("CRIME", crimes), ("HAZARD", hazards)):
        if node.pop(name, None):
            node["LOWER"] = {"IN": sorted(w for w in words if " " not in w)}
    return node


def acts_in(doc: Doc, start: int, end: int) -> list[Reading]:
    """The readings whose act lies within characters ``start``–``end``."""
    return [r for r in read(doc).readings if start <= r.token.idx < end]


def contexts_in(doc: Doc, start: int, end: int) -> dict[str, list[Context]]:
    """The context shapes lying within characters ``start``–``end``, by kind."""
    found: dict[str, list[Context]] = defaultdict(list)
    for context in read(doc).contexts:
        if start <= doc[context.start].idx < end:
            found[context.kind].append(context)
    return found
