"""Trigger senses (bench/trigger_senses.py): words alike in meaning share a sense, the
relation is symmetric, and a stricter cosine never adds one."""

from __future__ import annotations

from bench.ecbplus import EventMention
from bench.eval_incidents import sense_types, trigger_head
from bench.trigger_senses import senses

HEADS = ["murder", "murdered", "Killing", "earthquake", "quake", "escaped", "fled", "won"]


def test_each_head_is_its_own_sense_and_unrelated_words_are_apart() -> None:
    found = dict(zip(HEADS, senses(HEADS, 0.5), strict=True))
    assert all(head.lower() in found[head] for head in HEADS)
    assert "murdered" in found["murder"]
    assert "quake" in found["earthquake"]
    assert "earthquake" not in found["murder"]
    assert "won" not in found["fled"]


def test_senses_are_symmetric_and_shrink_as_the_cosine_rises() -> None:
    lower = [head.lower() for head in HEADS]
    loose = dict(zip(lower, senses(HEADS, 0.4), strict=True))
    strict = dict(zip(lower, senses(HEADS, 0.7), strict=True))
    for head, near in loose.items():
        assert all(head in loose[other] for other in near)
        assert strict[head] <= near


def _gold(trigger: str) -> EventMention:
    return EventMention("d:1", "d", 1, "1ecb", 0, "ACTION_OCCURRENCE", trigger, "", (1,), "c")


def test_types_are_the_stem_alone_without_senses_and_gain_stems_with_them() -> None:
    golds = [_gold("murdered"), _gold("murder"), _gold("set fire")]
    assert trigger_head("set fire") == "set"
    assert sense_types(golds, None) == [
        frozenset({"murder"}),
        frozenset({"murder"}),
        frozenset({"set"}),
    ]
    with_senses = sense_types(golds, 0.5)
    assert with_senses[0] == with_senses[1] == frozenset({"murder"})
    assert "murder" not in with_senses[2]
