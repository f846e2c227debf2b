from __future__ import annotations

from corroborate.link.order import name_blind, report_order
from corroborate.model import Report


def filed(text: str, *, published: str | None = "2022-04-12", item: str = "") -> Report:
    return Report(
        blob_id=f"sha256:{len(text):064d}",
        item=item,
        source_name="a.txt",
        media_type="text/plain",
        text=text,
        published=published,
    )


def test_a_run_of_capitalised_words_is_one_blank_whatever_its_length() -> None:
    assert name_blind("Novy Vestnik State News reported it on Tuesday.") == (
        "\x00 reported it on \x00"
    )
    assert name_blind("Republic Herald reported it on Tuesday.") == "\x00 reported it on \x00"
    assert name_blind("the Coalition’s 109th unit") == "the \x00 s 109th unit"


def test_two_reports_in_the_same_order_whichever_party_each_names() -> None:
    """Swapping the names in both reports leaves their order as it was, although their
    bytes, and so their ids, change."""
    told = "{} said the guard tortured residents."
    denied = "{} denied it."
    pairs = [
        (filed(told.format("Arkady Dobrynets")), filed(denied.format("Iryna Halchenko"))),
        (filed(told.format("Iryna Halchenko")), filed(denied.format("Arkady Dobrynets"))),
    ]
    orders = [[r.text.split()[2] for r in sorted(pair, key=report_order)] for pair in pairs]
    assert orders == [["denied", "said"], ["denied", "said"]]


def test_publication_comes_first_then_the_words_then_the_item() -> None:
    later = filed("Halchenko denied it.", published="2022-04-13")
    first = filed("Dobrynets said it.", published="2022-04-12")
    second = filed("Dobrynets said it.", published="2022-04-12", item="line:2")
    undated = filed("A denied it.", published=None)
    assert sorted([undated, later, second, first], key=report_order) == [
        first,
        second,
        later,
        undated,
    ]
