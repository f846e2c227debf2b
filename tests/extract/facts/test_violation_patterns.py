"""Every grammatical shape of taxonomy/violations/patterns.yaml matches its own example."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.acts import read
from corroborate.extract.models.nlp import load_pipeline
from corroborate.taxonomy.harm import acts, inflections, participants, shapes


@pytest.mark.parametrize("shape", shapes(), ids=lambda s: s.id)
def test_each_pattern_matches_its_example(shape) -> None:  # type: ignore[no-untyped-def]
    doc = load_pipeline()(shape.example)
    found = read(doc)
    if shape.kind in ("victim", "agent", "cause"):
        hits = [p for r in found.readings for p in r.participants if p.shape == shape.id]
    else:
        hits = [c for c in found.contexts if c.shape == shape.id]
    assert hits, f"{shape.id} does not match its example {shape.example!r}"


def test_every_act_signals_known_types() -> None:
    from corroborate.taxonomy import violations

    codes = {t.code for t in violations()}
    assert all(set(a.types) <= codes for a in acts())


def test_no_word_is_both_protected_and_military() -> None:
    words = participants()
    assert not (words.protected_persons | words.protected_objects) & words.military


def test_inflections_of_regular_words() -> None:
    assert {"shells", "shelled", "shelling"} <= inflections("shell")
    assert {"bombs", "bombed", "bombing"} <= inflections("bomb")
    assert {"detained", "detaining"} <= inflections("detain")
    assert {"civilians"} <= inflections("civilian")
