"""3d. What the learned stance model reads of a claim and a text: a fixed row of numbers.

``stance_model`` scores these rows; ``training/stance/train.py`` fits it on the same rows.
They are of five kinds:

* **relatedness**: TF-IDF cosine of the claim with the whole text, its lead and its closest
  sentences; the share of the claim's words, word pairs and weight found in the text; the
  rules' own overlap (``stance.similarity``);
* **cues near the claim**: the rules' refuting, hedging, confirming and counter-accusing
  cues and negations, counted in the sentences that share the claim's words and in the two
  closest ones, and over the whole text;
* **the claim's own words**: refuting words (the FNC-1 baseline's list), hedges, a question;
* **marker words**: the rate of a few words of reporting and refutation near the claim;
* **sentence by sentence** (``stance_sentences``, the last 32): what the sentences that
  restate the claim do with it (refute, debunk, negate, hedge, confirm, ask, quote), and the
  claim's words a negation governs.

Neutrality: every phrase that may name a party (every country's names and adjectives, the
registry's parties' aliases) becomes one token, the same for all parties, before anything is
counted, so exchanging the parties in a claim and its text leaves the row unchanged.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import numpy as np

from corroborate.link.cues import (
    CONFIRMING_RE,
    COUNTER_RE,
    NEGATION,
    SENTENCE,
    STOPWORDS,
    TOKEN,
    count_cues,
    hedging_score,
    refuting_score,
    stem,
)
from corroborate.link.stance_sentences import Sentences, read_sentences, sentence_row
from corroborate.link.stance_vocabulary import Vocabulary, vocabulary, vocabulary_row
from corroborate.taxonomy.parties import party_words
from corroborate.taxonomy.registry import registry

HASH_BITS = 18  # the document-frequency table's size: 2**18 hashed stems
PARTY = "\x00party"  # the one token every party's name becomes
LEAD_SENTENCES = 2
CLOSEST = 2  # sentences nearest the claim whose cues are counted apart
# the FNC-1 baseline's refuting words, looked for in the claim
CLAIM_REFUTING = (
    "fake fraud hoax false deny denies not despite nope doubt doubts bogus debunk pranks retract"
).split()
MARKERS = (
    "said says according reported reportedly claim claims claimed allegedly confirmed confirm"
    " video photo report rumor rumors hoax fake false deny denied not no however but believed"
    " appears told statement official"
).split()


@cache
def _party_phrases() -> tuple[frozenset[tuple[str, ...]], int]:
    """Every party phrase as a tuple of words, and the longest one's length."""
    aliases = [alias for names in registry().parties.values() for alias in names]
    # "the Republic" is one alias, "the Northern Coalition" none: the article stays a word
    split = (TOKEN.findall(p.casefold()) for p in party_words(aliases))
    phrases = frozenset(tuple(w[1:] if w[:1] == ["the"] else w) for w in split)
    phrases = frozenset(p for p in phrases if p)
    return phrases, max(len(p) for p in phrases)


def words(text: str) -> list[str]:
    """Lower-case tokens of ``text``, every party phrase made the one ``PARTY`` token."""
    tokens = [t.split("'")[0] for t in TOKEN.findall(text.lower())]
    phrases, longest = _party_phrases()
    out: list[str] = []
    n = 0
    while n < len(tokens):
        for size in range(min(longest, len(tokens) - n), 0, -1):
            if tuple(tokens[n : n + size]) in phrases:
                out.append(PARTY)
                n += size
                break
        else:
            out.append(tokens[n])
            n += 1
    return out


def stems(text: str) -> list[str]:
    """Content stems of ``text`` in order (party phrases as ``PARTY``)."""
    return [stem(w) if w != PARTY else w for w in words(text) if w not in STOPWORDS and len(w) > 1]


def bucket(term: str) -> int:
    """A stem's slot in the hashed document-frequency table (stable across runs)."""
    return zlib.crc32(term.encode("utf-8")) & ((1 << HASH_BITS) - 1)


@dataclass(frozen=True, slots=True)
class Vector:
    """A TF-IDF vector of one text, unit length, and its stems."""

    weights: dict[str, float]
    terms: frozenset[str]


