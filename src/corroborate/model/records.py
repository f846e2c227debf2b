"""The records of reports and what extraction reads in them, and analysts' review events.

Records are frozen dataclasses. Their ids are content-derived (see ``ids.make_id``):
a report's id hashes the blob it came from and its position in that blob, an
attribution's id hashes its report and character offsets, and so on.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date

from corroborate.ids import make_id


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` in a report's text, with the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Outlet:
    """A publisher or institution that carries statements: a wire, a paper, an NGO."""

    name: str
    kind: str = "unknown"
    affiliation: str | None = None

    @property
    def id(self) -> str:
        return make_id("outlet", self.name.casefold())


# Report metadata that identifies a protected person (a witness, their contact details). Its
# values are sealed in the store and pseudonymised in everything shared (docs/witnesses.md).
PERSON_KEYS = ("witness", "witness_name", "name")
CONTACT_KEYS = ("contact", "phone", "email", "address")
IDENTITY_KEYS = PERSON_KEYS + CONTACT_KEYS


@dataclass(frozen=True, slots=True)
class Report:
    """One ingested item: a file, or one item of a feed, web archive or CSV file.

    ``blob_id`` is the digest of the raw bytes it was read from; ``item`` locates it inside
    that blob ("" for a whole file, ``line:3``, ``row:2``, ``record:1`` otherwise).
    """

    blob_id: str
    item: str
    source_name: str
    media_type: str
    text: str
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    meta: tuple[tuple[str, str], ...] = ()

    @property
    def id(self) -> str:
        return make_id("report", self.blob_id, self.item)

    def fields(self) -> dict[str, object]:
        """The defining fields, as hashed into the ledger's report digest."""
        return {
            "blob_id": self.blob_id,
            "item": self.item,
            "source_name": self.source_name,
            "media_type": self.media_type,
            "text": self.text,
            "title": self.title,
            "published": self.published,
            "outlet": self.outlet,
            "author": self.author,
            "url": self.url,
            "language": self.language,
            "meta": [list(pair) for pair in self.meta],
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who makes a statement: the span in the text and what it resolves to.

    ``unresolved`` marks a mention that names nobody the text identifies (a pronoun with no
    antecedent, "we", a fragment): its statements are kept but counted as no origin.
    """

    span: Span
    canonical: str
    role: str | None = None
    affiliation: str | None = None
    unresolved: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """A statement attributed to a speaker through a cue, possibly relayed by outlets.

    ``cue`` is ``None`` for a continuation: a sentence that goes on reporting the previous
    attribution's statement in the same paragraph without a cue of its own. ``certainty``
    (0 to 1, ``extract/certainty.py``) is how sure the extraction was of the attribution,
    for review order: not a probability that the statement is true; None where unknown
    (made before extraction measured it).
    """

    report_id: str
    speaker: Speaker
    cue: Span | None
    content: Span
    direct: bool
    via: tuple[str, ...] = ()
    certainty: float | None = None

    @property
    def id(self) -> str:
        return _attribution_id(self.report_id, self.content.start, self.content.end)

    @property
    def key(self) -> str:
        """The statement's stable id: its report and its words (case and spacing aside), so
        that an analyst's review of it survives re-ingest and re-extraction (docs/reviews.md)."""
        return statement_key(self.report_id, self.content.text)


# Ids are hashed anew on every read of the property; grading a large run again after a
# review reads each many times, so the most recent are kept (pure functions of their parts).
IDS_KEPT = 1 << 17


@functools.lru_cache(maxsize=IDS_KEPT)
def statement_key(report_id: str, content: str) -> str:
    return make_id("statement", report_id, " ".join(content.split()).casefold())


@functools.lru_cache(maxsize=IDS_KEPT)
def _attribution_id(report_id: str, start: int, end: int) -> str:
    return make_id("attribution", report_id, start, end)


@functools.lru_cache(maxsize=IDS_KEPT)
def _allegation_id(attribution_id: str, violation_types: tuple[str, ...]) -> str:
    return make_id("allegation", attribution_id, list(violation_types))


@dataclass(frozen=True, slots=True)
class Place:
    """A place as written, normalised: every spelling and script maps to one canonical name.

    ``geonames_id`` and ``region`` (ISO 3166-2) say which place of the world it is, where
    known; ``resolved`` is False when the name is borne by several places and the report does
    not say which (then ``canonical`` is the name as written and there are no coordinates).
    """

    name: str
    canonical: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    within: str | None = None
    span: Span | None = None
    geonames_id: int | None = None
    region: str | None = None
    resolved: bool = True

    @property
    def key(self) -> str:
        """What tells two places apart: homonyms differ, spellings of one place do not."""
        if not self.resolved:
            return f"unresolved:{self.canonical}"
        return f"geonames:{self.geonames_id}" if self.geonames_id else self.canonical


@dataclass(frozen=True, slots=True)
class TimeRef:
    """When: the expression as written and its resolved value (ISO date, month, or range).

    ``value`` is ``None`` when the expression cannot be resolved (no publication date for
    a relative expression); ``relative`` says whether it depended on the publication date.
    """

    span: Span
    value: str | None
    relative: bool = False

    @property
    def day(self) -> date | None:
        """The day the expression names, as linking and the results use it: an ISO date, or
        the first day of a range ("2022-04-04/2022-04-10"); a month alone names none."""
        return event_day(self.value)


def event_day(value: str | None) -> date | None:
    """The day an event's time value names (see ``TimeRef.day``), or None."""
    if not value or len(value) < 10 or value[4:5] != "-" or value[7:8] != "-":
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Amount:
    """A number, range or vague quantity ("dozens"), with its unit when stated."""

    span: Span
    low: float | None
    high: float | None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Allegation:
    """What an attribution alleges: violation types, actors, place, time and amounts."""

    attribution_id: str
    violation_types: tuple[str, ...]
    perpetrator: Span | None = None
    victims: Span | None = None
    place: Place | None = None
    time: TimeRef | None = None
    amounts: tuple[Amount, ...] = ()

    @property
    def id(self) -> str:
        return _allegation_id(self.attribution_id, tuple(self.violation_types))


@dataclass(frozen=True, slots=True)
class ReviewEvent:
    """An analyst's decision, as recorded in the ledger (action ``review``).

    ``action`` is a code of ``taxonomy/reviews.yaml``; ``target`` the stable id it is about
    (a statement, report or incident); ``payload`` what was decided and the machine value it
    replaces; ``seq`` the ledger row (0 before it is written), which is also the target's
    version after it.
    """

    actor: str
    action: str
    target: str
    at: str
    payload: tuple[tuple[str, str], ...] = ()
    reason: str = ""
    seq: int = 0

    @property
    def id(self) -> str:
        return make_id("review", self.actor, self.action, self.target, self.at)

    def get(self, name: str, default: str = "") -> str:
        return next((value for key, value in self.payload if key == name), default)
