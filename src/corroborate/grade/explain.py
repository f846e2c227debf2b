"""Every grade in words: how many reports, which origins, who relayed, who denied, and why
the grade is what it is. Symmetric by construction: parties are named, never ranked."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.model import Denial, Origin

KIND_WORDS = {
    "party": "an official, body or outlet of a party to the conflict",
    "witness": "a first-hand witness",
    "documentary": "documentation by an independent organisation",
    "independent": "an independent outlet",
    "unregistered": "an unregistered outlet (media, unregistered)",
    "unknown": "an unnamed or unidentified source",
}


def explain(
    origins: Sequence[Origin],
    denials: Sequence[Denial],
    *,
    reports: int,
    reliability: str,
    credibility: str,
    standard: str,
    unresolved: int = 0,
) -> str:
    parts = [
        _origins_sentence(origins, reports),
        _unresolved(unresolved),
        _corroboration(origins),
        _denials(denials),
    ]
    parts.append(
        f"Grade {reliability}{credibility[0]}: source reliability {reliability}, "
        f"credibility {credibility}; {standard}."
    )
    return " ".join(p for p in parts if p)


def _origins_sentence(origins: Sequence[Origin], reports: int) -> str:
    noun = "report" if reports == 1 else "reports"
    if not origins:
        return f"{reports} {noun}, no identifiable origin."
    count = len(origins)
    described = "; ".join(_origin(o) for o in origins[:6])
    more = f"; and {count - 6} more" if count > 6 else ""
    return f"{reports} {noun}, {count} origin{'s' if count != 1 else ''}: {described}{more}."


def _unresolved(count: int) -> str:
    if not count:
        return ""
    statements = "1 statement" if count == 1 else f"{count} statements"
    speakers = "an unresolved speaker was" if count == 1 else "unresolved speakers were"
    return f"{statements} by {speakers} not counted."


def _origin(origin: Origin) -> str:
    kind = KIND_WORDS.get(origin.kind, origin.kind)
    party = f" ({origin.party})" if origin.party else ""
    text = f"{origin.speaker}, {kind}{party}"
    if origin.outlets:
        shown = ", ".join(origin.outlets[:2])
        extra = len(origin.outlets) - 2
        text += f", relayed by {shown}" + (
            f" and {extra} other outlet{'s' if extra > 1 else ''}" if extra > 0 else ""
        )
    if len(origin.report_ids) > 1:
        text += f" ({len(origin.report_ids)} reports)"
    return text


def _corroboration(origins: Sequence[Origin]) -> str:
    independent = [o for o in origins if o.kind in ("witness", "documentary", "independent")]
    if not independent:
        return "No independent corroboration."
    first_hand = sum(1 for o in independent if o.kind in ("witness", "documentary"))
    noun = "origin" if len(independent) == 1 else "origins"
    return (
        f"Corroborated by {len(independent)} independent {noun}, {first_hand} of them first-hand."
    )


def _denials(denials: Sequence[Denial]) -> str:
    if not denials:
        return "No denial found."
    seen: list[str] = []
    for denial in denials:
        who = denial.speaker + (f" ({denial.party})" if denial.party else "")
        verb = "denied and counter-accused" if denial.counter_accuses else "denied"
        entry = f"{verb} by {who}"
        if entry not in seen:
            seen.append(entry)
    sentence = ", ".join(seen[:4]) + "."
    return sentence[0].upper() + sentence[1:]
