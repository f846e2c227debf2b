"""How precise an incident's place and dates are, in the codes event datasets use.

ACLED codes precision on three levels, UCDP's GED on more; both are given where they differ
(the ACLED-style table carries both). The place's level is read from what the gazetteer
resolved: a town (it has a GeoNames id, or a region above it), a first-level region (what
contains it is a country), or a country (its name is the country's). Dates are the
incident's first and last days; a month alone ("2022-04") counts as that whole month.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal

import pycountry

from corroborate.export.results import PlaceJSON

Level = Literal["town", "region", "country"]
ACLED_GEO = {"town": 1, "region": 3, "country": 3}  # ACLED has nothing coarser than a region
UCDP_WHERE = {"town": 1, "region": 4, "country": 6}


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def acled(self) -> int:
        """1: the day; 2: within a week; 3: a month or longer."""
        return 1 if self.days == 1 else 2 if self.days <= 7 else 3

    @property
    def ucdp(self) -> int:
        """1: the day; 2: 2-6 days; 3: a week; 4: up to a month; 5: longer."""
        if self.days == 1:
            return 1
        return 2 if self.days <= 6 else 3 if self.days == 7 else 4 if self.days <= 31 else 5


def period(first: str | None, last: str | None) -> Period | None:
    """The days an incident spans, from its first and last day (ISO date, month or year)."""
    start = _bounds(first)
    end = _bounds(last) or start
    if start is None or end is None:
        return None
    return Period(min(start[0], end[0]), max(start[1], end[1]))


def _bounds(text: str | None) -> tuple[date, date] | None:
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = date(*numbers)
            return day, day
        if len(numbers) == 2:
            year, month = numbers
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
    except ValueError:
        return None
    return None


def level(place: PlaceJSON) -> Level | None:
    """What kind of place it is, or None when it is not resolved."""
    if not place["resolved"]:
        return None
    if place["geonames_id"] is not None:
        return "town"
    if place["country"] and place["within"] == place["country"]:
        return "region"
    if place["canonical"] in _country_names(place["country"]):
        return "country"
    return "town" if place["within"] else None


def country_name(code: str | None) -> str:
    """The country's short name (``common_name`` where ISO's is long), or ''."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return ""
    return str(getattr(found, "common_name", None) or found.name)


def _country_names(code: str | None) -> set[str]:
    found = pycountry.countries.get(alpha_2=code) if code else None
    fields = ("name", "common_name", "official_name")
    return {str(getattr(found, f)) for f in fields if getattr(found, f, None)} if found else set()


def country_codes(code: str | None) -> tuple[str, str]:
    """ISO 3166-1 alpha-3 and numeric codes, or ('', '')."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    return (str(found.alpha_3), str(int(found.numeric))) if found else ("", "")
