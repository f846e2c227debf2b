"""Trigger arguments for the ECB+ bench: the nouns the parse attaches to a trigger.

Two mentions of one event tend to name the same participants ("police arrested the
*suspect*" / "the *suspect* was detained"), two events of one story often others. Each
mention's sentence is parsed by the bundled pipeline (``extract.models.nlp``, Universal
Dependencies labels) and its arguments are the crude stems (``eval_incidents.stem``) of the
nouns and numbers that depend on one of the trigger's tokens as subject, object, oblique or
nominal modifier, and of the noun a trigger modifies ("the *fatal* crash"). Nothing is read
from gold clusters.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from bench.ecbplus import EventMention
from bench.eval_incidents import stem
from corroborate.extract.models.nlp import load_pipeline

ARGUMENT = frozenset(
    {"nsubj", "nsubj:pass", "obj", "iobj", "obl", "obl:agent", "nmod", "nmod:poss"}
)
MODIFIER = frozenset({"amod", "acl", "acl:relcl", "compound"})
NOMINAL = ("NN", "CD")  # Penn tags of nouns and numbers


def trigger_arguments(golds: Sequence[EventMention]) -> list[frozenset[str]]:
    """Each mention's argument stems (empty where the parse attaches none)."""
    sentences = sorted({g.sentence_text for g in golds})
    docs = dict(zip(sentences, load_pipeline().pipe(sentences, batch_size=64), strict=True))
    found = []
    for gold in golds:
        doc = docs[gold.sentence_text]
        at = gold.sentence_text.find(gold.trigger)
        if at < 0:
            at = gold.sentence_text.lower().find(gold.trigger.lower())
        span = (
            doc.char_span(at, at + len(gold.trigger), alignment_mode="expand") if at >= 0 else None
        )
        found.append(frozenset(a for token in span or () for a in _arguments(token)))
    return found


def _arguments(token: Token) -> set[str]:
    found = {
        stem(child.text)
        for child in token.children
        if child.dep_ in ARGUMENT and child.tag_.startswith(NOMINAL)
    }
    if token.dep_ in MODIFIER and token.head.tag_.startswith("NN"):
        found.add(stem(token.head.text))
    return found
