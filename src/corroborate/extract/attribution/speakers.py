"""Who a speaker mention refers to: canonical name, role and affiliation, with coreference.

Mentions are resolved in text order against the people and bodies named so far:

* a name ("Mikhail Mizintsev") starts or refreshes an entity; a bare surname
  ("Mizintsev") or a title plus surname refers back to the full name;
* a pronoun refers to the most recent entity it agrees with: "he"/"she" to a person
  (skipping one whose gender the text itself states otherwise: "Ms", "spokeswoman"; never
  guessed from a name), "it" to a body, "they" to a group; with none, it stays unresolved;
* a definite description ("the colonel general", "the spokesperson", "the Mission")
  refers to the most recent entity whose role or name shares its head word, else to the
  most recent named speaker.

A mention that names nobody (a pronoun with no antecedent, a first-person "we", a
fragment the parse left as speaker) comes back ``unresolved``: grading leaves it out of
the origin counts and says so. Roles and affiliations come from the mention itself:
titles before the name ("Colonel General …"), and appositions ("The head of X, Name" /
"Name, head of X").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from corroborate.extract.facts.numbers import SCALES, TENS, UNITS
from corroborate.extract.facts.places import find_places
from corroborate.extract.lexicon import PRONOUNS, TITLES
from corroborate.extract.spans import text_of
from corroborate.model import Span, Speaker
from corroborate.taxonomy.registry import registry
from corroborate.taxonomy.words import word_list, word_set

NAME_FILLER = word_set("people", "name_filler")

NAME_TOKEN = re.compile(r"^[A-ZА-ЯІЇЄҐ][\w'’.-]*$")
LOWER_JOINERS = word_set("people", "name_joiners")
# counts and quantifiers open a sentence capitalised, but name nobody: "Four of the six
# residents", "One of them", "Several witnesses"
QUANTIFIERS = word_set("function", "quantifiers")
TITLE_PATTERN = re.compile(
    r"^(?:(?:the|a|an)\s+)?(?P<title>(?:"
    + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
    + r")\b\.?)\s*",
    re.IGNORECASE,
)
TITLE_WORDS = frozenset(word.strip(".") for title in TITLES for word in title.split())
DETERMINERS = word_list("people", "determiner_prefixes")
# gender as the text states it, in a title or a role word; never from a first name
STATED_GENDER = {"mr": "m", "sir": "m", "ms": "f", "mrs": "f", "miss": "f", "madam": "f"}
# pronouns by what they can stand for: a person of a stated gender, a body, a group
PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
GROUP_PRONOUNS = frozenset({"they", "them"})
# the head words of a body's name that a later mention uses alone: "the Mission", "the
# Ministry" point back to the body named in full before
INSTITUTIONAL = word_set("people", "institutional_heads")
COLLECTIVE = word_set("people", "collective_nouns")


@dataclass(slots=True)
class Entity:
    canonical: str
    role: str | None = None
    affiliation: str | None = None
    person: bool = True
    words: set[str] = field(default_factory=set)
    gender: str | None = None  # only as the text states it ("Ms", "spokeswoman")
    plural: bool = False
    seen: int = -1  # where it was last mentioned


@dataclass(slots=True)
class Resolver:
    """Resolves speaker mentions of one document, in order. ``bodies`` are the registered
    bodies the document names anywhere, for "the Mission" to point back to."""

    entities: list[Entity] = field(default_factory=list)
    last_person: Entity | None = None
    bodies: list[Entity] = field(default_factory=list)
    people: list[tuple[int, str]] = field(default_factory=list)
    turns: list[tuple[int, str]] = field(default_factory=list)
    titled: list[str] = field(default_factory=list)  # full names after a title, anywhere

    @classmethod
    def seeded(
        cls,
        bodies: Iterable[str],
        people: Iterable[tuple[int, str]] = (),
        turns: Iterable[tuple[int, str]] = (),
        titled: Iterable[str] = (),
    ) -> Resolver:
        """A resolver that knows the registered ``bodies`` the document names, the
        ``people`` it names anywhere, as ``(offset, name as written)``, for a pronoun whose
        antecedent is no speaker ("Oksana Melnyk visited the site. She said …"), and the
        ``turns`` of a transcript (``transcript_turns``), for its "I" and "we"."""
        named = [Entity(n, person=False, words=_role_words(n)) for n in bodies]
        return cls(bodies=named, people=sorted(people), turns=sorted(turns), titled=list(titled))

    def resolve(self, mention: Span) -> Speaker:
        text = " ".join(mention.text.split())
        # a bracketed aside is no part of the name: "The Coalition side (Dobrynets, via …)"
        text = " ".join(re.sub(r"\([^()]*\)", " ", text).split()) or text
        lowered = text.lower()
        if lowered in PRONOUNS or lowered in ("you", "us", "me", "one"):
            return self._pronoun(mention, lowered)
        role, name, affiliation = split_mention(text)
        if name:
            entity = self._named(name, role, affiliation, text)
        elif (body := self._anaphoric(text)) is not None:
            body.seen = mention.start
            return _speaker(mention, body)
        elif _lone_head(text):
            return Speaker(mention, mention.text, unresolved=True)
        elif lowered.startswith(DETERMINERS):
            entity = self._description(text)
        else:
            entity = self._body(text)
        entity.seen = mention.start
        return _speaker(mention, entity)

    def _pronoun(self, mention: Span, lowered: str) -> Speaker:
        """ "he"/"him" and "she"/"her" go back to the latest named person the text does not
        say is of the other gender; "it" to the latest body ("The ministry said … It blamed
        …"); "they" to the latest group. First and second person, and a pronoun with nothing
        to agree with, stay unresolved, but in a transcript, where "I" and "we" are the
        speaker of the turn they are in ("Vladimir Putin: We will discuss …")."""
        if lowered in FIRST_PERSON and (turn := _turn_at(self.turns, mention.start)):
            entity = self._named(turn, None, None, turn)
            entity.seen = mention.start
            return _speaker(mention, entity)
        spoken = next((e for e in reversed(self.entities) if _agrees(e, lowered)), None)
        if lowered in PERSONAL:
            named = self._person_before(mention.start, PERSONAL[lowered])
            if named is not None and (spoken is None or named[0] > spoken.seen):
                role, name, affiliation = split_mention(named[1])
                entity = self._named(name or named[1], role, affiliation, named[1])
                entity.seen = named[0]
                return _speaker(mention, entity)
        if spoken is None:
            return Speaker(mention, mention.text, unresolved=True)
        spoken.seen = mention.start
        return _speaker(mention, spoken)

    def _person_before(self, position: int, gender: str) -> tuple[int, str] | None:
        """The latest person the document names before ``position`` whose mention does not
        state the other gender."""
        for start, text in reversed(self.people):
            if (
                start < position
                and split_mention(text)[1]
                and stated_gender(text) in (gender, None)
            ):
                return start, text
        return None

    def _named(self, name: str, role: str | None, affiliation: str | None, text: str) -> Entity:
        entity = self._find_name(name)
        if entity is None and " " not in name:  # "Savranov told …", his full name unspoken
            fuller = {t for t in self.titled if t.split()[-1] == name}
            name = fuller.pop() if len(fuller) == 1 else name
            entity = self._find_name(name)
        if entity is None:
            entity = Entity(name, role, affiliation, words=_role_words(role))
            self.entities.append(entity)
        else:
            entity.role = entity.role or role
            entity.affiliation = entity.affiliation or affiliation
            entity.words |= _role_words(role)
        entity.gender = entity.gender or stated_gender(text)
        self.entities.remove(entity)
        self.entities.append(entity)  # most recently mentioned last, for pronouns
        self.last_person = entity
        return entity

    def _find_name(self, name: str) -> Entity | None:
        parts = name.split()
        for entity in reversed(self.entities):
            if not entity.person:
                continue
            known = entity.canonical.split()
            if entity.canonical == name or (len(parts) == 1 and parts[0] == known[-1]):
                return entity
            if len(known) == 1 and known[0] == parts[-1]:
                entity.canonical = name  # a fuller name arrives later
                return entity
        return None

    def _anaphoric(self, text: str) -> Entity | None:
        """ "the Mission", "The Ministry": a body's head word alone, pointing back to the body
        named in full (registered, or speaking before)."""
        head = _strip_determiner(text)
        word = head.lower()
        if " " in head or word not in INSTITUTIONAL - COLLECTIVE:
            return None
        for entity in reversed(self.entities):
            if not entity.person and word in entity.words and entity.canonical != head:
                return entity
        # a registered body the document names: only when one alone has that head word
        named = [b for b in self.bodies if word in b.words]
        if len(named) == 1:
            self.entities.append(named[0])
            return named[0]
        return None

    def _description(self, text: str) -> Entity:
        """ "The colonel general", "the spokesperson": a title that points back to a person
        whose role holds every word of it ("The Head of State" is not "the Head of the Odesa
        regional military administration")."""
        full = _role_words(text)
        words = full & TITLE_WORDS
        if not words or _looks_institutional(text.split()):
            return self._body(text)
        for entity in reversed(self.entities):
            if entity.person and words & entity.words and full <= entity.words:
                return entity
        last = self.last_person
        # a bare title ("the spokesperson") is the latest person named, unless the role the
        # text gave them says otherwise; a qualified one ("the Head of State", "the US
        # president") names an office, not whoever was named last
        bare = full <= TITLE_WORDS
        stated = last is not None and bool(words & last.words) and not full <= last.words
        if last is not None and bare and not stated and _is_personal(text):
            last.words |= words
            return last
        return self._body(text)

    def _body(self, text: str) -> Entity:
        """An organisation or unnamed source: "Donbas Monitor Group, an NGO" -> name, role."""
        first, _, rest = text.partition(",")
        canonical = _strip_determiner(first)
        for entity in self.entities:
            if entity.canonical.lower() == canonical.lower():
                return entity
        role = _strip_determiner(rest.strip()) or None
        entity = Entity(
            canonical,
            role,
            person=False,
            words=_role_words(canonical),
            plural=_is_group(canonical),
        )
        self.entities.append(entity)
        return entity


FIRST_PERSON = frozenset({"i", "we", "me", "us"})
# a transcript's turn: a name of two to four capitalised words and a colon, opening a line
# or following a sentence ("… a problem. Yury Chikhanchin: It is …")
TURN = re.compile(
    r"(?:^|(?<=[.!?…>)\]\"”]\s)|(?<=\n))((?:[A-ZА-Я][\w'’-]+\s){1,3}[A-ZА-Я][\w'’-]+):\s",
    re.MULTILINE,
)


def transcript_turns(text: str) -> list[tuple[int, str]]:
    """Where each turn of a transcript starts and who speaks it: ``(offset, name)``. A text
    with fewer than two turns is no transcript (a heading "Vladimir Putin: a profile" is
    none) and has none."""
    found = [(m.end(), m.group(1)) for m in TURN.finditer(text) if split_mention(m.group(1))[1]]
    return found if len(found) > 1 else []


def _turn_at(turns: list[tuple[int, str]], position: int) -> str | None:
    """The speaker of the turn ``position`` lies in, if any."""
    before = [t for t in turns if t[0] <= position]
    return before[-1][1] if before else None


NON_AGENTS = word_set("people", "non_agents")
ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")


TITLED = re.compile(
    r"(?<![\w-])(?i:"
    + "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True))
    + r")\.?\s+((?:[A-ZА-ЯІЇЄҐ][\w'’-]+\s+){1,2}[A-ZА-ЯІЇЄҐ][\w'’-]+)"
)


def titled_names(text: str) -> list[str]:
    """Full names the text writes after a title ("Major General Oleg Savranov"), read by
    their form alone, so that a bare surname ("Savranov told …") is that person whichever
    names the text uses, where the parse found no speaker in the titled mention."""
    found = []
    for match in TITLED.finditer(text):
        named = _name_in(" ".join(match.group(1).split()))
        if named is not None and " " in named[1] and named[1] not in found:
            found.append(named[1])
    return found


def people_in(doc: Doc) -> list[tuple[int, str]]:
    """The people the parse names, with a title before the name that states a gender ("Ms
    Lys"): ``(offset, text)``."""
    found = []
    for ent in doc.ents:
        if ent.label_ not in ("PER", "PERSON") or _bare_place(ent.text):
            continue
        before = doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_.rstrip(".") in STATED_GENDER:
            found.append((before.idx, f"{before.text} {ent.text}"))
        else:
            found.append((ent.start_char, ent.text))
    return found


def names_nobody(tokens: Sequence[Token]) -> bool:
    """Whether a speaker phrase the parse found names no one who could speak: no noun at all
    ("What", "My", "amid", "One", "VI"), a head that is information rather than a speaker
    ("preliminary information", "information available to us"), a bare place that is no
    party ("Kramatorsk"), or a shouted headline, whose body says who spoke."""
    words = [t for t in tokens if not (t.is_punct or t.is_space)]
    nouns = [t for t in words if _may_name(t)]
    if not nouns:
        return True
    inside = {t.i for t in words}
    heads = [t for t in words if t.head.i not in inside or t.head.i == t.i]
    if any(h.lower_ in NON_AGENTS for h in heads):
        return True
    if _heading(text_of(words[0].doc), words[0].idx, words[-1].idx + len(words[-1])):
        return True
    return _bare_place(" ".join(t.text for t in words if t.tag_ != "DT"))


# tags whose words name no one even when the tagger is unsure of them: prepositions,
# conjunctions, numbers ("Amid the shelling", "One of them"); pronouns and determiners are
# known by the word itself (the tagger takes an unfamiliar surname for a pronoun at times)
FUNCTION_TAGS = word_set("grammar", "function_tags")


def _may_name(token: Token) -> bool:
    """A noun, or a capitalised word that is no function word; never a roman numeral. The
    bundled pipeline has Penn Treebank tags only, no coarse part of speech."""
    if ROMAN.match(token.text) or token.lower_ in STOP_WORDS or token.tag_ in FUNCTION_TAGS:
        return False
    return token.tag_.startswith("NN") or (token.is_alpha and token.text[:1].isupper())


def _heading(text: str, start: int, end: int) -> bool:
    """Whether the phrase is in a heading: a line of its own ("Assessment"), or a line in
    capitals ("COALITION SAYS …")."""
    line = text[text.rfind("\n", 0, start) + 1 : (text.find("\n", end) + 1 or len(text) + 1) - 1]
    letters = [c for c in line if c.isalpha()]
    shouted = len(line.split()) > 3 and all(c.isupper() for c in letters)
    return shouted or line.strip(" #*:") == text[start:end]


def _bare_place(text: str) -> bool:
    """A place alone ("Kramatorsk said"), unless it stands for a party ("Kyiv said")."""
    places = find_places(text)
    known = registry()
    whole = len(places) == 1 and places[0].name == text
    return whole and known.party_in(text) is None and known.lookup(text) is None


def _speaker(mention: Span, entity: Entity) -> Speaker:
    return Speaker(mention, entity.canonical, entity.role, entity.affiliation)


def _agrees(entity: Entity, pronoun: str) -> bool:
    """Whether ``pronoun`` can stand for ``entity``: person, number and a stated gender."""
    if pronoun in PERSONAL:
        return entity.person and entity.gender in (PERSONAL[pronoun], None)
    if pronoun == "it":
        return not entity.person and not entity.plural
    if pronoun in GROUP_PRONOUNS:
        return entity.plural
    return False


def stated_gender(text: str) -> str | None:
    """The gender a mention states: a title ("Ms Kovalenko") or a role word ("spokeswoman",
    "chairman"); ``None`` when it states none. A first name states nothing."""
    for word in re.findall(r"[A-Za-z]+", text):
        lowered = word.lower()
        if lowered in STATED_GENDER:
            return STATED_GENDER[lowered]
        if lowered.endswith("woman") and len(lowered) > 5:
            return "f"
        if lowered.endswith("man") and len(lowered) > 5 and lowered not in ("german", "ottoman"):
            return "m"
    return None


def _is_group(canonical: str) -> bool:
    """A plural unnamed source ("residents", "hospital staff", "Bilyk, Savchuk and Tkachuk")."""
    words = canonical.split()
    if not words:
        return False
    last = words[-1]
    plural = last.endswith("s") and not last.endswith("ss")
    return (
        " and " in canonical
        or (plural and (len(words) == 1 or last.islower()))
        or last.lower() in ("staff", "people", "police")
    )


def _lone_head(text: str) -> bool:
    """A body's head word alone ("Mission", "the Ministry") with nothing named before that it
    could point back to: it names nobody in particular."""
    head = _strip_determiner(text)
    return " " not in head and head[:1].isupper() and head.lower() in INSTITUTIONAL - COLLECTIVE


def split_mention(text: str) -> tuple[str | None, str | None, str | None]:
    """``(role, name, affiliation)`` of a mention like "The head of X, Name" or "Gen. Name"."""
    parts = [p.strip() for p in re.split(r",\s*", text) if p.strip()]
    name = None
    roles = []
    for part in parts:
        head, joiner, tail = part.partition(" of ")  # "Colonel Iryna Halchenko of the Staff"
        candidate = _name_in(part) or (_name_in(head) if joiner else None) or _after_role(part)
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


def _after_role(part: str) -> tuple[str | None, str] | None:
    """``(role, name)`` of a role set before a name without a comma: "defence ministry
    spokesperson Major General Oleg Savranov", "Bakhmut police chief Serhii Lytvak". The
    word before the name must be a title ("spokesperson", "chief"), and the name two words
    or a title and one, as ``_name_in`` reads them; the role is whatever the parse took in
    before it, so two spellings of one mention split alike."""
    words = part.split()
    lower = [i for i, w in enumerate(words) if not NAME_TOKEN.match(w)]
    if not lower or lower[-1] == len(words) - 1 or words[lower[-1]].lower() not in TITLE_WORDS:
        return None
    found = _name_in(" ".join(words[lower[-1] + 1 :]))
    if found is None or (found[0] is None and len(found[1].split()) < 2):
        return None
    role = " ".join([*words[: lower[-1] + 1], *([found[0]] if found[0] else [])])
    return _strip_determiner(role), found[1]


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
    return any(w.lower().strip(".") in INSTITUTIONAL for w in words)


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
        w.strip(".,").lower().removesuffix("'s").removesuffix("’s")
        for w in text.split()
        if w.lower() not in NAME_FILLER
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
