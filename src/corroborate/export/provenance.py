"""``--format prov``: the chain of custody of every report, in W3C PROV (``prov`` library).

The document describes, once, the run the results come from (its ``run`` ledger event, and
the extraction, linking and grading it did, by this version of corroborate), the chosen
incidents and their grades. Then one bundle per report tells its custody:

1. the file as received (``blob:<hex>``, labelled ``file 3f9a01c2``, with its SHA-256 and
   size), used by
2. the ingest that stored it (``ledger:<seq>``: when, by which actor, the row's hash),
   which generated
3. the report read from it (``report:<hex>``); the run's extraction used the report and
   generated its statements, linking put it in its incidents, and grading graded those;
4. analysts' reviews (ledger rows of action ``review`` naming the report or its incident)
   as activities that used it.

Written as PROV-JSON (``.json``) or PROV-N (``.provn``), or both into a folder, by the
library's own encoders, a part at a time: the incidents ``INCIDENTS`` to a document, the
reports one bundle each, read from an index spooled to disk (``spool.ReportIndex``). PROV-JSON
groups every record of a type in one object, so the incidents' records are spooled by type
(``spool.Spool``) before they are copied out. Nothing held grows with the size of the run.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import IO, Any, cast

from prov.model import PROV_LABEL, PROV_TYPE, ProvBundle, ProvDocument
from prov.serializers.provjson import encode_json_document

from corroborate.errors import ConfigError
from corroborate.export.context import ExportContext
from corroborate.export.evidence import (
    Held,
    Sharing,
    file_label,
    held,
    report_label,
    reviews,
    sharing,
)
from corroborate.export.formats import Exporter
from corroborate.export.results import IncidentJSON, ReportRefJSON, StatementJSON
from corroborate.export.spool import ChosenReport, ReportIndex, Spool
from corroborate.ids import make_id, short
from corroborate.store.chain import LedgerRow

INCIDENTS = 200  # incidents laid out in one PROV document before it is written
STEPS = {"extract": "cor:Extraction", "link": "cor:Linking", "grade": "cor:Grading"}
Attributes = dict[Any, Any]  # PROV attribute names (``QualifiedName`` or text) -> values
URN = "urn:corroborate:"
NAMESPACES = {
    "cor": URN,
    "blob": f"{URN}blob:sha256:",
    "report": f"{URN}report:sha256:",
    "incident": f"{URN}incident:sha256:",
    "statement": f"{URN}statement:sha256:",
    "ledger": f"{URN}ledger:",
    "actor": f"{URN}actor:",
}


def _hex(identifier: str) -> str:
    return identifier.split(":", 1)[-1]


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def statement_id(said: StatementJSON) -> str:
    """The statement's stable id where the results carry one (reviews name statements by
    it), else an id made from who said what in which report."""
    stable = cast(Mapping[str, object], said).get("id")
    if isinstance(stable, str) and stable.startswith("sha256:"):
        return stable
    return make_id("statement", said["report_id"], said["speaker"], said["content"])


class _Writer:
    """Builds the shared part and each report's bundle from one export context."""

    def __init__(self, context: ExportContext) -> None:
        self.context = context
        self.sharing: Sharing = sharing(context.store)
        self.run = context.store.ledger_for(context.run_seq)
        self.reviews = reviews(context.store)

    def new_document(self) -> ProvDocument:
        document = ProvDocument()
        for prefix, uri in NAMESPACES.items():
            document.add_namespace(prefix, uri)
        return document

    # -- the shared part -------------------------------------------------------------------

    def head(self) -> ProvDocument:
        """The export, corroborate, the run and its stages."""
        document = self.new_document()
        document.entity(
            "cor:export",
            {
                PROV_TYPE: "cor:Export",
                "cor:version": self.context.version,
                "cor:ledgerHead": self.context.ledger_head,
                "cor:exportedAt": self.context.exported_at,
            },
        )
        software = document.agent(
            "cor:corroborate",
            {PROV_TYPE: "prov:SoftwareAgent", "cor:version": self.context.version},
        )
        run = self._run_activity(document)
        document.wasAssociatedWith(run, software)
        for step, kind in STEPS.items():
            activity = document.activity(self._step(step), other_attributes={PROV_TYPE: kind})
            document.wasInformedBy(activity, run)
            document.wasAssociatedWith(activity, software)
        return document

    def incidents(self) -> Iterator[ProvDocument]:
        """The chosen incidents and their grades, a document of ``INCIDENTS`` at a time."""
        document, count = self.new_document(), 0
        for incident in self.context.incidents():
            self._incident(document, incident)
            count += 1
            if count % INCIDENTS == 0:
                yield document
                document = self.new_document()
        if count % INCIDENTS:
            yield document

    def _run_activity(self, document: ProvDocument) -> Any:
        seq = self.context.run_seq
        if self.run is None:
            return document.activity(f"ledger:{seq}", other_attributes={PROV_TYPE: "cor:Run"})
        attributes: Attributes = {PROV_TYPE: "cor:Run", "cor:ledgerHash": self.run.hash}
        at = _at(self.run.at)
        activity = document.activity(f"ledger:{seq}", at, at, attributes)
        document.wasAssociatedWith(activity, self._actor(document, self.run.actor))
        return activity

    def _step(self, step: str) -> str:
        return f"ledger:{self.context.run_seq}-{step}"

    def _actor(self, bundle: ProvBundle, name: str) -> str:
        shown = self.sharing.text(name)
        identifier = f"actor:{short(make_id('actor', shown), 16)}"
        bundle.agent(identifier, {PROV_TYPE: "cor:LedgerActor", PROV_LABEL: shown})
        return identifier

    def _incident(self, document: ProvDocument, incident: IncidentJSON) -> None:
        grade = incident["grade"]
        node = f"incident:{_hex(incident['id'])}"
        document.entity(
            node,
            {
                PROV_TYPE: "cor:Incident",
                PROV_LABEL: incident["label"],
                "cor:types": " ".join(incident["types"]),
                "cor:grade": f"{grade['reliability']}{grade['credibility']}",
                "cor:standard": grade["standard"],
                "cor:explanation": grade["explanation"],
            },
        )
        document.wasGeneratedBy(node, self._step("link"))
        document.wasAttributedTo(node, "cor:corroborate")
        grading = f"{node}-grade"
        document.entity(grading, {PROV_TYPE: "cor:Grade", PROV_LABEL: grade["standard"]})
        document.wasGeneratedBy(grading, self._step("grade"))
        document.wasDerivedFrom(grading, node)

    # -- one report ------------------------------------------------------------------------

    def bundle(self, chosen: ChosenReport, item: Held) -> ProvBundle:
        report, statements = chosen.ref, chosen.statements
        bundle = self.new_document().bundle(f"report:{_hex(report['id'])}-custody")
        received = f"blob:{_hex(item.blob_id)}"
        bundle.entity(
            received,
            {
                PROV_TYPE: "cor:ReceivedFile",
                PROV_LABEL: file_label(item.blob_id),
                "cor:sha256": item.blob_id,
                "cor:size": item.size,
                "cor:sealed": item.sealed,
            },
        )
        ingest = self._ingest(bundle, item)
        bundle.used(ingest, received, _at(item.ingest.at))
        node = self._report(bundle, report, item)
        bundle.wasGeneratedBy(node, ingest, _at(item.ingest.at))
        bundle.wasDerivedFrom(node, received)
        bundle.used(self._step("extract"), node)
        for said in statements:
            self._statement(bundle, node, said)
        for incident_id in chosen.incidents:
            bundle.wasDerivedFrom(f"incident:{_hex(incident_id)}", node)
        named = [report["id"], *chosen.incidents]
        self._reviews(bundle, node, named + [statement_id(said) for said in statements])
        return bundle

    def _ingest(self, bundle: ProvBundle, item: Held) -> str:
        row, at = item.ingest, _at(item.ingest.at)
        payload = json.loads(row.payload)
        identifier = f"ledger:{row.seq}"
        attributes: Attributes = {
            PROV_TYPE: "cor:Ingest",
            "cor:ledgerHash": row.hash,
            "cor:reader": str(payload.get("reader", "")),
        }
        bundle.activity(identifier, at, at, attributes)
        bundle.wasAssociatedWith(identifier, self._actor(bundle, row.actor))
        return identifier

    def _report(self, bundle: ProvBundle, report: ReportRefJSON, item: Held) -> str:
        node = f"report:{_hex(report['id'])}"
        attributes: Attributes = {
            PROV_TYPE: "cor:Report",
            PROV_LABEL: report["title"] or report_label(item.blob_id, item.item),
            "cor:mediaType": item.media_type,
        }
        for key in ("outlet", "published", "url"):
            if report[key]:
                attributes[f"cor:{key}"] = report[key]
        bundle.entity(node, attributes)
        return node

    def _statement(self, bundle: ProvBundle, node: str, said: StatementJSON) -> None:
        identifier = f"statement:{_hex(statement_id(said))}"
        attributes: Attributes = {
            PROV_TYPE: "cor:Statement",
            PROV_LABEL: said["content"],
            "cor:speaker": said["speaker"],
            "cor:stance": said["stance"],
        }
        bundle.entity(identifier, attributes)
        bundle.wasGeneratedBy(identifier, self._step("extract"))
        bundle.wasDerivedFrom(identifier, node)

    def _reviews(self, bundle: ProvBundle, node: str, named: list[str]) -> None:
        """Reviews of the report, of its statements or of its incidents."""
        rows = {row.seq: row for key in named for row in self.reviews.get(key, [])}
        for row in sorted(rows.values(), key=lambda r: r.seq):
            self._review(bundle, node, row)

    def _review(self, bundle: ProvBundle, node: str, row: LedgerRow) -> None:
        at = _at(row.at)
        identifier = f"ledger:{row.seq}"
        attributes: Attributes = {
            PROV_TYPE: "cor:Review",
            "cor:ledgerHash": row.hash,
            "cor:payload": self.sharing.text(row.payload),
        }
        bundle.activity(identifier, at, at, attributes)
        bundle.used(identifier, node, at)
        bundle.wasAssociatedWith(identifier, self._actor(bundle, row.actor))

    def bundles(self) -> Iterator[ProvBundle]:
        """One bundle per report of the chosen incidents, built as it is written, from an
        index of the reports spooled to disk (``spool.ReportIndex``): a batch is held, never
        the run."""
        with ReportIndex(self.context.incidents()) as index:
            for batch in index.batches():
                by_id = {chosen.ref["id"]: chosen for chosen in batch}
                for item in held(self.context.store, list(by_id)):
                    yield self.bundle(by_id[item.report_id], item)


