"""Wire copies, partial copies and unrelated texts; the earliest report is the origin.

The threshold cases are built from numbered words (``w1 w2 …``) so that their shingle
counts can be worked out by hand: ``n`` words make ``n - 4`` five-word shingles, and two
texts that share a run of ``r`` words share the ``r - 4`` shingles inside it.
"""

from __future__ import annotations

import pytest

from corroborate.link import reuse
from corroborate.link.reuse import ReuseSettings, Text, find_copies, prose, shingles

STATEMENT = (
    "The head of the centre stated that residents of Sloviansk were detained and tortured by "
    "members of the guard, who carried out punitive raids against people suspected of "
    "sympathising with the Coalition. He added that some detainees paid bribes to be released. "
)


def words(first: int, count: int) -> str:
    return " ".join(f"w{n}" for n in range(first, first + count))


def pair(shared: int, own_a: int, own_b: int) -> list[Text]:
    """Two texts that start with the same ``shared`` words and go on differently."""
    return [
        Text("a", f"{words(1, shared)} {words(1000, own_a)}"),
        Text("b", f"{words(1, shared)} {words(2000, own_b)}"),
    ]


def test_shingles_are_five_word_windows() -> None:
    assert shingles("One two three four five six.") == {
        "one two three four five",
        "two three four five six",
    }
    assert shingles("one two three four") == set()
    assert len(shingles(words(1, 24))) == 20


def found(texts: list[Text], settings: ReuseSettings | None = None) -> list[tuple[str, ...]]:
    return [
        (c.report_id, c.origin_id, str(c.jaccard), str(c.containment))
        for c in find_copies(texts, settings)
    ]


@pytest.mark.parametrize(
    ("shared", "own", "expected"),
    [
        # 24 and 24 words: 20 shingles each; a shared run of r words shares r - 4
        (15, 9, []),  # 11 shared: jaccard 11/29 = 0.379, containment 11/20 = 0.55
        (16, 8, [("b", "a", "0.429", "0.6")]),  # 12 shared: containment 0.6 exactly
        (17, 7, [("b", "a", "0.481", "0.65")]),  # 13 shared: jaccard 13/27, still below 0.5
    ],
)
def test_containment_threshold_at_below_and_above(
    shared: int, own: int, expected: list[tuple[str, ...]]
) -> None:
    assert found(pair(shared, own, own)) == expected


def test_the_pair_just_below_each_threshold_is_compared() -> None:
    """The cases just below are no copies by the thresholds, not for want of comparing."""
    assert found(pair(15, 9, 9), ReuseSettings(min_containment=0.55)) == [
        ("b", "a", "0.379", "0.55")
    ]
    assert found(pair(19, 9, 9), ReuseSettings(min_jaccard=0.45, min_containment=0.9)) == [
        ("b", "a", "0.455", "0.625")
    ]


def test_a_short_text_inside_a_long_one_is_a_copy_by_containment_alone() -> None:
    """24 words (20 shingles) inside 54 (50): jaccard 20/50 = 0.4 is below 0.5, but all of
    the shorter text is in the longer: containment 20/20. Divided by the longer text it
    would be 0.4, and no copy."""
    texts = [Text("long", f"{words(1, 24)} {words(1000, 30)}"), Text("short", words(1, 24))]
    assert found(texts) == [("long", "short", "0.4", "1.0")]  # undated: the shorter leads


def test_containment_is_of_the_shorter_text_whichever_comes_first() -> None:
    texts = [Text("short", words(1, 24)), Text("long", f"{words(1, 24)} {words(1000, 30)}")]
    assert found(texts) == [("long", "short", "0.4", "1.0")]  # undated: the shorter leads


JACCARD_ONLY = ReuseSettings(min_jaccard=0.5, min_containment=0.9)


@pytest.mark.parametrize(
    ("shared", "own", "expected"),
    [
        # 28 and 28 words: 24 shingles each; containment stays below 0.9 throughout
        (19, 9, []),  # 15 shared: jaccard 15/33 = 0.455
        (20, 8, [("b", "a", "0.5", "0.667")]),  # 16 shared: jaccard 16/32 exactly
        (21, 7, [("b", "a", "0.548", "0.708")]),  # 17 shared: jaccard 17/31
    ],
)
def test_jaccard_threshold_at_below_and_above(
    shared: int, own: int, expected: list[tuple[str, ...]]
) -> None:
    assert found(pair(shared, own, own), JACCARD_ONLY) == expected


