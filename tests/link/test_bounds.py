"""A mention's bounds: what they hold, and that clustering's one ``Bounds`` per mention
shares its sets and day ranges with the other mentions of the same values."""

from __future__ import annotations

from datetime import date

from corroborate.link.bounds import Bounds, Range
from corroborate.link.incidents import Mention


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
