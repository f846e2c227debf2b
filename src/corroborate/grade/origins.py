"""Collapse an incident's claims into origins, and say what kind each origin is.

An origin is where a claim starts. Re-reports of one speaker's statement share that
speaker as origin, however many outlets relay it; a text copied from another report
shares the copied report's origin; each witness is an origin of their own; an NGO or
intergovernmental body documenting in its own voice is a documentary origin.

Kinds, from the speaker and the source registry (``taxonomy/sources/*.yaml``):
``party`` (official, body or state outlet of a party to the conflict), ``witness``,
``documentary`` (NGO / intergovernmental documentation), ``independent`` (media not of a
party), ``unregistered`` (a report in the own voice of an outlet the registry does not
know: "media, unregistered"), ``unknown`` (unnamed sources). Picture credits ("EPA
Reuters") are never origins nor outlets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corroborate.ids import make_id
from corroborate.taxonomy.credits import is_credit
from corroborate.taxonomy.registry import Registry

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "i", "you", "it", "one"})


def is_generic(speaker: str) -> bool:
    """Unnamed sources ("sources", "hospital staff", "a fourth witness", "she") are
    generic: each report's is its own origin, never merged by name."""
    words = speaker.split()
    if not words or speaker.casefold() in PRONOUNS:
        return True
    if words[0][0].isdigit() or words[0][0].islower():
        return True
    return len(words) > 1 and not any(w[:1].isupper() for w in words[1:])


def party_of(
    speaker: str, role: str | None, affiliation: str | None, registry: Registry
) -> str | None:
    """The conflict party a speaker belongs to. A registered body decides first: the
    speaker's or its affiliation's party, or none ("Meduza", "Reuters"), else a party body
    named in the role ("spokesperson of the State Security Bureau"). Then the words: a
    party named in the affiliation, the role ("the Coalition's Ministry of Defence",
    "Russian-installed head of …") or the name itself ("Ukrainian officials")."""
    for text in (speaker, affiliation):
        known = registry.lookup(text)
        if known:
            return known.party
    known = registry.lookup(role)
    if known and known.party:
        return known.party  # "head of the Kramatorsk City Military Administration"
    for text in (affiliation, role, speaker):
        party = registry.party_in(text)
        if party:
            return party
    return None


@dataclass(frozen=True, slots=True)
class Claim:
    """One report's statement in support of an incident."""

    report_id: str
    speaker: str
    role: str | None = None
    affiliation: str | None = None
    outlet: str | None = None
    via: tuple[str, ...] = ()
    copy_of: str | None = None
    witness: bool = False
    own_voice: bool = False


@dataclass(frozen=True, slots=True)
class Denial:
    report_id: str
    speaker: str
    party: str | None
    counter_accuses: bool = False
    independent: bool = False


@dataclass(slots=True)
class OriginGroup:
    key: str
    kind: str
    speaker: str
    party: str | None
    report_ids: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return make_id("origin", self.key)


def collapse(claims: Sequence[Claim], registry: Registry) -> list[OriginGroup]:
    """Origins of the claims, in order of first appearance."""
    copied_key: dict[str, str] = {}
    groups: dict[str, OriginGroup] = {}
    for claim in claims:
        if is_credit(claim.speaker):
            continue  # "EPA Reuters" above a paragraph credits a picture, it says nothing
        key = _key(claim, copied_key)
        copied_key.setdefault(claim.report_id, key)
        group = groups.get(key)
        if group is None:
            kind, party = classify(claim, registry)
            group = groups[key] = OriginGroup(key, kind, claim.speaker, party)
        if claim.report_id not in group.report_ids:
            group.report_ids.append(claim.report_id)
        for outlet in (*claim.via, claim.outlet):
            name = _outlet_name(outlet, registry)
            if name and name not in group.outlets and name != group.speaker:
                group.outlets.append(name)
    return list(groups.values())


def _outlet_name(outlet: str | None, registry: Registry) -> str | None:
    """Registered outlets by their full name, so "NVSN" and its full name count once."""
    if is_credit(outlet):
        return None
    source = registry.lookup(outlet)
    return source.name if source else outlet


def _key(claim: Claim, copied_key: dict[str, str]) -> str:
    if claim.copy_of and claim.copy_of in copied_key:
        return copied_key[claim.copy_of]
    if is_generic(claim.speaker):
        return f"report:{claim.copy_of or claim.report_id}"
    return f"speaker:{claim.speaker.casefold()}"


def classify(claim: Claim, registry: Registry) -> tuple[str, str | None]:
    """``(kind, party)`` of a claim's origin."""
    source = registry.lookup(claim.speaker)
    party = party_of(claim.speaker, claim.role, claim.affiliation, registry)
    if party:
        return "party", party
    if claim.witness:
        return "witness", None
    if source and source.kind in ("ngo", "intergovernmental"):
        return "documentary", None
    if source and source.kind in ("media", "wire", "state_media"):
        return "independent", None  # an outlet of no party (a party's is found above)
    if claim.own_voice:
        return _own_voice(claim, registry)
    if is_generic(claim.speaker):
        return "unknown", None
    outlet = registry.lookup(claim.outlet)
    if outlet and outlet.party:
        return "party", outlet.party
    return "unknown", None


def _own_voice(claim: Claim, registry: Registry) -> tuple[str, str | None]:
    outlet = registry.lookup(claim.outlet) or registry.lookup(claim.speaker)
    if outlet is None:  # an outlet is named but not registered: "media, unregistered"
        return ("unregistered", None) if claim.outlet else ("unknown", None)
    if outlet.party:
        return "party", outlet.party
    return (
        ("documentary", None)
        if outlet.kind in ("ngo", "intergovernmental")
        else ("independent", None)
    )
