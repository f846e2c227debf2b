"""The learned half of the violation reader: the one scored decision over what the parse read.

"Four were killed when a strike hit", "the attack left dozens dead": the act is there but
no word says who suffered it, and a lexicon cannot tell a raid on a village from a raid on
a base; and where the parse does name protected victims, real event text still holds
clashes, toll counts and follow-ups that only look like an allegation. Two logistic
regressions read the encoder's sentence vector (``Encoder.embed``), a few facts of the parse
(which kinds of act, which classes of victim, which context shapes) and what the parse
concluded (``STATUSES``): one says whether the content alleges a violation, the other which
type. They decide wherever the parse found a violation or left the question open; where the
parse found only combat, excluded acts or nothing at all, the content alleges nothing.

The weights (``extract/models/violation_model.npz``, numbers only) are fitted by
``training/violations/train.py`` on the labelled snippets and Wikipedia event items of
``training/violations/``, settings chosen by cross-validation on that training data alone.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from corroborate.errors import ExtractionError
from corroborate.extract.blind import encoder_words
from corroborate.extract.facts.acts import Class, acts_in, contexts_in
from corroborate.extract.models.encoder import load_encoder
from corroborate.model import Span
from corroborate.taxonomy.harm import KINDS

if TYPE_CHECKING:
    from corroborate.extract.facts.violations import Judged

WEIGHTS = Path(__file__).with_name("violation_model.npz")
VERDICTS = ("violation", "combat", "excluded", "unknown")
CLASSES: tuple[str, ...] = get_args(Class)
# the kinds of context pattern (taxonomy/violations/patterns.yaml) the model reads, in the
# order of its weights' columns ("opinion" is read by the rules alone)
Context = Literal[
    "background", "delivery", "sanctions", "diplomacy", "combat", "charge", "crime", "hazard",
    "release",
]  # fmt: skip
CONTEXTS: tuple[str, ...] = get_args(Context)
# what the parse concluded: a violation, nothing (combat, excluded or no act), or open
STATUSES = ("violation", "none", "open")
Array = npt.NDArray[np.float64]


def parse_features(doc: Doc, content: Span, judged: Sequence[Judged], status: str) -> Array:
    """The parse's facts about the content and its conclusion, each 0 or 1."""
    readings = acts_in(doc, content.start, content.end)
    verdicts = {j.verdict for j in judged}
    kinds = {r.act.kind for r in readings}
    classes = {p.cls for r in readings for p in r.of("victim")}
    contexts = contexts_in(doc, content.start, content.end)
    values = [v in verdicts for v in VERDICTS]
    values += [k in kinds for k in KINDS]
    values += [c in classes for c in CLASSES]
    values += [c in contexts for c in CONTEXTS]
    values += [any(p.media for r in readings for p in r.participants)]
    values += [status == s for s in STATUSES]
    return np.asarray(values, dtype=np.float64)


def features(vector: npt.NDArray[np.floating], parse: Array) -> Array:
    """What the regressions read: the sentence vector, the parse's facts, and a bias."""
    return np.concatenate([vector.astype(np.float64), parse, [1.0]])


@dataclass(frozen=True, slots=True)
class ViolationModel:
    flag: Array  # weights of "alleges a violation"
    threshold: float
    type_weights: Array  # one column per type
    types: tuple[str, ...]

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> ViolationModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    data["flag"].astype(np.float64),
                    float(data["threshold"]),
                    data["type_weights"].astype(np.float64),
                    tuple(str(t) for t in data["types"]),
                )
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise ExtractionError(
                6, f"cannot load the violation model ({exc})".splitlines()[0], subject=str(path)
            ) from exc

    def probability(self, x: Array) -> float:
        return float(1.0 / (1.0 + np.exp(-(x @ self.flag))))

    def best_type(self, x: Array) -> str:
        return self.types[int(np.argmax(x @ self.type_weights))]


def sentence_vector(doc: Doc, content: Span) -> npt.NDArray[np.float32]:
    """The encoder's vector for the content, computed once per document and span, read
    name-blind as the parse was (``blind``)."""
    key = f"corroborate.vector:{content.start}:{content.end}"
    if key not in doc.user_data:
        text = encoder_words(doc, content.start, content.end)
        doc.user_data[key] = load_encoder().embed([text])[0]
    vector: npt.NDArray[np.float32] = doc.user_data[key]
    return vector


@cache
def load_model() -> ViolationModel:
    return ViolationModel.load()


def decide(
    doc: Doc,
    content: Span,
    judged: Sequence[Judged],
    status: str,
    model: ViolationModel | None = None,
) -> str | None:
    """The type the content alleges, or None when the model reads no violation in it."""
    model = model or load_model()
    x = features(sentence_vector(doc, content), parse_features(doc, content, judged, status))
    if model.probability(x) < model.threshold:
        return None
    return model.best_type(x)
