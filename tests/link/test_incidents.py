"""Blocked clustering of mentions into incidents."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from corroborate.link.incidents import Mention, Weights, cluster, score


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


def test_far_apart_days_need_more_evidence() -> None:
    a = mention({"torture"}, "Sloviansk", date(2022, 4, 1))
    b = mention({"torture"}, "Sloviansk", date(2022, 9, 1))
    assert score(a, b, Weights()) < Weights().threshold


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


def pair_score(a: Mention, b: Mention) -> float:
    return score(a, b, Weights())


TORTURE = frozenset({"torture"})
DAY = date(2022, 4, 12)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # types 1, place 1, a day within 7 days 0.5 (else -1.5), shared actors 0.25,
        # words 8 x their Jaccard
        (Mention(TORTURE), Mention(TORTURE), 1.0),
        (Mention(TORTURE), Mention(frozenset({"looting"})), 0.0),
        (Mention(TORTURE, place="Izium"), Mention(TORTURE, place="Izium"), 2.0),
        (Mention(TORTURE, place="Izium"), Mention(TORTURE), 1.0),
        (Mention(TORTURE, day=DAY), Mention(TORTURE, day=date(2022, 4, 19)), 1.5),
        (Mention(TORTURE, day=DAY), Mention(TORTURE, day=date(2022, 4, 20)), -0.5),
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
    assert cluster([a, b]) == incidents


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
    assert cluster([a, b, c]) == [[0, 2], [1]]


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
    """62 mentions of one block on 62 consecutive days; only the first two share words
    (and would link: 1 + 8 - 1.5 > 2), the others share nothing (1 + 0.5 or 1 - 1.5 < 2).
    Mention 1 is the earliest; mention 0 is ``position_of_first`` days later; the others
    fill the remaining days in index order."""
    positions = [position_of_first, 0] + [p for p in range(1, 62) if p != position_of_first]
    start = date(2022, 1, 1)
    shared = frozenset({"basement"})
    return [
        Mention(
            TORTURE,
            day=start + timedelta(days=position),
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
