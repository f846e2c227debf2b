"""The arbitration's grammatical checks on parses written out by hand
(``extract/attribution/combine.py``): who undergoes a passive cue, what a relative pronoun
opens, which trailing phrase joins a content and which content says nothing. A parse built
here fixes every tag, label and head, so each case tests the rule and not the parser; both
the Universal Dependencies labels of the bundled model (``nsubj:pass``) and the older English
ones (``nsubjpass``) are read.
"""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from corroborate.extract.attribution.combine import (
    _opening_relative,
    _undergoes,
    _with_trailing_modifier,
    _wordless,
)
from corroborate.extract.attribution.tagger import Tagged
from corroborate.model import Span

PUNCT = frozenset({".", ","})
VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case) without a model

# "Others were threatened with transfer by the army." in the labels of the bundled model
THREATENED = [
    ("Others", "NNS", "nsubj:pass", 2),
    ("were", "VBD", "aux:pass", 2),
    ("threatened", "VBN", "ROOT", 2),
    ("with", "IN", "case", 4),
    ("transfer", "NN", "obl", 2),
    ("by", "IN", "case", 7),
    ("the", "DT", "det", 7),
    ("army", "NN", "obl:agent", 2),
    (".", ".", "punct", 2),
]


def _parsed(rows: list[tuple[str, str, str, int]]) -> Doc:
    """A parse of (word, tag, label, head) rows; a word is followed by a space unless
    punctuation comes next."""
    words = [w for w, _, _, _ in rows]
    spaces = [n + 1 < len(words) and words[n + 1] not in PUNCT for n in range(len(words))]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        tags=[t for _, t, _, _ in rows],
        deps=[d for _, _, d, _ in rows],
        heads=[h for _, _, _, h in rows],
    )


def _at(doc: Doc, phrase: str) -> Span:
    start = doc.text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def test_the_passive_subject_of_its_cue_undergoes_it() -> None:
    doc = _parsed(THREATENED)
    assert _undergoes(doc, _at(doc, "Others"), _at(doc, "were threatened"))
    # offsets cut inside a word are widened to the whole word
    assert _undergoes(doc, _at(doc, "thers"), _at(doc, "re threatene"))


def test_the_older_english_labels_are_read_as_well() -> None:
    older = {"nsubj:pass": "nsubjpass", "aux:pass": "auxpass"}
    doc = _parsed([(w, t, older.get(d, d), h) for w, t, d, h in THREATENED])
    assert _undergoes(doc, _at(doc, "Others"), _at(doc, "were threatened"))


def test_only_a_passive_subject_of_a_verb_in_the_cue_undergoes_it() -> None:
    doc = _parsed(THREATENED)
    # the agent is no passive subject: it acts
    assert not _undergoes(doc, _at(doc, "the army"), _at(doc, "were threatened"))
    # the cue "were" does not hold the verb the subject hangs on
    assert not _undergoes(doc, _at(doc, "Others"), _at(doc, "were"))
    # a source outside the parsed text is no phrase of it
    assert not _undergoes(doc, Span(200, 206, "absent"), _at(doc, "were threatened"))


def test_a_cue_running_past_its_verb_on_a_word_of_no_speech_still_undergoes() -> None:
    doc = _parsed(THREATENED)
    assert _undergoes(doc, _at(doc, "Others"), _at(doc, "were threatened with"))


@pytest.mark.parametrize(
    ("rows", "source", "cue"),
    [
        (  # "was cited by TASS": the one cited spoke
            [("The", "DT", "det", 1), ("minister", "NN", "nsubj:pass", 3),
             ("was", "VBD", "aux:pass", 3), ("cited", "VBN", "ROOT", 3),
             ("by", "IN", "case", 5), ("TASS", "NNP", "obl:agent", 3), (".", ".", "punct", 3)],
            "The minister", "was cited",
        ),
        (  # "was heard saying": a speech verb after the passive one
            [("The", "DT", "det", 1), ("official", "NN", "nsubj:pass", 3),
             ("was", "VBD", "aux:pass", 3), ("heard", "VBN", "ROOT", 3),
             ("saying", "VBG", "xcomp", 3), ("so", "RB", "advmod", 4), (".", ".", "punct", 3)],
            "The official", "was heard saying",
        ),
    ],
)  # fmt: skip
def test_the_one_quoted_or_heard_saying_speaks(
    rows: list[tuple[str, str, str, int]], source: str, cue: str
) -> None:
    doc = _parsed(rows)
    assert not _undergoes(doc, _at(doc, source), _at(doc, cue))


# "What worries monitors, which the mission said, …": a question word is no relative pronoun
OPENINGS = [
    ("What", "WP", "nsubj", 1),
    ("worries", "VBZ", "ROOT", 1),
    ("monitors", "NNS", "obj", 1),
    (",", ",", "punct", 1),
    ("which", "WDT", "obj", 7),
    ("the", "DT", "det", 6),
    ("mission", "NN", "nsubj", 7),
    ("said", "VBD", "acl:relcl", 2),
    (".", ".", "punct", 1),
]


