"""Grammatical shapes as data (``taxonomy/attribution/shapes.yaml``, read by
``extract/attribution/patterns.py``): every shape fires on its own example sentence."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from corroborate.extract.attribution.patterns import first_by_anchor, found, shapes, starts
from corroborate.extract.models.nlp import load_pipeline
from corroborate.extract.rules import FAMILIES, disabled

SHAPES = sorted(shapes())


def _parse(text: str) -> Doc:
    return load_pipeline()(text)


def _word(doc: Doc, index: int) -> str:
    return doc[index].text


def test_every_shape_has_an_id_an_example_and_patterns() -> None:
    assert {"according-to", "clause-introduced", "subject-speaker", "passive-agent"} <= set(SHAPES)
    for shape in shapes().values():
        assert shape.example and shape.about and shape.patterns, shape.id
        assert shape.matcher in ("token", "dependency"), shape.id
        if shape.matcher == "dependency":
            assert shape.anchor and shape.other, shape.id


def test_no_shape_id_is_also_a_rule_family() -> None:
    assert not set(SHAPES) & set(FAMILIES)


@pytest.mark.parametrize("shape_id", SHAPES)
def test_every_shape_fires_on_its_example(shape_id: str) -> None:
    doc = _parse(shapes()[shape_id].example)
    assert found(doc, shape_id), f"{shape_id} found nothing in its example"


@pytest.mark.parametrize("shape_id", SHAPES)
def test_a_disabled_shape_finds_nothing(shape_id: str) -> None:
    doc = _parse(shapes()[shape_id].example)
    with disabled(shape_id):
        assert found(doc, shape_id) == ()
    assert found(doc, shape_id)  # on again after the block


def test_according_to_marks_its_two_words() -> None:
    doc = _parse(shapes()["according-to"].example)
    [(start, end)] = found(doc, "according-to")
    assert doc[start:end].text == "according to"


def test_the_shapes_name_the_tokens_the_rules_take() -> None:
    said = _parse("The governor said that three civilians were killed.")
    assert [_word(said, i) for i in starts(said, "clause-introduced")] == ["said"]
    speakers = first_by_anchor(said, "subject-speaker")
    assert {_word(said, c): _word(said, s) for c, s in speakers.items()}["said"] == "governor"
    passive = _parse("The shelling of the hospital was reported by the regional administration.")
    agents = first_by_anchor(passive, "passive-agent")
    assert {_word(passive, c): _word(passive, a) for c, a in agents.items()} == {
        "reported": "administration"
    }


def test_a_clause_that_is_not_introduced_is_no_clause_introduced_shape() -> None:
    # "said three civilians were killed": a clause, but no "that"; the rules read it another way
    doc = _parse("The governor said three civilians were killed.")
    assert not starts(doc, "clause-introduced")


def test_it_this_and_that_are_no_speakers() -> None:
    doc = _parse("It said nothing. This shows that the strike hit a school.")
    speakers = {
        _word(doc, c): _word(doc, s) for c, s in first_by_anchor(doc, "subject-speaker").items()
    }
    assert speakers == {"hit": "strike"}  # not "said" nor "shows"
