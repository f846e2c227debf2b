"""The violation reader's vocabularies: harmful acts, participants, and grammatical shapes.

``violations/acts.yaml`` lists the acts by lemma with the kind of act and the violation types
it signals; ``violations/participants.yaml`` the nouns and modifiers that make a victim a
protected person or object or a military one, and those that make harm a hazard or an
ordinary crime; ``violations/patterns.yaml`` the dependency shapes that find an act's victims,
agents and causes, and the token shapes that mark background, deliveries, diplomacy and the
like. The bundled pipeline has no lemmatiser, so each lemma is expanded here into its word
forms, once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml

from corroborate.errors import ConfigError

ActKind = Literal["attack", "harm", "custody", "alone", "threat"]
KINDS: tuple[ActKind, ...] = ("attack", "harm", "custody", "alone", "threat")
FOLDER = "violations"


@dataclass(frozen=True, slots=True)
class Act:
    lemma: str
    kind: ActKind
    types: tuple[str, ...]
    forms: frozenset[str]  # lower-cased word forms, several words joined by one space
    subject_suffers: bool = False  # "residents disappeared": the subject is the victim
    on_persons: bool = False  # falls on people alone: a pronoun it falls on is a person


@dataclass(frozen=True, slots=True)
class Shape:
    id: str
    kind: str  # a role pattern's role (victim, agent, cause) or a context kind
    example: str
    pattern: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class Participants:
    protected_persons: frozenset[str]
    protected_objects: frozenset[str]
    protected_modifiers: frozenset[str]
    military: frozenset[str]
    military_modifiers: frozenset[str]
    hazards: frozenset[str]
    crimes: frozenset[str]
    media_workers: frozenset[str]
    instruments: frozenset[str]
    generic_persons: frozenset[str]  # people named by no status
    engagements: frozenset[str]  # fighting between armed forces


def _load(name: str) -> Any:
    path = resources.files(__package__).joinpath(FOLDER, name)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(11, f"cannot read {exc}".splitlines()[0], subject=name) from exc


def inflections(word: str) -> set[str]:
    """Regular English inflections of a word (the last word of a phrase): -s/-es/-ies,
    -ed/-ied/-d, -ing (with a final e dropped or a last consonant doubled)."""
    head, _, last = word.rpartition(" ")
    forms = {last, last + "s", last + "es", last + "ed", last + "ing", last + "d"}
    if last.endswith("y"):
        forms |= {last[:-1] + "ies", last[:-1] + "ied"}
    if last.endswith("e"):
        forms |= {last[:-1] + "ing"}
    if (
        len(last) > 2
        and last[-1] not in "aeiouwxy"
        and last[-2] in "aeiou"
        and last[-3] not in "aeiou"
    ):
        forms |= {last + last[-1] + "ed", last + last[-1] + "ing"}
    return {f"{head} {f}".strip() for f in forms}


def _act(entry: dict[str, Any]) -> Act:
    kind = entry.get("kind")
    if kind not in KINDS or not entry.get("types"):
        raise ConfigError(11, f"bad act {entry.get('lemma', '?')}", subject="acts.yaml")
    lemma = str(entry["lemma"]).lower()
    forms = inflections(lemma) | {str(f).lower() for f in entry.get("forms", ())}
    suffers = entry.get("subject") == "victim"
    on_persons = entry.get("victims") == "persons"
    return Act(lemma, kind, tuple(entry["types"]), frozenset(forms), suffers, on_persons)


@cache
def acts() -> tuple[Act, ...]:
    return tuple(_act(entry) for entry in _load("acts.yaml"))


@cache
def by_lemma() -> dict[str, Act]:
    return {a.lemma: a for a in acts()}


@cache
def participants() -> Participants:
    data = _load("participants.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(f for w in data[key] for f in inflections(str(w).lower()))

    return Participants(*(words(key) for key in Participants.__slots__))


@cache
def shapes() -> tuple[Shape, ...]:
    data = _load("patterns.yaml")
    found = [
        Shape(str(e["id"]), _role(e["pattern"]), str(e["example"]), e["pattern"])
        for e in data["roles"]
    ]
    found += [
        Shape(str(e["id"]), str(e["kind"]), str(e["example"]), e["pattern"])
        for e in data["context"]
    ]
    if len({s.id for s in found}) != len(found):
        raise ConfigError(11, "pattern ids must be unique", subject="patterns.yaml")
    return tuple(found)


def _role(pattern: list[dict[str, Any]]) -> str:
    """A role pattern's role: the name of its node that is not the act nor a helper."""
    names = [n["RIGHT_ID"] for n in pattern if n["RIGHT_ID"] in ("victim", "agent", "cause")]
    if len(names) != 1:
        raise ConfigError(
            3, "a role pattern names one victim, agent or cause", subject="patterns.yaml"
        )
    return str(names[0])


@dataclass(frozen=True, slots=True)
class AnchorWords:
    """The words that tell where fire came from or went (``violations/anchors.yaml``)."""

    origin: frozenset[str]
    direction: frozenset[str]
    direction_nouns: frozenset[str]
    origin_nouns: frozenset[str]
    fire: frozenset[str]
    phrase: frozenset[str]
    residents: frozenset[str]


@cache
def anchor_words() -> AnchorWords:
    data = _load("anchors.yaml")
    try:
        lists = {
            key: frozenset(
                f
                for w in data[key]
                for f in (
                    inflections(str(w).lower())
                    if key in ("fire", "residents")
                    else {str(w).lower()}
                )
            )
            for key in AnchorWords.__slots__
        }
    except (KeyError, TypeError) as exc:
        raise ConfigError(11, f"missing or bad list {exc}", subject="anchors.yaml") from exc
    return AnchorWords(**lists)
