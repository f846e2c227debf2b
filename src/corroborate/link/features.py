"""3a. What linking reads of one report alone, kept so that a later run need not read it again.

Most of linking's time on a large store goes to work on each report by itself: its content
words, each allegation's place, days, actors and accused party (a ``Mention``), and, for
each statement, the party its words name and the party its speaker belongs to (the
registry's ``party_in`` and ``speaker_party``, read over the text). These are pure
functions of the report, its extraction and the source registry, so they are kept in the
store (``store/link_features.py``) under a version that names all three
(``features_version``), and a later run reads them back instead of working them out again.

One input is not the report's own: a speaker's name and role are unified across reports
(``speakers``), and a new report can give an old statement's speaker a fuller name. So each
statement keeps the speaker its party was read for; where the unified speaker now differs,
the party is read again. Everything else kept depends only on the report, so a run reading
kept features links exactly as a run reading none (``tests/link/test_features.py``).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from corroborate import __version__
from corroborate.ids import canonical_json, make_id
from corroborate.link.incidents import Mention, located
from corroborate.model import Allegation, Attribution, Report
from corroborate.taxonomy.registry import Registry, registry

WORD = re.compile(r"[^\W\d_]{4,}")
EMPTY: frozenset[str] = frozenset()
STOP = frozenset(
    "that this with from were have been their they which would about there said also".split()
)
# what the kept features are made by: these modules, and the vocabularies they read
VERSIONED = ("link/features.py", "link/incidents.py", "taxonomy")
PACKAGE = Path(__file__).resolve().parent.parent

SpeakerKey = tuple[str, str | None, str | None]  # canonical name, role, affiliation


@dataclass(frozen=True, slots=True)
class Party:
    """What the registry reads of one statement: its speaker's party, read for ``speaker``
    as unified when it was read, and the first party its words name."""

    speaker: SpeakerKey
    speaker_party: str | None
    named: str | None


@dataclass(frozen=True, slots=True)
class ReportFeatures:
    """One report's linking features: its content words, a ``Mention`` per allegation (in
    the order of its extraction's allegations) and a ``Party`` per statement (by
    attribution id)."""

    context: frozenset[str]
    mentions: tuple[Mention, ...]
    parties: dict[str, Party]


def report_features(
    report: Report, attributions: Sequence[Attribution], allegations: Sequence[Allegation]
) -> ReportFeatures:
    """The features of ``report`` with its (speaker-unified) statements."""
    context = frozenset(words(report.text))
    told = day_of(report.published)
    content = {a.id: a.content.text for a in attributions}
    mentions = tuple(_mention(g, content[g.attribution_id], told, context) for g in allegations)
    return ReportFeatures(context, mentions, {a.id: party_of(a) for a in attributions})


def refreshed(kept: ReportFeatures, attributions: Sequence[Attribution]) -> ReportFeatures:
    """``kept`` with the speaker's party read again for each statement whose unified speaker
    is not the one it was read for."""
    parties = dict(kept.parties)
    for attribution in attributions:
        old, key = parties[attribution.id], speaker_key(attribution)
        if old.speaker != key:
            parties[attribution.id] = Party(key, registry().speaker_party(*key), old.named)
    return ReportFeatures(kept.context, kept.mentions, parties)


def speaker_key(attribution: Attribution) -> SpeakerKey:
    speaker = attribution.speaker
    return (speaker.canonical, speaker.role, speaker.affiliation)


def party_of(attribution: Attribution) -> Party:
    """The registry's reading of a statement: its speaker's party, and its words'."""
    key = speaker_key(attribution)
    found = registry().speaker_party(*key)
    return Party(key, found, registry().party_in(attribution.content.text))


def _mention(
    allegation: Allegation, content: str, told: date | None, context: frozenset[str]
) -> Mention:
    place, region, country = located(allegation.place)
    perpetrator = allegation.perpetrator.text if allegation.perpetrator else None
    return Mention(
        types=shared_types(allegation.violation_types),
        place=place,
        region=region,
        country=country,
        # the event's own day: a publication date says when it was told, not when it happened
        day=allegation.time.day if allegation.time else None,
        told=told,
        actors=word_set(words(perpetrator or "")),
        accused=registry().party_in(perpetrator) if perpetrator else None,
        words=word_set(words(content)),
        context=context,
    )


