"""The source registry: outlets and institutions, their kind, country, ownership and the
party to a conflict they belong to, if any (``sources/*.yaml``, the fictional training
scenario's ``sources.yaml``). Users extend it with ``CORROBORATE_SOURCES``.

``conflict_of(parties, countries)`` tells which listed conflict an incident belongs to, and
``party_for(party, conflict)`` whether a source's party fights in it (``conflicts``).
``party_in(text)`` finds a party named in a speaker's role or affiliation ("head of the
Northern Coalition's …", "Russian officials"): the ``parties:`` section adds parties of
the user's own to the table of countries in ``parties.py``. ``lookup(name)`` finds a
registered source by name, alias, web address or a name inside a longer text
(``source_index``). Entries are checked by ``source_entries``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from corroborate.errors import ConfigError
from corroborate.taxonomy import parties as table
from corroborate.taxonomy.conflicts import Conflict, conflict_of, parse_conflicts, party_in
from corroborate.taxonomy.source_entries import KINDS, Source, parse_entry
from corroborate.taxonomy.source_index import SourceIndex, fold

__all__ = ["KINDS", "Registry", "Source", "layered", "registry"]
SOURCES_DIR = "sources"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: the files hold ~450 entries


@dataclass(frozen=True, slots=True)
class Registry:
    parties: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    index: SourceIndex = field(init=False, repr=False, compare=False)
    # (name or alias, party) of every source, for the parties table: built once, not per call
    bodies: tuple[tuple[str, str | None], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", SourceIndex(self.sources))
        bodies = tuple((n, s.party) for s in self.sources for n in (s.name, *s.aliases))
        object.__setattr__(self, "bodies", bodies)

    def lookup(self, name: str | None) -> Source | None:
        """The registered source ``name`` names: by name or alias, web address, or a
        registered name inside it (the longest); None if none."""
        return self.index.lookup(name) if name else None

    def conflict_of(self, parties: Collection[str], countries: Collection[str]) -> Conflict | None:
        """The listed conflict an incident naming ``parties`` and placed in ``countries``
        belongs to, or None (``taxonomy/conflicts.py``)."""
        return conflict_of(self.conflicts, parties, countries)

    def party_for(self, party: str | None, conflict: Conflict | None) -> str | None:
        """``party`` as a party to ``conflict``: None where a listed party does not fight
        there (Voice of America's United States in an incident of the Russia–Ukraine war)."""
        return party_in(party, conflict, self.conflicts)

    def party_in(self, text: str | None) -> str | None:
        """The first party named in ``text``, read through the parties table after the
        registered sources' names (``taxonomy/parties.py``), or None."""
        return table.party_in(text, self.bodies, tuple(self.parties.items()))

    def speaker_party(
        self, speaker: str, role: str | None = None, affiliation: str | None = None
    ) -> str | None:
        """The conflict party a speaker belongs to. A registered body decides first: the
        speaker's or its affiliation's party, or none ("Meduza", "Reuters"), else a party
        body named in the role ("spokesperson of the State Security Bureau"). Then the
        words: a party named in the affiliation, the role ("the Coalition's Ministry of
        Defence", "Russian-installed head of …") or the name itself ("Ukrainian officials")."""
        for text in (speaker, affiliation):
            known = self.lookup(text)
            if known:
                return known.party
        known = self.lookup(role)
        if known and known.party:
            return known.party  # "head of the Kramatorsk City Military Administration"
        for text in (affiliation, role, speaker):
            party = self.party_in(text)
            if party:
                return party
        return None


_LAYERED: ContextVar[Registry | None] = ContextVar("corroborate_registry", default=None)


def registry(extra: str | None = None) -> Registry:
    """The bundled registry, extended by ``extra`` or ``CORROBORATE_SOURCES`` if set; inside
    ``layered(found)``, ``found`` (the registry with analysts' corrections laid over it)."""
    if extra is None:
        found = _LAYERED.get()
        if found is not None:
            return found
    return _loaded(extra)


@contextmanager
def layered(found: Registry) -> Iterator[Registry]:
    """``registry()`` is ``found`` in this context (a run's linking and grading)."""
    token = _LAYERED.set(found)
    try:
        yield found
    finally:
        _LAYERED.reset(token)


@cache
def _loaded(extra: str | None = None) -> Registry:
    documents = bundled_documents()
    path = extra or os.environ.get("CORROBORATE_SOURCES")
    if path:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ConfigError(
                20, f"cannot read source registry ({exc.strerror})", subject=path
            ) from exc
        documents.append((_parse(text, path), path))
    return _merge(documents, extension=path)


def bundled_documents(
    rewrite: Callable[[str], str] = lambda text: text,
) -> list[tuple[dict[str, Any], str]]:
    """The bundled registry files, parsed, each with its name; ``rewrite`` is applied to
    every file's text first (the neutrality tests swap the parties' names with it)."""
    package = resources.files(__package__)
    files = [("sources.yaml", package.joinpath("sources.yaml"))]
    folder = package.joinpath(SOURCES_DIR)
    for item in sorted(folder.iterdir(), key=lambda i: i.name):
        if item.name.endswith(".yaml"):
            files.append((f"{SOURCES_DIR}/{item.name}", item))
    return [(_parse(rewrite(f.read_text(encoding="utf-8")), where), where) for where, f in files]


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.load(text, Loader=LOADER) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(21, f"invalid YAML ({str(exc).splitlines()[0]})", subject=where) from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources", []), list):
        raise ConfigError(21, "registry must be a mapping with a list of sources", subject=where)
    return data


def _merge(documents: list[tuple[dict[str, Any], str]], *, extension: str | None) -> Registry:
    """One registry from the documents in order. A name may appear once in the bundled
    files; an extension's entry replaces a bundled one of the same name, and a conflict
    one of its name. A name or alias that two sources claim is an error (C023) naming
    both."""
    parties: dict[str, tuple[str, ...]] = {}
    sources: dict[str, tuple[Source, str]] = {}
    conflicts: dict[str, Conflict] = {}
    for data, where in documents:
        conflicts |= {c.name: c for c in parse_conflicts(data, where)}
        for party in data.get("parties", []):
            parties[str(party["name"])] = tuple(
                str(a) for a in [party["name"], *party.get("aliases", [])]
            )
        for number, entry in enumerate(data.get("sources", []), start=1):
            source = parse_entry(entry, where=where, number=number)
            key = fold(source.name)
            if key in sources and where != extension:
                raise _clash(where, number, source.name, source.name, sources[key])
            sources[key] = (source, where)
    _check_unique(sources)
    found = tuple(source for source, _ in sources.values())
    return Registry(parties, found, tuple(conflicts.values()))


def _check_unique(sources: dict[str, tuple[Source, str]]) -> None:
    claimed: dict[str, tuple[Source, str]] = {}
    for source, where in sources.values():
        keys = {fold(n) for n in source.names} | {f"host {h}" for h in source.hosts}
        for key in sorted(keys):
            if key in claimed:
                raise _clash(where, 0, source.name, key, claimed[key])
            claimed[key] = (source, where)


def _clash(where: str, number: int, name: str, key: str, other: tuple[Source, str]) -> ConfigError:
    entry = f"entry {number} ({name})" if number else name
    return ConfigError(
        23, f"{entry}: {key!r} is already {other[0].name!r} ({other[1]})", subject=where
    )
