"""Trigger senses for the ECB+ bench: triggers whose words are alike in meaning share a type.

In ``bench/eval_incidents.py`` a mention's ``types`` stand for what extraction gives an
allegation, its violation types: one code for many words ("killed", "murdered", "shot
dead" are all a killing). The crude stem of a trigger is a poor stand-in, as "murder" and
"killing" or "escaped" and "fled" never share one, and clustering compares mentions only
within a type. Here each trigger's head word is embedded by the input (word-piece)
embeddings of the bundled encoder (all-MiniLM-L6-v2's vocabulary, frozen when it was
fine-tuned; the mean of the word's pieces), and a trigger's senses are the head words of
the evaluated triggers whose embeddings lie within cosine ``tau`` of its own, itself
included. Its types are then the stems of its senses: two mentions share a type exactly
when their head words are that alike (the relation is symmetric). Nothing is read from gold
clusters, and ``tau`` is chosen by cross-validation on the train topics.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from corroborate.extract.models.encoder import Encoder

Matrix = npt.NDArray[np.float32]


@cache
def _encoder() -> Encoder:
    return Encoder.load()


def embed(words: Sequence[str]) -> Matrix:
    """Unit vectors of ``words``: the mean input embedding of each word's pieces."""
    encoder = _encoder()
    table = encoder.members[0]["embeddings.word"]
    rows = []
    for word in words:
        ids = [piece.id for piece in encoder.wordpiece.encode(word)] or [0]
        vector = table[ids].mean(axis=0)
        rows.append(vector / max(float(np.linalg.norm(vector)), 1e-12))
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, 1), np.float32)


def senses(heads: Sequence[str], tau: float) -> list[frozenset[str]]:
    """For each head word, the head words of ``heads`` within cosine ``tau`` of it (itself
    included; compared lower-cased)."""
    words = sorted({h.lower() for h in heads})
    vectors = embed(words)
    near = vectors @ vectors.T >= tau
    found = {
        w: frozenset(words[j] for j in np.flatnonzero(near[i])) | {w} for i, w in enumerate(words)
    }
    return [found[h.lower()] for h in heads]
