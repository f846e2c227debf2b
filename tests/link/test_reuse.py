"""Wire copies, partial copies and unrelated texts; the earliest report is the origin."""

from __future__ import annotations

from corroborate.link.reuse import Text, find_copies

STATEMENT = (
    "The head of the centre stated that residents of Sloviansk were detained and tortured by "
    "members of the guard, who carried out punitive raids against people suspected of "
    "sympathising with the Coalition. He added that some detainees paid bribes to be released. "
)


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
    assert copy.jaccard > 0.7


def test_truncated_copy_is_found_by_containment() -> None:
    texts = [Text("full", STATEMENT * 2, "2022-04-12"), Text("cut", STATEMENT[:220], "2022-04-12")]
    [copy] = find_copies(texts)
    assert copy.report_id == "cut" and copy.containment >= 0.6


def test_without_dates_input_order_decides() -> None:
    texts = [Text("a", STATEMENT), Text("b", STATEMENT + " Extra.")]
    assert [(c.report_id, c.origin_id) for c in find_copies(texts)] == [("b", "a")]


def test_short_and_unrelated_texts_are_never_copies() -> None:
    assert find_copies([Text("a", "Short text."), Text("b", "Short text.")]) == []
