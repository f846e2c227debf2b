"""What a web page carries besides the report: picture captions and credits, advertising
markers, newsletter and subscription prompts, and lists of links to other articles.

None of it is the report's words: a caption's "REUTERS/Alexander Ermochenko" is no outlet,
"you agree to receive marketing emails" is no statement, and the headline of a related
article is another article's claim. Readers of page text (HTML, web archives, feed items
scraped from pages) leave these lines out at ingest; the original bytes stay stored as
evidence, whole.

A line is left out when it is, as a whole, one of these; a report's own sentence that
merely mentions a newsletter stays. A heading that opens a list of links ("Related:",
"Read more", "Image caption,") takes the short unpunctuated lines after it with it (the
linked headlines, the caption), never a line that ends as a sentence does.
"""

from __future__ import annotations

import re

from corroborate.taxonomy.credits import AGENCIES, is_caption_line

# whole lines that are page furniture (matched case-insensitively against the stripped line)
FURNITURE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|"
    r"(?:free )?sign[ -]?up(?: now)?|subscribe(?: now)?|email address|"
    r"already a (?:subscriber|member)\??|log ?in|\[\[\w+\]\]|"
    r"an error occurred\. please try again\.|skip to (?:main )?content|share (?:this|on)\b.*|"
    r"(?:by clicking|i agree to)\b.*\b(?:terms|privacy|marketing)\b.*|"
    r"(?:sign up|subscribe)\b.*\b(?:newsletter|inbox|notifications|channel|alerts?)\b.*|"
    r"(?:get|want)\b.*\b(?:newsletter|inbox)\b.*|"
    r".*\bnewsletter\b.*\b(?:sign up|subscribe|inbox)\b.*|"
    r"thank you for supporting our journalism\b.*|"
    r"read our full coverage\b.*|are you on telegram\?.*)$",
    re.IGNORECASE,
)
# headings whose following short lines are links or a caption, not the report
LIST_HEADING = re.compile(
    r"^(?:related(?: (?:articles?|stories|coverage|content|reading))?|read more(?: here)?|"
    r"more on this(?: story)?|see also|also read|recommended|most read|latest|"
    r"image caption|media caption|photo caption)\s*[:,.]?$",
    re.IGNORECASE,
)
MAX_LISTED = 6  # links a heading may take with it
MAX_LINK = 160  # a linked headline or a caption is short
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# a caption whose credit follows its last sentence: "… on April 21. EPA", "… Mariupol.
# REUTERS/Alexander Ermochenko", "… (AP Photo/Andriy Andriyenko)"
PICTURE_DESKS = r"EPA(?:-EFE)?|Getty Images|AP Photo|Alamy|Shutterstock|AFP via Getty Images"
CREDIT_TAIL = re.compile(
    rf"(?:^|[.!?”\"]\s+)\(?(?:Photo:\s*)?"
    rf"(?:(?:{AGENCIES})\s*/\s*[\w .'’-]{{2,40}}(?:(?:/|,\s*)File)?|"
    rf"{PICTURE_DESKS}|[\w .'’/-]{{2,60}}\s+via Getty Images)\)?\s*$",
    re.IGNORECASE,
)
# a desk's name alone may be the outlet's ("EPA"), as one agency alone is not a credit
DESK_ALONE = re.compile(rf"^\s*(?:{PICTURE_DESKS})\s*$", re.IGNORECASE)
TRAILING_LINK = re.compile(r"\s+Read more(?: here)?\.?\s*$", re.IGNORECASE)


def without_furniture(text: str) -> str:
    """``text`` without the lines that are page furniture (module docstring)."""
    kept: list[str] = []
    listing = 0  # lines a list heading may still take with it
    for line in text.split("\n"):
        stripped = line.strip()
        if listing and stripped and len(stripped) <= MAX_LINK and not SENTENCE_END.search(stripped):
            listing -= 1
            continue
        listing = 0
        if LIST_HEADING.match(stripped):
            listing = MAX_LISTED
            continue
        if stripped and is_furniture(stripped):
            continue
        kept.append(TRAILING_LINK.sub("", line))
    return "\n".join(kept)


def is_furniture(line: str) -> bool:
    """Whether one stripped line is, as a whole, a caption, a credit, an advertising marker
    or a newsletter, subscription or sharing prompt."""
    if FURNITURE.match(line) or is_caption_line(line):  # a caption line or a credit
        return True
    tail = CREDIT_TAIL.search(line) if len(line) <= 400 else None
    return tail is not None and not DESK_ALONE.match(line)
