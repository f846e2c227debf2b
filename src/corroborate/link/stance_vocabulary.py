"""3d. Words of the learned stance model beyond the cue lists: the commonest stems, learned.

The cue lists of ``link.cues`` name the words of refutation and hedging one knows of; an
article that disagrees also says so in words no list holds ("prank", "photoshopped",
"satirical site", "no evidence"). So the model also reads which of the ``SIZE`` commonest
stems (those with the lowest inverse document frequency in the model's own table, so the
choice is made by frequency, never by a label) occur:

* in the ``CLOSEST`` sentences that match the claim best, each stem weighed by the best
  cosine of a sentence that holds it (a stem of a close restatement counts most);
* in the claim itself (0 or 1): "claims", "reportedly", "video" in a headline.

The stems are known by their slot in the hashed table (``stance_features.bucket``), so no
word is stored. Neutrality: every party's name is the one ``PARTY`` token before a stem is
looked up, so exchanging the parties leaves the numbers unchanged.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

SIZE = 300  # stems read, the commonest by document frequency
CLOSEST = 3  # sentences nearest the claim whose stems are read


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The column of each hashed slot read (``SIZE`` slots, the commonest first)."""

    columns: dict[int, int]

    def of(self, slots: Iterable[int]) -> tuple[int, ...]:
        """The columns of the slots that are read, sorted, once each."""
        return tuple(sorted({self.columns[s] for s in slots if s in self.columns}))


_KNOWN: dict[tuple[int, int], Vocabulary] = {}


def vocabulary(idf: np.ndarray) -> Vocabulary:
    """The ``SIZE`` slots of lowest IDF (ties by slot), for this table; found once per table."""
    key = (zlib.crc32(np.ascontiguousarray(idf).tobytes()), len(idf))
    if key not in _KNOWN:
        slots = np.argsort(idf, kind="stable")[:SIZE]
        _KNOWN[key] = Vocabulary({int(slot): n for n, slot in enumerate(slots)})
    return _KNOWN[key]


def vocabulary_row(
    claim: tuple[int, ...], cosines: np.ndarray, sentences: Sequence[tuple[int, ...]]
) -> list[float]:
    """``2 × SIZE`` numbers: each stem's best cosine among the closest sentences that hold
    it, then whether the claim holds it. ``claim`` and ``sentences`` are ``Vocabulary.of``
    columns; ``cosines`` are the sentences' cosines with the claim."""
    out = np.zeros(2 * SIZE)
    for n in np.argsort(-cosines, kind="stable")[:CLOSEST]:
        for column in sentences[n]:
            out[column] = max(out[column], cosines[n])
    out[[SIZE + c for c in claim]] = 1.0
    return [float(v) for v in out]
