"""Cue finding beyond the lexicon: the learned cue model, object and prepositional cues,
quotations signed with a dash or continued after their cue."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from corroborate.errors import ExtractionError
from corroborate.extract import Extractor
from corroborate.extract.attribution.speaker_phrase import trimmed_source
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.extract.models.cue_model import BITS, features, load_cue_model
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


@pytest.fixture(autouse=True)
def _names_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests give the tagger spans by offsets into the text as written, and check the
    rules that read them: the parse reads the names as written too (``extract/blind.py``)."""
    monkeypatch.setenv("CORROBORATE_NAME_BLIND", "0")


def triples(text: str) -> list[tuple[str, str | None, str]]:
    found = Extractor.load().extract(text).attributions
    return [(a.speaker.span.text, a.cue.text if a.cue else None, a.content.text) for a in found]


def test_a_cue_outside_the_lexicon_is_found_by_the_model() -> None:
    assert "vowed" not in CUE_FORMS
    text = "The mayor vowed to rebuild every school in Kramatorsk."
    fast = Extractor.load(encoder=False).extract(text).attributions
    assert [(a.speaker.span.text, a.cue.text if a.cue else None) for a in fast] == [
        ("The mayor", "vowed")
    ]
    assert triples(text) == [("The mayor", "vowed", "to rebuild every school in Kramatorsk")]


def test_beside_the_encoder_the_cue_models_guesses_go(monkeypatch: pytest.MonkeyPatch) -> None:
    # the encoder reads cues outside the lexicon better: where it sees none, none is taken
    import corroborate.extract.attribution.tagger as tagger

    monkeypatch.setattr(tagger, "tag_texts", lambda texts: [[] for _ in texts])
    text = "The mayor vowed to rebuild every school in Kramatorsk. The governor said it burned."
    found = Extractor.load().extract(text).attributions
    assert [a.cue.text if a.cue else None for a in found] == ["said"]


def test_the_model_does_not_make_every_verb_a_cue() -> None:
    assert triples("The convoy reached the bridge before dawn and waited there.") == []


def test_calling_something_something_reports_it() -> None:
    assert triples("The governor called the raids unlawful.") == [
        ("The governor", "called", "the raids unlawful")
    ]


def test_called_for_takes_the_preposition_into_the_cue() -> None:
    assert triples("The commander called for a ceasefire.") == [
        ("The commander", "called for", "a ceasefire")
    ]


def test_the_addressee_of_told_is_not_what_was_said() -> None:
    assert triples("The spokesman told reporters.") == []


def test_a_quotation_continued_after_its_cue_stays_with_the_speaker() -> None:
    text = "“We were beaten,” the witness said. “They took our phones.”"
    assert triples(text) == [
        ("the witness", "said", "We were beaten"),
        ("the witness", None, "They took our phones"),
    ]


def test_a_quotation_signed_with_a_dash() -> None:
    text = "“They came at night and took my son.” ― Olena Marchenko\n"
    assert triples(text) == [("Olena Marchenko", "―", "They came at night and took my son")]


def test_a_long_signed_paragraph_with_initials_and_a_turned_opening_mark() -> None:
    # regression: the quotation was over 600 characters, opened with ”, and the signature
    # held an initial, so no signed quotation was read
    said = " ".join(["The soldiers said we would be next and took everything we had."] * 12)
    text = f"Readers wrote to us.\n\n”{said}” ―\xa0Mykola V. Tkachuk\n“Short.” ― Ana Kovalenko\n"
    found = [(s, c, t[:20]) for s, c, t in triples(text) if c == "―"]
    assert found == [
        ("Mykola V. Tkachuk", "―", "The soldiers said we"),
        ("Ana Kovalenko", "―", "Short"),
    ]


def test_a_signed_quotation_keeps_the_statements_reported_inside_it() -> None:
    text = (
        "“During the briefing Hnatyuk said refugees live in tents. He is wrong.”― Oksana Lysenko\n"
    )
    found = triples(text)
    assert (
        "Oksana Lysenko",
        "―",
        "During the briefing Hnatyuk said refugees live in tents. He is wrong",
    ) in found
    assert sum(c == "―" for _, c, _ in found) == 1


def test_a_subject_the_parser_lost_is_the_noun_phrase_before_the_cue() -> None:
    text = "  A Coalition report shows that 40 people were detained in Izium."
    assert triples(text) == [
        ("A Coalition report", "shows", "that 40 people were detained in Izium")
    ]


def test_features_are_stable_hashed_indices() -> None:
    doc = Extractor.load().nlp("The minister stated that the town was shelled.")
    first, again = features(doc[2]), features(doc[2])
    assert first == again
    assert all(0 <= i < 1 << BITS for i in first)


def test_shipped_weights_load() -> None:
    model = load_cue_model()
    assert model.weights.shape == (1 << BITS,)
    assert 0.0 < model.threshold < 1.0
    assert np.count_nonzero(model.weights) > 1000


@pytest.mark.parametrize("content", [None, b"not a numpy archive"])
def test_missing_or_damaged_weights_are_a_clear_error(
    tmp_path: Path, content: bytes | None
) -> None:
    path = tmp_path / "cue_model.npz"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(ExtractionError) as caught:
        load_cue_model.__wrapped__(path)
    assert caught.value.code == "E002"
    assert str(path) in str(caught.value)


