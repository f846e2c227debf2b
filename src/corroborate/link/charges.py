"""3d'. Incidents' charges and stances, kept so that a later run need not decide them again.

An incident's charge (``answer.Charge``) and each of its statements' stances toward it are
a pure function of its allegations, in the order they were told, and of what stance reads
of each (``answer.Voice``: the words, the cue, the speaker's party, the party blamed and the
party named), the days of each event, its place, its speaker's name (whose registered
source names an accuser), the source registry, and the code and models that decide them.
So they are kept (``ChargeMemo``) under an id that is a digest of all of these
(``charge_id``): an incident whose allegations and statements are unchanged reads its charge
and stances back; an incident a new report joins, or whose statements changed, has another
id and is decided again. Denials are not kept: every denial, old or new, is tried against
every charge of the run, kept or decided (``assemble._attach``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from corroborate import __version__
from corroborate.ids import canonical_json, make_id
from corroborate.link.answer import Charge, Voice
from corroborate.link.features import files_digest
from corroborate.model import Allegation, Stance

# what charges and stances are made by: the code, the stance model, the vocabularies
VERSIONED = (
    "link/assemble.py",
    "link/answer.py",
    "link/charges.py",
    "link/cues.py",
    "link/stance.py",
    "link/stance_features.py",
    "link/stance_model.npz",
    "link/stance_model.py",
    "link/stance_sentences.py",
    "link/stance_vocabulary.py",
    "taxonomy",
)


@dataclass(frozen=True, slots=True)
class Decided:
    """An incident's charge, and each statement's stance and how sure it is, in the order
    of the incident's allegations."""

    charge: Charge
    stances: tuple[tuple[Stance, float], ...]


def _nothing(_ids: Sequence[str]) -> dict[str, Decided]:
    return {}


@dataclass(slots=True)
class ChargeMemo:
    """Charges kept by earlier runs (``lookup`` reads those of some charge ids), those this
    run decided (``made``, by id, for the caller to keep) and the ids of every charge of
    this run (``used``)."""

    lookup: Callable[[Sequence[str]], Mapping[str, Decided]] = _nothing
    made: dict[str, Decided] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    reused: int = 0  # charges read back rather than decided


def charge_id(
    allegations: Sequence[Allegation],
    alleging: Mapping[str, Voice],
    days: Mapping[str, tuple[date | None, date | None]],
    speakers: Mapping[str, str],
    registry_digest: str,
) -> str:
    """The id of an incident's charge and stances: the code, the registry, and for each
    allegation (in the order given) its id, the voice that alleges it, its days, its place
    and its speaker's name (``speakers``, by allegation id)."""
    parts = [
        [
            g.id,
            _voice(alleging[g.id]),
            [_day(d) for d in days[g.id]],
            g.place.canonical if g.place else None,
            speakers[g.id],
        ]
        for g in allegations
    ]
    hasher = hashlib.sha256(canonical_json(parts).encode())
    return make_id("link-charge", _code(), registry_digest, hasher.hexdigest())


def _voice(voice: Voice) -> list[object]:
    return [
        voice.content,
        voice.cue,
        voice.speaker_party,
        voice.blamed,
        voice.named,
        sorted(voice.types),
    ]


def decided_all(
    ids: Sequence[str],
    sizes: Sequence[int],
    decide: Callable[[int], Decided],
    memo: ChargeMemo | None,
) -> list[Decided]:
    """Each incident's ``Decided``: read from ``memo`` where it was kept under its id (and
    has one stance per allegation, ``sizes``), else ``decide(n)`` for the ``n``-th, kept in
    ``memo.made``. Without a memo every incident is decided."""
    if memo is None:
        return [decide(n) for n in range(len(ids))]
    kept = memo.lookup(sorted(set(ids)))
    memo.used.update(ids)
    found = []
    for n, (name, size) in enumerate(zip(ids, sizes, strict=True)):
        known = kept.get(name)
        if known is not None and len(known.stances) == size:
            memo.reused += 1
            found.append(known)
        else:
            found.append(memo.made.setdefault(name, decide(n)))
    return found


def charges_version() -> str:
    """The version kept charges are stored under: the code's that decides them."""
    return make_id("link-charges", _code())


_CODE: list[str] = []


def _code() -> str:
    """The package version and a digest of the files charges are decided by, read once."""
    if not _CODE:
        _CODE.append(make_id(__version__, files_digest(VERSIONED)))
    return _CODE[0]


def _day(day: date | None) -> str | None:
    return day.isoformat() if day else None


def to_json(decided: Decided) -> str:
    charge = decided.charge
    return json.dumps(
        {
            "accused": charge.accused,
            "types": sorted(charge.types),
            "places": sorted(charge.places),
            "days": [_day(charge.first), _day(charge.last), _day(charge.told)],
            "stems": sorted(charge.stems),
            "accusers": sorted(charge.accusers),
            "claim": charge.claim,
            "stances": [[stance.value, sure] for stance, sure in decided.stances],
        },
        separators=(",", ":"),
        ensure_ascii=False,
    )


def from_json(text: str) -> Decided:
    """A kept charge read back; ``ValueError``, ``TypeError`` or ``KeyError`` if it cannot be."""
    data = json.loads(text)
    first, last, told = (_date(d) for d in data["days"])
    charge = Charge(
        accused=_text(data["accused"]),
        types=_words(data["types"]),
        places=_words(data["places"]),
        first=first,
        last=last,
        told=told,
        stems=_words(data["stems"]),
        accusers=_words(data["accusers"]),
        claim=_text(data["claim"]) or "",
    )
    stances = tuple((Stance(s), _sure(sure)) for s, sure in data["stances"])
    return Decided(charge, stances)


def _date(value: object) -> date | None:
    return None if value is None else date.fromisoformat(str(_text(value)))


def _text(value: object) -> str | None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"not a string: {value!r}")
    return value


def _words(values: object) -> frozenset[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise TypeError("not a list of strings")
    return frozenset(values)


def _sure(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"not a number: {value!r}")
    return float(value)
