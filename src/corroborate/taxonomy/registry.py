"""The source registry (``sources.yaml``): outlets and institutions, their kind, and the
party to the conflict they belong to, if any. Users extend it with ``CORROBORATE_SOURCES``.

``party_in(text)`` finds a party named in a speaker's role or affiliation ("head of the
Northern Coalition's …", "Russian officials"): the ``parties:`` section adds parties of
the user's own to the table of countries in ``parties.py``; ``lookup(name)`` finds a
registered source by name or alias.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from corroborate.errors import ConfigError
from corroborate.taxonomy import parties as table

KINDS = frozenset(
    {"state_media", "media", "wire", "ngo", "intergovernmental", "government", "military"}
)


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    kind: str
    party: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Registry:
    parties: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sources: tuple[Source, ...] = ()

    def lookup(self, name: str | None) -> Source | None:
        """The registered source whose name or alias is ``name`` or appears in it."""
        if not name:
            return None
        lowered = name.casefold()
        for source in self.sources:
            if lowered in (n.casefold() for n in (source.name, *source.aliases)):
                return source
        for source in self.sources:
            if any(_contains(lowered, n.casefold()) for n in (source.name, *source.aliases)):
                return source
        return None

    def party_in(self, text: str | None) -> str | None:
        """The first party named in ``text``, read through the parties table after the
        registered sources' names (``taxonomy/parties.py``), or None."""
        bodies = tuple((n, s.party) for s in self.sources for n in (s.name, *s.aliases))
        return table.party_in(text, bodies, tuple(self.parties.items()))


def _contains(text: str, name: str) -> bool:
    return len(name) > 2 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@cache
def registry(extra: str | None = None) -> Registry:
    """The bundled registry, extended by ``extra`` or ``CORROBORATE_SOURCES`` if set."""
    bundled = resources.files(__package__).joinpath("sources.yaml").read_text(encoding="utf-8")
    data = [_parse(bundled, "sources.yaml")]
    path = extra or os.environ.get("CORROBORATE_SOURCES")
    if path:
        try:
            data.append(_parse(Path(path).read_text(encoding="utf-8"), path))
        except OSError as exc:
            raise ConfigError(
                4, f"cannot read source registry ({exc.strerror})", subject=path
            ) from exc
    return _merge(data)


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(5, f"invalid YAML ({str(exc).splitlines()[0]})", subject=where) from exc
    if not isinstance(data, dict):
        raise ConfigError(5, "registry must be a mapping with parties and sources", subject=where)
    for entry in data.get("sources", []):
        if entry.get("kind") not in KINDS:
            raise ConfigError(
                6, f"{entry.get('name')}: kind must be one of {sorted(KINDS)}", subject=where
            )
    return data


def _merge(documents: list[dict[str, Any]]) -> Registry:
    parties: dict[str, tuple[str, ...]] = {}
    sources: dict[str, Source] = {}
    for data in documents:
        for party in data.get("parties", []):
            parties[str(party["name"])] = tuple(
                str(a) for a in [party["name"], *party.get("aliases", [])]
            )
        for entry in data.get("sources", []):
            aliases = tuple(str(a) for a in entry.get("aliases", []))
            sources[str(entry["name"])] = Source(
                str(entry["name"]), str(entry["kind"]), entry.get("party"), aliases
            )
    return Registry(parties, tuple(sources.values()))
