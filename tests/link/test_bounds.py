"""A mention's bounds hold its own values, and clustering's bounds share their parts with
other mentions' of the same values; an incident's bounds conflict with another's exactly when
some pair across them does (``incidents.conflict``): worked out by hand for each kind of
conflict, then checked over every pair and triple of a small set of mentions that differ in
one thing at a time."""

from __future__ import annotations

from datetime import date, timedelta
from functools import reduce
from itertools import combinations, product

import pytest

from corroborate.link.bounds import Bounds, Range
from corroborate.link.incidents import Mention, Weights, conflict

DAY = date(2022, 3, 10)
RULES = Weights()  # a span of 7 days, an undated mention told within 60 days


def on(day: int | None = None, told: int | None = None, **named: str) -> Mention:
    return Mention(
        frozenset({"shelling"}),
        day=None if day is None else DAY + timedelta(days=day),
        told=None if told is None else DAY + timedelta(days=told),
        **named,  # type: ignore[arg-type]
    )


def bounds(*mentions: Mention) -> Bounds:
    return reduce(Bounds.join, map(Bounds.of, mentions))


def test_a_mention_s_bounds_are_its_own_values() -> None:
    m = on(2, 5, place="Izium", region="UA-63", country="UA", accused="party:north")
    assert Bounds.of(m) == Bounds(
        frozenset({"Izium"}),
        frozenset({"UA-63"}),
        frozenset({"UA"}),
        frozenset({"party:north"}),
        Range(DAY + timedelta(days=2), DAY + timedelta(days=2)),
        Range(DAY + timedelta(days=5), DAY + timedelta(days=5)),
        None,  # it has an event day: its publication day bounds no undated event
    )
    assert Bounds.of(on(told=5)).undated == Range(DAY + timedelta(5), DAY + timedelta(5))
    assert Bounds.of(on()) == Bounds(
        frozenset(), frozenset(), frozenset(), frozenset(), None, None, None
    )


def test_joined_bounds_hold_every_value_and_the_extremes_of_the_days() -> None:
    joined = bounds(on(3, 9, place="Izium"), on(-1, 4, place="Lyman"), on(told=20), on())
    assert joined.places == frozenset({"Izium", "Lyman"})
    assert joined.days == Range(DAY - timedelta(1), DAY + timedelta(3))
    assert joined.told == Range(DAY + timedelta(4), DAY + timedelta(20))
    assert joined.undated == Range(DAY + timedelta(20), DAY + timedelta(20))
    assert Range(DAY, DAY).join(None) == Range(DAY, DAY)


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        ((on(place="Izium"),), (on(place="Izium"),), False),
        ((on(place="Izium"),), (on(place="Lyman"),), True),
        ((on(place="Izium"),), (on(),), False),  # a place against none named
        ((on(place="Izium"), on()), (on(place="Izium"),), False),
        ((on(place="Izium"), on(place="Lyman")), (on(),), False),  # apart inside, not across
        ((on(place="Izium"), on(place="Lyman")), (on(place="Izium"),), True),
        ((on(region="UA-63"),), (on(region="UA-14"),), True),
        ((on(region="UA-63"), on()), (on(region="UA-14"),), True),  # a region joined in
        ((on(country="UA"), on()), (on(country="RU"), on()), True),
        ((on(country="UA"),), (on(country="RU"),), True),
        ((on(accused="party:north"),), (on(accused="party:south"),), True),
        ((on(0),), (on(7),), False),  # seven days apart: within the span
        ((on(0),), (on(8),), True),
        ((on(8),), (on(0),), True),
        ((on(0), on(5)), (on(-3),), True),  # the latest day of one against the other's
        ((on(2),), (on(told=1),), False),  # a day's grace after the other's publication
        ((on(3),), (on(told=1),), True),  # the event came after that report was out
        ((on(told=1),), (on(3),), True),
        ((on(told=0),), (on(told=60),), False),  # two undated mentions 60 days apart
        ((on(told=0),), (on(told=61),), True),
        ((on(told=61),), (on(told=0),), True),
        ((on(0),), (on(told=60),), False),  # told 60 days after the other's event day
        ((on(0),), (on(told=61),), True),
        ((on(told=61),), (on(0),), True),
    ],
)
def test_bounds_conflict_as_worked_out_by_hand(
    one: tuple[Mention, ...], other: tuple[Mention, ...], expected: bool
) -> None:
    assert bounds(*one).conflicts(bounds(*other), RULES) is expected


def test_accused_parties_conflict_only_when_kept_apart() -> None:
    north, south = bounds(on(accused="party:north")), bounds(on(accused="party:south"))
    assert not north.conflicts(south, Weights(separate_accused=False))


MENTIONS = [
    on(),
    on(0, 1, place="Izium", region="UA-63", country="UA", accused="party:north"),
    on(0, place="Lyman", region="UA-14", country="UA"),
    on(1, 3, accused="party:south"),
    on(5, 6, place="Izium"),
    on(8, 9),
    on(-2, 0, country="RU"),
    on(told=2),
    on(told=40),
    on(told=75),
    on(told=-30, region="UA-63"),
    on(20, 21),
    on(region="UA-14"),
    on(country="RU"),
]


@pytest.mark.parametrize(
    "rules", [RULES, Weights(span_days=3, told_days=30, separate_accused=False)]
)
def test_bounds_conflict_exactly_when_some_pair_across_does(rules: Weights) -> None:
    singles = [(m,) for m in MENTIONS]
    groups = [*singles, *combinations(MENTIONS, 2)]
    for one, other in product(groups, repeat=2):
        pairwise = any(conflict(a, b, rules) for a in one for b in other)
        assert bounds(*one).conflicts(bounds(*other), rules) is pairwise, (one, other)


def test_a_mentions_bounds_hold_its_values_and_days() -> None:
    day, told = date(2022, 3, 3), date(2022, 3, 4)
    bounds = Bounds.of(Mention(frozenset({"shelling"}), "Kyiv", "Kyiv", "UA", day, told))
    assert bounds.places == frozenset({"Kyiv"}) and bounds.countries == frozenset({"UA"})
    assert bounds.accused == frozenset()
    assert (bounds.days, bounds.told, bounds.undated) == (Range(day, day), Range(told, told), None)
    undated = Bounds.of(Mention(frozenset({"shelling"}), told=told))
    assert undated.days is None and undated.undated == Range(told, told)
    assert undated.places == frozenset() and undated.countries == frozenset()


def test_mentions_of_the_same_place_and_days_share_their_bounds_parts() -> None:
    told = date(2022, 3, 4)
    a, b = (
        Bounds.of(Mention(frozenset({t}), "Kharkiv", "Kharkiv", "UA", told=told))
        for t in ("shelling", "looting")
    )
    assert a.places is b.places and a.countries is b.countries and a.accused is b.accused
    assert a.told is b.told and a.undated is b.undated
