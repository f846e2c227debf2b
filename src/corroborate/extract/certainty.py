"""How certain the machine is of an attribution it kept: a number in [0, 1] for review order.

The arbitration (``combine``) keeps the learned tagger's attributions and the rule ones they
leave. What it knows of each is read here, once, where the attribution is made:

* the **rule shape** that found it, if the rules did, at a level set by hand (``SHAPES``):
  a speech verb with its parsed subject, a quotation beside its speaker, "according to",
  a speaker label before a colon or dash, a cue only the cue model knew, a sentence that
  continues a statement without a cue of its own. The levels order the shapes by how
  directly the words say who speaks; they are not measured frequencies. An attribution the
  rules did not find has rule evidence 0: the two readers disagree. Statements no cue makes
  (``voices``) have their level alone: a testimony (its file names the witness: 1) and a
  paragraph in a report's own voice.
* where the encoder ran, its **agreement** with the attribution: for the speaker, the cue
  and the content (those it has), the mean over their words of the encoder's probability
  that the word has that role, averaged over the parts. For what the tagger found this is its
  own confidence; for what only the rules found it is how far the encoder shares their
  reading.

The certainty is the mean of the two where the encoder ran, else the rule level alone,
rounded to two places. It orders the review queue, least certain first. It is not a
probability that the attribution is right, and says nothing of whether the statement is
true (``docs/workflow.md``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.models.encoder import WordRoles
from corroborate.extract.spans import overlaps
from corroborate.model import Span

# the rule shapes and their levels (see the module docstring): an order, not a measurement
SHAPES = {
    "verb": 0.8,  # "the ministry said that …": a speech verb and its parsed subject
    "according_to": 0.8,  # "according to the governor, …"
    "quotation": 0.7,  # “…,” the governor said: a quotation beside its speaker
    "label": 0.6,  # "HNATYUK: …", "… ― Oksana Lysenko"
    "learned_cue": 0.5,  # a cue outside the lexicon, taken for one by the cue model
    "continuation": 0.5,  # a further sentence of the statement, without a cue of its own
    "testimony": 1.0,  # a testimony: its file names the witness, no word is read for it
    "own_voice": 0.6,  # a paragraph no attribution covers, in the report's own voice
}
DASHES = frozenset(":―—–-")
SOURCE, CUE, CONTENT = 0, 1, 2  # the roles' places in ``WordRoles`` after the offsets


@dataclass(frozen=True, slots=True)
class Evidence:
    """What the arbitration of one document knew: the rule attributions before it and the
    encoder's role probabilities of each word, in text order (None where the encoder did
    not run)."""

    rules: Sequence[RawAttribution]
    roles: Sequence[WordRoles] | None = None
    starts: Sequence[int] = ()  # each word's start, for finding the words of a span

    @classmethod
    def of(cls, rules: Sequence[RawAttribution], roles: Sequence[WordRoles] | None) -> Evidence:
        return cls(tuple(rules), roles, [w[0] for w in roles or ()])


def shape(raw: RawAttribution) -> str:
    """The rule shape of an attribution (``SHAPES``)."""
    if not raw.lemma:
        return "continuation"
    if raw.lemma == "according to":
        return "according_to"
    if raw.cue.text.strip() in DASHES:
        return "label"
    if raw.learned:
        return "learned_cue"
    return "quotation" if raw.speaker_head < 0 else "verb"


def certainty(raw: RawAttribution, evidence: Evidence) -> float:
    """The certainty of one kept attribution (see the module docstring)."""
    rule = _rule_level(raw, evidence.rules)
    if evidence.roles is None:
        return round(rule, 2)
    return round((rule + agreement(raw, evidence)) / 2, 2)


def _rule_level(raw: RawAttribution, rules: Sequence[RawAttribution]) -> float:
    """The level of the shape the rules found it by; 0 where they did not find it."""
    if not raw.lemma:  # a continuation follows its statement: the rule is "continues"
        return SHAPES["continuation"]
    found = [r for r in rules if overlaps(r.cue, raw.cue) and overlaps(r.content, raw.content)]
    return max((SHAPES[shape(r)] for r in found), default=0.0)


def agreement(raw: RawAttribution, evidence: Evidence) -> float:
    """The encoder's mean probability of the attribution's reading, part by part."""
    parts = [(raw.speaker, SOURCE), (raw.content, CONTENT)]
    if raw.lemma:  # a continuation's cue is its statement's, in another sentence
        parts.append((raw.cue, CUE))
    found = [p for p in (_mean_role(evidence, span, role) for span, role in parts) if p is not None]
    return sum(found) / len(found) if found else 0.0


def _mean_role(evidence: Evidence, span: Span, role: int) -> float | None:
    """The mean probability of ``role`` over the words inside ``span`` (None: no word)."""
    roles = evidence.roles or ()
    first = bisect.bisect_left(evidence.starts, span.start)
    last = bisect.bisect_right(evidence.starts, span.end)
    inside = [w[2 + role] for w in roles[first:last] if w[1] <= span.end]
    return sum(inside) / len(inside) if inside else None
