"""Offsets through pseudonymisation and revealing: a span of the stored text, mapped, covers
in the served text exactly the served form of the span's words."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from corroborate.export.pseudonyms import Pseudonyms
from corroborate.export.reveal import Revealer
from corroborate.export.rewrite import Rewrite
from corroborate.store.mentions import Person

PERSONS = [
    Person("Witness 0A1B2C3D", ("Zabelina Oksvetta",)),
    Person("Witness 9F8E7D6C", ("sealed:00ff00ff00ff00ff", "Ivanka Rudenko")),
    Person("Contact 11223344", ("+380 67 555 0199",), contact=True),
]
SHARED = Pseudonyms("key", PERSONS)
REVEALER = Revealer({"Witness 0A1B2C3D": "Zabelina Oksvetta", "Witness 9F8E7D6C": "Ivanka R."})
WORDS = [
    "Zabelina", "Oksvetta", "Ivanka", "Rudenko", "sealed:00ff00ff00ff00ff", "+380 67 555 0199",
    "said", "the", "shelling", "of", "Sloviansk", "Witness", "detained", "Zabelinas", "é",
]  # fmt: skip
SEPARATORS = [" ", ", ", ". ", "\n", " - ", "_", "("]


@st.composite
def texts_and_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A text of words and separators, and spans from one word's start to another's end."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
    text, bounds = "", []
    for word in words:
        text += draw(st.sampled_from(SEPARATORS))
        bounds.append((len(text), len(text) + len(word)))
        text += word
    pairs = st.tuples(st.integers(0, len(words) - 1), st.integers(0, len(words) - 1))
    chosen = draw(st.lists(pairs, max_size=8))
    return text, [(bounds[min(a, b)][0], bounds[max(a, b)][1]) for a, b in chosen]


@given(texts_and_spans())
def test_a_mapped_span_covers_the_pseudonymised_form_of_its_words(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    text, spans = case
    shared = SHARED.rewrite(text)
    assert shared.text == SHARED.text(text)  # the same replacements as everything shared
    for start, end in spans:
        assert shared.text[shared.start(start) : shared.end(end)] == SHARED.text(text[start:end])


@given(texts_and_spans())
def test_a_mapped_span_covers_the_revealed_form_of_its_words(
    case: tuple[str, list[tuple[int, int]]],
) -> None:
    """Pseudonymised, then revealed for a member with the witness-identities grant."""
    text, spans = case
    shared = SHARED.rewrite(text)
    served = shared.then(REVEALER.rewrite(shared.text))
    assert served.text == REVEALER.text(SHARED.text(text))
    for start, end in spans:
        covered = served.text[served.start(start) : served.end(end)]
        assert covered == REVEALER.text(SHARED.text(text[start:end]))


@given(st.text(max_size=40), st.data())
def test_any_offset_maps_inside_the_new_text_and_keeps_order(
    text: str, data: st.DataObject
) -> None:
    shared = SHARED.rewrite(text)
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(a, len(text)))
    assert 0 <= shared.start(a) <= shared.end(b) <= len(shared.text)


def test_a_span_cut_inside_a_mention_widens_to_the_whole_code() -> None:
    text = "Zabelina Oksvetta said"
    shared = Rewrite.of(text, [(0, 17, "Witness 0A1B2C3D")])
    assert shared.text == "Witness 0A1B2C3D said"
    assert shared.text[shared.start(3) : shared.end(12)] == "Witness 0A1B2C3D"
    assert shared.text[shared.start(18) : shared.end(22)] == "said"
    assert (shared.start(17), shared.end(17)) == (16, 16)
