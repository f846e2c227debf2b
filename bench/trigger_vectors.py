"""Contextual trigger vectors for the ECB+ bench: the bundled encoder's reading of a trigger
in its sentence.

``trigger_senses`` compares trigger words out of context ("entered" and "checked into"
share no piece and lie far apart as words). Here each mention's sentence is run through the
bundled encoder (``extract.models.encoder``, its first member) and the trigger's vector is
the mean of the last hidden states of the pieces its characters cover; the sentence's vector
is the mean over all of its pieces. Both are scaled to unit length, so the dot product of
two mentions' vectors is their cosine.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import numpy as np
import numpy.typing as npt

from bench.ecbplus import EventMention
from corroborate.extract.models.encoder import CLS, SEP, Encoder
from corroborate.extract.models.wordpiece import Piece

Matrix = npt.NDArray[np.float32]
BATCH = 32


@cache
def _encoder() -> Encoder:
    return Encoder.load()


def trigger_vectors(golds: Sequence[EventMention]) -> tuple[Matrix, Matrix]:
    """Unit trigger vectors and unit sentence vectors, one row per mention."""
    encoder = _encoder()
    sentences = sorted({g.sentence_text for g in golds})
    states = _states(encoder, sentences)
    triggers, whole = [], []
    for gold in golds:
        pieces, hidden = states[gold.sentence_text]
        at = _find(gold.sentence_text, gold.trigger)
        inside = [
            n for n, p in enumerate(pieces) if at is not None and p.start < at[1] and p.end > at[0]
        ]
        triggers.append(_unit(hidden[inside].mean(0) if inside else hidden.mean(0)))
        whole.append(_unit(hidden.mean(0)))
    return np.stack(triggers), np.stack(whole)


def _find(sentence: str, trigger: str) -> tuple[int, int] | None:
    at = sentence.find(trigger)
    if at < 0:
        at = sentence.lower().find(trigger.lower())
    return (at, at + len(trigger)) if at >= 0 else None


def _states(encoder: Encoder, sentences: list[str]) -> dict[str, tuple[list[Piece], Matrix]]:
    encoded = [encoder.wordpiece.encode(s)[: encoder.window] for s in sentences]
    order = sorted(range(len(sentences)), key=lambda i: len(encoded[i]))
    found: dict[str, tuple[list[Piece], Matrix]] = {}
    for lo in range(0, len(order), BATCH):
        chunk = order[lo : lo + BATCH]
        rows = [[CLS, *(p.id for p in encoded[i]), SEP] for i in chunk]
        hidden = encoder.hidden(rows)
        for n, i in enumerate(chunk):
            found[sentences[i]] = (encoded[i], hidden[n, 1 : len(rows[n]) - 1])
    return found


def _unit(vector: Matrix) -> Matrix:
    return (vector / max(float(np.linalg.norm(vector)), 1e-12)).astype(np.float32)
