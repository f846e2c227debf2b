"""Corrections of the source registry: an owner's decision that an outlet or institution is of
another kind, country or party than the shipped registry says.

A correction is a review like the others (action ``correct_source``, ``reviews.yaml``),
appended to the ledger with the source's version (R001 on a stale one); its subject is
``source:<name>``. The shipped YAML files are never written: the next run lays the
corrections over the registry (``corrected``) before it links and grades, as it lays the
other reviews over the machine's output. A correction of a source the registry no longer
has is orphaned, listed with the run's other orphans.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

import pycountry

from corroborate.errors import ReviewConflict
from corroborate.model import ReviewEvent
from corroborate.review.ledger import reviews, target_version, write
from corroborate.store import Store
from corroborate.taxonomy.registry import KINDS, Registry, Source
from corroborate.taxonomy.source_entries import INTERNATIONAL

ACTION = "correct_source"
PREFIX = "source:"
FIELDS = ("kind", "country", "party")  # what a correction may set ("" clears country, party)


def subject(name: str) -> str:
    return PREFIX + name


def source_version(store: Store, name: str) -> int:
    """The seq of the source's latest correction, 0 when it has none."""
    return target_version(store, subject(name))


def source_history(store: Store, name: str) -> list[ReviewEvent]:
    """The corrections of one source, oldest first."""
    return [r for r in reviews(store) if r.action == ACTION and r.target == subject(name)]


def source_corrections(events: Iterable[ReviewEvent]) -> list[ReviewEvent]:
    return [e for e in events if e.action == ACTION]


def changes(event: ReviewEvent) -> str:
    """A source correction in words: ``party none -> Republic, kind ngo -> media``."""
    found = [
        f"{key[4:]} {event.get('was_' + key[4:]) or 'none'} -> {value or 'none'}"
        for key, value in event.payload
        if key.startswith("set_")
    ]
    return ", ".join(found)


def correct_source(
    store: Store,
    shown: Registry,
    name: str,
    values: dict[str, str],
    *,
    actor: str,
    reason: str,
    expected: int | None = None,
) -> ReviewEvent:
    """Append a correction of the registered source ``name`` (as ``shown``: the registry with
    the corrections so far) to ``values``: R002 for an unknown source, a value outside the
    vocabulary or a change of nothing, R001 when the source was corrected since ``expected``."""
    source = next((s for s in shown.sources if s.name == name), None)
    if source is None:
        raise ReviewConflict(2, "no registered source has this name", subject=name[:80])
    if not reason.strip():
        raise ReviewConflict(2, "a correction of a source needs its reason", subject=name[:80])
    checked = {f: _checked(f, values.get(f, "")) for f in FIELDS}
    before = {f: _value(source, f) for f in FIELDS}
    changed = {f: v for f, v in checked.items() if v != before[f]}
    if not changed:
        raise ReviewConflict(2, "the correction changes nothing", subject=name[:80])
    payload = {"kind": "source", **{f"set_{f}": v for f, v in changed.items()}}
    payload |= {f"was_{f}": before[f] for f in changed}
    review = ReviewEvent(actor, ACTION, subject(name), "", tuple(payload.items()), reason.strip())
    return write(store, review, expected=expected)


def _checked(field: str, value: str) -> str:
    value = " ".join(value.split())
    if field == "kind" and value not in KINDS:
        raise ReviewConflict(
            2, f"not a source kind (one of {', '.join(sorted(KINDS))})", subject=value[:80]
        )
    if field == "country" and value:
        value = value.upper()
        if value != INTERNATIONAL and pycountry.countries.get(alpha_2=value) is None:
            raise ReviewConflict(
                2, f"a country is ISO 3166-1 alpha-2 or {INTERNATIONAL}", subject=value[:80]
            )
    if field == "party" and value.casefold() == "none":
        return ""
    return value[:200]


def _value(source: Source, field: str) -> str:
    return str(getattr(source, field) or "")


def corrected(base: Registry, events: Sequence[ReviewEvent]) -> tuple[Registry, set[int]]:
    """``base`` with the source corrections of ``events`` laid over it in ledger order, and
    the seqs of those that found their source (the others are orphaned)."""
    found = source_corrections(events)
    if not found:
        return base, set()
    sources = {s.name: s for s in base.sources}
    applied: set[int] = set()
    for event in found:
        name = event.target.removeprefix(PREFIX)
        if name not in sources:
            continue
        payload, was = dict(event.payload), sources[name]
        sources[name] = dataclasses.replace(
            was,
            kind=payload.get("set_kind") or was.kind,
            country=payload["set_country"] or None if "set_country" in payload else was.country,
            party=payload["set_party"] or None if "set_party" in payload else was.party,
        )
        applied.add(event.seq)
    # every other part of the registry (its parties, anything added later) is kept as it is
    return dataclasses.replace(base, sources=tuple(sources.values())), applied