def test_a_relative_pronoun_opens_a_relative_source_and_a_question_word_does_not() -> None:
    doc = _parsed(OPENINGS)
    opened = _opening_relative(doc, _at(doc, "which the mission"))
    assert opened is not None and opened.text == "which the mission"
    # cut inside its first word, the source is widened to it
    loose = _opening_relative(doc, _at(doc, "hich the mission"))
    assert loose is not None and loose.text == "which the mission"
    assert _opening_relative(doc, _at(doc, "What worries")) is None
    # "that" tagged as a determiner is no relative pronoun
    that = _parsed([("that", "DT", "det", 1), ("report", "NN", "ROOT", 1)])
    assert _opening_relative(that, _at(that, "that report")) is None


# "He condemned the shelling in Kramatorsk" and what may follow it
SHELLING = [
    ("He", "PRP", "nsubj", 1),
    ("condemned", "VBD", "ROOT", 1),
    ("the", "DT", "det", 3),
    ("shelling", "NN", "obj", 1),
    ("in", "IN", "case", 5),
    ("Kramatorsk", "NNP", "nmod", 3),
]


def test_a_place_ending_the_text_joins_the_content() -> None:
    doc = _parsed(SHELLING)
    assert _with_trailing_modifier(doc, _at(doc, "the shelling")) == _at(
        doc, "the shelling in Kramatorsk"
    )
    # a content that starts on the word the place hangs on takes it too
    assert _with_trailing_modifier(doc, _at(doc, "shelling")) == _at(doc, "shelling in Kramatorsk")
    # a place that hangs on no word of the content is not the content's
    assert _with_trailing_modifier(doc, _at(doc, "the")) == _at(doc, "the")
    # offsets cut inside a word are read as the whole word; the content keeps its start
    assert _with_trailing_modifier(doc, _at(doc, "he shellin")) == _at(
        doc, "he shelling in Kramatorsk"
    )


def test_a_content_ending_the_text_has_nothing_to_take() -> None:
    doc = _parsed(SHELLING)
    assert _with_trailing_modifier(doc, _at(doc, "the shelling in Kramatorsk")) == _at(
        doc, "the shelling in Kramatorsk"
    )


def test_a_place_followed_by_more_of_its_sentence_stays_out() -> None:
    doc = _parsed([*SHELLING, ("today", "NN", "obl:tmod", 1)])
    assert _with_trailing_modifier(doc, _at(doc, "the shelling")) == _at(doc, "the shelling")


def test_a_case_word_of_a_phrase_inside_the_content_adds_nothing() -> None:
    """ "ago" marks "two weeks", which the content already holds."""
    doc = _parsed(
        [("He", "PRP", "nsubj", 1), ("reported", "VBD", "ROOT", 1),
         ("attacks", "NNS", "obj", 1), ("two", "CD", "nummod", 4), ("weeks", "NNS", "obl", 1),
         ("ago", "IN", "case", 4), (".", ".", "punct", 1)]
    )  # fmt: skip
    content = _at(doc, "reported attacks two weeks")
    assert _with_trailing_modifier(doc, content) == content


def test_a_content_of_one_function_word_cut_inside_it_says_nothing() -> None:
    doc = _parsed(
        [("The", "DT", "det", 1), ("ministry", "NN", "nsubj", 2), ("denied", "VBD", "ROOT", 2),
         ("the", "DT", "obj", 2), (".", ".", "punct", 2)]
    )  # fmt: skip
    start = doc.text.index("the")
    tagged = Tagged(_at(doc, "The ministry"), _at(doc, "denied"), (Span(start, start + 2, "th"),))
    assert _wordless(doc, tagged)


@pytest.mark.parametrize(
    "after",
    [
        [(",", ",", "punct", 3), ("again", "RB", "advmod", 3), (".", ".", "punct", 1)],
        [(",", ",", "punct", 3), (".", ".", "punct", 1)],
    ],
)
def test_only_a_description_after_a_comma_joins_the_content(
    after: list[tuple[str, str, str, int]],
) -> None:
    """ ", again." hangs on the shelling but describes nothing; ", ." holds no word."""
    doc = _parsed([*SHELLING[:4], *after])
    assert _with_trailing_modifier(doc, _at(doc, "the shelling")) == _at(doc, "the shelling")
    described = _parsed([*SHELLING[:4], (",", ",", "punct", 5), ("missing", "VBN", "acl", 3),
                         ("since", "IN", "case", 7), ("May", "NNP", "obl", 5),
                         (".", ".", "punct", 1)])  # fmt: skip
    assert _with_trailing_modifier(described, _at(described, "the shelling")) == _at(
        described, "the shelling, missing since May"
    )