def vector(terms: Sequence[str], idf: np.ndarray) -> Vector:
    counts = Counter(terms)
    weights = {t: (1.0 + math.log(n)) * float(idf[bucket(t)]) for t, n in counts.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return Vector({t: w / norm for t, w in weights.items()}, frozenset(counts))


def cosine(a: Vector, b: Vector) -> float:
    small, large = (a, b) if len(a.weights) <= len(b.weights) else (b, a)
    return sum(w * large.weights.get(t, 0.0) for t, w in small.weights.items())


@dataclass(frozen=True, slots=True)
class Text:
    """What is read once of a text however many claims it meets."""

    sentences: tuple[str, ...]
    vectors: tuple[Vector, ...]  # one per sentence
    terms: dict[str, float]  # unigram and bigram stems weighted 1 + log(count)
    whole: Vector
    lead: Vector
    bigrams: frozenset[str]
    lead_bigrams: frozenset[str]
    cues: tuple[float, ...]  # whole-text cue rates per sentence
    size: int  # words
    evidence: Sentences  # each sentence's cue flags and negated stems
    vocabulary: Vocabulary  # the commonest stems' columns (``stance_vocabulary``)
    columns: tuple[tuple[int, ...], ...]  # per sentence, the columns of its common stems


def _bigrams(terms: Sequence[str]) -> frozenset[str]:
    return frozenset(f"{a} {b}" for a, b in pairwise(terms))


def _weighted(terms: Sequence[str]) -> dict[str, float]:
    counts = Counter(terms) + Counter(f"{a} {b}" for a, b in pairwise(terms))
    return {term: 1.0 + math.log(n) for term, n in counts.items()}


def overlap(claim: dict[str, float], text: dict[str, float]) -> float:
    """``stance.similarity`` on these stems: shared weight over the smaller side's."""
    if not claim or not text:
        return 0.0
    shared = sum(min(w, text[t]) for t, w in claim.items() if t in text)
    return shared / min(sum(claim.values()), sum(text.values()))


def _cue_counts(text: str) -> tuple[float, ...]:
    return (
        float(refuting_score(text)),
        float(hedging_score(text)),
        float(count_cues(CONFIRMING_RE, text)),
        float(count_cues(COUNTER_RE, text, negatable=False)),
        float(len(NEGATION.findall(text))),
    )


def read_text(text: str, idf: np.ndarray) -> Text:
    sentences = tuple(s for s in SENTENCE.split(text) if s.strip()) or (text,)
    per = [stems(s) for s in sentences]
    flat = [t for terms in per for t in terms]
    lead = [t for terms in per[:LEAD_SENTENCES] for t in terms]
    cues = _cue_counts(text)
    common = vocabulary(idf)
    return Text(
        sentences=sentences,
        vectors=tuple(vector(terms, idf) for terms in per),
        terms=_weighted(flat),
        whole=vector(flat, idf),
        lead=vector(lead, idf),
        bigrams=_bigrams(flat),
        lead_bigrams=_bigrams(lead),
        cues=tuple(c / len(sentences) for c in cues),
        size=len(flat),
        evidence=read_sentences(sentences),
        vocabulary=common,
        columns=tuple(common.of(bucket(t) for t in terms) for terms in per),
    )


def _claim_row(claim: str) -> list[float]:
    tokens = set(words(claim))
    return [
        *(float(w in tokens) for w in CLAIM_REFUTING),
        float(sum(w in tokens for w in CLAIM_REFUTING) % 2),
        float(refuting_score(claim)),
        float(hedging_score(claim)),
        float(count_cues(CONFIRMING_RE, claim)),
        float("?" in claim),
        float(len(stems(claim))),
    ]


def _overlap_row(
    claim_terms: list[str], claim: Vector, text: Text, idf: np.ndarray, cosines: np.ndarray
) -> list[float]:
    keys = claim.terms
    weight = sum(float(idf[bucket(t)]) for t in keys) or 1.0
    found = keys & text.whole.terms
    pairs = _bigrams(claim_terms)
    lead_terms = text.lead.terms
    scores = sorted(cosines.tolist(), reverse=True)
    return [
        cosine(claim, text.whole),
        cosine(claim, text.lead),
        scores[0],
        sum(scores[:3]) / min(3, len(scores)),
        sum(s > 0.2 for s in scores) / len(scores),
        len(found) / (len(keys) or 1),
        sum(float(idf[bucket(t)]) for t in found) / weight,
        len(keys & lead_terms) / (len(keys) or 1),
        len(pairs & text.bigrams) / (len(pairs) or 1),
        len(pairs & text.lead_bigrams) / (len(pairs) or 1),
        len(found) / (len(keys | text.whole.terms) or 1),
    ]


def _near(claim: Vector, text: Text) -> tuple[str, int]:
    """The sentences sharing the claim's stems (two, or one for a short claim), and how many;
    the whole text where none does (as ``stance.near_claim``)."""
    need = 1 if len(claim.terms) <= 3 else 2
    pairs = zip(text.sentences, text.vectors, strict=True)
    near = [s for s, v in pairs if len(claim.terms & v.terms) >= need]
    if not near:
        return " ".join(text.sentences), len(text.sentences)
    return " ".join(near), len(near)


def _cue_row(claim_vector: Vector, text: Text) -> list[float]:
    near, near_count = _near(claim_vector, text)
    order = sorted(range(len(text.sentences)), key=lambda n: -cosine(claim_vector, text.vectors[n]))
    closest = " ".join(text.sentences[n] for n in sorted(order[:CLOSEST]))
    near_cues, closest_cues = _cue_counts(near), _cue_counts(closest)
    near_words = Counter(words(near))
    total = sum(near_words.values()) or 1
    return [
        *near_cues,
        *(c / near_count for c in near_cues),
        *closest_cues,
        *text.cues,
        *(near_words[w] / total for w in MARKERS),
        order[0] / len(text.sentences),
    ]


def row(claim: str, body: Text, idf: np.ndarray) -> np.ndarray:
    """The feature row of one claim against a text read by ``read_text``, float64."""
    claim_terms = stems(claim)
    claim_vector = vector(claim_terms, idf)
    cosines = np.array([cosine(claim_vector, v) for v in body.vectors])
    values = [
        overlap(_weighted(claim_terms), body.terms),
        math.log1p(body.size),
        math.log1p(len(body.sentences)),
        *_overlap_row(claim_terms, claim_vector, body, idf, cosines),
        *_cue_row(claim_vector, body),
        *_claim_row(claim),
        *vocabulary_row(body.vocabulary.of(map(bucket, claim_vector.terms)), cosines, body.columns),
        *sentence_row(claim, claim_vector.terms, cosines, body.evidence),
    ]
    return np.asarray(values, dtype=np.float64)


def idf_table(documents: Sequence[str]) -> np.ndarray:
    """Smoothed inverse document frequency of every hashed stem over ``documents``."""
    df = np.zeros(1 << HASH_BITS, dtype=np.float64)
    for document in documents:
        for slot in {bucket(t) for t in stems(document)}:
            df[slot] += 1
    return np.log((1 + len(documents)) / (1 + df)) + 1.0
