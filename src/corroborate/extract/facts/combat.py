"""Harm that combat causes, read from the parse: the violation reader's combat rules.

Harm to people the clause names by no status ("people", "others", a number, a person named
by name alone) is combat when it happened in an engagement ("killed in clashes") or follows
from an act of combat ("attacked a police station, killing five people"); an attack on a
place or building whose only harm told is to armed forces ("raids on the town kill four
militants") is combat too. Victims named as civilians stay protected; read the same whoever
the parties are.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacy.tokens import Token

from corroborate.extract.facts.acts import Reading, is_generic
from corroborate.taxonomy.harm import participants

if TYPE_CHECKING:
    from corroborate.extract.facts.violations import Judged

PROTECTED = ("person", "object", "place")
# how a consequence hangs on the act that caused it ("attacked …, killing", "and wounded")
CONSEQUENCE = ("advcl", "conj", "xcomp")


def unnamed(reading: Reading) -> bool:
    """Whether no victim of the act is named as protected by status ("civilians",
    "journalists", "a named man"): only people, others, numbers or nobody."""
    return not any(
        p.cls in PROTECTED and not is_generic(p.token) and not _by_name_only(p.token)
        for p in reading.of("victim")
    )


def _by_name_only(token: Token) -> bool:
    """A person named by name and no protected status ("Fugitive X dies in a clash"): in
    fighting, no one says the person was a civilian."""
    words = participants()
    modifiers = {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "appos")}
    protected = words.protected_persons | words.media_workers | words.protected_modifiers
    return token.ent_type_ in ("PER", "PERSON") and not (modifiers | {token.lower_}) & protected


def in_fighting(reading: Reading) -> bool:
    """Whether the act happened in an engagement ("killed in clashes", "died in fighting"),
    or shares one with the act it is joined to ("five are killed and twenty wounded in
    clashes")."""
    engagements = participants().engagements
    token = reading.token
    joined = [token, *(c for c in token.children if c.dep_ == "conj")]
    if token.dep_ == "conj":
        joined.append(token.head)
    return any(_in_engagement(t, engagements) for t in joined)


def _in_engagement(act: Token, engagements: frozenset[str]) -> bool:
    return any(
        c.dep_ in ("obl", "nmod", "advcl")
        and c.lower_ in engagements
        and any(
            m.dep_ in ("case", "mark") and m.lower_ in ("in", "during", "amid") for m in c.children
        )
        for c in act.children
    )


def combat_consequences(judged: list[Judged]) -> list[Judged]:
    """Harm to unnamed people that an act of combat caused is combat: the harm hangs on
    the act ("attacked a police station, killing five people and injuring 16", "kill three
    troops and wound ten others") or happened in it ("died in the attack on the base")."""
    combat = {j.reading.token.i for j in judged if j.verdict == "combat"}
    settled = False
    while not settled:  # a consequence of a consequence: "killing five and injuring 16"
        settled = True
        for n, j in enumerate(judged):
            if j.reading.token.i not in combat and _consequence(j, combat):
                judged[n] = replace(j, verdict="combat", types=(), why="harm caused by combat")
                combat.add(j.reading.token.i)
                settled = False
    return _attacks_on_places(judged)


def _attacks_on_places(judged: list[Judged]) -> list[Judged]:
    """An attack on a place or a building (a town, a village, a house) whose only harm told
    is to armed forces is combat: "military raids on the town kill four militants", "an air
    strike on the village killed five fighters". Harm to anyone protected keeps it an
    allegation."""
    for n, j in enumerate(judged):
        reading = j.reading
        classes = {p.cls for p in reading.of("victim")} - {"military"}  # "military raids"
        places = bool(classes) and classes <= {"place", "object"}
        if j.verdict != "violation" or reading.act.kind != "attack" or not places:
            continue
        harms = [k for k in judged if k.reading.act.kind == "harm" and _done_by(k, reading)]
        if harms and all(k.verdict == "combat" for k in harms):
            judged[n] = replace(j, verdict="combat", types=(), why="attack harming armed forces")
    return judged


def _done_by(harm: Judged, attack: Reading) -> bool:
    token = harm.reading.token
    doers = harm.reading.of("agent") + harm.reading.of("cause")
    return any(p.token.i == attack.token.i for p in doers) or (
        token.dep_ in CONSEQUENCE and token.head.i == attack.token.i
    )


def _consequence(judged: Judged, combat: set[int]) -> bool:
    reading = judged.reading
    return (
        judged.verdict in ("violation", "unknown")
        and reading.act.kind == "harm"
        and unnamed(reading)
        and _caused_by(reading, combat)
    )


def _caused_by(reading: Reading, acts: set[int]) -> bool:
    token = reading.token
    if token.dep_ in CONSEQUENCE and token.head.i in acts:
        return True
    return any(p.token.i in acts for p in reading.of("cause"))
