"""Attributions whose cue reports nothing said are left out (extract/attribution/saying.py)."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.saying import Silence, says, silence
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


def parsed(
    speaker: str, cue: str, rest: str = "that the town was calm."
) -> tuple[RawAttribution, Doc]:
    """The attribution of ``speaker`` and ``cue`` in a parsed sentence they begin."""
    text = f"{speaker} {cue} {rest}"
    at = len(speaker) + 1
    content = Span(at + len(cue) + 1, len(text), rest)
    found = RawAttribution(
        Span(0, len(speaker), speaker), 0, Span(at, at + len(cue), cue), content, False, "", 0
    )
    return found, load_pipeline()(text)


def says_it(speaker: str, cue: str) -> bool:
    return says(*parsed(speaker, cue))


@pytest.mark.parametrize(
    ("speaker", "cue"),
    [
        ("Rafila", "said"),
        ("the CDC", "believes"),  # someone else's mind is reported
        ("He", "expressed hope"),
        ("He", "now worries about"),
        ("Joe", "suggested"),
        ("the Syrian Observatory for Human Rights", "according to"),
        ("residents", "saw"),  # a witness's account
        ("the court", "heard"),
        ("the spokesman", "said he wanted"),  # a saying verb carries the cue
        ("Olena", ":"),
        ("the ministry", "is quoted as saying"),
        ("The Mission", "is deeply concerned"),  # a body's own statement of concern
        ("He", "spoke about the shelling and said"),
    ],
)
def test_what_is_said_or_told_of_someone_else_stays(speaker: str, cue: str) -> None:
    assert says_it(speaker, cue)


@pytest.mark.parametrize(
    ("speaker", "cue"),
    [
        ("I", "think"),  # the speaker's own mind
        ("We", "hope"),
        ("we", "expect"),
        ("I", "would like"),
        ("I", "hear"),
        ("I", "'m sure"),
        ("you", "agree"),  # the reader addressed
        ("you", "remember"),
        ("young people", "also wanted"),  # wanting, doing, supporting
        ("which", "gladly supported"),
        ("The international community", "has not recognized"),
        ("Serbia", "voted in favor of"),
        ("who", "had dreamed of"),
        ("more people", "are becoming aware of"),
        ("I", "am referring to"),
        ("It", "is gratifying"),
        ("a very indicative and interesting project", "Speaking about"),
    ],
)
def test_wanting_doing_and_ones_own_mind_report_nothing(speaker: str, cue: str) -> None:
    assert not says_it(speaker, cue)


@pytest.mark.parametrize(
    ("speaker", "cue", "reason"),
    [
        ("you", "remember", "second_person"),
        ("I", "think", "own_mind"),
        ("We", "hope", "own_mind"),
        ("It", "is gratifying", "state"),
        ("She", "spoke about", "topic"),
        ("young people", "also wanted", "not_saying"),
        ("Serbia", "voted in favor of", "not_saying"),
        ("the CDC", "believes", None),
        ("He", "spoke about the shelling and said", None),
    ],
)
def test_silence_names_why_nothing_is_said(speaker: str, cue: str, reason: str | None) -> None:
    assert silence(*parsed(speaker, cue)) == reason
    assert says_it(speaker, cue) is (reason is None)
    assert reason is None or reason in set(Silence)


@pytest.mark.parametrize(
    ("speaker", "cue", "rest"),
    [
        ("We", "said, like other officials,", "that the shelling had stopped."),
        ("I", "repeated, like the others,", "that the road was open."),
        ("The mayor", "noted, much like the governor,", "that the bridge was closed."),
    ],
)
def test_like_the_preposition_is_no_liking(speaker: str, cue: str, rest: str) -> None:
    """*like* tagged a preposition (IN) in the cue says nothing of a mind or a wish."""
    found, doc = parsed(speaker, cue, rest)
    assert next(t for t in doc if t.lower_ == "like").tag_ == "IN"
    assert silence(found, doc) is None


@pytest.mark.parametrize(
    ("speaker", "cue", "reason"),
    [
        ("We", "would like", "own_mind"),  # the verb: our own wish
        ("young people", "would like", "not_saying"),
    ],
)
def test_like_the_verb_stays_a_wish(speaker: str, cue: str, reason: str) -> None:
    found, doc = parsed(speaker, cue, "to see the town rebuilt.")
    assert next(t for t in doc if t.lower_ == "like").tag_.startswith("VB")
    assert silence(found, doc) == reason


def test_like_mistagged_in_a_cue_without_a_verb_stays_a_liking() -> None:
    """The tagger reads "Voters like the plan" as a noun with a phrase (*like* IN): a cue
    the parse gives no verb has its predicate mistagged, so *like* is read as the verb."""
    found, doc = parsed("Voters", "like", "the plan.")
    assert next(t for t in doc if t.lower_ == "like").tag_ == "IN"
    assert silence(found, doc) == "not_saying"


def test_cue_offsets_outside_the_text_are_refused() -> None:
    found, doc = parsed("He", "said")
    far = RawAttribution(found.speaker, 0, Span(500, 504, "said"), found.content, False, "", 0)
    with pytest.raises(ValueError, match="outside the text"):
        silence(far, doc)
