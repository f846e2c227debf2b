"""Trigger arguments (bench/trigger_arguments.py): the nouns the parse attaches to a trigger,
stemmed; nothing where the trigger is not found in its sentence."""

from __future__ import annotations

from bench.ecbplus import EventMention
from bench.trigger_arguments import trigger_arguments


def _gold(trigger: str, sentence: str) -> EventMention:
    return EventMention("d:1", "d", 1, "1ecb", 0, "ACTION_OCCURRENCE", trigger, sentence, (1,), "c")


def test_subject_and_object_of_a_verb_and_the_noun_an_adjective_modifies() -> None:
    arrested, fatal, missing = trigger_arguments(
        [
            _gold("arrested", "Police arrested the suspect in Lyon."),
            _gold("fatal", "The fatal crash closed the road."),
            _gold("exploded", "Police arrested the suspect in Lyon."),
        ]
    )
    assert {"polic", "suspect"} <= arrested  # stems: "Police" -> "polic"
    assert "crash" in fatal
    assert "road" not in fatal  # the object of another word
    assert missing == frozenset()
