"""Who a speaker is, as far as the results say: a person, an organisation, or not known.

Formats that type the people and bodies they name (schema.org, FollowTheMoney) ask this.
Nothing is read from the shape of a name: a speaker is a *person* when the results say so (a
witness origin, or a witness's pseudonym), an *organisation* when it is an outlet of the
incident's reports or a source the registry lists under exactly that name or alias, and
otherwise not known (schema.org then gets no type, FollowTheMoney a ``LegalEntity``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from corroborate.export.results import IncidentJSON
from corroborate.taxonomy.registry import Registry, Source
from corroborate.taxonomy.source_index import fold

Kind = Literal["person", "organization"] | None
PSEUDONYM = re.compile(r"Witness [0-9A-F]{8}")


@dataclass(frozen=True, slots=True)
class Actors:
    """The kinds of the speakers and outlets of one incident."""

    witnesses: frozenset[str]
    outlets: frozenset[str]
    sources: Registry

    def kind(self, name: str) -> Kind:
        if name in self.witnesses or PSEUDONYM.fullmatch(name):
            return "person"
        if name in self.outlets or self.registered(name) is not None:
            return "organization"
        return None

    def registered(self, name: str) -> Source | None:
        """The registry's source of exactly this name or alias (not one inside it)."""
        return self.sources.index.by_name.get(fold(name))


def actors_of(incident: IncidentJSON, sources: Registry) -> Actors:
    witnesses = {o["speaker"] for o in incident["origins"] if o["kind"] == "witness"}
    outlets = {r["outlet"] for r in incident["reports"] if r["outlet"]}
    outlets |= {name for r in incident["reports"] for name in r["via"]}
    return Actors(frozenset(w for w in witnesses if w), frozenset(outlets), sources)
