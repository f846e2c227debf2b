"""WordPiece tokenisation: the reference tokeniser's pieces and ids, offsets into the text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from corroborate.extract.models.encoder import BUNDLED
from corroborate.extract.models.wordpiece import WordPiece

WP = WordPiece.from_file(BUNDLED / "vocab.txt")


def pieces(text: str) -> list[tuple[str, int, int]]:
    return [(text[p.start : p.end], p.id, p.word) for p in WP.encode(text)]


def test_a_sentence_comes_out_as_the_reference_tokeniser_cuts_it() -> None:
    # ids and offsets as the `tokenizers` library gives them for this model's tokenizer.json
    text = "Colonel General Dobrynets told TASS that residents of Slovyansk were tortured."
    found = WP.encode(text)
    assert [p.id for p in found] == [
        4327, 2236, 2079, 25731, 22781, 2409, 11937, 4757, 2008, 3901, 1997, 22889, 4492,
        7054, 6711, 2020, 12364, 1012,
    ]  # fmt: skip
    assert [(p.start, p.end) for p in found][2:5] == [(16, 18), (18, 21), (21, 25)]
    assert [p.word for p in found][2:6] == [2, 2, 2, 3]


def test_accents_cyrillic_punctuation_and_ideographs() -> None:
    text = "Слов'янськ, naïve CAFÉ — “quoted” 北京"
    found = WP.encode(text)
    assert [p.id for p in found] == [
        1196, 29436, 19259, 1005, 1210, 18947, 29747, 23742, 23925, 1010, 15743, 7668, 1517,
        1523, 9339, 1524, 1781, 1755,
    ]  # fmt: skip
    assert (found[10].start, found[10].end) == (12, 17)  # "naïve" -> "naive", offsets kept


def test_invisible_characters_are_dropped_without_splitting_a_word() -> None:
    found = WP.encode("news\xadpaper x\x83y")
    assert [(p.id, p.start, p.end) for p in found] == [
        (3780, 0, 10),
        (1060, 11, 12),
        (2100, 13, 14),
    ]


def test_a_character_normalised_to_several_gives_pieces_that_share_it() -> None:
    # regression: "저" decomposes into two jamo, which are two pieces of the one character
    found = WP.encode("저 x")
    assert [(p.word, p.start, p.end) for p in found] == [(0, 0, 1), (0, 0, 1), (1, 2, 3)]


def test_a_word_too_long_or_not_coverable_is_unknown() -> None:
    assert [p.id for p in WP.encode("a" * 101)] == [WP.unk]
    assert [p.id for p in WP.encode("\U0001f600")] == [WP.unk]


@given(st.text(max_size=200))
def test_pieces_are_ordered_and_point_at_visible_characters(text: str) -> None:
    found = WP.encode(text)
    previous = None
    for piece in found:
        assert 0 <= piece.start < piece.end <= len(text)
        if previous is not None:
            # pieces never overlap, except pieces of one character that normalises to several
            # (a Hangul syllable is two or three jamo): those share its offsets
            shared = (piece.start, piece.word) == (previous.end - 1, previous.word)
            assert piece.start >= previous.end or shared
        assert not text[piece.start].isspace()
        assert unicodedata.category(text[piece.start]) not in ("Cc", "Cf")
        previous = piece
    words = [p.word for p in found]
    assert words == sorted(words)
