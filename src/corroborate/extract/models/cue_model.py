"""A learned cue detector: how likely a token is the head of an attribution cue.

Speech verbs from the lexicon cover the common cues ("said", "told"); attribution in news is
also carried by verbs of intention, belief and evidence ("wants", "vowed", "shows", "called
for") that no fixed list exhausts. This model scores every candidate token from features of
its word, its part of speech and its place in the dependency tree: hashed into a fixed-size
weight vector, so the shipped weights (``cue_model.npz``) are numbers only and carry no text.

The weights are trained by ``training/cues/train.py`` on the PolNeAR training split (news
attribution relations); ``bench/eval_attribution.py`` measures the effect on its dev split.
"""

from __future__ import annotations

import math
import zlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from spacy.tokens import Doc, Token

from corroborate.errors import ExtractionError
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.taxonomy.words import word_list, word_set

WEIGHTS = Path(__file__).with_name("cue_model.npz")
BITS = 20
CANDIDATE_TAGS = word_list("grammar", "candidate_tags")
PREPOSITIONS = word_set("speech", "cue_prepositions")


def is_candidate(token: Token) -> bool:
    """Tokens that can head a cue: content words and prepositions, never punctuation."""
    return (
        token.tag_.startswith(CANDIDATE_TAGS)
        and token.tag_ not in ("NNP", "NNPS")
        and token.is_alpha
    )


def features(token: Token) -> list[int]:
    """Hashed feature indices of ``token`` (stable across processes and machines)."""
    word = token.lower_
    head = token.head
    children = list(token.children)
    deps = sorted({c.dep_ for c in children})
    marks = sorted(
        {m.lower_ for c in children if c.dep_ in ("ccomp", "xcomp", "advcl") for m in c.children
         if m.dep_ == "mark"}
    )  # fmt: skip
    preps = sorted(
        {c.lower_ for c in children if c.dep_ in ("compound:prt", "prt", "prep")}
        | {
            m.lower_
            for c in children
            if c.dep_ in ("obl", "nmod")
            for m in c.children
            if m.dep_ == "case" and m.lower_ in PREPOSITIONS
        }
    )
    doc = token.doc
    previous = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    lexicon = CUE_FORMS.get(word, "")
    subject = next((c.lower_ for c in children if c.dep_ in ("nsubj", "nsubj:pass")), "-")
    quoted = quote_mask(doc)[token.i]
    names = [
        "bias",
        f"w={word}",
        f"suf={word[-3:]}",
        f"tag={token.tag_}",
        f"tag2={token.tag_[:2]}",
        f"dep={token.dep_}",
        f"w+tag={word}|{token.tag_}",
        f"w+dep={word}|{token.dep_}",
        f"hw={head.lower_}",
        f"htag={head.tag_}|{token.dep_}",
        f"prev={previous}",
        f"next={following}",
        f"w+next={word}|{following}",
        f"lex={lexicon}",
        f"lex?={bool(lexicon)}|{token.tag_[:2]}",
        f"shape={token.shape_[:4]}",
        f"nchild={min(len(children), 5)}",
        f"root={token.dep_ == 'ROOT'}",
        f"quoted={quoted}",
        f"quoted+lex={quoted}|{bool(lexicon)}",
        f"subj={subject if subject in _PRONOUNS else 'other'}",
        f"w+subj={word}|{subject if subject in _PRONOUNS else 'other'}",
        *(f"ch={d}" for d in deps),
        *(f"w+ch={word}|{d}" for d in deps),
        *(f"mark={m}" for m in marks),
        *(f"w+mark={word}|{m}" for m in marks),
        *(f"prep={p}" for p in preps),
        *(f"w+prep={word}|{p}" for p in preps),
        f"deps={'+'.join(d for d in deps if d in _CORE)}",
    ]
    mask = (1 << BITS) - 1
    return [zlib.crc32(name.encode("utf-8")) & mask for name in names]


_PRONOUNS = word_set("people", "subject_pronouns")


def quote_mask(doc: Doc) -> list[bool]:
    """Whether each token lies inside quotation marks, computed once per document."""
    cached = doc.user_data.get("corroborate.quoted")
    if cached is None:
        cached, inside = [], False
        for token in doc:
            if token.text in ("“", "«") or "\n" in token.text:
                inside = token.text in ("“", "«")
            elif token.text in ("”", "»"):
                inside = False
            elif token.text == '"':
                inside = not inside
            cached.append(inside)
        doc.user_data["corroborate.quoted"] = cached
    mask: list[bool] = cached
    return mask


_CORE = word_set("grammar", "core_relations")


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic-regression weights over hashed features, and the decision threshold."""

    weights: NDArray[np.float32]
    threshold: float

    def probability(self, token: Token) -> float:
        if not is_candidate(token):
            return 0.0
        score = float(self.weights[features(token)].sum())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_cue(self, token: Token) -> bool:
        return self.probability(token) >= self.threshold


@cache
def load_cue_model(path: Path = WEIGHTS) -> CueModel:
    """The shipped weights (built by ``training/cues/train.py``), loaded once per process."""
    try:
        with np.load(path) as data:
            weights = np.asarray(data["weights"], dtype=np.float32)
            threshold = float(data["threshold"])
    except (OSError, KeyError, ValueError) as exc:
        raise ExtractionError(2, f"cannot load the cue model ({exc})", subject=str(path)) from exc
    if weights.shape != (1 << BITS,):
        raise ExtractionError(2, f"cue model has {weights.shape[0]} weights, expected {1 << BITS}",
                              subject=str(path))  # fmt: skip
    return CueModel(weights, threshold)
