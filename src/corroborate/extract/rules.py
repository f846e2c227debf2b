"""Switches for measuring what each extraction rule contributes (``bench/ablation.py``).

Every grammatical shape (``taxonomy/attribution/shapes.yaml``, by id), every rule family
named in ``FAMILIES`` and each reader's group of candidates (``attribution/candidates.py``:
``attribution_candidates.rules``, ``.quotations``, ``.encoder``) can be turned off for a block
of code with ``disabled(...)``; the extraction code asks ``enabled(name)`` where the rule
applies. Nothing is off unless a
measurement turns it off, so extraction itself never depends on this module's state.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

# rule families outside the shapes file, each checked where it applies
FAMILIES = {
    "learned-cues": "verbs outside the lexicon that the cue model takes for cues",
    "object-content": "a cue without a clause reporting through its object or a preposition",
    "subject-before": "the noun phrase before a cue where the parser found no subject",
    "quotations": "quotations with their cue or signature (extract/attribution/quotes.py)",
    "quotation-continuations": "a quotation going on after its cue ('“A,” he said. “B.”')",
    "says-filter": "dropping candidates that report no statement (extract/attribution/saying.py)",
    "relay-filter": "dropping relay sentences ('The statement was reported by NVSN')",
}
_OFF: set[str] = set()


def enabled(name: str) -> bool:
    """Whether a shape or rule family is on (always, outside a measurement)."""
    return name not in _OFF


@contextmanager
def disabled(*names: str) -> Iterator[None]:
    """Turn the named shapes or rule families off inside the block."""
    before = set(_OFF)
    _OFF.update(names)
    try:
        yield
    finally:
        _OFF.clear()
        _OFF.update(before)
