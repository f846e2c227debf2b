"""Where a protected person is mentioned in a text: the one matcher behind sealing at rest
(``sealing.py`` replaces mentions in a testimony's stored text by references) and
pseudonyms in everything shared (``export/pseudonyms.py`` replaces them by codes).

A mention of a name is the full name, its parts joined by any spacing, ``_``, ``.`` or
``-``, or any significant part on its own (given name, surname, a witness code like
``L-04``), with or without a title (``Mrs Oksvetta``), in any case. It is bounded by
anything that is not a letter or digit, ``_`` included, so it is found inside file names
(``oksana_realname_interview``) but not inside longer words. A contact (phone, e-mail) is
matched with its separators optional.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

TITLE = r"(?:(?:mr|mrs|ms|miss|mx|dr|prof|pan|pani|sir|madam)\.?[\s_]+)?"
# words of a witness value that say what a person is, not who: never replaced on their own.
# A value made of these alone ("one", "a local resident", "two witnesses") names nobody.
GENERIC = frozenset(
    "witness witnesses eyewitness eyewitnesses former detainee detainees detained resident "
    "residents local locals victim victims survivor survivors source sources anonymous unnamed "
    "person people man men woman women villager villagers inhabitant inhabitants neighbour "
    "neighbours relative relatives one two three four five six seven eight nine ten several "
    "some many another other others of them a an the and mr mrs ms miss mx dr prof pan "
    "pani".split()
)


@dataclass(frozen=True, slots=True)
class Person:
    """A protected person: what every mention becomes, and the values that name them."""

    code: str
    names: tuple[str, ...]
    contact: bool = False


def _token(token: str) -> str:
    """A name token as a pattern; a code's hyphen may be written as ``_``, a space or not."""
    pieces = [re.escape(p) for p in re.split(r"[-‐–]", token) if p]
    return r"[-‐–_\s]?".join(pieces)


def _significant(token: str) -> bool:
    word = token.strip(".,;:'\"()").casefold()
    return word not in GENERIC and len(word) >= 2 and not word.isdigit()


def name_patterns(value: str) -> list[str]:
    """The full name (its parts joined by any spacing, ``_``, ``.`` or ``-``), then each
    significant part; each may follow a title."""
    tokens = [t.strip(".,;:'\"()") for t in re.split(r"[\s_]+", value.strip())]
    tokens = [t for t in tokens if t]
    parts = [_token(t) for t in tokens if _significant(t)]
    if not parts:  # "Anonymous", "Witness": names nobody, so never replaced
        return []
    full = r"[\s_.\-]+".join(_token(t) for t in tokens)
    return [TITLE + p for p in dict.fromkeys([full, *parts])]


def contact_patterns(value: str) -> list[str]:
    """A phone number or address with its separators optional."""
    chars = [c for c in value if c.isalnum() or c in "@+"]
    return [r"[\s.\-()/]*".join(re.escape(c) for c in chars)] if chars else []


def _bounded(pattern: str) -> str:
    # not inside a longer word or number; "_" counts as a boundary (file names)
    return rf"(?<![^\W_])(?:{pattern})(?![^\W_])"


class Mentions:
    """Replaces every mention of the given persons in a text by the person's ``code``."""

    def __init__(self, persons: Sequence[Person]) -> None:
        rules = []
        for person in persons:
            for name in person.names:
                patterns = contact_patterns(name) if person.contact else name_patterns(name)
                rules += [(_bounded(p), person.code) for p in patterns]
        rules.sort(key=lambda rule: len(rule[0]), reverse=True)  # longest (full names) first
        self._rules = [(re.compile(p, re.IGNORECASE), code) for p, code in rules]
        self._any = re.compile("|".join(p for p, _ in rules), re.IGNORECASE) if rules else None

    def replace(self, text: str) -> str:
        return self._any.sub(self.code_of, text) if self._any else text

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """Any mention: ``replace`` replaces its matches, left to right, by ``code_of``."""
        return self._any

    def code_of(self, match: re.Match[str]) -> str:
        found = match.group()
        return next((code for rule, code in self._rules if rule.fullmatch(found)), found)