# -- writing ------------------------------------------------------------------------------


def write_json(context: ExportContext, out: IO[str]) -> None:
    """PROV-JSON: the shared records grouped by type (spooled to disk a batch of incidents
    at a time, as PROV-JSON groups every record of a type in one object), then
    ``"bundle"``, one report at a time."""
    writer = _Writer(context)
    prefixes: dict[str, str] = {}
    with Spool() as spool:
        documents = itertools.chain([writer.head()], writer.incidents())
        for n, document in enumerate(documents):
            for kind, records in encode_json_document(document).items():
                if kind == "prefix":
                    prefixes |= records
                elif kind != "bundle":
                    for key, body in records.items():
                        spool.add(kind, _unique(key, n), json.dumps(body, ensure_ascii=False))
        out.write("{" + f'"prefix": {json.dumps(prefixes, ensure_ascii=False)}')
        for kind in spool.kinds():
            out.write(f", {json.dumps(kind)}: {{")
            for k, (key, body) in enumerate(spool.items(kind)):
                out.write(("," if k else "") + f"\n{json.dumps(key, ensure_ascii=False)}: {body}")
            out.write("}")
    out.write(', "bundle": {')
    for n, bundle in enumerate(writer.bundles()):
        # the library encodes a bundle in its document's scope: a document of this one
        for key, body in encode_json_document(_document(bundle))["bundle"].items():
            text = json.dumps(body, ensure_ascii=False)
            out.write(("," if n else "") + f"\n{json.dumps(key)}: {text}")
    out.write("\n}}\n")