@lru_cache(maxsize=4096)
def shared_types(codes: tuple[str, ...]) -> frozenset[str]:
    """One set of violation types for every mention of them: a mention is held for the whole
    run, and a set of one or two codes costs 216 bytes however small (the codes are a
    vocabulary, so the sets are few)."""
    return frozenset(codes)


def word_set(found: Iterable[str]) -> frozenset[str]:
    """A set of words, the empty one shared (most mentions name no perpetrator)."""
    held = frozenset(found)
    return held if held else EMPTY


def day_of(value: str | None) -> date | None:
    if not value or not re.match(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def words(text: str) -> set[str]:
    """A text's content words, each held once for every report (interned): a report's words
    are a set per report, and the same word in a million reports is one string."""
    return {sys.intern(w.lower()) for w in WORD.findall(text)} - STOP


def features_version(extraction_version: str, found: Registry | None = None) -> str:
    """The version of kept features: the extraction they were read from, this code and the
    vocabularies, and the registry (with any analysts' corrections laid over it)."""
    return make_id(
        "link-features",
        __version__,
        extraction_version,
        files_digest(VERSIONED),
        registry_digest(found),
    )


def files_digest(names: Sequence[str]) -> str:
    """A digest of the package's files and folders named (paths from the package root), by
    each file's path and bytes: what a kept result of linking was computed by."""
    hasher = hashlib.sha256()
    for name in names:
        path = PACKAGE / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and "__pycache__" not in file.parts:
                hasher.update(file.relative_to(PACKAGE).as_posix().encode() + b"\x00")
                hasher.update(hashlib.sha256(file.read_bytes()).digest())
    return hasher.hexdigest()


def registry_digest(found: Registry | None = None) -> str:
    """A digest of the source registry (the one in use, or ``found``): its parties, sources
    and conflicts."""
    table = found or registry()
    parts = (sorted(table.parties.items()), table.sources, table.conflicts)
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def to_json(features: ReportFeatures) -> str:
    return canonical_json(
        {
            "context": sorted(features.context),
            "mentions": [_plain(m) for m in features.mentions],
            "parties": {
                k: [*p.speaker, p.speaker_party, p.named] for k, p in features.parties.items()
            },
        }
    )


def from_json(text: str) -> ReportFeatures:
    """Kept features read back; ``ValueError``, ``KeyError`` or ``TypeError`` if they cannot."""
    data = json.loads(text)
    context = frozenset(sys.intern(w) for w in data["context"])
    mentions = tuple(_mention_of(v, context) for v in data["mentions"])
    parties = {
        k: Party((name, role, affiliation), party, named)
        for k, (name, role, affiliation, party, named) in data["parties"].items()
    }
    return ReportFeatures(context, mentions, parties)


def _plain(m: Mention) -> list[Any]:
    days = [d.isoformat() if d else None for d in (m.day, m.told)]
    where = [m.place, m.region, m.country]
    return [sorted(m.types), *where, *days, sorted(m.actors), m.accused, sorted(m.words), m.group]


def _mention_of(value: list[Any], context: frozenset[str]) -> Mention:
    types, place, region, country, day, told, actors, accused, said, group = value
    return Mention(
        types=shared_types(tuple(types)),
        place=place,
        region=region,
        country=country,
        day=date.fromisoformat(day) if day else None,
        told=date.fromisoformat(told) if told else None,
        actors=word_set(sys.intern(w) for w in actors),
        accused=accused,
        words=word_set(sys.intern(w) for w in said),
        context=context,
        group=group,
    )


def features_of(
    reports: Sequence[Report],
    statements: Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]],
    kept: Mapping[str, ReportFeatures],
) -> dict[str, ReportFeatures]:
    """Each report's features: kept ones refreshed for unified speakers, the rest read."""
    found = {}
    for report in reports:
        attributions, allegations = statements.get(report.id, ((), ()))
        known = kept.get(report.id)
        # kept for this extraction: its statements are these (a row that differs is not used)
        if known is not None and _fits(known, attributions, allegations):
            found[report.id] = refreshed(known, attributions)
        else:
            found[report.id] = report_features(report, attributions, allegations)
    return found


def _fits(
    kept: ReportFeatures, attributions: Sequence[Attribution], allegations: Sequence[Allegation]
) -> bool:
    return len(kept.mentions) == len(allegations) and all(
        a.id in kept.parties for a in attributions
    )
