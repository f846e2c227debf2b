"""Extractions kept in the store: each report's extraction as JSON, and the version that
says which models and settings made it.

A stored extraction is found again by the report's content id (the digest of all its
stored fields, ``store.core.report_digest``) and ``extraction_version``: a hash of the
package version, every file of ``extract/`` and ``taxonomy/`` (code, bundled models and
vocabularies), the versions of spaCy and of the place data (GeoNames, ISO 3166), the
encoder runtime and ``--fast``, and the extra source registry (``CORROBORATE_SOURCES``).
Any of these changing makes every stored extraction stale, so a run extracts again rather
than reuse what another model or setting made.

``to_json`` and ``from_json`` are exact inverses: a stored extraction read back is equal
to the one that was stored, field for field (floats included: JSON keeps their ``repr``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from corroborate import __version__
from corroborate.extract.blind import blind
from corroborate.extract.document import Extraction
from corroborate.extract.models.encoder_runtime import chosen_runtime
from corroborate.ids import canonical_json, make_id
from corroborate.model import Allegation, Amount, Attribution, Place, Span, Speaker, TimeRef
from corroborate.taxonomy.geo_build import source_version

PACKAGE = Path(__file__).resolve().parent.parent
VERSIONED = ("extract", "taxonomy")  # what an extraction depends on, besides its report
SOURCES_ENV = "CORROBORATE_SOURCES"


def extraction_version(*, fast: bool) -> str:
    """The version of extraction this process would run: the models and the settings."""
    runtime = ("rules" if fast else chosen_runtime()) + ("" if blind() else "+names")
    extra = os.environ.get(SOURCES_ENV, "")
    libraries = [f"spacy-{metadata.version('spacy')}", source_version()]  # parse, places
    return make_id(
        "extraction", __version__, runtime, libraries, _files_digest(), _digest_of(extra)
    )


@cache
def _files_digest() -> str:
    hasher = hashlib.sha256()
    for folder in VERSIONED:
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(path.relative_to(PACKAGE).as_posix().encode() + b"\x00")
                hasher.update(hashlib.sha256(path.read_bytes()).digest())
    return hasher.hexdigest()


def _digest_of(paths: str) -> list[str]:
    """The digest of each extra registry file named (a missing one counts as its name)."""
    found = []
    for name in filter(None, paths.split(os.pathsep)):
        path = Path(name)
        found.append(hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else name)
    return found


def to_json(extraction: Extraction, places: Iterable[str]) -> str:
    """The extraction and the canonical names of the places its report names."""
    return canonical_json(
        {
            "report_id": extraction.report_id,
            "attributions": [_attribution(a) for a in extraction.attributions],
            "allegations": [_allegation(g) for g in extraction.allegations],
            "error": extraction.error,
            "places": sorted(places),
        }
    )


def from_json(text: str) -> tuple[Extraction, frozenset[str]]:
    value = json.loads(text)
    extraction = Extraction(
        value["report_id"],
        tuple(_read_attribution(a) for a in value["attributions"]),
        tuple(_read_allegation(g) for g in value["allegations"]),
        error=value["error"],
    )
    return extraction, frozenset(value["places"])


def _span(span: Span | None) -> list[Any] | None:
    return None if span is None else [span.start, span.end, span.text]


def _read_span(value: list[Any] | None) -> Span | None:
    return None if value is None else Span(value[0], value[1], value[2])


def _span_of(value: list[Any]) -> Span:
    return Span(value[0], value[1], value[2])


def _attribution(a: Attribution) -> dict[str, Any]:
    s = a.speaker
    speaker = [_span(s.span), s.canonical, s.role, s.affiliation, s.unresolved]
    return {
        "report_id": a.report_id,
        "speaker": speaker,
        "cue": _span(a.cue),
        "content": _span(a.content),
        "direct": a.direct,
        "via": list(a.via),
        "certainty": a.certainty,
    }


def _read_attribution(value: dict[str, Any]) -> Attribution:
    span, canonical, role, affiliation, unresolved = value["speaker"]
    speaker = Speaker(_span_of(span), canonical, role, affiliation, unresolved)
    return Attribution(
        value["report_id"],
        speaker,
        _read_span(value["cue"]),
        _span_of(value["content"]),
        value["direct"],
        tuple(value["via"]),
        value.get("certainty"),
    )


def _allegation(g: Allegation) -> dict[str, Any]:
    time = None if g.time is None else [_span(g.time.span), g.time.value, g.time.relative]
    return {
        "attribution_id": g.attribution_id,
        "types": list(g.violation_types),
        "perpetrator": _span(g.perpetrator),
        "victims": _span(g.victims),
        "place": _place(g.place),
        "time": time,
        "amounts": [[_span(m.span), m.low, m.high, m.unit] for m in g.amounts],
    }


def _read_allegation(value: dict[str, Any]) -> Allegation:
    time = value["time"]
    return Allegation(
        value["attribution_id"],
        tuple(value["types"]),
        perpetrator=_read_span(value["perpetrator"]),
        victims=_read_span(value["victims"]),
        place=_read_place(value["place"]),
        time=None if time is None else TimeRef(_span_of(time[0]), time[1], time[2]),
        amounts=tuple(
            Amount(_span_of(s), low, high, unit) for s, low, high, unit in value["amounts"]
        ),
    )


def _place(p: Place | None) -> list[Any] | None:
    if p is None:
        return None
    return [
        p.name,
        p.canonical,
        p.lat,
        p.lon,
        p.country,
        p.within,
        _span(p.span),
        p.geonames_id,
        p.region,
        p.resolved,
    ]


def _read_place(value: list[Any] | None) -> Place | None:
    if value is None:
        return None
    name, canonical, lat, lon, country, within, span, geonames_id, region, resolved = value
    return Place(
        name, canonical, lat, lon, country, within, _read_span(span), geonames_id, region, resolved
    )
