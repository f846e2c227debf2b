"""Blocked clustering of mentions into incidents."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from corroborate.link.incidents import (
    Mention,
    Weights,
    _Pairs,
    cluster,
    conflict,
    jaccard,
    linkage,
    located,
    score,
)
from corroborate.model import Place


def mention(types: set[str], place: str | None, day: date | None, words: str = "") -> Mention:
    return Mention(types=frozenset(types), place=place, day=day, words=frozenset(words.split()))


def test_same_place_type_and_time_link_different_places_do_not() -> None:
    mentions = [
        mention({"torture"}, "Sloviansk", date(2022, 4, 10)),
        mention({"torture", "threats"}, "Sloviansk", date(2022, 4, 12)),
        mention({"torture"}, "Kramatorsk", date(2022, 4, 12)),
        mention({"looting"}, "Sloviansk", date(2022, 4, 12)),
    ]
    assert cluster(mentions) == [[0, 1], [2], [3]]


def test_days_further_apart_than_the_span_are_never_one_incident() -> None:
    """Same place, type and words: 9 days apart is beyond the 7-day span, whatever agrees."""
    words = "detained townspeople tortured guard raids phones"
    a = mention({"torture"}, "Sloviansk", date(2022, 4, 1), words)
    b = mention({"torture"}, "Sloviansk", date(2022, 4, 10), words)
    assert score(a, b, Weights()) == float("-inf")
    assert cluster([a, b]) == [[0], [1]]
    assert cluster([a, b], Weights(span_days=9)) == [[0, 1]]


def test_text_similarity_links_mentions_without_place() -> None:
    words = "detained townspeople tortured guard raids phones"
    a = mention({"arbitrary_detention"}, None, None, words)
    b = mention({"arbitrary_detention"}, None, None, words)
    assert cluster([a, b]) == [[0, 1]]


def test_blocking_never_compares_across_places() -> None:
    mentions = [mention({"torture"}, f"Town{n}", None, "same words here") for n in range(50)]
    assert len(cluster(mentions)) == 50


def test_groups_always_link() -> None:
    a = Mention(types=frozenset({"torture"}), place="A", group="g")
    b = Mention(types=frozenset({"looting"}), place="B", group="g")
    assert cluster([a, b]) == [[0, 1]]


def test_accusations_against_different_parties_are_different_incidents() -> None:
    day = date(2022, 4, 12)
    words = frozenset("detained tortured residents basement".split())
    a = Mention(
        types=frozenset({"torture"}), place="Sloviansk", day=day, words=words, accused="Republic"
    )
    b = Mention(
        types=frozenset({"torture"}),
        place="Sloviansk",
        day=day,
        words=words,
        accused="Northern Coalition",
    )
    c = Mention(types=frozenset({"torture"}), place="Sloviansk", day=day, words=words)
    assert cluster([a, b]) == [[0], [1]]
    assert cluster([a, c]) == [[0, 1]]


EIGHT = Weights(words=8.0)  # round figures for the worked examples below


def pair_score(a: Mention, b: Mention) -> float:
    return score(a, b, EIGHT)


TORTURE = frozenset({"torture"})
DAY = date(2022, 4, 12)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # types 1, place 1, both days within the 7-day span 0.5 (beyond it: never),
        # shared actors 0.25, words 8 x their Jaccard
        (Mention(TORTURE), Mention(TORTURE), 1.0),
        (Mention(TORTURE), Mention(frozenset({"looting"})), 0.0),
        (Mention(TORTURE, place="Izium"), Mention(TORTURE, place="Izium"), 2.0),
        (Mention(TORTURE, place="Izium"), Mention(TORTURE), 1.0),
        (Mention(TORTURE, day=DAY), Mention(TORTURE, day=date(2022, 4, 19)), 1.5),
        (Mention(TORTURE, day=DAY), Mention(TORTURE, day=date(2022, 4, 20)), float("-inf")),
        (Mention(TORTURE, day=DAY), Mention(TORTURE, day=date(2022, 4, 5)), 1.5),
        (Mention(TORTURE, day=DAY), Mention(TORTURE), 1.0),
        (
            Mention(TORTURE, actors=frozenset({"guard", "battalion"})),
            Mention(TORTURE, actors=frozenset({"guard"})),
            1.25,
        ),
        (
            Mention(TORTURE, words=frozenset("basement school beaten".split())),
            Mention(TORTURE, words=frozenset("basement school night".split())),
            5.0,  # 1 + 8 x 2/4
        ),
        (
            Mention(TORTURE, place="Izium", accused="Republic"),
            Mention(TORTURE, place="Izium", accused="Northern Coalition"),
            float("-inf"),
        ),
        (
            Mention(TORTURE, place="Izium", accused="Republic"),
            Mention(TORTURE, place="Izium"),
            2.0,
        ),
    ],
)
def test_score_adds_up_the_evidence(a: Mention, b: Mention, expected: float) -> None:
    assert pair_score(a, b) == expected


def words_mention(words: str) -> Mention:
    return Mention(TORTURE, words=frozenset(words.split()))


@pytest.mark.parametrize(
    ("a", "b", "incidents"),
    [
        # 1 for the type + 8 x Jaccard of the words; a pair links at 2.0
        (words_mention("s a b c d"), words_mention("s e f g h i"), [[0], [1]]),  # 1/10: 1.8
        (words_mention("s a1 a2 a3"), words_mention("s b1 b2 b3 b4"), [[0, 1]]),  # 1/8: 2.0
        (words_mention("s t a1 a2"), words_mention("s t b1 b2 b3 b4"), [[0, 1]]),  # 2/8: 3.0
    ],
)  # fmt: skip
def test_a_pair_links_at_the_threshold(a: Mention, b: Mention, incidents: list[list[int]]) -> None:
    assert cluster([a, b], EIGHT) == incidents


def test_a_place_conflict_is_decided_by_blocking_whatever_else_agrees() -> None:
    """Same type, day, actors and words: 1 + 0.5 + 0.25 + 8 = 9.75 would link them, but
    mentions at different places are never compared."""
    same = dict(types=TORTURE, day=DAY, actors=frozenset({"guard"}), words=frozenset({"x"}))
    assert cluster([Mention(place="Izium", **same), Mention(place="Lyman", **same)]) == [
        [0],
        [1],
    ]
    assert cluster([Mention(place="Izium", **same), Mention(place="Izium", **same)]) == [[0, 1]]


def test_mentions_with_only_a_region_are_blocked_by_region() -> None:
    words = frozenset("detained tortured residents basement".split())
    a = Mention(TORTURE, region="Donetsk Oblast", words=words)
    b = Mention(TORTURE, region="Kharkiv Oblast", words=words)
    c = Mention(TORTURE, region="Donetsk Oblast", words=words)
    assert cluster([a, b, c]) == [[0, 2], [1]]


def test_each_group_links_its_own_members_only() -> None:
    mentions = [
        Mention(TORTURE, place="Izium", group="wire-1"),
        Mention(frozenset({"looting"}), place="Lyman", group="wire-1"),
        Mention(TORTURE, place="Kupiansk", group="wire-2"),
        Mention(frozenset({"looting"}), place="Balakliia", group="wire-2"),
    ]
    assert cluster(mentions) == [[0, 1], [2, 3]]


def test_party_separation_holds_through_a_mention_that_names_no_party() -> None:
    """a (against the Republic) links with c (no party named), and c would link with b
    (against the Coalition): b stays apart, or a and b would be one incident."""
    words = frozenset("detained tortured residents basement".split())
    a = Mention(TORTURE, place="Izium", day=DAY, words=words, accused="Republic")
    b = Mention(TORTURE, place="Izium", day=DAY, words=words, accused="Northern Coalition")
    c = Mention(TORTURE, place="Izium", day=DAY, words=words)
    # c is as close to a as to b; the tie goes by content ("Northern Coalition" first)
    assert cluster([a, b, c]) == [[0], [1, 2]]
    assert cluster([c, a, b]) == [[0, 2], [1]]


def test_without_party_separation_accusations_against_both_sides_may_link() -> None:
    words = frozenset("detained tortured residents basement".split())
    a = Mention(TORTURE, place="Izium", day=DAY, words=words, accused="Republic")
    b = Mention(TORTURE, place="Izium", day=DAY, words=words, accused="Northern Coalition")
    assert cluster([a, b], Weights(separate_accused=False)) == [[0, 1]]


def test_actors_count_only_when_shared() -> None:
    a = Mention(TORTURE, actors=frozenset({"guard"}))
    assert pair_score(a, Mention(TORTURE, actors=frozenset({"battalion"}))) == 1.0
    assert pair_score(a, Mention(TORTURE)) == 1.0


def window_block(position_of_first: int) -> list[Mention]:
    """62 undated mentions of one block, told on 62 consecutive days; only the first two
    share words (and would link: 1 + 4 > 2), the others share nothing (1 < 2). Mention 1 is
    told first; mention 0 ``position_of_first`` days later; the others fill the remaining
    days in index order."""
    positions = [position_of_first, 0] + [p for p in range(1, 62) if p != position_of_first]
    start = date(2022, 1, 1)
    shared = frozenset({"basement"})
    return [
        Mention(
            TORTURE,
            told=start + timedelta(days=position),
            words=shared if index < 2 else frozenset(),
        )
        for index, position in enumerate(positions)
    ]


def test_a_mention_is_compared_with_the_window_of_60_next_in_time() -> None:
    """Sorted by day, mention 1 comes first and mention 0 60th after it: within the
    window, so they link, although 60 other mentions lie between them by day."""
    incidents = cluster(window_block(60))
    assert incidents[0] == [0, 1]
    assert len(incidents) == 61


def test_a_mention_61_places_later_in_time_is_outside_the_window() -> None:
    """Adjacent by input order, but 61 days apart in time order: never compared."""
    assert cluster(window_block(61)) == [[i] for i in range(62)]


def test_an_event_after_a_report_was_published_is_not_what_it_told() -> None:
    words = frozenset("detained tortured residents basement".split())
    told = Mention(TORTURE, place="Izium", told=date(2022, 4, 1), words=words)
    later = Mention(TORTURE, place="Izium", day=date(2022, 4, 5), words=words)
    same_day = Mention(TORTURE, place="Izium", day=date(2022, 4, 2), words=words)
    assert cluster([told, later]) == [[0], [1]]
    assert cluster([told, same_day]) == [[0, 1]]  # a day's grace for time zones


def test_places_disagree_unless_one_lies_within_the_other() -> None:
    """A town and the region or country it lies in may be one event; two towns, or places
    in two regions, never are."""
    words = frozenset("detained tortured residents basement".split())
    izium = Mention(TORTURE, place="geonames:707292", region="UA-63", country="UA", words=words)
    kharkiv_oblast = Mention(TORTURE, region="UA-63", country="UA", words=words)
    ukraine = Mention(TORTURE, country="UA", words=words)
    lyman = Mention(TORTURE, place="geonames:702972", region="UA-14", country="UA", words=words)
    donetsk_oblast = Mention(TORTURE, region="UA-14", country="UA", words=words)
    assert cluster([izium, kharkiv_oblast, ukraine]) == [[0, 1, 2]]
    assert cluster([izium, lyman]) == [[0], [1]]
    assert cluster([izium, donetsk_oblast]) == [[0], [1]]
    assert cluster([izium, Mention(TORTURE, country="RU", words=words)]) == [[0], [1]]


def test_average_linkage_keeps_a_chain_from_becoming_one_incident() -> None:
    """a-b and b-c each share most words, a and c share none: single linkage chains all
    three; average linkage checks c against the whole incident {a, b} and keeps it out."""
    a = Mention(TORTURE, words=frozenset("w1 w2 w3 w4".split()))
    b = Mention(TORTURE, words=frozenset("w1 w2 w3 w4 w5 w6 w7 w8".split()))
    c = Mention(TORTURE, words=frozenset("w5 w6 w7 w8".split()))
    # a-b and b-c: 1 + 8 x 4/8 = 5; a-c: 1; {a, b} against c: (1 + 5) / 2 = 3 >= 2 ...
    assert cluster([a, b, c], replace(EIGHT, linkage="single")) == [[0, 1, 2]]
    # ... so the threshold that separates them is above 3 and at most 5
    assert cluster([a, b, c], replace(EIGHT, threshold=4.0)) == [[0, 1], [2]]
    assert cluster([a, b, c], replace(EIGHT, threshold=4.0, linkage="single")) == [[0, 1, 2]]


def test_the_same_mentions_in_another_order_make_the_same_incidents() -> None:
    words = frozenset("detained tortured residents basement".split())
    mentions = [
        Mention(TORTURE, place="Izium", day=DAY, words=words),
        Mention(TORTURE, place="Izium", day=DAY + timedelta(days=3), words=words),
        Mention(TORTURE, place="Izium", day=DAY + timedelta(days=9), words=words),
        Mention(TORTURE, place="Izium", day=DAY + timedelta(days=6), words=words),
    ]
    forward = cluster(mentions)
    backward = cluster(mentions[::-1])
    as_sets = {frozenset(map(id, (mentions[i] for i in group))) for group in forward}
    last = len(mentions) - 1
    assert as_sets == {
        frozenset(map(id, (mentions[last - i] for i in group))) for group in backward
    }


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        (None, (None, None, None)),
        # a country: resolved, no point and no region: only the country is known
        (Place("Ukraine", "Ukraine", country="UA", geonames_id=690791), (None, None, "UA")),
        # a first-level region: resolved, no GeoNames place inside it
        (
            Place("Kharkiv Oblast", "Kharkiv Oblast", 49.5, 36.5, "UA", region="UA-63"),
            (None, "UA-63", "UA"),
        ),
        # a town with its region, a town whose region is not known, a place without id
        (
            Place("Izium", "Izium", 49.2, 37.3, "UA", geonames_id=707688, region="UA-63"),
            ("geonames:707688", "UA-63", "UA"),
        ),
        (
            Place("Izium", "Izium", 49.2, 37.3, "UA", geonames_id=707688),
            ("geonames:707688", None, "UA"),
        ),
        (Place("Hamlet", "Hamlet", 49.0, 37.0, "UA"), ("Hamlet", None, "UA")),
        # a name several places bear: the name alone, even without a point or a region
        (
            Place("Mykolaivka", "Mykolaivka", country="UA", resolved=False),
            ("unresolved:Mykolaivka", None, "UA"),
        ),
        (
            Place("Oleksandrivka", "Oleksandrivka", country="UA", region="UA-14", resolved=False),
            ("unresolved:Oleksandrivka", "UA-14", "UA"),
        ),
    ],
)
def test_a_mention_is_located_as_specifically_as_its_place_allows(
    place: Place | None, expected: tuple[str | None, str | None, str | None]
) -> None:
    assert located(place) == expected


def test_a_pair_s_remembered_score_is_its_own_whichever_way_it_is_asked() -> None:
    """Four mentions whose pairs score by the jaccard of their words: asked in every order,
    each pair gets its own score, never the one kept for another pair."""
    words = ["a b c d", "a b c e", "a b f g", "a h i j"]
    mentions = [Mention(frozenset({"torture"}), words=frozenset(w.split())) for w in words]
    rules = Weights()
    pairs = _Pairs(mentions, rules)
    # 1 (types) + 4 x jaccard: 3/5, 2/6, 1/7; 2/6, 1/7; 1/7
    expected = {
        (0, 1): 1 + 4 * 3 / 5,
        (0, 2): 1 + 4 * 2 / 6,
        (0, 3): 1 + 4 * 1 / 7,
        (1, 2): 1 + 4 * 2 / 6,
        (1, 3): 1 + 4 * 1 / 7,
        (2, 3): 1 + 4 * 1 / 7,
    }
    for i in range(4):
        for j in range(4):
            if i != j:
                assert pairs(i, j) == pytest.approx(expected[min(i, j), max(i, j)])


def test_linkage_is_the_average_over_every_pair_across() -> None:
    """Three mentions of one type and nothing else in common: each pair scores 1 (the type),
    so one against two averages 2 / 2 = 1; a pair that can never be one incident makes the
    whole linkage minus infinity."""
    same = [Mention(frozenset({"torture"})) for _ in range(3)]
    assert linkage(same, [0], [1, 2], Weights()) == 1.0
    assert linkage(same, [0, 1], [2], Weights()) == 1.0
    apart = [
        *same,
        Mention(frozenset({"torture"}), place="Izium"),
        Mention(frozenset(), place="Lyman"),
    ]
    assert linkage(apart, [0, 3], [1, 4], Weights()) == float("-inf")


def _on(day: int | None = None, told: int | None = None, **named: str) -> Mention:
    start = date(2022, 3, 10)
    return Mention(
        frozenset({"shelling"}),
        day=None if day is None else start + timedelta(days=day),
        told=None if told is None else start + timedelta(days=told),
        **named,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_on(place="Izium"), _on(place="Lyman"), True),
        (_on(place="Izium"), _on(place="Izium"), False),
        (_on(place="Izium"), _on(), False),
        (_on(region="UA-63"), _on(region="UA-14"), True),
        (_on(country="UA"), _on(country="RU"), True),
        (_on(0), _on(7), False),  # seven days apart: the span
        (_on(0), _on(8), True),
        (_on(3), _on(told=1), True),  # the event came two days after b was published
        (_on(2), _on(told=1), False),  # a day's grace
        (_on(told=1), _on(3), True),
        (_on(told=1), _on(2), False),
        (_on(told=0), _on(told=61), True),  # two undated mentions told 61 days apart
        (_on(told=0), _on(told=60), False),
        (_on(told=61), _on(told=0), True),
        (_on(told=0), _on(), False),  # nothing to measure against
        (_on(0), _on(told=61), True),  # told 61 days after the other's event day
        (_on(0), _on(told=60), False),
        (_on(told=61), _on(0), True),
        (_on(told=60), _on(0), False),
        (_on(0), _on(), False),
        (_on(accused="party:north"), _on(accused="party:south"), True),
        (_on(accused="party:north"), _on(), False),
    ],
)
def test_what_can_never_be_one_incident_worked_out_by_hand(
    a: Mention, b: Mention, expected: bool
) -> None:
    assert conflict(a, b, Weights()) is expected
    assert (score(a, b, Weights()) == float("-inf")) is expected


def test_accused_parties_conflict_only_when_kept_apart() -> None:
    a, b = _on(accused="party:north"), _on(accused="party:south")
    assert not conflict(a, b, Weights(separate_accused=False))


def test_a_score_adds_each_agreement_worked_out_by_hand() -> None:
    """Type 1, place 1, both dated 0.5, an actor 0.25, words 4 x 1/3, context 4 x 2/4."""
    a = Mention(
        frozenset({"shelling"}),
        place="Izium",
        day=date(2022, 3, 10),
        actors=frozenset({"army"}),
        words=frozenset({"market", "shelled"}),
        context=frozenset({"izium", "market", "dawn"}),
    )
    b = replace(
        a,
        day=date(2022, 3, 11),
        words=frozenset({"market", "struck"}),
        context=frozenset({"izium", "market", "noon"}),
    )
    assert score(a, b, Weights()) == pytest.approx(1 + 1 + 0.5 + 0.25 + 4 / 3 + 4 * 2 / 4)


def test_a_set_against_itself_has_a_jaccard_of_one() -> None:
    shared = frozenset({"izium", "market"})
    assert jaccard(shared, shared) == 1.0
    assert jaccard(shared, frozenset({"izium", "market"})) == 1.0
    assert jaccard(shared, frozenset()) == 0.0


def test_mentions_of_no_type_are_blocked_together_and_link() -> None:
    """No type, one place, the same words: place 1 and words 4 x 1 pass the threshold."""
    words = "detained townspeople tortured guard raids phones"
    assert cluster(
        [mention(set(), "Izium", None, words), mention(set(), "Izium", None, words)]
    ) == [[0, 1]]