def test_either_measure_is_enough() -> None:
    """Jaccard 0.5 with containment 0.667 under a containment threshold of 0.9, and
    containment 1.0 with jaccard 0.4: both are copies."""
    assert found(pair(20, 8, 8), JACCARD_ONLY) == [("b", "a", "0.5", "0.667")]
    texts = [Text("long", f"{words(1, 24)} {words(1000, 30)}"), Text("short", words(1, 24))]
    assert found(texts, JACCARD_ONLY) == [("long", "short", "0.4", "1.0")]


def test_copies_point_at_the_earliest_report() -> None:
    texts = [
        Text("late", STATEMENT + "The ministry did not respond.", "2022-04-13"),
        Text("first", "Novy Vestnik reported: " + STATEMENT, "2022-04-12"),
        Text(
            "other",
            "Rain is expected across the region on Friday, forecasters said today.",
            "2022-04-12",
        ),
    ]
    [copy] = find_copies(texts)
    assert (copy.report_id, copy.origin_id) == ("late", "first")


def test_a_chain_of_copies_points_at_its_one_origin() -> None:
    texts = [
        Text("third", f"{words(1, 40)} {words(3000, 2)}", "2022-04-14"),
        Text("first", words(1, 40), "2022-04-12"),
        Text("second", f"{words(1, 40)} {words(2000, 2)}", "2022-04-13"),
    ]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts)] == [
        ("third", "first"),
        ("second", "first"),
    ]


def test_without_dates_the_shorter_text_decides_whatever_the_input_order() -> None:
    texts = [Text("a", STATEMENT), Text("b", STATEMENT + " Extra.")]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts)] == [("b", "a")]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts[::-1])] == [("b", "a")]


def test_short_and_unrelated_texts_are_never_copies() -> None:
    assert find_copies([Text("a", "Short text."), Text("b", "Short text.")]) == []
    assert find_copies([Text("a", words(1, 11)), Text("b", words(1, 11))]) == []  # 7 shingles
    assert find_copies([Text("a", words(1, 60)), Text("b", words(500, 60))]) == []


def test_a_text_of_exactly_the_minimum_shingles_is_compared() -> None:
    """12 words make 8 shingles, the minimum; 11 words (7) are left out."""
    assert found([Text("a", words(1, 12)), Text("b", words(1, 12))]) == [("b", "a", "1.0", "1.0")]


def test_a_short_text_first_does_not_stop_the_comparison_of_the_rest() -> None:
    texts = [Text("short", "Short text."), Text("a", words(1, 24)), Text("b", words(1, 24))]
    assert found(texts) == [("b", "a", "1.0", "1.0")]


def test_separate_groups_of_copies_keep_separate_origins() -> None:
    texts = [
        Text("a1", words(1, 30)),
        Text("b1", words(500, 30)),
        Text("a2", words(1, 30)),
        Text("b2", words(500, 30)),
    ]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts)] == [
        ("a2", "a1"),
        ("b2", "b1"),
    ]


def test_a_copy_reports_its_best_overlap_with_any_report_of_its_group() -> None:
    """member (42 words, 38 shingles) holds all 36 shingles of origin (40 words): 36/38 and
    36/36. third (40 words, 36 shingles) shares its first 30 words, 26 shingles, with both:
    26/46 and 26/36 with origin, 26/48 and 26/36 with member. Each keeps its best pair."""
    texts = [
        Text("origin", words(1, 40), "2022-04-12"),
        Text("member", f"{words(1, 40)} {words(2000, 2)}", "2022-04-13"),
        Text("third", f"{words(1, 30)} {words(3000, 10)}", "2022-04-14"),
    ]
    assert found(texts) == [
        ("member", "origin", "0.947", "1.0"),
        ("third", "origin", "0.565", "0.722"),
    ]


