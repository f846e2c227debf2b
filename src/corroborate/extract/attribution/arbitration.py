"""The one arbitration step: score every candidate attribution, keep the best that agree.

The readers (``candidates``: the parse rules, the quotations, the encoder) each propose
attributions; where they overlap, one reading must go. Each candidate is scored from what is
known of it (``score``): which reader found it, its shape, how far the encoder shares its
reading, the length of its content, with the weights of
``taxonomy/attribution/arbitration.yaml``. Candidates are taken best first; one is left out
when it conflicts with a candidate already taken:

* candidates of one reader never conflict (each reader settles its own overlaps: the
  encoder's spans each go to one cue, and a quotation is skipped where the parse rules
  already have its content; the rules and the quotations count as one reader here);
* a candidate that lies wholly inside the content of a taken one that may hold others is a
  statement reported in that one ("the ministry denied …, according to the agency") and
  stands, whatever else it overlaps;
* otherwise a candidate stands only if every taken candidate it overlaps lies wholly inside
  its own content, and it may hold others: the encoder's candidates may, and of the rules'
  only a quotation signed with a dash or a transcript's label ("HNATYUK: …").

The weights shipped reproduce the decisions made by hand before this step existed: every
candidate of the encoder before any of the rules. ``bench/arbitration.py`` compares them with
other settings by cross-validation on PolNeAR training documents the encoder never saw.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from corroborate.errors import ConfigError
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.certainty import SHAPES, Evidence, agreement
from corroborate.extract.spans import overlaps, within
from corroborate.model import Span

READERS = ("encoder", "rules", "quotations")
ONE_READER = {"encoder": "encoder", "rules": "rules", "quotations": "rules"}
ENCODER_SHAPE = "encoder"
FILE = "arbitration.yaml"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One attribution a reader proposes: the statement, then the fragments that continue
    it (a statement split by its cue), all with one speaker and cue."""

    pieces: tuple[RawAttribution, ...]
    reader: str  # one of READERS
    shape: str  # certainty.shape of a rule candidate; "encoder" for the encoder's
    holds: bool  # may hold other readers' candidates inside its content

    @property
    def contents(self) -> tuple[Span, ...]:
        return tuple(p.content for p in self.pieces)

    @property
    def spans(self) -> tuple[Span, ...]:
        return (self.pieces[0].speaker, self.pieces[0].cue, *self.contents)


@dataclass(frozen=True, slots=True)
class Weights:
    readers: Mapping[str, float]
    shapes: Mapping[str, float]
    agreement: float
    length: float  # per hundred characters of content


def score(candidate: Candidate, weights: Weights, evidence: Evidence | None = None) -> float:
    """The candidate's score: the higher, the sooner it is taken."""
    value = weights.readers[candidate.reader] + weights.shapes.get(candidate.shape, 0.0)
    if weights.agreement and evidence is not None and evidence.roles is not None:
        value += weights.agreement * agreement(candidate.pieces[0], evidence)
    if weights.length:
        value += weights.length * sum(c.end - c.start for c in candidate.contents) / 100
    return value


def arbitrate(
    found: Sequence[Candidate], weights: Weights | None = None, evidence: Evidence | None = None
) -> list[Candidate]:
    """The candidates kept, best first (module docstring)."""
    chosen = weights or load_weights()
    ranked = sorted(found, key=lambda c: -score(c, chosen, evidence))
    kept: list[Candidate] = []
    for candidate in ranked:
        if _fits(candidate, kept):
            kept.append(candidate)
    return kept


def _fits(candidate: Candidate, kept: Sequence[Candidate]) -> bool:
    rivals = [k for k in kept if ONE_READER[k.reader] != ONE_READER[candidate.reader]]
    if any(_inside(candidate, k) for k in rivals):
        return True
    return all(not _overlap(candidate, k) or _inside(k, candidate) for k in rivals)


def _overlap(a: Candidate, b: Candidate) -> bool:
    return any(overlaps(s, o) for s in a.spans for o in b.spans)


def _inside(a: Candidate, b: Candidate) -> bool:
    """Whether ``a`` lies wholly inside one content of ``b``, which may hold others."""
    return b.holds and any(all(within(s, c) for s in a.spans) for c in b.contents)


@cache
def load_weights() -> Weights:
    """The weights of ``taxonomy/attribution/arbitration.yaml`` (C115, C116 when bad)."""
    path = resources.files("corroborate.taxonomy").joinpath(f"attribution/{FILE}")
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(115, f"cannot be read ({exc.__class__.__name__})", subject=FILE) from exc
    return weights_of(data)


def weights_of(data: Any, subject: str = FILE) -> Weights:
    """Weights from their YAML form, checked: every reader and shape named, numbers only."""
    if not isinstance(data, dict):
        raise ConfigError(115, "not a YAML mapping", subject=subject)
    if set(data) != {"readers", "shapes", "agreement", "length"}:
        raise ConfigError(
            116, "needs exactly readers, shapes, agreement and length", subject=subject
        )
    readers = _numbers(data["readers"], set(READERS), "readers", subject)
    shapes = _numbers(data["shapes"], {*SHAPES, ENCODER_SHAPE}, "shapes", subject)
    scalars = _numbers({k: data[k] for k in ("agreement", "length")}, None, "", subject)
    return Weights(readers, shapes, scalars["agreement"], scalars["length"])


def _numbers(data: Any, names: set[str] | None, field: str, subject: str) -> dict[str, float]:
    if not isinstance(data, dict) or (names is not None and not set(data) <= names):
        raise ConfigError(116, f"{field}: a mapping of {sorted(names or ())}", subject=subject)
    if names is not None and field == "readers" and set(data) != names:
        raise ConfigError(116, f"readers: a weight for each of {list(READERS)}", subject=subject)
    bad = [k for k, v in data.items() if isinstance(v, bool) or not isinstance(v, int | float)]
    if bad:
        raise ConfigError(116, f"{field or bad[0]}: {bad[0]} is not a number", subject=subject)
    return {str(k): float(v) for k, v in data.items()}
