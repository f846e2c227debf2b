"""Page furniture left out of a report's text: captions, credits, prompts, link lists."""

from __future__ import annotations

import pytest

from corroborate.ingest.readers.feeds import feed_text
from corroborate.ingest.readers.furniture import is_furniture, without_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Sign Up",
        "Free Sign Up",
        "Already a subscriber?",
        "By clicking Sign up, you agree to receive marketing emails from Insider as well as "
        "other partner offers and accept our Terms of Service and Privacy Policy.",
        "Sign up for our weekday newsletter, packed with original analysis, delivered right "
        "to your inbox.",
        "Want this news roundup in your inbox every night? Sign up for the OnPolitics "
        "newsletter here.",
        "Thank you for supporting our journalism. You can subscribe to our print edition here.",
        "A woman pulls a wheel chair in a street of Mariupol, Ukraine April 18, 2022. "
        "REUTERS/Alexander Ermochenko",
        "A private house destroyed in shelling in Bervitsa village of Kyiv, on April 21. EPA",
        "Three dug graves are ready at the cemetery in Irpin, April 19, 2022. "
        "(AP Photo/Emilio Morenatti)",
        "Kabaeva is one of the most decorated athletes. Corbis/VCG via Getty Images",
        "OLGA MALTSEVA/AFP via Getty Images",
        "AP Photo/Michael Probst, File",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported that 12 civilians were killed in the shelling of Kharkiv.",
        "The newsletter's editor said she was detained for three days.",
        "Witnesses told AP the soldiers fired on the car.",
        "Source: Reuters/ec",  # names the wire the article came from: the outlet chain
        "EPA",  # one agency alone may be the outlet
        "The mayor said residents had signed up for evacuation buses.",
    ],
)
def test_report_lines_stay(line: str) -> None:
    assert not is_furniture(line)


def test_a_related_list_goes_with_its_heading_and_stops_at_a_sentence() -> None:
    text = (
        "He said the G7 had committed to act.\n"
        "Related:\n"
        "IMF official says split would be 'disaster' for global economy\n"
        "Yellen underscored Washington's commitment to food security.\n"
        "Image caption,\n"
        "Both families greeted each other with hugs at Luton Airport\n"
        "Liliia said she thought they may never get here.\n"
        "Xi said China rejects double standards. Read more here.\n"
        "Read More"
    )
    assert without_furniture(text).split("\n") == [
        "He said the G7 had committed to act.",
        "Yellen underscored Washington's commitment to food security.",
        "Liliia said she thought they may never get here.",
        "Xi said China rejects double standards.",
    ]


def test_a_text_without_furniture_is_kept_byte_for_byte() -> None:
    """Offsets into a report with nothing to leave out stay offsets into the item's text."""
    text = 'Line one said so.\n\nThe ministry said: "No."\n  Indented line stays.  '
    assert without_furniture(text) == text


def test_a_feed_item_scraped_from_a_page_loses_its_captions() -> None:
    text = "Officials said 5 died.\r\nAdvertisement\r\nA man walks by. REUTERS/Jane Roe\r\nEnd."
    assert feed_text(text) == "Officials said 5 died.\nEnd."


@pytest.mark.parametrize(
    "line",
    [
        "Residents queue for water in Lyman. Photo: Olena Kovalenko",
        "Residents queue for water. Photograph: Olena Kovalenko, Lyman",
    ],
)
def test_a_caption_ending_in_a_labelled_credit_is_furniture(line: str) -> None:
    assert is_furniture(line)


def _ending_in_a_credit(length: int) -> str:
    body = ("Residents queue for water in Lyman while the shelling goes on " * 8)[: length - 5]
    line = body.rstrip() + ". EPA"
    assert len(line) == length
    return line


def test_a_credit_tail_ends_a_caption_of_at_most_400_characters() -> None:
    """A longer line ending in a desk's name is a paragraph that cites it, not a caption."""
    assert is_furniture(_ending_in_a_credit(400))
    assert not is_furniture(_ending_in_a_credit(401))


def test_a_list_heading_takes_at_most_six_links_of_at_most_160_characters() -> None:
    links = [f"Headline number {n} about the front" for n in range(1, 8)]
    assert without_furniture("\n".join(["Related:", *links])).split("\n") == [links[6]]
    longest = ("Kharkiv shelling " * 10)[:160]
    too_long = ("Kharkiv shelling " * 10)[:162]
    assert without_furniture(f"Read more\n{longest}\nThe mayor spoke.") == "The mayor spoke."
    assert without_furniture(f"Read more\n{too_long}") == too_long


def test_a_short_first_line_without_a_heading_stays() -> None:
    text = "Shelling in Kharkiv\nThe mayor said the school was hit."
    assert without_furniture(text) == text
