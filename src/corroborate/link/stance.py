"""3d. Stance: how a text relates to a claim, and the stance codes of statements.

* ``pair_stance(claim, text)``: does an article agree with, disagree with, merely discuss,
  or have nothing to do with a claim? The labels are those of the FNC-1 stance task, and the
  answer is the learned model's (``stance_model``: boosted trees fitted on the FNC-1
  training split, ``training/stance/``), measured on its competition test set by
  ``bench/eval_stance.py``.
* ``assess(claim, text)``: the cue rules' reading of the same pair with the evidence behind
  it (overlap, refuting, hedging and confirming cues near the claim); the model reads these
  counts among its features.
* the taxonomy codes of a statement's stance toward an allegation (``stances.yaml``):
  ``supports``, ``denies``, ``counter_accuses`` or ``neutral``; ``link.answer`` reads each
  statement against the allegation of each incident it touches, with the cues of
  ``link.cues``.

Neutrality: the rules look at words of stance (deny, hoax, reportedly), never at who speaks
or who is named, and the model reads every party's name as one token, so swapping the
parties in a text cannot change its stance.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from corroborate.link.cues import (
    CONFIRMING_RE,
    COUNTER_RE,
    SENTENCE,
    STRONG_RE,
    content_stems,
    count_cues,
    hedging_score,
    refuting_score,
)
from corroborate.link.stance_model import PairLabel, classify
from corroborate.link.stance_model import probabilities as pair_probabilities
from corroborate.model import Stance

__all__ = [
    "COUNTER_RE",
    "STATEMENT_STANCES",
    "STRONG_RE",
    "PairLabel",
    "PairStance",
    "assess",
    "content_stems",
    "count_cues",
    "near_claim",
    "pair_probabilities",
    "pair_stance",
    "similarity",
]

STATEMENT_STANCES: tuple[Stance, ...] = tuple(Stance)

UNRELATED_BELOW = 0.25  # similarity under which a claim and a text are unrelated
DISAGREE_AT = 2  # weighted refuting cues near the claim's terms that make a disagreement


@dataclass(frozen=True, slots=True)
class PairStance:
    """The label and the evidence behind it, for one claim and one text."""

    label: PairLabel
    similarity: float
    refuting: int = 0
    hedging: int = 0
    confirming: int = 0


@lru_cache(maxsize=8192)
def _terms(text: str) -> dict[str, float]:
    """Unigram and adjacent-bigram stems, weighted 1 + log(term frequency)."""
    stems = content_stems(text)
    counts = Counter(stems) + Counter(f"{a} {b}" for a, b in pairwise(stems))
    return {term: 1.0 + math.log(n) for term, n in counts.items()}


def similarity(a: str, b: str) -> float:
    """Weighted overlap of content terms, over the smaller side's weight (0 to 1, symmetric).

    Dividing by the smaller side, not by both lengths as cosine does, lets a ten-word claim
    score high against the long article that reports it.
    """
    terms_a, terms_b = _terms(a), _terms(b)
    if not terms_a or not terms_b:
        return 0.0
    shared = sum(min(w, terms_b[t]) for t, w in terms_a.items() if t in terms_b)
    return shared / min(sum(terms_a.values()), sum(terms_b.values()))


def near_claim(claim: str, text: str) -> str:
    """The sentences of ``text`` that share claim terms (two, or one for a short claim)."""
    keys = set(content_stems(claim))
    need = 1 if len(keys) <= 3 else 2
    near = [
        sentence
        for sentence in SENTENCE.split(text)
        if len(keys & set(content_stems(sentence))) >= need
    ]
    return " ".join(near) if near else text


def assess(claim: str, text: str) -> PairStance:
    """The cue rules' FNC-1 stance of ``text`` toward ``claim``, with the scores that
    decided it (the rules ``pair_stance`` used before the learned model)."""
    score = similarity(claim, text)
    if score < UNRELATED_BELOW:
        return PairStance("unrelated", score)
    near = near_claim(claim, text)
    refuting, hedging = refuting_score(near), hedging_score(near)
    confirming = count_cues(CONFIRMING_RE, near)
    claim_refutes = refuting_score(claim) > 0  # "X denies ..." agrees with a text that denies
    if refuting >= DISAGREE_AT and not claim_refutes:
        label: PairLabel = "disagree"
    elif hedging > confirming:
        label = "discuss"
    else:
        label = "agree"
    return PairStance(label, score, refuting, hedging, confirming)


def pair_stance(claim: str, text: str) -> PairLabel:
    """``agree``, ``disagree``, ``discuss`` or ``unrelated``, as the learned model reads it."""
    return classify([(claim, text)])[0]
