"""3b. One speaker, one name across reports: "Halchenko" in one report is the "Iryna
Halchenko" of another, and her role named in one report holds in the others.

* A party's title before a name is a role, not part of the name: "Russian President
  Vladimir Putin" is "Vladimir Putin" with the role "Russian President".
* Spellings that one transliteration fold makes equal ("Zelensky", "Zelenskyy") are one
  name, written as first seen.
* A surname alone is expanded when exactly one full name seen anywhere ends with it; a
  surname two different full names share stays as it is.
* Roles and affiliations seen anywhere are carried to every mention of the person; the
  mention's own role comes first, so what a report says itself outweighs what another
  report says (``grade.origins.party_of`` reads them in that order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from corroborate.model import Allegation, Attribution, Speaker
from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.parties import leading_role

Statements = Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]]
Profiles = Mapping[str, tuple[str | None, str | None]]


def unify_speakers(statements: Statements) -> dict[str, tuple[list[Attribution], list[Allegation]]]:
    """The same statements, with speakers' names and roles made consistent across reports."""
    speakers = [_titled(a.speaker) for atts, _ in statements.values() for a in atts]
    full = _full_names(speakers)
    profiles = _profiles(speakers, full)
    full |= _by_title(speakers, profiles)
    unified: dict[str, tuple[list[Attribution], list[Allegation]]] = {}
    for report_id, (attributions, allegations) in statements.items():
        renamed = [_rename(a, full, profiles) for a in attributions]
        unified[report_id] = (renamed, list(allegations))
    return unified


def _titled(speaker: Speaker) -> Speaker:
    """The speaker with a party's title before the name moved to the role."""
    split = leading_role(speaker.canonical)
    if split is None:
        return speaker
    title, name = split
    return replace(speaker, canonical=name, role=_join(title, speaker.role))


def _full_names(speakers: Iterable[Speaker]) -> dict[str, str]:
    """Each name, and each surname that one person's full name ends with -> that name."""
    spelling: dict[str, str] = {}  # fold of a full name -> its first spelling
    by_surname: dict[str, set[str]] = {}
    for speaker in speakers:
        words = speaker.canonical.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            key = fold(speaker.canonical)
            spelling.setdefault(key, speaker.canonical)
            by_surname.setdefault(fold(words[-1]), set()).add(key)
    full = {
        speaker.canonical: spelling[fold(speaker.canonical)]
        for speaker in speakers
        if fold(speaker.canonical) in spelling
    }
    for speaker in speakers:
        keys = by_surname.get(fold(speaker.canonical), set())
        if " " not in speaker.canonical and len(keys) == 1:
            full[speaker.canonical] = spelling[next(iter(keys))]
    return full


def _by_title(speakers: Iterable[Speaker], profiles: Profiles) -> dict[str, str]:
    """ "the colonel general" of one report is the one person some report calls that."""
    found: dict[str, str] = {}
    for speaker in speakers:
        description = speaker.canonical.casefold()
        if speaker.canonical[:1].isupper() or len(description) < 5:
            continue
        holders = {
            name
            for name, (role, _) in profiles.items()
            if role and description in role.casefold() and " " in name
        }
        if len(holders) == 1:
            found[speaker.canonical] = holders.pop()
    return found


def _profiles(speakers: Iterable[Speaker], full: Mapping[str, str]) -> Profiles:
    """Every distinct role a speaker is given anywhere, joined; the first affiliation."""
    profiles: dict[str, tuple[str | None, str | None]] = {}
    for speaker in speakers:
        name = full.get(speaker.canonical, speaker.canonical)
        role, affiliation = profiles.get(name, (None, None))
        profiles[name] = (_join(role, speaker.role), affiliation or speaker.affiliation)
    return profiles


def _join(*roles: str | None) -> str | None:
    """Roles in order, each once ("Russian President; head of state")."""
    joined: list[str] = []
    for role in roles:
        for part in (role or "").split("; "):
            if part and not any(part in seen for seen in joined):
                joined.append(part)
    return "; ".join(joined) or None


def _rename(attribution: Attribution, full: Mapping[str, str], profiles: Profiles) -> Attribution:
    speaker = _titled(attribution.speaker)
    name = full.get(speaker.canonical, speaker.canonical)
    role, affiliation = profiles.get(name, (None, None))
    unified = replace(
        speaker,
        canonical=name,
        role=_join(speaker.role, role),
        affiliation=speaker.affiliation or affiliation,
    )
    return attribution if unified == attribution.speaker else replace(attribution, speaker=unified)
