"""3d. Sentence-level evidence for the learned stance model: what the sentences that restate a
claim do with it.

An article that disagrees with a claim usually says so in the sentence that restates it ("the
photo is a hoax", "officials said no such strike took place"); one that merely discusses it
hedges there ("reportedly", "could not be verified"). Counting cues over the whole text mixes
those sentences with background, so each sentence is read once for seven flags (``FLAGS``)
and for the content stems a negation governs, and ``sentence_row`` weighs the flags by how
closely each sentence matches the claim:

* the best match among the three closest sentences that carries each flag, and the share of
  all the text's matching weight that flagged sentences hold;
* claim stems that the text negates ("did not *strike*", "no *soldiers* were"), the flags of
  the lead and of the last sentences (a debunking coda), how many sentences restate the claim;
* the claim's own negations and debunking words (a claim that reports a denial agrees with a
  text that denies).

Neutrality: flags are words of stance (``link.cues``), never a party's name; the stems are
those of ``stance_features`` (every party one token), so exchanging the parties in a claim
and its text leaves the row unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corroborate.link.cues import (
    CONFIRMING_RE,
    DEBUNKING_RE,
    NEGATION,
    STOPWORDS,
    TOKEN,
    count_cues,
    hedging_score,
    refuting_score,
    stem,
)

FLAGS = ("refuting", "debunking", "negation", "hedging", "confirming", "question", "quote")
CLOSEST = 3  # sentences nearest the claim whose flags are weighed by their match
NEGATED_SPAN = 4  # words after a negation whose stems it governs
EDGE = 2  # sentences of the lead and of the close whose flags are counted
RESTATES = 0.3  # a sentence whose cosine with the claim reaches this restates it
QUOTES = frozenset('"“”')


@dataclass(frozen=True, slots=True)
class Sentences:
    """Each sentence's flags (sentences × ``FLAGS``, 0 or 1) and the stems negated in it."""

    flags: np.ndarray
    negated: tuple[frozenset[str], ...]


def _negated(sentence: str) -> frozenset[str]:
    """Content stems within ``NEGATED_SPAN`` words after a negation."""
    tokens = TOKEN.findall(sentence.lower())
    found: set[str] = set()
    for n, token in enumerate(tokens):
        if NEGATION.fullmatch(token) or token.endswith("n't"):
            span = (t.split("'")[0] for t in tokens[n + 1 : n + 1 + NEGATED_SPAN])
            found.update(stem(t) for t in span if t not in STOPWORDS and len(t) > 1)
    return frozenset(found)


def _flags(sentence: str) -> list[float]:
    return [
        float(refuting_score(sentence) > 0),
        float(count_cues(DEBUNKING_RE, sentence) > 0),
        float(NEGATION.search(sentence) is not None),
        float(hedging_score(sentence) > 0),
        float(count_cues(CONFIRMING_RE, sentence) > 0),
        float("?" in sentence),
        float(any(mark in sentence for mark in QUOTES)),
    ]


def read_sentences(sentences: Sequence[str]) -> Sentences:
    """The flags and negated stems of every sentence, read once per text."""
    flags = np.array([_flags(s) for s in sentences], dtype=np.float64).reshape(-1, len(FLAGS))
    return Sentences(flags, tuple(_negated(s) for s in sentences))


def _weighed(cosines: np.ndarray, flags: np.ndarray) -> list[float]:
    closest = np.argsort(-cosines, kind="stable")[:CLOSEST]
    best = (cosines[closest, None] * flags[closest]).max(axis=0)
    share = (cosines @ flags) / (float(cosines.sum()) + 1e-9)
    return [float(v) for pair in zip(best, share, strict=True) for v in pair]


def sentence_row(
    claim: str, terms: frozenset[str], cosines: np.ndarray, text: Sentences
) -> list[float]:
    """The sentence-level features of one claim (its stems ``terms``) against a text whose
    sentences have ``cosines`` with the claim; 32 numbers."""
    flags, count = text.flags, len(text.negated)
    negated = sum(len(terms & stems) for stems in text.negated)
    restating = float(np.sum(cosines >= RESTATES))
    return [
        *_weighed(cosines, flags),
        float(negated),
        negated / (len(terms) or 1),
        *flags[:EDGE, :5].sum(axis=0).tolist(),
        *flags[-EDGE:, :5].sum(axis=0).tolist(),
        restating,
        restating / count,
        float(cosines[-EDGE:].max()),
        float(NEGATION.search(claim) is not None),
        float(count_cues(DEBUNKING_RE, claim) > 0),
        float(flags[:, 1].sum()) / count,
    ]
