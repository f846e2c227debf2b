"""What linking hands on: statements with their stance, incidents, and wire copies.

``link`` turns each report's attributions and allegations into ``Incident``s (allegations of
one event, the statements that support or answer them) and finds the reports that copy
another (``Copy``); ``Linked`` holds both for a run. ``results`` lays the analysts' reviews
over them and ``grade`` grades them; stored runs keep them as JSON (``link.stored``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from corroborate.model.records import Allegation, Attribution


class Stance(StrEnum):
    """A statement's stance toward an incident's allegation (``taxonomy/stances.yaml``).

    The values are the words ``results.json`` and the reviews use, so a ``Stance`` writes
    and compares as its string.
    """

    SUPPORTS = "supports"
    DENIES = "denies"
    COUNTER_ACCUSES = "counter_accuses"
    NEUTRAL = "neutral"


# the stances that answer an allegation against it
AGAINST = frozenset({Stance.DENIES, Stance.COUNTER_ACCUSES})


@dataclass(frozen=True, slots=True)
class Statement:
    """An attribution of a report, with its stance toward one incident; ``allegation`` is
    what it alleges of that incident, None for a statement that only answers it."""

    report_id: str
    attribution: Attribution
    stance: Stance
    allegation: Allegation | None = None
    stance_certainty: float | None = (
        None  # how sure the deciding rule or model is (link.answer.decide)
    )


@dataclass(frozen=True, slots=True)
class Copy:
    """``report_id`` reuses the text of ``origin_id`` (the earliest of its group)."""

    report_id: str
    origin_id: str
    jaccard: float
    containment: float


@dataclass(slots=True)
class Incident:
    """Allegations judged to concern one event, the statements about it (those alleging it
    and those answering it), and each report's stance toward it."""

    allegations: list[Allegation] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    report_stances: dict[str, Stance] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Linked:
    """A run's linking: each copying report's ``Copy`` by its id, and the incidents."""

    copies: dict[str, Copy]
    incidents: list[Incident]
    # each report's linking features (``link.features.ReportFeatures``) by report id, for a
    # later run to read back; typed loosely, as the model depends on no stage
    features: dict[str, Any] = field(default_factory=dict)
