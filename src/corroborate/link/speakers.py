"""3b. One speaker, one name across reports: "Halchenko" in one report is the "Iryna
Halchenko" of another, and her role named in one report holds in the others.

Surname-only names are expanded when exactly one full name seen anywhere ends with that
surname; role and affiliation are filled from the first report that states them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from corroborate.model import Allegation, Attribution, Speaker

Statements = Mapping[str, tuple[Sequence[Attribution], Sequence[Allegation]]]


def unify_speakers(statements: Statements) -> dict[str, tuple[list[Attribution], list[Allegation]]]:
    """The same statements, with speakers' names and roles made consistent across reports."""
    speakers = [a.speaker for atts, _ in statements.values() for a in atts]
    full = _full_names(speakers)
    profiles = _profiles(speakers, full)
    full |= _by_title(speakers, profiles)
    unified: dict[str, tuple[list[Attribution], list[Allegation]]] = {}
    for report_id, (attributions, allegations) in statements.items():
        renamed = {a.id: _rename(a, full, profiles) for a in attributions}
        unified[report_id] = (list(renamed.values()), list(allegations))
    return unified


def _full_names(speakers: Iterable[Speaker]) -> dict[str, str]:
    by_surname: dict[str, set[str]] = {}
    for speaker in speakers:
        words = speaker.canonical.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            by_surname.setdefault(words[-1], set()).add(speaker.canonical)
    return {surname: names.pop() for surname, names in by_surname.items() if len(names) == 1}


def _by_title(
    speakers: Iterable[Speaker], profiles: Mapping[str, tuple[str | None, str | None]]
) -> dict[str, str]:
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


def _profiles(
    speakers: Iterable[Speaker], full: Mapping[str, str]
) -> dict[str, tuple[str | None, str | None]]:
    """Every distinct role a speaker is given anywhere, joined; the first affiliation."""
    profiles: dict[str, tuple[str | None, str | None]] = {}
    for speaker in speakers:
        name = full.get(speaker.canonical, speaker.canonical)
        role, affiliation = profiles.get(name, (None, None))
        if speaker.role and (not role or speaker.role not in role):
            role = f"{role}; {speaker.role}" if role else speaker.role
        profiles[name] = (role, affiliation or speaker.affiliation)
    return profiles


def _rename(
    attribution: Attribution,
    full: Mapping[str, str],
    profiles: Mapping[str, tuple[str | None, str | None]],
) -> Attribution:
    speaker = attribution.speaker
    name = full.get(speaker.canonical, speaker.canonical)
    role, affiliation = profiles.get(name, (None, None))
    unified = replace(
        speaker,
        canonical=name,
        role=role or speaker.role,
        affiliation=speaker.affiliation or affiliation,
    )
    return attribution if unified == speaker else replace(attribution, speaker=unified)
