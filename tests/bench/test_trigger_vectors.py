"""Contextual trigger vectors (bench/trigger_vectors.py): unit length, read in context (one
word in two sentences gets two vectors), the trigger's own and not its sentence's, and the
same for the same mention."""

from __future__ import annotations

import numpy as np
from bench.ecbplus import EventMention
from bench.trigger_vectors import trigger_vectors


def _gold(trigger: str, sentence: str, number: int) -> EventMention:
    return EventMention(
        f"d:{number}", "d", 1, "1ecb", number, "ACTION_OCCURRENCE", trigger, sentence, (1,), "c"
    )


GOLDS = [
    _gold("fired", "The coach fired the striker after the match.", 0),
    _gold("fired", "Soldiers fired on the crowd in the square.", 1),
    _gold("coach", "The coach fired the striker after the match.", 2),
    _gold("fired", "The coach fired the striker after the match.", 3),
]


def test_vectors_are_unit_length_and_one_per_mention() -> None:
    triggers, sentences = trigger_vectors(GOLDS)
    assert triggers.shape == sentences.shape == (4, 384)
    assert np.allclose(np.linalg.norm(triggers, axis=1), 1.0, atol=1e-5)
    assert np.allclose(np.linalg.norm(sentences, axis=1), 1.0, atol=1e-5)


def test_a_word_is_read_in_its_sentence_and_apart_from_its_neighbours() -> None:
    triggers, sentences = trigger_vectors(GOLDS)
    assert float(triggers[0] @ triggers[1]) < 0.99  # "fired" in two senses
    assert float(triggers[0] @ triggers[2]) < 0.99  # two words of one sentence
    assert np.array_equal(sentences[0], sentences[2])  # one sentence, one sentence vector
    assert not np.array_equal(triggers[0], sentences[0])


def test_the_same_mention_gets_the_same_vector() -> None:
    first, _ = trigger_vectors(GOLDS)
    again, _ = trigger_vectors(list(reversed(GOLDS)))
    assert np.array_equal(first[0], first[3])
    assert np.array_equal(first, again[::-1])
