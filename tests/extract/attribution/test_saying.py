"""Attributions whose cue reports nothing said are left out (extract/attribution/saying.py)."""

from __future__ import annotations

import pytest

from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.saying import Silence, says, silence
from corroborate.model import Span


def raw(speaker: str, cue: str) -> RawAttribution:
    content = Span(100, 110, "the content")
    return RawAttribution(
        Span(0, len(speaker), speaker), 0, Span(50, 50 + len(cue), cue), content, False, "", 0
    )


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
    assert says(raw(speaker, cue))


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
    assert not says(raw(speaker, cue))


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
    assert silence(raw(speaker, cue)) == reason
    assert says(raw(speaker, cue)) is (reason is None)
    assert reason is None or reason in set(Silence)