def test_weights_of_the_wrong_size_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "cue_model.npz"
    np.savez(path, weights=np.zeros(10, dtype=np.float32), threshold=np.float32(0.5))
    with pytest.raises(ExtractionError, match="expected"):
        load_cue_model.__wrapped__(path)


def test_a_lead_in_is_not_part_of_the_speaker() -> None:
    text = "In a statement, the regional prosecutor said that 12 detainees were released."
    assert triples(text)[0][0] == "the regional prosecutor"
    assert triples("But the mayor said the bridge was shelled.")[0][0] == "the mayor"


def test_a_speakers_relative_clause_is_in_the_span_but_not_the_name_or_role() -> None:
    text = (
        "Halyna Shevchuk, a former aide who visited Izium in May, said the cells were full.\n"
        "The monitor, who met Colonel General Dobrynets on Monday, said detainees were"
        " beaten."
    )
    aide, monitor = (a.speaker for a in Extractor.load().extract(text).attributions)
    assert aide.span.text == "Halyna Shevchuk, a former aide who visited Izium in May"
    assert (aide.canonical, aide.role) == ("Halyna Shevchuk", "former aide")
    # the name in the clause is not the speaker's
    assert monitor.span.text == "The monitor, who met Colonel General Dobrynets on Monday"
    assert monitor.canonical == "monitor"


def test_a_word_that_modifies_the_speaker_is_no_lead_in() -> None:
    assert triples("At least one observer said the vote was rigged.")[0][0] == (
        "At least one observer"
    )
    assert triples("Only 31 percent said the war would end this year.")[0][0] == ("Only 31 percent")


def test_an_act_is_not_a_statement_even_when_the_model_likes_the_verb() -> None:
    # a learned cue needs a clause: the accused must never become a speaker of their act
    assert triples("At about 14:20, Coalition forces launched a rocket attack on Kramatorsk.") == []


def test_a_lone_verb_is_no_statement() -> None:
    # regression: a misparse made "disappear" the content of "write", spoken by "who"
    text = "Those who dare to speak or write the truth in Republic-controlled towns disappear."
    found = Extractor.load(encoder=False).extract(text).attributions
    assert not [a for a in found if a.content.text == "disappear"]


def test_a_time_after_by_is_no_agent() -> None:
    # regression: "by Wednesday morning" was read as the agent of a passive, so "morning"
    # spoke the ministry's name
    text = "The Coalition’s Ministry of Defence had not commented by Wednesday morning."
    found = Extractor.load().extract(text).attributions
    assert not [a for a in found if a.speaker.span.text == "morning"]


def test_as_reported_by_an_outlet_names_its_agent() -> None:
    text = "As reported by Donbas Watch, Novy Vestnik first broke the story."
    speakers = [
        a.speaker.span.text for a in Extractor.load(encoder=False).extract(text).attributions
    ]
    assert "Donbas Watch" in speakers


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The regional prosecutor this week said that 12 detainees were beaten.",
            "The regional prosecutor",
        ),
        ("The governor Thursday night said two civilians were killed in Izium.", "The governor"),
        (
            "A Kharkiv Institute poll released Monday found that most residents had fled.",
            "A Kharkiv Institute poll released Monday",
        ),
    ],
)
def test_a_time_after_the_speaker_is_not_part_of_it(text: str, speaker: str) -> None:
    assert triples(text)[0][0] == speaker


def test_a_source_of_lead_in_words_alone_is_no_speaker() -> None:
    # regression: a tagged source "As" left nothing after its lead-in went, and the trailing
    # time check then read past the end of an empty phrase
    text = "As reported by Donbas Watch, 150 families still live in the district."
    doc = load_pipeline()(text)
    assert trimmed_source(doc, Span(0, 2, "As")) is None


@pytest.mark.parametrize(
    ("text", "source", "trimmed"),
    [
        (
            "BRUSSELS - European leaders met on Friday.",
            "BRUSSELS - European leaders",
            "European leaders",
        ),
        ("Not every resident agrees on the figures.", "Not every resident", "Not every resident"),
        (
            "At least one councillor was not on board.",
            "At least one councillor",
            "At least one councillor",
        ),
        ("But the mayor disagreed.", "But the mayor", "the mayor"),
    ],
)
def test_a_dateline_goes_but_a_quantifying_lead_in_stays(
    text: str, source: str, trimmed: str
) -> None:
    doc = load_pipeline()(text)
    found = trimmed_source(doc, Span(0, len(source), source))
    assert found is not None and found.text == trimmed


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        ("Not every resident agrees on the figures.", "every resident", "Not every resident"),
        ("At least one councillor was not on board.", "one councillor", "At least one councillor"),
        ("He did not say so; many agree.", "many", "many"),
        ("It was not the mayor who said so.", "the mayor", "the mayor"),
    ],
)
def test_a_count_takes_back_the_not_or_at_least_before_it(
    text: str, source: str, speaker: str
) -> None:
    from corroborate.extract.attribution.speaker_phrase import with_quantifier

    start = text.index(source)
    assert with_quantifier(text, Span(start, start + len(source), source)).text == speaker