def _unique(key: str, batch: int) -> str:
    """A relation without an identifier is keyed by a blank node (``_:id3``) the encoder
    numbers afresh in every document: made unique across batches (``_:b2id3``)."""
    return f"_:b{batch}{key[2:]}" if key.startswith("_:") else key


def _document(bundle: ProvBundle) -> ProvDocument:
    document = bundle.document
    if document is None:  # every bundle here is made in a document of its own
        raise TypeError("a bundle without its document")
    return document


def write_provn(context: ExportContext, out: IO[str]) -> None:
    """PROV-N: the document's head, its incidents a batch at a time, then one
    ``bundle … endBundle`` per report."""
    writer = _Writer(context)
    head = writer.head().get_provn()
    out.write(head.removesuffix("endDocument").rstrip("\n") + "\n")
    for document in writer.incidents():
        for record in document.get_records():
            out.write(f"  {record.get_provn()}\n")
    for bundle in writer.bundles():
        out.write(bundle.get_provn(_indent_level=1) + "\n")
    out.write("endDocument\n")


def write(context: ExportContext, out: Path) -> None:
    """``x.json``, ``x.provn``, or a folder (``custody.json`` and ``custody.provn``)."""
    suffix = out.suffix.lower()
    if suffix not in (".json", ".provn", ""):
        raise ConfigError(44, "a PROV export is .json, .provn or a folder", subject=out.name)
    targets = [out] if suffix else [out / "custody.json", out / "custody.provn"]
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8") as handle:
            (write_json if target.suffix == ".json" else write_provn)(context, handle)


EXPORTER = Exporter(
    "prov",
    "file",
    ".json",
    "W3C PROV chain of custody per report (PROV-JSON .json, PROV-N .provn, or a folder: both)",
    write,
)
