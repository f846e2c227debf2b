"""The order reports are taken in wherever an order can break a tie: one that no name moves.

Report ids hash a report's bytes (and a sealed testimony's bytes change with the witness
key), so an order by id changes when a party, person or outlet is spelt differently, and so
do the ties it breaks: which of two equal incidents is built first, which origin or denial is
named first. Reports are ordered instead by their publication date, then by their text with
every name blanked (a run of capitalised words, "Novy Vestnik State News" as "Republic
Herald", counts as one blank), then by their place in their file; the id only separates
reports that still tie, which then differ in names alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.ids import make_id
from corroborate.model import Report

WORD = re.compile(r"\w+")
BLANK = "\x00"
OPENING = 200  # characters of the name-blind text kept as they read in the key


def name_blind(text: str) -> str:
    """``text`` as its lower-case words, each run of capitalised words one blank: what is
    left of a report when every name is taken out, whatever the names' length."""
    out: list[str] = []
    for word in WORD.findall(text):
        if word[0].isupper():
            if not out or out[-1] != BLANK:
                out.append(BLANK)
        else:
            out.append(word)
    return " ".join(out)


def report_order(report: Report) -> tuple[str, str, str, str]:
    """The key reports are sorted by: publication, name-blind text, item, then id."""
    return (
        report.published or "9999",
        _blind_digest(report.text),
        report.item,
        report.id,
    )


@lru_cache(maxsize=1 << 16)
def _blind_digest(text: str) -> str:
    """The name-blind text's opening words as they read (so that "Report 1" comes before
    "Report 2"), then a digest of all of it: a key of bounded size for any report."""
    # cached by the text itself: a report's text is one string object, whose hash Python keeps
    blind = name_blind(text)
    return f"{blind[:OPENING]}|{make_id('name-blind', blind)}"