def test_other_signature_sizes_work_end_to_end() -> None:
    """The signatures and the index must agree on their number of permutations."""
    assert found(pair(20, 8, 8), ReuseSettings(num_perm=64)) == [("b", "a", "0.5", "0.667")]


def test_a_story_inside_a_much_longer_republished_version_is_found() -> None:
    """40 words (36 shingles) inside 440: Jaccard 36/436 = 0.08, far below what MinHash LSH
    proposes, yet the whole story is there (containment 1.0)."""
    texts = [
        Text("wire", words(1, 40), "2022-04-12"),
        Text("feature", f"{words(5000, 200)} {words(1, 40)} {words(6000, 200)}", "2022-04-13"),
    ]
    assert found(texts) == [("feature", "wire", "0.083", "1.0")]


RELATED = "\n".join(
    [
        "Related videos",
        "Watch: drone footage shows the flooded village",
        "Ministry briefing on the humanitarian corridor",
        "Residents queue for water in the city centre",
        "Explainer: what the new sanctions mean",
        "Firefighters battle a blaze at the oil depot",
        "Volunteers evacuate elderly people by boat",
        "Interview with the regional governor",
        "Aid convoy reaches the besieged town",
    ]
)


def test_pages_sharing_only_a_list_of_related_links_are_not_copies() -> None:
    first = "Shelling damaged a school in the north of the city overnight, officials said."
    second = "A convoy of buses left the port on Tuesday with two hundred people on board."
    texts = [Text("a", f"{first}\n{RELATED}"), Text("b", f"{second}\n{RELATED}")]
    assert find_copies(texts) == []


def test_a_copy_is_still_found_beside_a_shared_list() -> None:
    texts = [Text("a", f"{STATEMENT}\n{RELATED}"), Text("b", f"{STATEMENT}\n{RELATED}")]
    assert found(texts) == [("b", "a", "1.0", "1.0")]


def test_prose_drops_lists_and_keeps_hard_wrapped_sentences() -> None:
    wrapped = "The head of the centre stated that residents\nof Sloviansk were detained.\n"
    assert prose(wrapped + RELATED) == wrapped.rstrip("\n")
    assert prose("One line without a full stop") == "One line without a full stop"


def test_texts_of_one_length_and_day_make_the_smaller_id_the_origin() -> None:
    texts = [Text("b", STATEMENT, "2022-04-12"), Text("a", STATEMENT, "2022-04-12")]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts)] == [("b", "a")]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts[::-1])] == [("b", "a")]


@pytest.mark.parametrize(
    ("line", "following", "item"),
    [
        ("Kharkiv", "", True),  # one word, no sentence's end
        ("", "", False),  # an empty line is no item
        (" ".join(["word"] * 15), "", True),
        (" ".join(["word"] * 16), "", False),  # sixteen words: a sentence, not an item
        ("The strike hit a depot.", "", False),
        ("Shelling continued", "into the night", False),  # a hard-wrapped sentence
        ("Shelling continued", "iPhone footage showed it", False),  # a lower-case first letter
        ("Shelling continued", "Kharkiv", True),
    ],
)
def test_a_list_item_is_a_short_line_without_an_end_not_continued_below(
    line: str, following: str, item: bool
) -> None:
    assert reuse._item(line, following) is item


@pytest.mark.parametrize(
    ("lines", "kept"),
    [
        # two items together are a list, left out; a sentence stays
        (["Kharkiv", "Izium", "The strike hit a depot."], ["The strike hit a depot."]),
        (["The strike hit a depot.", "Kharkiv", "Izium"], ["The strike hit a depot."]),
        # a line continued in lower case is no item, so its neighbours are no list
        (
            ["Kharkiv", "Shelling continued", "into the night"],
            ["Kharkiv", "Shelling continued", "into the night"],
        ),
        (["Shelling continued", "into the night", "Kharkiv"], ["Shelling continued"]),
    ],
)
def test_prose_leaves_out_lines_that_are_items_beside_another_item(
    lines: list[str], kept: list[str]
) -> None:
    assert reuse.prose("\n".join(lines)) == "\n".join(kept)
