"""Whether an act the parse found is an event of the report at all.

The violation reader judges harmful acts (``acts``, ``violations``); an act it finds may
still be none that happened, or none that this report tells: it is denied ("did not
shell"), possible or future ("may strike", "will attack"), wanted, planned, feared or foiled
("a plot to bomb", "in fear of an attack", "to better hit the cities"), or it is an earlier
event the report only follows up ("the death toll from yesterday's attack rises", "the
recent killing of …", "in response to the attack"). Each is read from the parse: the act's
own negation and auxiliaries, the words above it, the noun it is named by. The words are
data (``taxonomy/words/modality.yaml``); none names a party.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from spacy.tokens import Token

from corroborate.extract.facts.acts import Reading
from corroborate.taxonomy.words import word_set

NEGATIONS = word_set("modality", "negations")
MODALS = word_set("modality", "modal_auxiliaries")
UNREALISED = word_set("modality", "unrealised_heads")
ASPECT = word_set("modality", "aspect_verbs")
PAST = word_set("modality", "past_references")
TOLLS = word_set("modality", "toll_nouns")
TOLL_VERBS = word_set("modality", "toll_verbs")
REACTIONS = word_set("modality", "reaction_heads")
PERFECT = word_set("modality", "perfect_auxiliaries")

Why = Literal["negated", "modal", "unrealised", "follow-up"]
# how far above an act a word may make it planned or an earlier event
REACH = 3
NEGATING = ("advmod", "neg", "det", "cc:preconj")
SUBJECTS = ("nsubj", "nsubj:pass", "nsubjpass")
ARGUMENTS = (*SUBJECTS, "obj", "dobj", "amod")


def not_an_event(reading: Reading) -> Why | None:
    """Why the act is no event the report tells (``None`` when it is one)."""
    token = reading.token
    if _negated(reading):
        return "negated"
    if _modal(token):
        return "modal"
    if _unrealised(token):
        return "unrealised"
    if _follow_up(token):
        return "follow-up"
    return None


def _negated(reading: Reading) -> bool:
    """A negation on the act ("did not kill", "no injuries") or on its victims ("no
    civilians were hurt"); never one that is part of the act's own words ("never returned")."""
    own = {w for form in reading.act.forms for w in form.split()}
    on_act = any(
        c.dep_ in NEGATING and c.lower_ in NEGATIONS and c.lower_ not in own
        for c in reading.token.children
    )
    on_victims = any(
        c.dep_ == "det" and c.lower_ in NEGATIONS
        for p in reading.of("victim")
        for c in p.token.children
    )
    return on_act or on_victims


def _modal(token: Token) -> bool:
    """A modal auxiliary on the act, unless a perfect follows it: "may shell" is not done,
    "may have been killed" is a past told with doubt."""
    auxiliaries = [c.lower_ for c in token.children if c.dep_.startswith("aux")]
    return bool(set(auxiliaries) & MODALS) and not set(auxiliaries) & PERFECT


def _unrealised(token: Token) -> bool:
    """Wanted, planned, feared or foiled: an infinitive of purpose ("to better hit the
    cities"), a planning word on the act ("a planned attack") or above it, or the subject or
    object of a word above it ("plans were uncovered to commit an attack")."""
    if _infinitive(token):
        return True
    if any(c.dep_ in ("amod", "compound") and c.lower_ in UNREALISED for c in token.children):
        return True
    for above in _above(token):
        if above.lower_ in UNREALISED:
            return True
        if any(c.dep_ in ARGUMENTS and c.lower_ in UNREALISED for c in above.children):
            return True
    return False


def _infinitive(token: Token) -> bool:
    marked = any(c.dep_ == "mark" and c.lower_ == "to" for c in token.children)
    return marked and token.tag_ == "VB" and token.head.lower_ not in ASPECT


def _above(token: Token) -> Iterator[Token]:
    here = token
    for _ in range(REACH):
        if here.head.i == here.i:
            return
        here = here.head
        yield here


def _follow_up(token: Token) -> bool:
    """An earlier event the report follows up: a count of its victims updated ("the death
    toll … rises"), an act named as past ("yesterday's attack", "the recent killing") or as
    what a reaction answers ("in response to the attack"), with every act hanging on it
    ("yesterday's attacks in which 39 people died")."""
    if _toll_update(token):
        return True
    return any(_past_event(t) or _answered(t) for t in (token, *_nouns_above(token)))


def _toll_update(token: Token) -> bool:
    """An act told after a count of victims that a later verb updates ("the death toll from
    the bombing … rises"; read in word order: the tagger often takes "rises" for a plural
    noun). An act told before the count is the event itself ("a missile hit the school, and
    the toll rose to 12")."""
    sentence = token.sent
    tolls = [t.i for t in sentence if t.lower_ in TOLLS]
    if not tolls or (token.i < tolls[0] and token.head.i not in tolls):  # "death toll"
        return False
    return any(t.lower_ in TOLL_VERBS and t.i > tolls[0] for t in sentence)


def _nouns_above(token: Token) -> Iterator[Token]:
    """The nouns the act hangs on, up to the first verb that is not a noun's clause."""
    for above in _above(token):
        if not above.tag_.startswith("NN"):
            return
        yield above


def _past_event(token: Token) -> bool:
    """A noun named as an earlier event, unless it is the subject of the clause that tells
    the harm ("yesterday's attack killed twelve" is the event itself)."""
    if not token.tag_.startswith("NN"):
        return False
    named = any(
        c.dep_ in ("nmod:poss", "amod", "compound", "nmod:tmod")
        and (c.lower_ in PAST or any(g.lower_ in PAST for g in c.children))  # last week's
        for c in token.children
    )
    return named and not (token.dep_.startswith("nsubj") and token.head.tag_.startswith("VB"))


def plotted(readings: list[Reading]) -> bool:
    """Whether an attack in these readings (one sentence's) was only planned or foiled: an
    arrest beside it is of suspects ("arrested after plans were uncovered to bomb …")."""
    return any(r.act.kind == "attack" and _unrealised(r.token) for r in readings)


def _answered(token: Token) -> bool:
    """A noun a reaction answers: "in response to the attack", "in retaliation for …"."""
    if not token.tag_.startswith("NN"):
        return False
    edge = token.left_edge
    before = token.doc[edge.i - 1] if edge.i > 0 else None
    led = edge.lower_ in ("to", "for") and before is not None and before.lower_ in REACTIONS
    return token.head.lower_ in REACTIONS or led
