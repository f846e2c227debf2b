"""The readers as spaCy components writing candidates to ``doc.spans``
(``extract/attribution/candidates.py``)."""

from __future__ import annotations

import spacy

from corroborate.extract.attribution.candidates import (
    ENCODER,
    QUOTATIONS,
    RULES,
    fill,
    quotation_candidates,
)
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.models.nlp import load_pipeline
from corroborate.extract.rules import disabled

TEXT = (
    "The governor said that three civilians were killed in the shelling.\n\n"
    "“The shelling went on all night.” ― Olena Marchenko"
)


def test_each_reader_writes_its_candidates_to_a_named_group() -> None:
    doc = fill(load_pipeline()(TEXT), with_encoder=False)
    [rule] = doc.spans[RULES]
    assert (rule.text, rule.label_) == ("said", "parse")
    found = rule._.candidate
    assert isinstance(found, RawAttribution)
    assert found.speaker.text == "The governor" and found.content.text.startswith("that three")
    assert [(s.label_, s._.candidate.speaker.text) for s in doc.spans[QUOTATIONS]] == [
        ("quotation", "Olena Marchenko")
    ]
    assert list(doc.spans[ENCODER]) == []  # no encoder: its group is empty


def test_a_group_turned_off_by_name_is_empty() -> None:
    with disabled(QUOTATIONS):
        doc = fill(load_pipeline()(TEXT), with_encoder=False)
    assert list(doc.spans[QUOTATIONS]) == [] and len(doc.spans[RULES]) == 1


def test_the_components_run_in_a_spacy_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("corroborate_quotation_candidates")
    doc = nlp(TEXT)
    assert [r.speaker.text for r in quotation_candidates(doc)] == ["Olena Marchenko"]
    assert nlp.get_pipe_meta("corroborate_quotation_candidates").factory
    rules = spacy.blank("en").add_pipe("corroborate_rule_candidates", config={"learned": False})
    assert rules.learned is False
