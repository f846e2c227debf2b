"""The candidate groups in detail: labels, span ids, cue anchors and the switches that turn a
reader off (``extract/attribution/candidates.py``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as Phrase

from corroborate.extract.attribution import candidates as module
from corroborate.extract.attribution.candidates import (
    ENCODER,
    QUOTATIONS,
    RULES,
    RuleCandidates,
    encoder,
    fill,
    quotations,
    write,
)
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.tagger import KEY, Tagged
from corroborate.extract.models.nlp import load_pipeline
from corroborate.extract.rules import disabled
from corroborate.model import Span

SAID = "The governor said, that it was over."
QUOTED = "“The shelling went on all night,” the governor said. “Nobody slept.”"


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


def raw(
    text: str, speaker: str, cue: Span, content: str, *, learned: bool = False
) -> RawAttribution:
    def at(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    return RawAttribution(at(speaker), 0, cue, at(content), False, "say", 0, learned=learned)


def anchored(nlp: Language, cue: Span) -> tuple[int, int]:
    doc = nlp(SAID)
    write(doc, RULES, [("parse", raw(SAID, "The governor", cue, "that it was over"))])
    [span] = doc.spans[RULES]
    return span.start, span.end


@pytest.mark.parametrize(
    ("cue", "tokens"),
    [
        (Span(13, 17, "said"), (2, 3)),  # the cue's own token
        (Span(14, 20, "aid, t"), (2, 5)),  # part of three tokens: all three
        (Span(16, 16, ""), (2, 3)),  # no characters: the token it starts in, not the comma
        (Span(12, 13, " "), (2, 3)),  # white space: the next token
        (Span(60, 61, "?"), (8, 9)),  # past the end: the last token
    ],
)
def test_a_span_of_a_group_covers_its_cue_s_tokens(
    nlp: Language, cue: Span, tokens: tuple[int, int]
) -> None:
    assert anchored(nlp, cue) == tokens


def test_each_span_stands_for_its_own_candidate(nlp: Language) -> None:
    doc = nlp(SAID)
    first = raw(SAID, "The governor", Span(13, 17, "said"), "that it was over")
    second = raw(SAID, "it", Span(13, 17, "said"), "over")
    write(doc, RULES, [("parse", first), ("learned", second)])
    assert [(s.label_, s.id, s._.candidate) for s in doc.spans[RULES]] == [
        ("parse", 0, first),
        ("learned", 1, second),
    ]


def test_a_span_outside_the_groups_stands_for_nothing(nlp: Language) -> None:
    doc = nlp(SAID)
    assert Phrase(doc, 0, 1, kb_id=RULES)._.candidate is None  # nothing written yet
    write(doc, RULES, [("parse", raw(SAID, "The governor", Span(13, 17, "said"), "it was"))])
    assert Phrase(doc, 0, 1, kb_id=QUOTATIONS)._.candidate is None  # a group not written
    assert Phrase(doc, 0, 1, kb_id=RULES, span_id=1)._.candidate is None  # past the last


@pytest.fixture
def learned_only(monkeypatch: pytest.MonkeyPatch) -> Iterator[RawAttribution]:
    cue = Span(13, 17, "said")
    found = raw(SAID, "The governor", cue, "that it was over", learned=True)
    monkeypatch.setattr(module, "find_attributions", lambda doc: [found])
    yield found


def test_a_cue_only_the_cue_model_knows_is_labelled_learned(
    nlp: Language, learned_only: RawAttribution
) -> None:
    doc = RuleCandidates()(nlp(SAID))
    assert [(s.label_, s._.candidate) for s in doc.spans[RULES]] == [("learned", learned_only)]
    assert list(RuleCandidates(learned=False)(nlp(SAID)).spans[RULES]) == []


def test_without_the_encoder_the_rules_keep_learned_cues(
    nlp: Language, learned_only: RawAttribution
) -> None:
    doc = fill(nlp(SAID), with_encoder=False)
    assert [s.label_ for s in doc.spans[RULES]] == ["learned"]


def test_the_rules_turned_off_find_nothing(nlp: Language, learned_only: RawAttribution) -> None:
    with disabled(RULES):
        doc = RuleCandidates()(nlp(SAID))
    assert list(doc.spans[RULES]) == []


def test_a_quotation_going_on_after_its_cue_is_a_continuation(nlp: Language) -> None:
    doc = quotations(nlp(QUOTED))
    assert [(s.label_, s._.candidate.content.text) for s in doc.spans[QUOTATIONS]] == [
        ("quotation", "The shelling went on all night"),
        ("continuation", "Nobody slept"),
    ]
    with disabled("quotation-continuations"):
        doc = quotations(nlp(QUOTED))
    assert [s.label_ for s in doc.spans[QUOTATIONS]] == ["quotation"]
    with disabled("quotations"):
        doc = quotations(nlp(QUOTED))
    assert list(doc.spans[QUOTATIONS]) == []  # no quotation: nothing to go on from


def test_each_quotation_rule_is_turned_off_by_its_own_name() -> None:
    parsed = load_pipeline()
    with disabled("quotations"):
        doc = fill(parsed(QUOTED), with_encoder=False)
    assert [(s.label_, s._.candidate.content.text) for s in doc.spans[QUOTATIONS]] == [
        ("continuation", "Nobody slept")  # of the parse rules' attribution
    ]
    with disabled(QUOTATIONS):
        doc = fill(parsed(QUOTED), with_encoder=False)
    assert list(doc.spans[QUOTATIONS]) == [] and len(doc.spans[RULES]) == 1


def tagged(nlp: Language) -> Doc:
    doc = nlp(SAID)
    doc.user_data[KEY] = [("SOURCE", 0, 12), ("CUE", 13, 17), ("CONTENT", 19, 35)]
    return doc


def test_the_encoder_s_spans_are_one_candidate_per_cue(nlp: Language) -> None:
    doc = encoder(tagged(nlp))
    [span] = doc.spans[ENCODER]
    assert (span.label_, span.text) == ("encoder", "said")
    found = span._.candidate
    assert isinstance(found, Tagged) and found.source is not None
    assert (found.source.text, found.cue.text) == ("The governor", "said")
    assert [c.text for c in found.content] == ["that it was over"]


def test_the_encoder_turned_off_writes_an_empty_group(nlp: Language) -> None:
    with disabled(ENCODER):
        doc = encoder(tagged(nlp))
    assert list(doc.spans[ENCODER]) == []
