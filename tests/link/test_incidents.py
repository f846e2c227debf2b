"""Blocked clustering of mentions into incidents."""

from __future__ import annotations

from datetime import date

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
