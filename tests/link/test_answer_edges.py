"""The edges of the denial rules of ``link/answer.py``: the days a denial may be told on, the
window that cancels a negated "denied", the rounding of the model's certainty, the acronym
rule for speakers and the index of unplaced charges; every expected value worked out by hand
from the rules' docstrings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from corroborate.link import answer
from corroborate.link.answer import (
    Charges,
    Denial,
    Voice,
    decide,
    fit,
    rejecting_words,
    speaker_keys,
)
from corroborate.model import Stance
from tests.link import test_answer
from tests.link.test_answer import COALITION

STRIKE = replace(test_answer.STRIKE, accusers=frozenset())  # nobody's own denial here
TEXT = "any rocket strike on Velmora"  # two words beside the place: rocket, strike


def told_on(day: date | None) -> Denial:
    voice = Voice(TEXT, "said", COALITION)
    return Denial(voice, frozenset({"olegsavranov"}), TEXT, frozenset({"Velmora"}), day)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 4, 24), None),  # two days before the first event day
        (date(2022, 4, 25), 2),  # one day before: the day's slack for time zones
        (date(2022, 4, 26), 2),  # the first event day itself
        (date(2022, 6, 26), 2),  # 60 days after the last event day
        (date(2022, 6, 27), None),  # 61 days after
    ],
)
def test_a_dated_charge_is_answered_from_a_day_before_it_to_60_days_after(
    day: date, expected: int | None
) -> None:
    assert fit(told_on(day), STRIKE) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # first report 27 April; the event at most 60 days before it, less a day's slack
        (date(2022, 2, 24), None),  # 62 days before the report
        (date(2022, 2, 25), 2),  # 61 days before: the earliest day
        (date(2022, 6, 26), 2),  # 60 days after the report: the latest day
        (date(2022, 6, 27), None),  # 61 days after
    ],
)
def test_an_undated_charge_is_answered_between_its_bounds_inclusive(
    day: date, expected: int | None
) -> None:
    undated = replace(STRIKE, first=None, last=None, told=date(2022, 4, 27))
    assert fit(told_on(day), undated) == expected
    # an event day known at one end only is no event span: the first report bounds it
    assert fit(told_on(day), replace(undated, first=date(2022, 4, 26))) == expected
    assert fit(told_on(day), replace(undated, last=date(2022, 4, 26))) == expected


def test_a_charge_with_no_day_and_no_report_day_is_answered_on_any_day() -> None:
    timeless = replace(STRIKE, first=None, last=None, told=None)
    assert fit(told_on(date(2001, 1, 1)), timeless) == 2
    assert fit(told_on(date(2030, 1, 1)), timeless) == 2
    assert fit(told_on(None), timeless) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "denying that" negated at the very start of the text: no denial
        ("not denying that", False),
        ("denying that", True),
        # a negator that ends 16 characters before "denied" cancels it ...
        ("never absolute denied that", False),
        # ... one that starts 17 characters before it is out of the window
        ("never absolutely denied that", True),
    ],
)
def test_a_denial_of_a_claim_is_cancelled_by_a_negator_just_before_it(
    text: str, expected: bool
) -> None:
    assert rejecting_words(text) is expected


def test_a_negated_counter_accusation_cue_still_turns_a_denial() -> None:
    """Rejecting the act and pinning it on another ("not ours, it was X that") is a
    counter-accusation even though a negator stands just before "it was"."""
    own = Voice("the strike was not ours, it was the Republic that fired", "denied", COALITION)
    assert decide(own, STRIKE) == (Stance.COUNTER_ACCUSES, 0.9)


def test_the_model_certainty_is_rounded_to_two_decimals(monkeypatch: pytest.MonkeyPatch) -> None:
    read = {"agree": 0.2, "disagree": 0.3333, "discuss": 0.2, "unrelated": 0.2667}
    monkeypatch.setattr(answer, "pair_probabilities", lambda claim, text: read)
    monkeypatch.setattr(answer, "pair_stance", lambda claim, text: "disagree")
    own = Voice(
        "our units were at their positions", "said", COALITION, types=frozenset({"killing"})
    )
    charge = replace(STRIKE, claim="Coalition rockets killed civilians at the school")
    assert decide(own, charge) == (Stance.DENIES, 0.33)
    monkeypatch.setattr(answer, "pair_stance", lambda claim, text: "agree")
    assert decide(own, charge) == (Stance.NEUTRAL, 0.67)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Taras Moroz", {"tarasmoroz"}),  # two words: no acronym
        ("Press Freedom Watch", {"pressfreedomwatch", "pfw"}),  # three capitalised words
        ("Bureau of Press Rights", {"bureauofpressrights"}),  # one word not capitalised
    ],
)
def test_only_a_name_of_three_or_more_capitalised_words_has_an_acronym(
    name: str, expected: set[str]
) -> None:
    assert speaker_keys(name) == frozenset(expected)


def test_only_charges_with_no_place_are_indexed_by_their_words() -> None:
    unplaced = replace(STRIKE, places=frozenset(), stems=STRIKE.stems - {"velmo"})
    words = Denial(
        Voice("any rocket strike", "said", COALITION),
        frozenset({"olegsavranov"}),
        "any rocket strike",
        frozenset(),
        None,
    )
    charges = Charges([STRIKE, unplaced])
    assert charges.near(words) == ([], [1])
    assert charges.near(replace(words, places=frozenset({"Velmora"}))) == ([0], [1])
