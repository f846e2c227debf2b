"""Shouted headlines read apart from their lead by the attribution encoder."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.extract.attribution.headlines import Read, headline_ends, read_in_parts

STORY = (
    "Black Sea Observer\n"
    "By Olena Marchuk\n\n"
    "COALITION SAYS RESIDENTS WERE TORTURED; REPUBLIC DENIES\n\n"
    "The head of the centre said on Tuesday that guards had detained residents.\n"
)


def test_a_line_in_capitals_without_a_full_stop_ends_a_headline() -> None:
    [end] = headline_ends(STORY)
    assert STORY[:end].endswith("REPUBLIC DENIES")
    assert STORY[end] == "\n"


def test_a_placeholder_of_the_name_blind_parse_stands_in_a_shouted_line() -> None:
    masked = "France SAYS RESIDENTS WERE TORTURED; France’s ARMY DENIES\n\nThe head said so.\n"
    assert headline_ends(masked) == [masked.index("\n")]


def test_other_lines_are_no_headlines() -> None:
    text = (
        "BBC NEWS\n"  # two words: a label
        "KYIV, 13 APRIL (REUTERS)\n"  # a closing bracket ends it
        "UKRAINE SAYS THE BRIDGE IS OPEN.\n"  # a full stop ends it
        "Residents Say The Bridge Is Open\n"  # not in capitals
        "THE LAST LINE HAS NO LINE BREAK"
    )
    assert headline_ends(text) == []


def test_each_piece_is_read_apart_and_its_spans_put_back_at_their_offsets() -> None:
    read_texts: list[str] = []

    def read(texts: Sequence[str]) -> list[Read]:
        read_texts.extend(texts)
        # one span over each piece's first word, one word role for it
        return [
            (
                [("SOURCE", len(t) - len(t.lstrip()), len(t) - len(t.lstrip()) + 3)],
                [(0, 3, 0.5, 0.25, 0.25)],
            )
            for t in texts
        ]

    text = "ONE TWO THREE\n\nFour five.\n"
    [(spans, roles)] = read_in_parts(read, [text], [headline_ends(text)])
    assert read_texts == ["ONE TWO THREE", "\n\nFour five.\n"]
    assert [text[a:b] for _, a, b in spans] == ["ONE", "Fou"]
    assert [(a, b) for a, b, *_ in roles] == [(0, 3), (13, 16)]


def test_a_text_without_a_cut_is_read_whole() -> None:
    def read(texts: Sequence[str]) -> list[Read]:
        return [([("CUE", 0, len(t))], []) for t in texts]

    assert read_in_parts(read, ["a b", "c"], [[], [0, 1]]) == [
        ([("CUE", 0, 3)], []),
        ([("CUE", 0, 1)], []),
    ]
