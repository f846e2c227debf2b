"""5b. The ACLED-style event table: one CSV row per incident, in ACLED's columns and words.

Conflict-event datasets (ACLED, and UCDP's GED for precision) are what analysts join
allegations to. A row is an *alleged* event: the columns ACLED's codebook defines, filled
from the incident (violation types through ``taxonomy/acled.yaml``, place and dates with
their precision codes from ``export/precision.py``, outlets and their scale from the source
registry), then UCDP's ``where_prec``/``date_prec``/``date_start``/``date_end``, then ours:
the incident id, its grade and corroboration standard, and the version, ledger head and
time of the export on every row. ``schemas/acled.table-schema.json`` describes every
column as a Frictionless Table Schema. Rows are written one incident at a time.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from corroborate.export.context import ExportContext
from corroborate.export.files import text_file
from corroborate.export.formats import Exporter
from corroborate.export.precision import (
    ACLED_GEO,
    UCDP_WHERE,
    country_codes,
    country_name,
    level,
    period,
)
from corroborate.export.results import IncidentJSON, PlaceJSON
from corroborate.taxonomy.acled import AcledType, acled_types
from corroborate.taxonomy.registry import Registry, registry

SCHEMA = "acled.table-schema.json"
# ACLED's own catch-all, for an incident none of whose types is in the mapping (a custom or
# retired type): its types are still in the row's tags
UNMAPPED = AcledType(
    code="",
    disorder_type="Strategic developments",
    event_type="Strategic developments",
    sub_event_type="Other",
    civilian_targeting=False,
    actor2="",
    why="none of the incident's violation types is mapped",
)
WHERE = ("iso", "country", "admin1", "admin2", "location", "latitude", "longitude",
         "geo_precision", "where_prec")  # fmt: skip
SCALES = ("Local partner", "Subnational", "National", "Regional", "International", "Other")


@cache
def table_schema() -> dict[str, Any]:
    """The Frictionless Table Schema of the table (shipped in ``export/schemas``)."""
    text = resources.files("corroborate.export").joinpath("schemas", SCHEMA).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def columns() -> list[str]:
    return [field["name"] for field in table_schema()["fields"]]


def write(context: ExportContext, out: Path) -> None:
    sources = registry()
    with text_file(out, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns(), lineterminator="\n")
        writer.writeheader()
        for incident in context.incidents():
            writer.writerow(row(incident, context, sources))


def row(incident: IncidentJSON, context: ExportContext, sources: Registry) -> dict[str, str]:
    coded = event_type(incident["types"])
    return {
        **_what(incident, coded),
        **_where(incident["place"]),
        **_when(incident),
        **_sources(incident, sources),
        "event_id_cnty": _event_id(incident),
        "notes": _notes(incident),
        "fatalities": fatalities(incident),
        "corroborate_incident": incident["id"],
        "corroborate_grade": _grade(incident),
        "corroborate_standard": incident["grade"]["standard"],
        "corroborate_version": context.version,
        "corroborate_ledger_head": context.ledger_head,
        "corroborate_exported_at": context.exported_at,
    }


def fatalities(incident: IncidentJSON) -> str:
    """The fewest dead a supporting statement reports; 0 where none gives a figure (ACLED's
    convention); empty for a run recorded before counts were extracted (not looked for)."""
    if "fatalities" not in incident:
        return ""
    return str(incident["fatalities"] or 0)


def event_type(types: list[str]) -> AcledType:
    """The coding of the first of ``types`` in the mapping's order of precedence."""
    return next((t for t in acled_types() if t.code in types), UNMAPPED)


def _what(incident: IncidentJSON, coded: AcledType) -> dict[str, str]:
    accused = incident["accused"]
    return {
        "disorder_type": coded.disorder_type,
        "event_type": coded.event_type,
        "sub_event_type": coded.sub_event_type,
        "civilian_targeting": "Civilian targeting" if coded.civilian_targeting else "",
        "actor1": accused[0] if accused else "",
        "assoc_actor_1": "; ".join(accused[1:]),
        "actor2": coded.actor2,
        "assoc_actor_2": "",
        "tags": "; ".join(f"violation={code}" for code in incident["types"]),
    }


def _where(place: PlaceJSON | None) -> dict[str, str]:
    found = level(place) if place else None
    if place is None:
        return dict.fromkeys(WHERE, "")
    admin1 = place["canonical"] if found == "region" else (place["within"] or "")
    return {
        "iso": country_codes(place["country"])[1],
        "country": country_name(place["country"]),
        "admin1": "" if found == "country" else admin1,
        "admin2": "",
        "location": place["canonical"],
        "latitude": _number(place["lat"]),
        "longitude": _number(place["lon"]),
        "geo_precision": str(ACLED_GEO[found]) if found else "",
        "where_prec": str(UCDP_WHERE[found]) if found else "",
    }


def _when(incident: IncidentJSON) -> dict[str, str]:
    span = period(incident["first_day"], incident["last_day"])
    if span is None:
        keys = ("event_date", "year", "time_precision", "date_prec", "date_start", "date_end")
        return dict.fromkeys(keys, "")
    return {
        "event_date": span.start.isoformat(),
        "year": str(span.start.year),
        "time_precision": str(span.acled),
        "date_prec": str(span.ucdp),
        "date_start": span.start.isoformat(),
        "date_end": span.end.isoformat(),
    }


def _sources(incident: IncidentJSON, sources: Registry) -> dict[str, str]:
    outlets = list(dict.fromkeys(r["outlet"] for r in incident["reports"] if r["outlet"]))
    country = incident["place"]["country"] if incident["place"] else None
    scales = {_scale(sources, outlet, country) for outlet in outlets}
    return {
        "source": "; ".join(outlets) or "unnamed source",
        "source_scale": "-".join(s for s in SCALES if s in scales),
    }


def _scale(sources: Registry, outlet: str, country: str | None) -> str | None:
    """ACLED's scale of a registered outlet, from the registry; None if unregistered."""
    found = sources.lookup(outlet)
    if found is None:
        return None
    if found.kind == "intergovernmental" or found.country == "INT":
        return "International"
    if found.country is None or country is None:
        return "Other"
    return "National" if found.country == country else "International"


def _event_id(incident: IncidentJSON) -> str:
    alpha3 = country_codes(incident["place"]["country"] if incident["place"] else None)[0]
    return f"{alpha3 or 'XXX'}-{incident['id'].split(':', 1)[-1][:12]}"


def _notes(incident: IncidentJSON) -> str:
    grade = incident["grade"]
    accused = "; ".join(incident["accused"]) or "not named"
    return (
        f"Alleged: {incident['label']}. Alleged perpetrators as written: {accused}. "
        f"Corroboration: {grade['standard']} (grade {grade['reliability']}"
        f"{grade['credibility']}). {grade['explanation']}"
    )


def _grade(incident: IncidentJSON) -> str:
    return f"{incident['grade']['reliability']}{incident['grade']['credibility']}"


def _number(value: float | None) -> str:
    return "" if value is None else repr(float(value))


EXPORTER = Exporter(
    name="acled",
    writes="file",
    suffix=".csv",
    summary="ACLED-style event table (CSV), one row per incident, with UCDP precision codes",
    write=write,
)
