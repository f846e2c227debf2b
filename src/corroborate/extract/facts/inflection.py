"""Inflected Cyrillic place names: "у Миколаєві", "з Миколаєва", "под Изюмом", "в Харькове".

The gazetteer holds the names in the nominative; Ukrainian and Russian decline them. A
capitalised Cyrillic name the gazetteer does not know as written is analysed by pymorphy3
(its Ukrainian and Russian dictionaries, installed with the package; nothing is downloaded)
and each analysis put back in the nominative, keeping its gender and number, so that an
adjective agrees with its noun: "Запорізької області" -> "Запорізька область", "Кривому
Розі" -> "Кривий Ріг", "Кривом Роге" -> "Кривой Рог". The nominatives are then looked up
as the written name would be, and what is not a place is left out as for any name
(``toponyms``). Rules of their own (``Nominative``, ``toponyms._inflected``):

- an analysis as a person's name, surname or patronymic gives no nominative: "з
  Олександром", "Шевченком" are people even where a village bears the name;
- an adjective alone is no name ("Северной коалиции"), only with its noun;
- a name found only through its nominative at the start of a sentence, or a common word
  of the Russian dictionary that it never marks as a place name (``Geox``), must be a place
  of the common-word population (``toponyms.yaml``): a capitalised first word is as often a
  common noun ("Поле", "Роза") as a name, and the English rule for "Mission" applies;
- a declined name is never a village under the minimum population, nor a street's name
  ("на проспекті Перемоги").

The analyser knows the words of its dictionary and guesses others from their endings; a
name it guesses wrongly (a rare village, a name written in Latin letters, a name declined
as an indeclinable one) is missed as before: nothing is matched that the gazetteer does not
hold in some nominative.
"""

from __future__ import annotations

import importlib.util
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pymorphy3

from corroborate.errors import ExtractionError
from corroborate.taxonomy.words import word_set

log = logging.getLogger(__name__)
# the Ukrainian dictionary is GPL-3.0, so it is an extra (``corroborate[uk]``, in the
# development install); without it Ukrainian declined names are not read, and a run says so
OPTIONAL = {"uk": "pymorphy3_dicts_uk"}

PERSON = frozenset({"Name", "Surn", "Patr"})
ADJECTIVES = frozenset({"ADJF", "PRTF"})
UKRAINIAN_ONLY, RUSSIAN_ONLY = frozenset("іїєґІЇЄҐ"), frozenset("ыэъёЫЭЪЁ")
MAX_FORMS = 4  # nominatives kept per word: multiword names try every combination
SENTENCE_START = re.compile(r"(?:^|[.!?…:;\]]\s*|\n\s*|[«\"“„(]\s*)$")


def cyrillic(word: str) -> bool:
    """Whether a word is written in Cyrillic letters (apostrophes and hyphens aside)."""
    letters = [ch for ch in word if ch.isalpha()]
    return bool(letters) and all("\u0400" <= ch <= "\u052f" for ch in letters)


@cache
def _analysers() -> dict[str, Any]:
    """The Ukrainian and Russian analysers, loaded once (about 0.1 s); E010 if a dictionary
    package is damaged, or the Russian one missing. Without the optional Ukrainian one (the
    ``uk`` extra) only the Russian analyser is loaded, with a warning."""
    found = {}
    for lang in ("uk", "ru"):
        if lang in OPTIONAL and importlib.util.find_spec(OPTIONAL[lang]) is None:
            log.warning(
                "declined Ukrainian place names are not read: the Ukrainian dictionary "
                "(pymorphy3-dicts-uk, GPL-3.0) is not installed; pip install 'corroborate[uk]'"
            )
            continue
        try:
            found[lang] = pymorphy3.MorphAnalyzer(lang=lang)
        except (ValueError, OSError, KeyError) as exc:
            raise ExtractionError(
                10,
                f"the {lang} dictionary of pymorphy3 cannot be loaded ({exc}); "
                f"reinstall pymorphy3-dicts-{lang}",
            ) from exc
    return found


def _languages(word: str) -> tuple[str, ...]:
    """The languages a word may be read in, of those whose dictionary is installed."""
    if UKRAINIAN_ONLY & set(word):
        wanted: tuple[str, ...] = ("uk",)
    elif RUSSIAN_ONLY & set(word):
        wanted = ("ru",)
    else:
        wanted = ("uk", "ru")
    return tuple(lang for lang in wanted if lang in _analysers())


@dataclass(frozen=True, slots=True)
class Nominative:
    """A name put back in the nominative (lower case); ``doubtful`` when it is most likely a
    person's name declined, and then no place; ``common`` when the Russian dictionary knows
    it as a common word and never as a place name ("Республики"), and then only a large
    place; ``adjective`` when only an adjective ("Северной"), and then no place alone."""

    name: str
    doubtful: bool = False
    common: bool = False  # a common word of the Russian dictionary, no place name (Geox)
    adjective: bool = False  # an adjective only: a name alone only with its noun


