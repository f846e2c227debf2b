"""5b. FollowTheMoney: incidents, reports and who speaks in them, as entities Aleph loads.

Investigative platforms (Aleph, OpenAleph) read FollowTheMoney entities as JSON lines (one
``{"id", "schema", "properties"}`` object a line; ``alephclient write-entities``). Per
incident:

- an ``Event`` (the alleged incident: label, dates, place, violation types as keywords, the
  corroboration standard and explanation, the alleged perpetrators as ``involved``, its
  reports as ``proof``, and the corroborate version and ledger head it was exported from);
- a ``Document`` per report (title, outlet, date, address, and the stored bytes' digest as
  ``contentHash`` and as its ``fileName``; the bytes themselves are not exported);
- the people and bodies named: speakers, outlets and alleged perpetrators, as ``Person``,
  ``Organization`` or, where the results do not say which, ``LegalEntity`` (``actors.py``;
  witnesses only by their pseudonyms);
- the links: ``Documentation`` from a report to each speaker it quotes (the statement as its
  summary, its stance as the role), to its outlet and the outlets that relayed it, and to the
  incident; an ``UnknownLink`` from a copy to the report it copies.

Entities are built through the library's model, which rejects any property its schema does
not have or value its type does not accept. Ids derive from content, so an entity shared by
incidents (an outlet, a speaker) has one id; it is written once per schema (FollowTheMoney
merges such fragments by id). Entities are written incident by incident; what is kept
between incidents is the ids of the people and bodies already written, nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from corroborate.errors import ConfigError
from corroborate.export.actors import Actors, actors_of
from corroborate.export.context import ExportContext
from corroborate.export.files import text_file
from corroborate.export.formats import Exporter
from corroborate.export.precision import country_name
from corroborate.export.results import IncidentJSON, PlaceJSON, ReportRefJSON, StatementJSON
from corroborate.ids import make_id
from corroborate.taxonomy.registry import registry
from corroborate.taxonomy.source_index import fold

if TYPE_CHECKING:
    from followthemoney.model import Model
    from followthemoney.proxy import EntityProxy

SCHEMATA = {"person": "Person", "organization": "Organization", None: "LegalEntity"}


@cache
def _model() -> Model:
    """FollowTheMoney's model. The library is an extra (``corroborate[ftm]``): it needs
    PyICU, which compiles against the system's ICU, so a plain install does without it."""
    try:
        from followthemoney import model
    except ImportError as exc:
        raise ConfigError(
            43, "the ftm export needs the followthemoney library: pip install 'corroborate[ftm]'"
        ) from exc
    return model


def write(context: ExportContext, out: Path) -> None:
    named: set[tuple[str, str]] = set()  # (id, schema) of the people and bodies written
    sources = registry()
    with text_file(out) as handle:
        for incident in context.incidents():
            _write(handle, entities(incident, context, actors_of(incident, sources)), named)


def _write(handle: TextIO, found: Iterator[EntityProxy], named: set[tuple[str, str]]) -> None:
    """Each entity of an incident once; a person or body once in the whole export (a report
    in two incidents is written with each: identical fragments, which FtM merges by id)."""
    written: set[tuple[str, str]] = set()
    for entity in found:
        key = (str(entity.id), entity.schema.name)
        shared = entity.schema.name in SCHEMATA.values()
        if key in written or (shared and key in named):
            continue
        (named if shared else written).add(key)
        handle.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")


def entities(
    incident: IncidentJSON, context: ExportContext, actors: Actors
) -> Iterator[EntityProxy]:
    """Every entity of one incident, each entity before the links that name it."""
    accused = [actor(name, actors) for name in incident["accused"]]
    yield from accused
    documents = {r["id"]: document(r) for r in incident["reports"]}
    yield from documents.values()
    event = incident_event(incident, context, [str(a.id) for a in accused], list(documents))
    yield event
    for report in incident["reports"]:
        yield from _report_links(report, str(event.id), actors)
    for statement in incident["statements"]:
        yield from _statement_links(statement, actors)


def entity_id(kind: str, *parts: object) -> str:
    return f"{kind}-{make_id(kind, *parts).split(':', 1)[1]}"


