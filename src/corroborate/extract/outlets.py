"""The chain of outlets a report relays statements through: "reported by TASS", "citing EWA".

Found with patterns over the report text (they are formulaic in wire copy), in order of
appearance, each outlet once. An outlet also named as the speaker of an attribution is not
part of that attribution's chain (it speaks for itself).
"""

from __future__ import annotations

import re
from functools import cache

from corroborate.taxonomy.parties import party_words
from corroborate.taxonomy.registry import registry

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
LEADING = frozenset(
    "As So And But Also Earlier Later Previously Then Now Meanwhile However Separately".split()
)
NOT_OUTLETS = {
    "He",
    "She",
    "They",
    "It",
    "This",
    "That",
    "The",
    "A",
    "An",
    "Officials",
    "Sources",
    "Residents",
}


def find_outlets(text: str) -> list[str]:
    """Outlets that carried or were cited for the statements in ``text``, first seen first."""
    found: list[tuple[int, str]] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            name = _clean(match.group("name"))
            if name and name not in NOT_OUTLETS and name.casefold() not in _party_names():
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
