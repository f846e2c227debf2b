"""Who a speaker mention refers to: canonical name, role and affiliation, with coreference.

Mentions are resolved in text order against the people and bodies named so far:

* a name ("Mikhail Mizintsev") starts or refreshes an entity; a bare surname
  ("Mizintsev") or a title plus surname refers back to the full name;
* a pronoun ("he", "according to him") refers to the most recent named speaker;
* a definite description ("the colonel general", "the spokesperson") refers to the most
  recent entity whose role shares its head word, else to the most recent named speaker.

Roles and affiliations come from the mention itself: titles before the name
("Colonel General …"), and appositions ("The head of X, Name" / "Name, head of X").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from corroborate.extract.lexicon import PRONOUNS, TITLES
from corroborate.extract.numbers import SCALES, TENS, UNITS
from corroborate.model import Span, Speaker

NAME_TOKEN = re.compile(r"^[A-ZА-ЯІЇЄҐ][\w'’.-]*$")
LOWER_JOINERS = {"of", "the", "for", "and", "de", "von", "van", "al", "bin"}
# counts and quantifiers open a sentence capitalised, but name nobody: "Four of the six
# residents", "One of them", "Several witnesses"
QUANTIFIERS = frozenset(
    "dozens hundreds thousands several some many most all both each few none nobody neither"
    " either another others".split()
)
TITLE_PATTERN = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<title>(?:"
    + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")\b\.?)\s*",
    re.IGNORECASE,
)
TITLE_WORDS = frozenset(word.strip(".") for title in TITLES for word in title.split())
DETERMINERS = ("the ", "a ", "an ", "this ", "that ")


@dataclass(slots=True)
class Entity:
    canonical: str
    role: str | None = None
    affiliation: str | None = None
    person: bool = True
    words: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Resolver:
    """Resolves speaker mentions of one document, in order."""

    entities: list[Entity] = field(default_factory=list)
    last_person: Entity | None = None

    def resolve(self, mention: Span) -> Speaker:
        text = " ".join(mention.text.split())
        # a bracketed aside is no part of the name: "The Coalition side (Dobrynets, via …)"
        text = " ".join(re.sub(r"\([^()]*\)", " ", text).split()) or text
        lowered = text.lower()
        if lowered in PRONOUNS:
            return self._pronoun(mention, lowered)
        role, name, affiliation = split_mention(text)
        if name:
            entity = self._named(name, role, affiliation)
        elif lowered.startswith(DETERMINERS):
            entity = self._description(text)
        else:
            entity = self._body(text)
        return Speaker(mention, entity.canonical, entity.role, entity.affiliation)

    def _pronoun(self, mention: Span, lowered: str) -> Speaker:
        """ "he"/"him" and "she"/"her" go back to the latest named person who may be one; "it"
        to the latest body ("The ministry said … It blamed …")."""
        if lowered == "it":
            for entity in reversed(self.entities):
                if not entity.person:
                    return Speaker(mention, entity.canonical, entity.role, entity.affiliation)
            return Speaker(mention, mention.text)
        wanted = {"he": "m", "him": "m", "she": "f", "her": "f"}.get(lowered)
        if wanted is not None:
            for entity in reversed(self.entities):
                if entity.person and name_gender(entity.canonical) in (wanted, None):
                    return Speaker(mention, entity.canonical, entity.role, entity.affiliation)
        return Speaker(mention, mention.text)

    def _named(self, name: str, role: str | None, affiliation: str | None) -> Entity:
        entity = self._find_name(name)
        if entity is None:
            entity = Entity(name, role, affiliation, words=_role_words(role))
            self.entities.append(entity)
        else:
            entity.role = entity.role or role
            entity.affiliation = entity.affiliation or affiliation
            entity.words |= _role_words(role)
        self.entities.remove(entity)
        self.entities.append(entity)  # most recently mentioned last, for pronouns
        self.last_person = entity
        return entity

    def _find_name(self, name: str) -> Entity | None:
        parts = name.split()
        for entity in reversed(self.entities):
            known = entity.canonical.split()
            if entity.canonical == name or (len(parts) == 1 and parts[0] == known[-1]):
                return entity
            if len(known) == 1 and known[0] == parts[-1]:
                entity.canonical = name  # a fuller name arrives later
                return entity
        return None

    def _description(self, text: str) -> Entity:
        """ "The colonel general", "the spokesperson": a title that points back to a person."""
        words = _role_words(text) & TITLE_WORDS
        if not words or _looks_institutional(text.split()):
            return self._body(text)
        for entity in reversed(self.entities):
            if entity.person and words & entity.words:
                return entity
        if self.last_person is not None and _is_personal(text):
            self.last_person.words |= words
            return self.last_person
        return self._body(text)

    def _body(self, text: str) -> Entity:
        """An organisation or unnamed source: "Donbas Monitor Group, an NGO" -> name, role."""
        first, _, rest = text.partition(",")
        canonical = _strip_determiner(first)
        for entity in self.entities:
            if entity.canonical.lower() == canonical.lower():
                return entity
        role = _strip_determiner(rest.strip()) or None
        entity = Entity(canonical, role, person=False, words=_role_words(canonical))
        self.entities.append(entity)
        return entity


MALE_IN_A = frozenset(
    {"mykola", "nikola", "ilya", "illia", "nikita", "luka", "kuzma", "foma", "sasha"}
)


def name_gender(name: str) -> str | None:
    """A guess from a Slavic first name ("Iryna" f, "Taras" m); None when unsure.
    Only ever used to keep "she" from pointing at a man, or "he" at a woman."""
    words = name.split()
    if len(words) < 2:
        return None
    first = words[0].lower()
    if first in MALE_IN_A:
        return "m"
    return "f" if first.endswith(("a", "ia", "ya")) else "m"


def split_mention(text: str) -> tuple[str | None, str | None, str | None]:
    """``(role, name, affiliation)`` of a mention like "The head of X, Name" or "Gen. Name"."""
    parts = [p.strip() for p in re.split(r",\s*", text) if p.strip()]
    name = None
    roles = []
    for part in parts:
        head, joiner, tail = part.partition(" of ")  # "Colonel Iryna Halchenko of the Staff"
        candidate = _name_in(part) or (_name_in(head) if joiner else None)
        if candidate and name is None:
            name = candidate[1]
            roles += [
                r
                for r in (candidate[0], f"of {tail}" if joiner and not _name_in(part) else None)
                if r
            ]
        else:
            roles.append(_strip_determiner(part))
    role = "; ".join(r for r in roles if r) or None
    return role, name, _affiliation(role)


def _name_in(part: str) -> tuple[str | None, str] | None:
    """``(title, name)`` when ``part`` is an optional title followed by a capitalised name."""
    title = None
    rest = part
    while (match := TITLE_PATTERN.match(rest)) is not None and match.end() < len(rest):
        title = f"{title} {match.group('title')}" if title else match.group("title")
        rest = rest[match.end() :]
    words = rest.split()
    if not words or len(words) > 4 or not all(NAME_TOKEN.match(w) for w in words):
        return None
    if " ".join(words).lower().rstrip(".") in TITLES or words[-1].lower() in TITLES:
        return None
    if any(w.lower() in LOWER_JOINERS for w in words) or _looks_institutional(words):
        return None
    if _counts(words[0].lower()):
        return None
    if len(words) == 1 and title is None:
        return (None, words[0]) if not words[0].isupper() else None
    return title, " ".join(words)


def _counts(word: str) -> bool:
    return word in QUANTIFIERS or word in UNITS or word in TENS or word in SCALES


def _looks_institutional(words: list[str]) -> bool:
    institutional = {
        "ministry",
        "agency",
        "service",
        "centre",
        "center",
        "office",
        "news",
        "group",
        "council",
        "committee",
        "army",
        "forces",
        "guard",
        "police",
        "mission",
        "press",
        "herald",
        "staff",
        "headquarters",
        "command",
        "administration",
        "government",
        "authorities",
        "post",
        "times",
        "daily",
        "wire",
        "observer",
        "courier",
        "digest",
        "monitor",
    }
    return any(w.lower().strip(".") in institutional for w in words)


def _affiliation(role: str | None) -> str | None:
    if not role:
        return None
    match = re.search(r"\b(?:of|at|for|from)\s+(?:the\s+)?(.+)$", role.split("; ")[-1])
    if match:
        return match.group(1).strip(" .")
    return None


def _role_words(text: str | None) -> set[str]:
    if not text:
        return set()
    return {
        w.strip(".,").lower()
        for w in text.split()
        if w.lower() not in ("the", "a", "an", "of", "and")
    }


def _is_personal(text: str) -> bool:
    lowered = text.lower()
    return any(re.search(rf"\b{re.escape(title)}\b", lowered) for title in TITLES)


def _strip_determiner(text: str) -> str:
    lowered = text.lower()
    for determiner in DETERMINERS:
        if lowered.startswith(determiner):
            return text[len(determiner) :].strip()
    return text.strip()