@lru_cache(maxsize=65536)
def word_nominatives(word: str) -> tuple[Nominative, ...]:
    """The nominatives a Cyrillic word may be a form of, most likely first, not the word
    itself (``Nominative`` says how far each may name a place). None comes from an analysis
    as a person's name; one that such an analysis gives too, where a person is the
    likeliest analysis, is doubtful ("Шевченком" is most likely a man, though villages are
    called Shevchenko), unless the dictionary marks it a place name (``Geox``:
    "Николаеве")."""
    people = (
        {p.normal_form for p in _parses(word) if PERSON & set(p.tag.grammemes)}
        if _person(word)
        else set()
    )
    found: dict[str, Nominative] = {}
    scores: dict[str, float] = {}
    for lang, parses in zip(_languages(word), _analyses(word), strict=True):
        for parse in parses:
            grammemes = set(parse.tag.grammemes)
            if PERSON & grammemes:
                continue
            reading = Nominative(
                "",
                doubtful=parse.normal_form in people and "Geox" not in grammemes,
                common=lang == "ru" and _known(parse) and "Geox" not in grammemes,
                adjective=parse.tag.POS in ADJECTIVES,
            )
            for form in _forms(parse, word):
                was = found.get(form, Nominative(form, True, True, True))
                found[form] = Nominative(
                    form,
                    was.doubtful and reading.doubtful,
                    was.common and reading.common,
                    was.adjective and reading.adjective,
                )
                scores[form] = max(scores.get(form, 0.0), float(parse.score))
    ranked = sorted(found, key=lambda form: -scores[form])[:MAX_FORMS]
    return tuple(found[form] for form in ranked)


def _forms(parse: Any, word: str) -> list[str]:
    """The nominatives of one analysis: a singular noun's normal form is its nominative; an
    adjective keeps its gender and a plural its number ("Запорізької" -> "запорізька",
    "Сумах" -> "суми")."""
    keep = parse.tag.POS in ADJECTIVES or parse.tag.number == "plur"
    inflected = parse.inflect({"nomn"}) if keep else None
    forms = (inflected.word if inflected else None, parse.normal_form)
    return [f for f in dict.fromkeys(forms) if f and f != word.lower()]


def _person(word: str) -> bool:
    """Whether the likeliest analysis of the word, in one of its languages, is a person's."""
    return any(PERSON & set(parses[0].tag.grammemes) for parses in _analyses(word) if parses)


@lru_cache(maxsize=65536)
def _analyses(word: str) -> tuple[tuple[Any, ...], ...]:
    """The analyses of a word, one tuple per language it may be in."""
    return tuple(tuple(_analysers()[lang].parse(word)) for lang in _languages(word))


def _parses(word: str) -> list[Any]:
    return [parse for parses in _analyses(word) for parse in parses]


@lru_cache(maxsize=65536)
def common_word(word: str) -> bool:
    """Whether a capitalised Cyrillic word is a word of the language, not a name: in one of
    its languages the dictionary knows it, and never as a person's name ("Жителі",
    "Обстріл", "В" opening a sentence; not "Олена", "Петренко"). The English vocabulary
    plays this part for English."""
    if not cyrillic(word):
        return False
    for parses in _analyses(word):
        known = [p for p in parses if _known(p)]
        if known and not any(PERSON & set(p.tag.grammemes) for p in known):
            return True
    return False


def adjective(word: str) -> bool:
    """Whether a Cyrillic word is most likely an adjective in one of its languages:
    "Бахмуті Донецької області", "в Брянской области"."""
    analyses = _analyses(word) if cyrillic(word) else ()
    return any(parses and parses[0].tag.POS == "ADJF" for parses in analyses)


def _known(parse: Any) -> bool:
    return any(type(step[0]).__name__ == "DictionaryAnalyzer" for step in parse.methods_stack)


def declinable(words: Sequence[str]) -> bool:
    """Whether a run of words may be a declined name worth analysing: every word
    capitalised ("Кривому Розі"), or an adjective and the noun after it ("Запорізької
    області"); a capitalised word followed by common lower-case words is not analysed as
    one name with them."""
    if all(word[:1].isupper() for word in words):
        return True
    return len(words) == 2 and adjective(words[0]) and not words[1][:1].isupper()


def nominatives(words: Sequence[str]) -> tuple[Nominative, ...]:
    """The nominatives a name of Cyrillic words may be a form of: every combination of each
    word as written or in a nominative, the written name itself left out; doubtful when any
    of its words is, common when all are; a name of one word is no adjective alone. A name
    of one word in -щина or -ччина adds the official name of its region."""
    choices = [(Nominative(w.lower(), common=True), *word_nominatives(w)) for w in words]
    written = " ".join(choice[0].name for choice in choices)
    found: dict[str, Nominative] = {}
    for parts in itertools.product(*choices):
        name = " ".join(part.name for part in parts)
        if name == written or name in found:
            continue
        if len(parts) == 1 and parts[0].adjective:
            continue
        found[name] = Nominative(name, any(p.doubtful for p in parts), all(p.common for p in parts))
    regions = [
        Nominative(region)
        for nominative in (choices[0] if len(choices) == 1 else ())
        if (region := region_name(nominative.name))
    ]
    return (*found.values(), *regions)


# Ukrainian names a region after its centre: Херсонщина, Донеччина, Вінниччина, Луганщина
REGION_ENDINGS = (("ччина", "цька область"), ("щина", "ська область"))


def region_name(name: str) -> str | None:
    """The official name of a region called by a name in -щина or -ччина ("херсонщина" ->
    "херсонська область", "донеччина" -> "донецька область", "сумщина" -> "сумська
    область"); None for other names."""
    for ending, official in REGION_ENDINGS:
        if name.endswith(ending) and len(name) > len(ending) + 2 and " " not in name:
            return name[: -len(ending)] + official
    return None


STREETS = word_set("places", "street_words")
PREVIOUS_WORD = re.compile(r"(\w+)\s+$")


def after_street_word(text: str, start: int) -> bool:
    """Whether the name at ``start`` follows a word for a street, square or station
    ("на проспекті Перемоги", "на площади Свободы"): a street's name, not a place."""
    if not "\u0400" <= text[start : start + 1] <= "\u052f":
        return False  # only Cyrillic names: English writes "Freedom Square"
    found = PREVIOUS_WORD.search(text, max(0, start - 20), start)
    return found is not None and found.group(1).lower() in STREETS


def sentence_initial(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a sentence, a line or a quotation."""
    return SENTENCE_START.search(text, max(0, start - 8), start) is not None
