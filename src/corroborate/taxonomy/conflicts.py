"""The armed conflicts the registry covers (``sources/conflicts.yaml``), and which one an
incident belongs to.

A source belongs to the party of its state (``party`` in its entry: TASS is Russia's,
Voice of America the United States'), but it is a *party origin* only in the conflicts
where that party fights. Elsewhere it is the state-owned outlet or body of a state that is
no party there, graded as the registry's rules grade such a source (a state outlet as
independent media, a ministry as unknown), with its kind and ownership kept. A party that
no listed conflict names (the fictional parties of ``sources.yaml``, a user's own) is a
party wherever it appears, as the registry cannot say where it fights.

Which conflict an incident belongs to is read from what the incident itself says, one
rule for every party, in this order:

1. the parties it names (its speakers, their roles and affiliations, the accused; not the
   outlets that report it, which report on every conflict): a conflict of which it names a
   party is ahead of one of which it names none, *wherever the incident is*. The parties
   weigh against the place: an incident in a Ukrainian town whose statements name only
   Hezbollah and Israel is of the Israel–Hezbollah conflict, and one in Lebanon naming
   only Russia and Ukraine is of the Russia–Ukraine war;
2. among those alike, the place: a conflict fought in the country of the incident's place
   (``territory``) is ahead of one that is not;
3. then the number of its parties the incident names.

The conflict ahead of every other is the incident's; a tie, or nothing to go on, leaves it
unknown, and then every source keeps its party, as before.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pycountry

from corroborate.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Conflict:
    """A conflict: its name, its sides (each a tuple of parties), the states that support
    a side without fighting (no parties), and the countries where it is fought."""

    name: str
    sides: tuple[tuple[str, ...], ...]
    supporters: tuple[str, ...] = ()
    territory: tuple[str, ...] = ()

    @property
    def parties(self) -> frozenset[str]:
        return frozenset(party for side in self.sides for party in side)


def parse_conflicts(data: Mapping[str, Any], where: str) -> tuple[Conflict, ...]:
    """The ``conflicts:`` list of a registry file, each checked: C076 names the bad one."""
    found = []
    for number, entry in enumerate(data.get("conflicts") or [], start=1):
        problem = _problem(entry)
        if problem:
            label = entry.get("name", "?") if isinstance(entry, dict) else "?"
            raise ConfigError(76, f"conflict {number} ({label}): {problem}", subject=where)
        found.append(
            Conflict(
                name=str(entry["name"]),
                sides=tuple(tuple(str(p) for p in side) for side in entry["sides"]),
                supporters=tuple(str(s) for s in entry.get("supporters") or ()),
                territory=tuple(str(c) for c in entry.get("territory") or ()),
            )
        )
    return tuple(found)


def _problem(entry: object) -> str | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return "a conflict is a mapping with a name"
    sides = entry.get("sides")
    if not isinstance(sides, list) or len(sides) < 2 or not all(_names(s) for s in sides):
        return "sides must be two or more lists of party names"
    territory = entry.get("territory") or []
    bad = [c for c in territory if not isinstance(c, str) or not pycountry.countries.get(alpha_2=c)]
    return f"territory {bad[0]!r} is not ISO 3166-1 alpha-2" if bad else None


def _names(side: object) -> bool:
    return isinstance(side, list) and bool(side) and all(isinstance(p, str) for p in side)


def conflict_of(
    conflicts: Iterable[Conflict], parties: Collection[str], countries: Collection[str]
) -> Conflict | None:
    """The conflict an incident naming ``parties`` and placed in ``countries`` belongs to,
    or None when no conflict is ahead of every other (module docstring)."""
    scored = sorted(
        ((_score(c, parties, countries), c) for c in conflicts), key=lambda pair: pair[0]
    )
    if not scored or scored[-1][0] == (0, 0, 0):
        return None
    if len(scored) > 1 and scored[-2][0] == scored[-1][0]:
        return None
    return scored[-1][1]


def _score(
    conflict: Conflict, parties: Collection[str], countries: Collection[str]
) -> tuple[int, int, int]:
    """(names one of its parties, fought where the incident is, how many it names)"""
    named = len(conflict.parties & set(parties))
    placed = int(bool(set(conflict.territory) & set(countries)))
    return int(named > 0), placed, named


def party_in(
    party: str | None, conflict: Conflict | None, conflicts: Iterable[Conflict]
) -> str | None:
    """``party`` as a party to ``conflict``: itself where it fights there, or where the
    conflict is unknown, or where no listed conflict names it; else None."""
    if party is None or conflict is None or party in conflict.parties:
        return party
    return None if any(party in c.parties for c in conflicts) else party
