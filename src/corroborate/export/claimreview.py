"""5b. ClaimReview: each allegation as schema.org JSON-LD, the form fact-checkers publish.

One ``ClaimReview`` per supporting statement of an incident (a denial or counter-accusation
is not reviewed as a claim of its own; the explanation names it): ``claimReviewed`` is what
was alleged, ``itemReviewed`` the ``Claim`` with who made it (a person or an organisation
only where the results say so, see ``actors.py``) and where it appeared (the report's
title, outlet, date and address), and ``reviewRating`` our corroboration standard with the
grade's explanation. The rating has no number and no true/false word: it says how far an
allegation is corroborated, never whether it is true. ``isBasedOn`` names the corroborate
version and the ledger head.

Documents use ``"@context": "https://schema.org"``; ``expand`` reads them with PyLD
against the schema.org context shipped in ``export/schemas`` (nothing is fetched), and
``problems`` lists what Google's ClaimReview guidelines require and a review lacks.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pyld import jsonld
from pyld.documentloader.frozen import FrozenDocumentLoader

from corroborate.export.actors import Actors, actors_of
from corroborate.export.context import ExportContext
from corroborate.export.files import text_file
from corroborate.export.formats import Exporter
from corroborate.export.results import IncidentJSON, ReportRefJSON, StatementJSON
from corroborate.ids import make_id
from corroborate.taxonomy.registry import registry

CONTEXT = "https://schema.org"
CONTEXT_FILE = "schemaorg-context.jsonld"
SCHEMA = "http://schema.org/"  # the vocabulary's IRI, as schema.org's own context writes it
# Google's ClaimReview guidelines: required properties, by the node that carries them
REQUIRED = {"ClaimReview": ("claimReviewed", "reviewRating", "url"), "Rating": ("alternateName",)}


def write(context: ExportContext, out: Path) -> None:
    with text_file(out) as handle:
        for incident in context.incidents():
            for review in reviews(incident, context):
                handle.write(json.dumps(review, ensure_ascii=False, sort_keys=True) + "\n")


def reviews(incident: IncidentJSON, context: ExportContext) -> Iterator[dict[str, Any]]:
    actors = actors_of(incident, registry())
    reports = {r["id"]: r for r in incident["reports"]}
    for statement in incident["statements"]:
        if statement["stance"] == "supports":
            yield review(incident, statement, reports.get(statement["report_id"]), actors, context)


def review(
    incident: IncidentJSON,
    statement: StatementJSON,
    report: ReportRefJSON | None,
    actors: Actors,
    context: ExportContext,
) -> dict[str, Any]:
    allegation = make_id(
        "claim", incident["id"], statement["report_id"], statement["speaker"], statement["content"]
    )
    return {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "url": f"urn:corroborate:{allegation.replace(':', '-')}",
        "identifier": allegation,
        "claimReviewed": statement["content"],
        "datePublished": context.exported_at[:10],
        "itemReviewed": _claim(incident, statement, report, actors),
        "reviewRating": _rating(incident),
        "isBasedOn": _based_on(context),
    }


def _based_on(context: ExportContext) -> list[dict[str, str]]:
    """What the review was made with and from: the version and the ledger head."""
    software = {"@type": "SoftwareApplication", "name": "corroborate"}
    ledger = {"@type": "Dataset", "name": "corroborate evidence ledger"}
    return [
        {**software, "softwareVersion": context.version},
        {**ledger, "identifier": context.ledger_head},
    ]


def _claim(
    incident: IncidentJSON, statement: StatementJSON, report: ReportRefJSON | None, actors: Actors
) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "@type": "Claim",
        "author": _agent(statement["speaker"], actors),
        "about": {"@type": "Event", "name": incident["label"]},
    }
    if report is not None:
        claim["appearance"] = _appearance(report)
        if report["published"]:
            claim["datePublished"] = report["published"][:10]
    return claim


def _agent(name: str, actors: Actors) -> dict[str, Any]:
    kind = actors.kind(name)
    node: dict[str, Any] = {"name": name}
    if kind is not None:
        node["@type"] = "Person" if kind == "person" else "Organization"
    return node


def _appearance(report: ReportRefJSON) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "CreativeWork", "identifier": report["id"]}
    if report["title"]:
        work["headline"] = report["title"]
    if report["url"]:
        work["url"] = report["url"]
    if report["published"]:
        work["datePublished"] = report["published"][:10]
    if report["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": report["outlet"]}
    return work


def _rating(incident: IncidentJSON) -> dict[str, Any]:
    grade = incident["grade"]
    return {
        "@type": "Rating",
        "alternateName": grade["standard"],
        "name": f"{grade['standard']} (grade {grade['reliability']}{grade['credibility']})",
        "ratingExplanation": grade["explanation"],
    }


@cache
def _loader() -> FrozenDocumentLoader:
    path = resources.files("corroborate.export").joinpath("schemas", CONTEXT_FILE)
    document = json.loads(path.read_text(encoding="utf-8"))
    urls = (CONTEXT, CONTEXT + "/", "http://schema.org", "http://schema.org/")
    return FrozenDocumentLoader(documents=dict.fromkeys(urls, document))


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """``document`` in expanded JSON-LD, read against the shipped schema.org context."""
    expanded: list[dict[str, Any]] = jsonld.expand(document, {"documentLoader": _loader()})
    return expanded


def problems(expanded: list[dict[str, Any]]) -> list[str]:
    """What Google's guidelines require and the expanded review lacks, as lines."""
    found: list[str] = []
    for node in _nodes(expanded):
        for kind, names in REQUIRED.items():
            if SCHEMA + kind in node.get("@type", ()):
                found += [f"{kind} lacks {n}" for n in names if not node.get(SCHEMA + n)]
    if not any(SCHEMA + "ClaimReview" in n.get("@type", ()) for n in _nodes(expanded)):
        found.append("no ClaimReview")
    return found


def _nodes(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _nodes(item)


EXPORTER = Exporter(
    name="claimreview",
    writes="file",
    suffix=".jsonl",
    summary="schema.org ClaimReview (JSON-LD), one per allegation, rated by corroboration",
    write=write,
)
