"""The English pipeline's tokeniser: abbreviations of conflict reporting stay whole."""

from __future__ import annotations

import pytest

from corroborate.extract.models.nlp import load_pipeline


@pytest.mark.parametrize(
    "text",
    [
        "Lt. Col. Ivanov of the 2nd Bn. said residents fled.",
        "Pte. Jones and Sgt. Maj. Brown were detained under Art. 5 of the code.",
        "The men were held in Colony No. 52 near Olenivka, he said.",
        "Prisoners from Nos. 3 and 4 were moved, Capt. Melnyk said.",
    ],
)
def test_an_abbreviation_before_a_name_or_number_ends_no_sentence(text: str) -> None:
    doc = load_pipeline()(text)
    assert [s.text for s in doc.sents] == [text]


def test_no_as_an_answer_still_ends_its_sentence() -> None:
    doc = load_pipeline()("Is it true? No. He never said that.")
    assert [s.text for s in doc.sents] == ["Is it true?", "No.", "He never said that."]
    assert [t.text for t in doc][4:6] == ["No", "."]


def test_a_headline_without_closing_punctuation_is_a_sentence_of_its_own() -> None:
    text = (
        "COALITION SAYS RESIDENTS WERE TORTURED; REPUBLIC DENIES\n\n"
        "The head of the centre, Colonel General Arkady Dobrynets, said on Tuesday that"
        " residents were tortured.\n\nHe gave no figures."
    )
    sentences = [s.text.strip() for s in load_pipeline()(text).sents if s.text.strip()]
    assert sentences[0] == "COALITION SAYS RESIDENTS WERE TORTURED; REPUBLIC DENIES"
    assert sentences[1].startswith("The head of the centre") and sentences[1].endswith("tortured.")