def actor(name: str, actors: Actors) -> EntityProxy:
    """A named person or body; one id per name, whatever it is named as."""
    entity = _model().make_entity(SCHEMATA[actors.kind(name)])
    entity.id = entity_id("actor", fold(name) or name)
    entity.add("name", name)
    return entity


def document(report: ReportRefJSON) -> EntityProxy:
    entity = _model().make_entity("Document")
    entity.id = entity_id("report", report["id"])
    entity.add("title", report["title"])
    entity.add("contentHash", report["blob_id"])
    # FtM requires a file name: the stored bytes' digest, never the name the file had
    entity.add("fileName", report["blob_id"].replace(":", "-"))
    entity.add("publishedAt", report["published"])
    entity.add("publisher", report["outlet"])
    entity.add("sourceUrl", report["url"])
    entity.add("notes", f"corroborate report {report['id']}")
    return entity


def incident_event(
    incident: IncidentJSON, context: ExportContext, involved: list[str], proof: list[str]
) -> EntityProxy:
    grade = incident["grade"]
    entity = _model().make_entity("Event")
    entity.id = entity_id("incident", incident["id"])
    entity.add("name", incident["label"] or incident["id"])
    entity.add("summary", f"Alleged. {grade['standard']} (grade {grade['reliability']}"
                          f"{grade['credibility']})")  # fmt: skip
    entity.add("description", grade["explanation"])
    entity.add("keywords", incident["types"])
    entity.add("startDate", incident["first_day"])
    entity.add("endDate", incident["last_day"])
    entity.add("location", _where(incident["place"]))
    entity.add("country", incident["place"]["country"] if incident["place"] else None)
    entity.add("involved", involved)
    entity.add("proof", [entity_id("report", r) for r in proof])
    entity.add("recordId", incident["id"])
    entity.add("publisher", f"corroborate {context.version}")
    entity.add("notes", f"Exported by corroborate {context.version} from the evidence ledger "
                        f"at {context.ledger_head}, {context.exported_at}")  # fmt: skip
    return entity


def _report_links(report: ReportRefJSON, event_id: str, actors: Actors) -> Iterator[EntityProxy]:
    doc = entity_id("report", report["id"])
    yield _link(doc, event_id, f"reports the incident ({report['stance']})")
    names = [(report["outlet"], "published by")] if report["outlet"] else []
    for name, role in [*names, *((v, "relayed by") for v in report["via"])]:
        outlet = actor(name, actors)
        yield outlet
        yield _link(doc, str(outlet.id), role)
    if report["copy_of"]:
        copy = _model().make_entity("UnknownLink")
        copy.id = entity_id("copy", report["id"], report["copy_of"])
        copy.add("subject", doc)
        copy.add("object", entity_id("report", report["copy_of"]))
        copy.add("role", "copies the text of")
        yield copy


def _statement_links(statement: StatementJSON, actors: Actors) -> Iterator[EntityProxy]:
    speaker = actor(statement["speaker"], actors)
    yield speaker
    doc = entity_id("report", statement["report_id"])
    link = _link(doc, str(speaker.id), f"speaker ({statement['stance']})", statement["content"])
    link.add("date", statement["time"])
    yield link


def _link(document_id: str, entity: str, role: str, summary: str | None = None) -> EntityProxy:
    link = _model().make_entity("Documentation")
    link.id = entity_id("link", document_id, entity, role, summary)
    link.add("document", document_id)
    link.add("entity", entity)
    link.add("role", role)
    link.add("summary", summary)
    return link


def _where(place: PlaceJSON | None) -> str | None:
    if place is None:
        return None
    within = place["within"] if place["within"] != place["country"] else None  # a region's
    parts = [place["canonical"], within, country_name(place["country"])]
    return ", ".join(dict.fromkeys(p for p in parts if p))


EXPORTER = Exporter(
    name="ftm",
    writes="file",
    suffix=".ftm.json",
    summary="FollowTheMoney entities (JSON lines) for Aleph: incidents, reports, speakers, links",
    write=write,
)
