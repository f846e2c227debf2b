"""Collapse an incident's claims into origins, and say what kind each origin is.

An origin is where a claim starts. Re-reports of one speaker's statement share that
speaker as origin, however many outlets relay it; a text copied from another report
shares the copied report's origin; each witness is an origin of their own; an NGO or
intergovernmental body documenting in its own voice is a documentary origin. A witness a
report relays ("witnesses said", "a resident told the agency") is a first-hand origin
relayed by that report: one per report and distinct mention, unless the report is a copy.
A claim whose speaker could not be resolved ("he" with no one before) is no origin.

Kinds, from the speaker and the source registry (``taxonomy/sources/*.yaml``):
``party`` (official, body or state outlet of a party to the incident's conflict: one that
fights there, ``taxonomy/conflicts.py``), ``witness``, ``documentary`` (NGO /
intergovernmental documentation), ``independent`` (media not of a party there),
``unregistered`` (a report in the own voice of an outlet the registry does not
know: "media, unregistered"), ``unknown`` (unnamed sources). Picture credits ("EPA
Reuters") are never origins nor outlets.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from corroborate.model import Claim, Origin, OriginKind
from corroborate.taxonomy.conflicts import Conflict
from corroborate.taxonomy.credits import is_credit
from corroborate.taxonomy.registry import Registry

PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "we", "i", "you", "it", "one"})
# people who saw or lived through what they tell: a speaker so described is a witness
WITNESS_NOUNS = frozenset(
    "witness eyewitness resident survivor local villager neighbour neighbor woman women man men"
    " evacuee refugee detainee victim".split()
)


def is_generic(speaker: str) -> bool:
    """Unnamed sources ("sources", "hospital staff", "a fourth witness", "she") are
    generic: each report's is its own origin, never merged by name."""
    words = speaker.split()
    if not words or speaker.casefold() in PRONOUNS:
        return True
    if words[0][0].isdigit() or words[0][0].islower():
        return True
    return len(words) > 1 and not any(w[:1].isupper() for w in words[1:])


def is_witness(speaker: str, role: str | None = None) -> bool:
    """Whether the speaker is described as a witness: "Witnesses", "a resident", "one woman",
    "survivors", "Witness A-17", "Hanna, a resident of Lyman" (the role says so)."""
    return any(_singular(_head(phrase)) in WITNESS_NOUNS for phrase in (speaker, role or ""))


def _head(phrase: str) -> str:
    """The head noun of a short description: its last word before "of" or a comma, codes
    aside ("Witness A-17" -> "witness", "residents of Lyman" -> "residents")."""
    parts = re.split(r",| of ", phrase)
    words = [w for w in parts[0].lower().split() if w.isalpha()]
    if words and words[-1] in PARTITIVE and len(parts) > 1:  # "Four of the six residents"
        words = [w for w in parts[1].lower().split() if w.isalpha()]
    return words[-1] if words else ""


PARTITIVE = frozenset(
    "one two three four five six seven eight nine ten some several many most all both each"
    " few none".split()
)


def _singular(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]  # witnesses
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def party_of(
    speaker: str, role: str | None, affiliation: str | None, registry: Registry
) -> str | None:
    """The conflict party a speaker belongs to (``Registry.speaker_party``: a registered body
    first, then a party named in the affiliation, the role or the name)."""
    return registry.speaker_party(speaker, role, affiliation)


def collapse(
    claims: Sequence[Claim], registry: Registry, conflict: Conflict | None = None
) -> list[Origin]:
    """Origins of the claims, in order of first appearance; unresolved claims make none.
    A party is a party of ``conflict``, the incident's (``Registry.party_for``)."""
    copied_key: dict[str, str] = {}
    groups: dict[str, Origin] = {}
    for claim in claims:
        if claim.unresolved:
            continue
        if is_credit(claim.speaker):
            continue  # "EPA Reuters" above a paragraph credits a picture, it says nothing
        key = _key(claim, copied_key)
        copied_key.setdefault(claim.report_id, key)
        group = groups.get(key)
        if group is None:
            kind, party = classify(claim, registry, conflict)
            group = groups[key] = Origin(key, OriginKind(kind), claim.speaker, party)
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
    generic = is_generic(claim.speaker)
    if generic and _relayed_witness(claim):  # each witness a report relays, copies aside
        return f"report:{claim.copy_of or claim.report_id}:{claim.speaker.casefold()}"
    if claim.copy_of and claim.copy_of in copied_key:
        return copied_key[claim.copy_of]
    if generic:
        return f"report:{claim.copy_of or claim.report_id}"
    return f"speaker:{claim.speaker.casefold()}"


def _relayed_witness(claim: Claim) -> bool:
    return not claim.witness and not claim.own_voice and is_witness(claim.speaker, claim.role)


def classify(
    claim: Claim, registry: Registry, conflict: Conflict | None = None
) -> tuple[str, str | None]:
    """``(kind, party)`` of a claim's origin in ``conflict``; an analyst's party or kind
    stands over both."""
    kind, party = _machine(claim, registry, conflict)
    if claim.party is not None:
        party = claim.party or None
        kind = "party" if party else ("unknown" if kind == "party" else kind)
    if claim.kind is not None:
        kind = claim.kind
        party = party if kind == "party" else None
    return kind, party


def _machine(claim: Claim, registry: Registry, conflict: Conflict | None) -> tuple[str, str | None]:
    source = registry.lookup(claim.speaker)
    party = registry.party_for(
        party_of(claim.speaker, claim.role, claim.affiliation, registry), conflict
    )
    if party:
        return "party", party
    if claim.witness:
        return "witness", None
    if source and source.kind in ("ngo", "intergovernmental"):
        return "documentary", None
    if source and source.kind in ("media", "wire", "state_media"):
        return "independent", None  # an outlet of no party (a party's is found above)
    if claim.own_voice:
        return _own_voice(claim, registry, conflict)
    if source is None and _relayed_witness(claim):
        return _relayed(claim, registry, conflict)
    if is_generic(claim.speaker):
        return "unknown", None
    party = _outlet_party(claim.outlet, registry, conflict)
    return ("party", party) if party else ("unknown", None)


def _outlet_party(name: str | None, registry: Registry, conflict: Conflict | None) -> str | None:
    """The party of the registered outlet ``name``, where it is a party to ``conflict``."""
    outlet = registry.lookup(name)
    return registry.party_for(outlet.party, conflict) if outlet else None


def _relayed(claim: Claim, registry: Registry, conflict: Conflict | None) -> tuple[str, str | None]:
    """A witness a report relays: first-hand, unless the relaying outlet belongs to a party
    (then the account reaches us only through that party, as any unnamed source would)."""
    party = _outlet_party(claim.outlet, registry, conflict)
    return ("party", party) if party else ("witness", None)


def _own_voice(
    claim: Claim, registry: Registry, conflict: Conflict | None
) -> tuple[str, str | None]:
    outlet = registry.lookup(claim.outlet) or registry.lookup(claim.speaker)
    if outlet is None:  # an outlet is named but not registered: "media, unregistered"
        return ("unregistered", None) if claim.outlet else ("unknown", None)
    party = registry.party_for(outlet.party, conflict)
    if party:
        return "party", party
    return (
        ("documentary", None)
        if outlet.kind in ("ngo", "intergovernmental")
        else ("independent", None)
    )
