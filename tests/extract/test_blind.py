"""Name-blind parsing: masks map back exactly, and a swap of names gives the same parse."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.extract.blind import (
    Masked,
    cited_names,
    encoder_text,
    mentions,
    parse,
    shaped_names,
    to_original,
    to_originals,
)
from corroborate.extract.document import extract_doc
from corroborate.extract.facts.places import PLACES_KEY, find_places, places_of
from corroborate.extract.models.nlp import load_pipeline


@st.composite
def masked_texts(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]]]:
    text = draw(st.text(alphabet="ab c\n’é", max_size=40))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    words = st.text(alphabet="XYZ", min_size=1, max_size=6)
    spans = [(a, b, draw(words)) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b]
    return text, spans


@given(masked_texts())
def test_every_mask_and_every_span_between_them_maps_back_exactly(
    case: tuple[str, list[tuple[int, int, str]]],
) -> None:
    text, spans = case
    masked = Masked.of(text, spans)
    assert [(m.start, m.end) for m in masked.masks] == [(a, b) for a, b, _ in spans]
    for mask, (_, _, placeholder) in zip(masked.masks, spans, strict=True):
        assert masked.text[mask.masked_start : mask.masked_end] == placeholder
        assert (masked.start(mask.masked_start), masked.end(mask.masked_end)) == (
            mask.start,
            mask.end,
        )
        assert masked.masked_span(mask.start, mask.end) == (mask.masked_start, mask.masked_end)
    edges = sorted(
        {0, len(masked.text)} | {e for m in masked.masks for e in (m.masked_start, m.masked_end)}
    )
    for a, b in itertools.pairwise(edges):
        if not any(m.masked_start == a for m in masked.masks):  # text between placeholders
            start, end = masked.start(a), masked.end(b)
            assert text[start:end] == masked.text[a:b]
            assert masked.masked_span(start, end) == (a, b)


@given(st.text(max_size=30), st.integers(0, 30), st.integers(0, 30))
def test_overlapping_mentions_keep_the_first_and_the_text_outside_is_untouched(
    text: str, a: int, b: int
) -> None:
    a, b = sorted((min(a, len(text)), min(b, len(text))))
    masked = Masked.of(text, [(a, b, "P"), (a, b + 1, "Q")] if b < len(text) else [(a, b, "P")])
    kept = masked.masks[0] if masked.masks else None
    if kept is not None:
        assert (
            masked.text
            == text[: kept.start]
            + masked.text[kept.masked_start : kept.masked_end]
            + text[kept.end :]
        )


def test_parties_outlets_and_people_are_masked_with_their_placeholders() -> None:
    text = (
        "Colonel Arkady Dobrynets of the Northern Coalition's staff told Novy Vestnik that "
        "Russian officials in Kyiv lied. Dobrynets left."
    )
    masked = Masked.of(text, mentions(text, ["Arkady Dobrynets"]))
    assert masked.text == (
        "Colonel Smith of the France's staff told Reuters that French officials in France "
        "lied. Smith left."
    )


SIDES = (
    "Colonel Arkady Dobrynets, spokesperson of the Coalition's general staff, said "
    "that fighters of the Republic tortured residents. Dobrynets added that Republic "
    "Herald lied.",
    "Colonel Iryna Halchenko, spokesperson of the Republic's general staff, said "
    "that fighters of the Coalition tortured residents. Halchenko added that Novy Vestnik "
    "State News lied.",
)


def test_both_sides_of_a_swap_get_the_same_parse_on_their_own_words() -> None:
    straight, swapped = parse(load_pipeline(), list(SIDES))
    assert straight.text == SIDES[0] and swapped.text == SIDES[1]
    assert encoder_text(straight) == encoder_text(swapped)
    assert len(straight) == len(swapped)
    for one, other in zip(straight, swapped, strict=True):
        assert (one.tag_, one.dep_, one.head.i, one.ent_type_) == (
            other.tag_,
            other.dep_,
            other.head.i,
            other.ent_type_,
        )
    assert [t.text for t in straight][1] == "Arkady Dobrynets"
    start = encoder_text(swapped).index("Reuters")
    assert SIDES[1][slice(*to_original(swapped, start, start + 7))] == "Novy Vestnik State News"


def test_a_name_is_found_by_its_shape_whichever_letters_it_has() -> None:
    text = (
        "The head of the Kramatorsk City Military Administration, Taras Moroz, said. "
        "A reporter for the Bakhmut Evening Courier, Denys Horobets’s brother, agreed."
    )
    assert shaped_names(text) == ["Taras Moroz", "Denys Horobets’s"]


def test_a_word_the_text_names_a_place_by_is_never_masked_as_a_person() -> None:
    text = "Families were moved from Lyman. Lyman said nothing."
    assert Masked.of(text, mentions(text, ["Lyman"])).text == text


def test_a_mention_of_several_words_is_one_word_to_the_rules() -> None:
    [doc] = parse(load_pipeline(), ["Fighters of the Northern Coalition tortured residents."])
    assert [(t.text, t.is_alpha) for t in doc][3] == ("Northern Coalition", True)


def test_names_are_read_as_written_where_the_setting_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CORROBORATE_NAME_BLIND", "0")
    [doc] = parse(load_pipeline(), ["Fighters of the Northern Coalition tortured residents."])
    assert encoder_text(doc) == doc.text
    assert [t.text for t in doc][3:5] == ["Northern", "Coalition"]


def test_spans_map_back_alike_one_by_one_and_all_at_once() -> None:
    [doc] = parse(load_pipeline(), [SIDES[0]])
    masked = encoder_text(doc)
    spans = [(m.start(), m.end()) for m in re.finditer(r"\w+", masked)]
    assert to_originals(doc, spans) == [to_original(doc, a, b) for a, b in spans]
    assert SIDES[0][slice(*to_originals(doc, spans)[1])] == "Arkady Dobrynets"


def test_the_places_found_for_the_masks_are_those_the_rules_read() -> None:
    text = "Families were moved from Lyman to Sloviansk, Colonel Arkady Dobrynets said."
    [doc] = parse(load_pipeline(), [text])
    assert PLACES_KEY in doc.user_data  # scored once, before the parse
    assert places_of(doc) == find_places(text)
    assert mentions(text, ["Lyman"], find_places(text)) == mentions(text, ["Lyman"])


def test_a_document_parsed_as_written_finds_its_places_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CORROBORATE_NAME_BLIND", "0")
    text = "Families were moved from Lyman to Sloviansk."
    [doc] = parse(load_pipeline(), [text])
    assert PLACES_KEY not in doc.user_data
    assert places_of(doc) == find_places(text)
    assert PLACES_KEY in doc.user_data


def test_the_places_kept_by_the_parse_give_the_extraction_scoring_them_again_gives() -> None:
    path = (
        Path(__file__).resolve().parents[2]
        / "samples/corpus/wires/black-sea-observer-slovyansk.txt"
    )
    text = path.read_text(encoding="utf-8")
    kept, again = parse(load_pipeline(), [text, text])
    del again.user_data[PLACES_KEY]
    assert extract_doc(kept, report_id="r", published=None, encoder=False) == extract_doc(
        again, report_id="r", published=None, encoder=False
    )
    assert PLACES_KEY in again.user_data  # scored again, and kept


def test_a_surname_cited_in_brackets_is_a_person_but_a_code_or_a_word_is_not() -> None:
    text = (
        "The unit is named by the general staff (Halchenko, 13 April) and by the other side "
        "(Dobrynets, via a channel). L-04 saw it (L-04, interview) (Monday, late)."
    )
    assert cited_names(text) == ["Halchenko", "Dobrynets"]
    assert Masked.of(text, mentions(text, cited_names(text))).text.count("(Smith, ") == 2
