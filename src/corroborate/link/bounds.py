"""What an incident's members allow: enough to tell whether any pair across two incidents
can never be one incident, without looking at the pairs.

A pair conflicts (``incidents.conflict``) on places, regions, countries or accused parties
that differ, or on days that lie too far apart. Across two incidents such a pair exists
exactly when the union of their named places (regions, countries, accused) holds two, or
when the extremes of their days do: the latest event day of one against the earliest of
the other, against the earliest publication day of the other, and so on. So the check is
the same as trying every pair, in time that does not grow with the incidents' size.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from corroborate.link.incidents import Mention, Weights


@dataclass(frozen=True, slots=True)
class Range:
    low: date
    high: date

    def join(self, other: Range | None) -> Range:
        if other is None:
            return self
        return Range(min(self.low, other.low), max(self.high, other.high))


@lru_cache(maxsize=1 << 16)
def _one(value: str | None) -> frozenset[str]:
    """The set of a value (none for ``None`` or ""), one set per value."""
    return frozenset({value} if value else ())


@lru_cache(maxsize=1 << 16)
def _day(day: date | None) -> Range | None:
    """The range of one day, one range per day."""
    return Range(day, day) if day is not None else None


def _join(a: Range | None, b: Range | None) -> Range | None:
    return b if a is None else a.join(b)


@dataclass(frozen=True, slots=True)
class Bounds:
    """The named values and day ranges of an incident's members."""

    places: frozenset[str]
    regions: frozenset[str]
    countries: frozenset[str]
    accused: frozenset[str]
    days: Range | None  # event days
    told: Range | None  # publication days, of every member that has one
    undated: Range | None  # publication days of the members with no event day

    @staticmethod
    def of(m: Mention) -> Bounds:
        """A single mention's bounds; its sets and ranges are shared with every mention of
        the same value, since clustering holds one ``Bounds`` per mention of a block."""
        told = _day(m.told)
        return Bounds(
            _one(m.place),
            _one(m.region),
            _one(m.country),
            _one(m.accused),
            _day(m.day),
            told,
            told if m.day is None else None,
        )

    def join(self, other: Bounds) -> Bounds:
        return Bounds(
            self.places | other.places,
            self.regions | other.regions,
            self.countries | other.countries,
            self.accused | other.accused,
            _join(self.days, other.days),
            _join(self.told, other.told),
            _join(self.undated, other.undated),
        )

    def conflicts(self, other: Bounds, rules: Weights) -> bool:
        """Whether some member of one and some member of the other can never be one
        incident (the same answer as ``incidents.conflict`` on every pair)."""
        if _differ(self.places, other.places) or _differ(self.regions, other.regions):
            return True
        if _differ(self.countries, other.countries):
            return True
        if rules.separate_accused and _differ(self.accused, other.accused):
            return True
        if _apart(self.days, other.days, rules.span_days):
            return True
        if _later(self.days, other.told, 1) or _later(other.days, self.told, 1):
            return True
        if _apart(self.undated, other.undated, rules.told_days):
            return True
        return _later(other.undated, self.days, rules.told_days) or _later(
            self.undated, other.days, rules.told_days
        )


def _differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether a value of ``a`` and a value of ``b`` differ."""
    return bool(a) and bool(b) and (len(a) > 1 or len(b) > 1 or a != b)


def _apart(a: Range | None, b: Range | None, limit: int) -> bool:
    """Whether a day of ``a`` and a day of ``b`` lie more than ``limit`` days apart."""
    if a is None or b is None:
        return False
    return (a.high - b.low).days > limit or (b.high - a.low).days > limit


def _later(a: Range | None, b: Range | None, limit: int) -> bool:
    """Whether a day of ``a`` comes more than ``limit`` days after a day of ``b``."""
    return a is not None and b is not None and (a.high - b.low).days > limit
