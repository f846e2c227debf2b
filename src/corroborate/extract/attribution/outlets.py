"""The chain of outlets a report relays statements through: "reported by TASS", "citing EWA";
and the outlet that published the report itself, from its own metadata.

The chain is found with patterns over the report text (they are formulaic in wire copy), in
order of appearance, each outlet once. An outlet also named as the speaker of an attribution
is not part of that attribution's chain (it speaks for itself). Picture credits ("EPA
Reuters") are never outlets.

The publishing outlet (``report_outlet``) is read from what the report says about itself:
its site name, the host of its web address, its byline ("By Jane Doe, Reuters") and its
dateline ("MINSK, 7 February (BelTA) –", "KYIV (Reuters) -", "MOSCOW, Feb 7 /TASS/"). A
registered outlet is named as the registry names it; otherwise the site name or dateline
names it as written: an unregistered outlet, which grading tells apart from an unknown one.
"""

from __future__ import annotations

import re
from functools import cache

from corroborate.model import Report
from corroborate.taxonomy.credits import is_credit
from corroborate.taxonomy.parties import party_words
from corroborate.taxonomy.registry import Registry, registry
from corroborate.taxonomy.words import word_set

NAME = r"(?:[A-Z][\w&'’-]*)(?:[ ]+(?:[A-Z][\w&'’-]*|of|the|and|for))*"
ACRONYM = r"(?:\s*\((?P<acronym>[A-Z][A-Za-z]{1,9})\))?"
RELAYED = r"(?:reported|carried|published|relayed|broadcast|quoted|cited)"
PATTERNS = (
    re.compile(r"\b" + RELAYED + r"\s+by\s+(?:the\s+)?(?P<name>" + NAME + ")" + ACRONYM),
    re.compile(
        r"\b(?:citing|quoting)\s+(?:the\s+)?(?:state\s+|news\s+|wire\s+)*(?:agency\s+)?(?P<name>"
        + NAME
        + ")"
        + ACRONYM
    ),
    re.compile(
        r"\b(?:told|according\s+to)\s+(?:the\s+)?(?:state\s+)?(?:news\s+agency\s+|agency\s+)(?P<name>"
        + NAME
        + ")"
        + ACRONYM
    ),
    re.compile(r"\btold\s+(?P<name>[A-Z]{2,10})\b" + ACRONYM),
    re.compile(
        r"(?P<name>" + NAME + ")" + ACRONYM + r"[ ]+(?:reported|reports|said in a report)\b"
    ),
)
# capitalised words that open a sentence before an outlet's name or a relay verb
LEADING = word_set("function", "sentence_openers")
NOT_OUTLETS = word_set("people", "not_outlets")


def find_outlets(text: str) -> list[str]:
    """Outlets that carried or were cited for the statements in ``text``, first seen first."""
    found: list[tuple[int, str]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            name = _clean(match.group("name"))
            if (
                name
                and name not in NOT_OUTLETS
                and name.casefold() not in _party_names()
                and not is_credit(name)
            ):
                found.append((match.start("name"), name))
                if match.group("acronym"):
                    found.append((match.start("acronym"), match.group("acronym")))
    return _unique(name for _, name in sorted(found))


@cache
def _party_names() -> frozenset[str]:
    """Parties are not outlets ("reported by the Coalition's agency" names the agency)."""
    return party_words(alias for aliases in registry().parties.values() for alias in aliases)


def _clean(name: str) -> str:
    words = re.sub(r"['’]s$", "", name).split()
    while words and words[-1] in ("of", "the", "and", "for"):
        words.pop()
    while words and (words[0] in ("of", "the", "and", "for") or words[0] in LEADING):
        words.pop(0)  # "As reported by …", "As TASS reported": "As" opens the sentence
    return " ".join(words)


def _unique(names: object) -> list[str]:
    seen: list[str] = []
    for name in names:  # type: ignore[attr-defined]
        if not any(name == s or name in s.split() for s in seen):
            seen.append(name)
    return seen


CITY = r"[A-ZА-ЯЁІЇЄ][\w'’.-]*(?:[ -][A-ZА-ЯЁІЇЄ][\w'’.-]*){0,3}"
WHEN = r"(?:,\s*[\w .]{1,25}?)?"
DATELINES = (
    re.compile(rf"^\s*{CITY}{WHEN}\s*\((?P<name>[^()\n]{{2,40}})\)\s*[-–—:.]", re.MULTILINE),
    re.compile(rf"^\s*{CITY}{WHEN}\.?\s*/(?P<name>[^/\n]{{2,30}})/", re.MULTILINE),
)
DATELINE_REACH = 800  # a dateline opens the story: its first lines, after title and byline
# a dateline without an outlet: a city in capitals, perhaps a date, then a dash ("KYIV -",
# "KHARKIV, April 12 —")
BARE_DATELINE = re.compile(
    r"^\s*[A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’.-]+(?:[ -][A-ZА-ЯЁІЇЄ][A-ZА-ЯЁІЇЄ'’.-]+){0,3}"
    rf"{WHEN}\s+[-–—]\s",
    re.MULTILINE,
)
BYLINE = re.compile(r"^\s*(?:by|from)\s+", re.IGNORECASE)
BYLINE_PARTS = re.compile(r"\s*(?:,|\||/|\band\b|\(|\)|;|–|—)\s*")


def report_outlet(report: Report, sources: Registry | None = None) -> str | None:
    """The outlet that published ``report``, from its own metadata: the registered name if
    its site name, web address, byline or dateline names a registered outlet, else its site
    name or dateline's outlet as written, else None."""
    known = sources or registry()
    site = None if is_credit(report.outlet) else report.outlet
    dateline = dateline_outlet(report.text)
    candidates = [site, report.url, *byline_outlets(report.author), dateline]
    for candidate in candidates:
        found = known.lookup(candidate)
        if found is not None:
            return found.name
    return site or dateline


def dateline_outlet(text: str) -> str | None:
    """The outlet a dateline names ("KYIV (Reuters) -" → "Reuters"), as written."""
    head = text[:DATELINE_REACH]
    for pattern in DATELINES:
        match = pattern.search(head)
        if match:
            name = match.group("name").strip()
            if not is_credit(name) and name[:1].isupper() and len(name.split()) <= 5:
                return name
    return None


def dateline_span(text: str) -> tuple[int, int] | None:
    """Where the report's dateline lies ("KYIV, April 12 (Reuters) -"): the place and day it
    names are where and when the story was filed, not where or when anything happened."""
    head = text[:DATELINE_REACH]
    found = [m for p in (*DATELINES, BARE_DATELINE) if (m := p.search(head))]
    if not found:
        return None
    first = min(found, key=lambda m: m.start())
    return first.start(), first.end()


def byline_outlets(author: str | None) -> list[str]:
    """The parts of a byline ("By Jane Doe, Reuters" → ["Jane Doe", "Reuters"]); only a
    registered outlet among them is taken (a part may be a person, a place or a job)."""
    if not author or is_credit(author):
        return []
    return [p for p in BYLINE_PARTS.split(BYLINE.sub("", author)) if p.strip()]
