"""What grading reads and gives: claims and denials in, origins and a grade out.

``results`` turns an incident's supporting statements into ``Claim``s and its answering
ones into ``Denial``s; ``grade`` collapses the claims into ``Origin``s (first sources: wire
copies and re-reports of one statement are one) and grades the incident (``Grade``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from corroborate.ids import make_id


class OriginKind(StrEnum):
    """What kind of first source an origin is (``docs/grading.md``)."""

    PARTY = "party"
    INDEPENDENT = "independent"
    WITNESS = "witness"
    DOCUMENTARY = "documentary"
    UNREGISTERED = "unregistered"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Claim:
    """One report's statement in support of an incident.

    ``party`` and ``kind``, where set, are an analyst's decision (``review``) and stand over
    what the registry and the words say; ``party`` "" means "of no party".
    """

    report_id: str
    speaker: str
    role: str | None = None
    affiliation: str | None = None
    outlet: str | None = None
    via: tuple[str, ...] = ()
    copy_of: str | None = None
    witness: bool = False
    own_voice: bool = False
    unresolved: bool = False
    party: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class Denial:
    """One statement answering an incident's allegation against it: a denial, or with
    ``counter_accuses`` a counter-accusation; ``independent`` for an explicit denial by an
    independent body (an NGO or intergovernmental monitor of no party)."""

    report_id: str
    speaker: str
    party: str | None
    counter_accuses: bool = False
    independent: bool = False


@dataclass(slots=True)
class Origin:
    """A first source of a claim: a speaker, body, witness or document, which may be quoted
    inside a report. ``key`` says what makes it one (a speaker's name, or a report for
    unnamed sources); ``report_ids`` are the reports that trace back to it."""

    key: str
    kind: OriginKind
    speaker: str
    party: str | None
    report_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id("origin", self.key)


@dataclass(frozen=True, slots=True)
class Grade:
    """Source reliability (A-F) x information credibility (1-6), the standard of proof the
    corroboration reaches, and why, in words."""

    reliability: str
    credibility: int
    standard: str
    explanation: str = ""

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"
