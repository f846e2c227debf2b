"""Places mentioned in a text, each resolved to one place of the world or marked unresolved.

Candidates (``toponyms``) bear a name that several places may share: Olenivka is a town near
Donetsk and two villages elsewhere. Each is scored (weights in ``taxonomy/toponyms.yaml``):
its population as the prior; the country the document names, or in which its other places
lie; the first-level region it names, or in which its other places lie; and the distance to
the other places it names. The best place wins only when clearly ahead; otherwise the name
stays as written with ``resolved=False``: there is no default place.

A name the overlay (``places.yaml``) lists is that entry, as curated. Scoring runs twice: the
first pass finds the places a document names without doubt, the second scores each name
against the places found for the other names.

A name that is only another name of a small place, and far from its own name as spelled
("Passover" for Mountain City, Georgia; "Ramadan" for Turabah), is more likely the word or
person it spells than that place: it is a place only where the document points there. So is
a small place written otherwise than its own name, in a document whose other places all lie in
other countries ("Almarj", Al Marj in Libya, in a report of the Damascus countryside).

Before any scoring, ``taxonomy/place_words`` sets aside what is no place (a demonym, a name
inside a registered organisation's name) and turns a region phrase ("the Kherson region",
"the provinces of Aleppo and Damascus") into the regions named after the city.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc

from corroborate.extract.facts.levels import as_region, levels
from corroborate.extract.facts.toponyms import Candidate, candidates, spelled_alike
from corroborate.model import Place, Span
from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.geo import GeoEntry, Policy, geo_index, policy
from corroborate.taxonomy.place_words import (
    after_title,
    inside_names,
    is_contraction,
    is_demonym,
    organisation_spans,
    own_institution,
    region_phrase,
    water_body,
)
from corroborate.taxonomy.words import word_set

__all__ = ["find_places", "fold", "keep_places", "places_of"]
PLACES_KEY = "corroborate.places"  # doc.user_data: ``find_places`` of the whole text
EARTH_KM = 6371.0
OVERLAY_KM = 25.0  # a GeoNames place this close to an overlay entry of its name is that entry


@dataclass(frozen=True, slots=True)
class Context:
    """What the other names of a document say about where it is."""

    named_countries: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    named_regions: frozenset[tuple[str, str]] = frozenset()
    regions: frozenset[tuple[str, str]] = frozenset()
    anchors: tuple[tuple[float, float], ...] = ()  # lat, lon


def find_places(text: str, start: int = 0, end: int | None = None) -> list[Place]:
    """Places named in ``text[start:end]``, in text order; unresolved ones included."""
    rules = policy()
    read = _as_written(text, candidates(text, start, end), rules)
    found = [c for c, _ in read]
    first = {_key(c): _choose(c, Context(), rules) for c in found}
    # a name does not vouch for its own place, at either level: each is scored against the
    # others alone
    chosen = {
        _key(c): _choose(c, _context({k: v for k, v in first.items() if k[0] != c.key}), rules)
        for c in found
    }
    places = [_unresolved(c) if doubt else _place(c, chosen[_key(c)]) for c, doubt in read]
    return [p for p in places if p is not None]


def _key(candidate: Candidate) -> tuple[str, bool]:
    """A name and whether it is read as a region: "Donetsk" and "the Donetsk region" are
    two places of one name."""
    return candidate.key, all(e.kind == "region" for e in candidate.entries)


def _unresolved(candidate: Candidate) -> Place:
    span = Span(candidate.start, candidate.end, candidate.written)
    return Place(candidate.written, _plain(candidate.written), span=span, resolved=False)


def places_of(doc: Doc) -> list[Place]:
    """``find_places(doc.text)``, scored once per document: the name-blind parse, the
    attribution rules and the voices all ask for the places of the whole text."""
    kept = doc.user_data.get(PLACES_KEY)
    if not isinstance(kept, tuple):
        kept = keep_places(doc, find_places(doc.text))
    return list(kept)


def keep_places(doc: Doc, places: list[Place]) -> tuple[Place, ...]:
    """Keep ``places``, found in the whole of ``doc.text``, for ``places_of``."""
    kept = doc.user_data[PLACES_KEY] = tuple(places)
    return kept


def _as_written(text: str, found: list[Candidate], rules: Policy) -> list[tuple[Candidate, bool]]:
    """The candidates that are places as the text uses them, each at the level the text
    reads it (``levels``: a region phrase's as regions), and whether that level is left
    unresolved."""
    spans = organisation_spans(text) if found else []
    kept = [
        c
        for c in found
        if not is_demonym(c.written)
        and not is_contraction(c.written)
        and not is_calendar_name(c.written)
        and not after_title(text, c.start)
        and not water_body(text, c.start, c.end)
        and not (
            inside_names(c.start, c.end, spans) and not own_institution(text, c.end, rules.after)
        )
    ]
    phrased = [region_phrase(text, c.start, c.end) for c in kept]
    read = levels(text, kept, phrased)
    return [
        (as_region(c) if level == "region" else c, level == "unresolved")
        for c, level in zip(kept, read, strict=True)
    ]


def is_calendar_name(written: str) -> bool:
    """Whether a name is a holiday, fast or month of a calendar ("Ramadan", "Passover")."""
    return " ".join(written.split()).casefold() in _calendar_names()


@cache
def _calendar_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in word_set("places", "calendar_names"))


def _choose(candidate: Candidate, context: Context, rules: Policy) -> GeoEntry | str | None:
    """The entry, "unresolved", or None (not a place at all)."""
    if candidate.overlay is not None:
        return _overlay_match(candidate)
    entries = _most_specific(candidate.entries)
    scored = sorted(
        ((_score(e, candidate.written, context, rules), e) for e in entries), key=_first
    )
    if not scored:
        return None
    (top, best), rest = scored[-1], scored[:-1]
    supported = top > _prior(best) + rules.own_name or best.kind != "city"
    if best.population < rules.min_population and not supported:
        return None
    small = best.population < rules.common_word_population
    if small and not supported and not spelled_alike(candidate.written, best.name):
        return None
    if small and not supported and _elsewhere(best, candidate.written, context):
        return None
    if rest and top - rest[-1][0] < rules.margin:
        return "unresolved"
    return best


def _elsewhere(entry: GeoEntry, written: str, context: Context) -> bool:
    """Whether a small place is named otherwise than its own name is written ("Almarj" for
    Al Marj, Libya) in a document whose other places all lie in other countries ("the
    Almarj area" near Damascus): a local name the gazetteer lacks, or a person's or a word,
    not that place."""
    other_name = " ".join(written.split()) != entry.name
    return other_name and bool(context.countries) and entry.country not in context.countries


def _most_specific(entries: tuple[GeoEntry, ...]) -> list[GeoEntry]:
    """A region or country that bears the name of one of its own cities is that city
    ("Khartoum" the state and the city): the city has a point on the map."""
    cities = [e for e in entries if e.kind == "city"]
    return [
        e
        for e in entries
        if e.kind == "city"
        or not any(
            c.country == e.country and (e.kind == "country" or c.admin1 == e.admin1) for c in cities
        )
    ]


def _first(pair: tuple[float, GeoEntry]) -> float:
    return pair[0]


def _prior(entry: GeoEntry) -> float:
    return math.log10(entry.population + 1)


def _score(entry: GeoEntry, written: str, context: Context, rules: Policy) -> float:
    score = _prior(entry)
    if fold(written) == fold(entry.name):
        score += rules.own_name
    if entry.country in context.named_countries:
        score += rules.country_named
    elif entry.country in context.countries:
        score += rules.country_context
    if (entry.country, entry.admin1) in context.named_regions:
        score += rules.region_named
    elif (entry.country, entry.admin1) in context.regions:
        score += rules.region_context
    if entry.lat is not None and entry.lon is not None and context.anchors:
        nearest = min(_km(entry.lat, entry.lon, lat, lon) for lat, lon in context.anchors)
        score += rules.proximity * max(0.0, 1 - nearest / rules.proximity_km)
    return score


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def _overlay_match(candidate: Candidate) -> GeoEntry | None:
    """The GeoNames place the overlay entry is (same name, close by), for its id and region."""
    entry = candidate.overlay
    assert entry is not None
    near = [
        e
        for e in candidate.entries
        if e.lat is not None
        and e.lon is not None
        and _km(entry.lat, entry.lon, e.lat, e.lon) <= OVERLAY_KM
    ]
    return max(near, key=lambda e: e.population) if near else None


def _context(chosen: dict[tuple[str, bool], GeoEntry | str | None]) -> Context:
    entries = [e for e in chosen.values() if isinstance(e, GeoEntry)]
    return Context(
        named_countries=frozenset(e.country for e in entries if e.kind == "country"),
        countries=frozenset(e.country for e in entries),
        named_regions=frozenset(
            (e.country, e.admin1) for e in entries if e.kind == "region" and e.admin1
        ),
        regions=frozenset((e.country, e.admin1) for e in entries if e.admin1),
        anchors=tuple((e.lat, e.lon) for e in entries if e.lat is not None and e.lon is not None),
    )


def _place(candidate: Candidate, chosen: GeoEntry | str | None) -> Place | None:
    span = Span(candidate.start, candidate.end, candidate.written)
    if candidate.overlay is not None:
        entry = candidate.overlay
        match = chosen if isinstance(chosen, GeoEntry) else None
        return Place(
            candidate.written, entry.canonical, entry.lat, entry.lon, entry.country,
            entry.within, span, geonames_id=match.geonameid if match else None,
            region=match.region if match else None,
        )  # fmt: skip
    if chosen is None:
        return None
    if isinstance(chosen, str):
        if candidate.inflected:  # a declined name of several places: not even its name is sure
            return None
        return _unresolved(candidate)
    return Place(
        candidate.written, chosen.name, chosen.lat, chosen.lon, chosen.country,
        _within(chosen), span, geonames_id=chosen.geonameid, region=chosen.region,
    )  # fmt: skip


def _plain(written: str) -> str:
    return " ".join(written.split())


def _within(entry: GeoEntry) -> str | None:
    if entry.kind == "country":
        return None
    if entry.kind == "region":
        return entry.country
    return geo_index().region_name(entry.country, entry.admin1)
