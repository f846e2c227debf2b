"""Source entries as data: what a registry file may say about an outlet or institution, and
the checks each entry passes before it is used.

An entry names a source once (``name``), the other ways it is written (``aliases``), what it
is (``kind``), where it is based (``country``: ISO 3166-1 alpha-2, or ``INT`` for an
international body), who owns it (``state_owned``: true, false, or null where the record
does not settle it), the party to a conflict it belongs to (``party``, only where it does),
its web domains (``hosts``) and the public page it was classified from (``reference``).
``exact`` lists names that are common words ("Time", "Guardian"): they name the source only
when they are the whole name, never inside a longer text. ``note`` says why, where a value
needs a word of explanation.

Each bad entry is one coded error naming its file and entry:
``[C022] sources/wires.yaml: entry 4 (dpa): country 'UK' is not ISO 3166-1 alpha-2 or INT``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pycountry

from corroborate.errors import ConfigError

KINDS = frozenset(
    {"state_media", "media", "wire", "ngo", "intergovernmental", "government", "military"}
)
FIELDS = frozenset(
    {"name", "aliases", "kind", "country", "state_owned", "party", "hosts", "reference"}
    | {"exact", "note"}
)
INTERNATIONAL = "INT"
HOST = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$")
REFERENCE = re.compile(r"^https?://\S+$")


@dataclass(frozen=True, slots=True)
class Source:
    """A registered outlet or institution (fields as in the module docstring)."""

    name: str
    kind: str
    party: str | None = None
    aliases: tuple[str, ...] = ()
    country: str | None = None
    state_owned: bool | None = None
    hosts: tuple[str, ...] = ()
    reference: str | None = None
    exact: tuple[str, ...] = ()
    note: str | None = None

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def parse_entry(entry: object, *, where: str, number: int) -> Source:
    """The ``Source`` an entry describes, or a C022 error naming what is wrong with it."""
    if not isinstance(entry, dict):
        raise _bad(where, number, "?", "an entry must be a mapping")
    label = str(entry.get("name") or "?")
    problem = _problem(entry)
    if problem:
        raise _bad(where, number, label, problem)
    return Source(
        name=str(entry["name"]),
        kind=str(entry["kind"]),
        party=entry.get("party"),
        aliases=tuple(entry.get("aliases") or ()),
        country=entry.get("country"),
        state_owned=entry.get("state_owned"),
        hosts=tuple(h.lower() for h in entry.get("hosts") or ()),
        reference=entry.get("reference"),
        exact=tuple(entry.get("exact") or ()),
        note=entry.get("note"),
    )


def _bad(where: str, number: int, label: str, problem: str) -> ConfigError:
    return ConfigError(22, f"entry {number} ({label}): {problem}", subject=where)


def _problem(entry: dict[str, Any]) -> str | None:
    """What is wrong with an entry, in words, or None; the first problem found."""
    unknown = sorted(set(entry) - FIELDS)
    if unknown:
        return f"unknown field {unknown[0]!r} (fields: {', '.join(sorted(FIELDS))})"
    for check in (_name_and_kind, _country, _ownership, _texts, _hosts, _exact):
        problem = check(entry)
        if problem:
            return problem
    return None


def _name_and_kind(entry: dict[str, Any]) -> str | None:
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        return "name must be a non-empty string"
    if entry.get("kind") not in KINDS:
        return f"kind must be one of {', '.join(sorted(KINDS))}, got {entry.get('kind')!r}"
    return None


def _country(entry: dict[str, Any]) -> str | None:
    country = entry.get("country")
    if country is None or country == INTERNATIONAL:
        return None
    if not isinstance(country, str) or pycountry.countries.get(alpha_2=country) is None:
        return f"country {country!r} is not ISO 3166-1 alpha-2 or {INTERNATIONAL}"
    return None


def _ownership(entry: dict[str, Any]) -> str | None:
    if entry.get("state_owned") not in (True, False, None):
        return f"state_owned must be true, false or null, got {entry['state_owned']!r}"
    return None


def _texts(entry: dict[str, Any]) -> str | None:
    for key in ("party", "reference", "note"):
        if key in entry and not (isinstance(entry[key], str) and entry[key].strip()):
            return f"{key} must be a non-empty string"
    if "reference" in entry and not REFERENCE.match(entry["reference"]):
        return f"reference must be a web address, got {entry['reference']!r}"
    aliases = entry.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        return "aliases must be a list of non-empty strings"
    return None


def _hosts(entry: dict[str, Any]) -> str | None:
    hosts = entry.get("hosts") or []
    if not isinstance(hosts, list):
        return "hosts must be a list of web domains"
    bad = [h for h in hosts if not isinstance(h, str) or not HOST.match(h.lower())]
    return f"host {bad[0]!r} is not a web domain (such as tass.ru)" if bad else None


def _exact(entry: dict[str, Any]) -> str | None:
    names = {entry["name"], *(entry.get("aliases") or [])}
    exact = entry.get("exact") or []
    if not isinstance(exact, list):
        return "exact must be a list of the entry's names"
    stray = [n for n in exact if n not in names]
    return f"exact name {stray[0]!r} is not the entry's name or alias" if stray else None
