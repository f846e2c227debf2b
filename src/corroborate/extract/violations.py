"""What a statement alleges: violation types from the taxonomy, perpetrator and victims.

Types come from the taxonomy's patterns (``taxonomy/violations.yaml``) over the content.
Actors come from the parse around the first trigger: the agent ("by X") or active subject
is the alleged perpetrator; the passive subject, object or "of"-noun the victims. When the
parse gives nothing, a perpetrator noun ("militants", "soldiers", "forces" …) or victim noun
("residents", "civilians" …) near the trigger is taken.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from corroborate.extract.spans import contiguous, subtree, tokens_span
from corroborate.model import Span
from corroborate.taxonomy import Term, violations

PERPETRATOR_NOUNS = re.compile(
    r"\b(?:militants?|soldiers?|troops|forces|servicemen|fighters|guards?|units?|battalions?|brigades?|"
    r"police|officers|militia|mercenaries|army|sabotage groups?|security services?|bureau)\b",
    re.I,
)
VICTIM_NOUNS = re.compile(
    r"\b(?:residents|civilians|townspeople|villagers|detainees|people|men|women|children|families|"
    r"relatives|journalists?|patients|pupils|students|prisoners|volunteers|inhabitants|locals|citizens)\b",
    re.I,
)


LEADING = frozenset({"that", "to", "by", "with", "and", "but", "as"})


@dataclass(frozen=True, slots=True)
class Found:
    types: tuple[str, ...]
    perpetrator: Span | None
    victims: Span | None


def classify(text: str) -> list[tuple[Term, re.Match[str]]]:
    """Each violation type whose patterns match ``text``, with its first match; match
    offsets are offsets into ``text`` (patterns allow any run of whitespace between words)."""
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


def find_violations(doc: Doc, content: Span) -> Found | None:
    hits = classify(content.text)
    if not hits:
        return None
    first = min(hits, key=lambda hit: hit[1].start())[1]
    trigger = doc.char_span(
        content.start + first.start(), content.start + first.end(), alignment_mode="expand"
    )
    perpetrator = victims = None
    if trigger is not None:
        perpetrator, victims = _actors(doc, trigger.root, content)
    perpetrator = perpetrator or _nearest(doc, content, PERPETRATOR_NOUNS)
    victims = victims or _nearest(doc, content, VICTIM_NOUNS)
    return Found(tuple(term.code for term, _ in hits), perpetrator, victims)


def _actors(doc: Doc, trigger: Token, content: Span) -> tuple[Span | None, Span | None]:
    verb = trigger if trigger.tag_.startswith("VB") else _governing_verb(trigger)
    perpetrator = victims = None
    for child in verb.children if verb is not None else ():
        passive = child.dep_ in ("nsubj:pass", "nsubjpass")
        if passive or (child.dep_ in ("obj", "dobj") and victims is None):
            victims = _phrase(doc, child, content)
        elif child.dep_ == "nsubj":
            perpetrator = _phrase(doc, child, content)
        elif child.dep_ in ("obl", "obl:agent", "agent") and any(
            c.lower_ == "by" for c in child.children
        ):
            perpetrator = _phrase(doc, child, content, drop_case=True)
    for child in trigger.children:  # "detention of townspeople", "actions by militants"
        if (
            child.dep_ in ("nmod", "prep")
            and any(c.lower_ == "of" for c in child.children)
            and victims is None
        ):
            victims = _phrase(doc, child, content, drop_case=True)
        if child.dep_ in ("nmod", "prep", "agent") and any(
            c.lower_ == "by" for c in child.children
        ):
            perpetrator = _phrase(doc, child, content, drop_case=True)
    return _inside(perpetrator, content), _inside(victims, content)


def _governing_verb(token: Token) -> Token | None:
    current = token
    for _ in range(4):
        if current.tag_.startswith("VB"):
            return current
        if current.head.i == current.i:
            return None
        current = current.head
    return None


def _phrase(doc: Doc, head: Token, content: Span, *, drop_case: bool = False) -> Span | None:
    if head.lower_ in ("who", "which", "that", "it", "they", "he", "she"):
        return None
    tokens = subtree(head)
    if drop_case:
        tokens = [
            t
            for t in tokens
            if not (t.dep_ in ("case", "prep") and t.head.i == head.i and t.i < head.i)
        ]
    tokens = contiguous(tokens, head)
    while tokens and tokens[0].i < head.i and tokens[0].lower_ in LEADING:
        tokens = tokens[1:]  # "that fighters …", "to the bureau …": the phrase starts after
    return tokens_span(doc, tokens)


def _inside(span: Span | None, content: Span) -> Span | None:
    if span is None or span.start < content.start or span.end > content.end:
        return None
    return span


def _nearest(doc: Doc, content: Span, pattern: re.Pattern[str]) -> Span | None:
    match = pattern.search(content.text)
    if match is None:
        return None
    span = doc.char_span(
        content.start + match.start(), content.start + match.end(), alignment_mode="expand"
    )
    if span is None:
        return None
    head = span.root
    tokens = [t for t in head.subtree if content.start <= t.idx and t.idx + len(t) <= content.end]
    return tokens_span(doc, contiguous(tokens, head) or [head])
