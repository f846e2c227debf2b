"""``--format pdf``: a dossier of one incident, some, or the whole run, for a reader on paper.

1. A cover: what the dossier covers, when it was exported, by which version, from which
   ledger head; the overview map and the list of incidents with their grades.
2. Per incident, on a new page: the grade (a corroboration standard, never a verdict) and
   its explanation; what, where, when, against whom; the source chain and the timeline (the
   HTML report's own figures) and the map; the statements; the evidence: every report with
   the SHA-256 of the bytes the store keeps.

Every page's footer names the page (``Page 3 of 12``), the export date, the version and the
ledger head. Witnesses appear only under their pseudonyms (the run's results are shared so).
fpdf2 keeps the document in memory until it is written (every page's content, then the
whole file), so memory grows with the dossier; ``docs/exports.md`` says by how much an
incident (``bench/export.py --formats pdf`` writes one of 10,000 incidents). Nothing is left
out of a large dossier.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from corroborate.errors import ConfigError
from corroborate.export.chain import chain_graph
from corroborate.export.context import ExportContext
from corroborate.export.formats import Exporter
from corroborate.export.html import dates_words, origins_summary, place_words, words
from corroborate.export.pdfpage import FAMILY, SMALL, TINY, Page
from corroborate.export.results import IncidentJSON, ReportRefJSON
from corroborate.export.svg import stance, timeline
from corroborate.export.ukraine import incident_map

NOTICE = (
    "Grades state how well an allegation is corroborated, by the standard named, never "
    "whether it is true. Witnesses appear under pseudonyms. Evidence hashes are the SHA-256 "
    "of the bytes the store keeps: any copy can be checked against them."
)


def build(context: ExportContext) -> Page:
    """The whole dossier, laid out (not yet written)."""
    incidents = list(context.incidents())
    title = incidents[0]["label"] if len(incidents) == 1 else "Incidents of the latest run"
    footer = (
        f"exported {context.exported_at} · corroborate {context.version} · "
        f"ledger head {_head(context.ledger_head)}"
    )
    page = Page(footer=footer, title=title, created=datetime.fromisoformat(context.exported_at))
    _cover(page, context, incidents, title)
    for number, incident in enumerate(incidents, start=1):
        _incident(page, incident, number)
    return page


def _head(head: str) -> str:
    """``#14 sha256:ff5857c4…``: enough of the head to find it; the cover has all of it."""
    seq, _, digest = head.partition(" ")
    return f"{seq} {digest[:19]}…" if len(digest) > 19 else head


def _cover(page: Page, context: ExportContext, incidents: list[IncidentJSON], title: str) -> None:
    page.add_page()
    page.heading("Dossier", size=20)
    page.heading(title, size=13)
    page.facts(
        [
            ("Covers", f"{len(incidents)} incident{'' if len(incidents) == 1 else 's'}"),
            ("Exported", context.exported_at),
            ("Version", f"corroborate {context.version}"),
            ("Ledger head", context.ledger_head),
            ("Run", f"ledger event #{context.run_seq}"),
        ]
    )
    page.paragraph(NOTICE, size=SMALL, style="I")
    page.ln(3)
    mapped = [i for i in incidents if i["place"] and i["place"]["lat"] is not None]
    if mapped:
        anchors = [f"incident-{n}" for n in range(1, len(mapped) + 1)]
        page.figure(incident_map(mapped, anchors), "Map of the incidents' places")
    _index(page, incidents)


def _index(page: Page, incidents: list[IncidentJSON]) -> None:
    if not incidents:
        page.paragraph("No incident is chosen.")
        return
    page.set_font(FAMILY, size=SMALL)
    with page.table(col_widths=(8, 14, 118, 50), text_align="LEFT", line_height=4) as table:
        table.row(["#", "Grade", "Incident", "Standard"])
        for number, incident in enumerate(incidents, start=1):
            grade = incident["grade"]
            badge = f"{grade['reliability']}{grade['credibility']}"
            table.row([str(number), badge, incident["label"], grade["standard"]])


def _incident(page: Page, incident: IncidentJSON, number: int) -> None:
    page.add_page()
    page.heading(f"{number}. {incident['label']}")
    grade = incident["grade"]
    page.paragraph(
        f"Grade {grade['reliability']}{grade['credibility']}: {grade['standard']}", style="B"
    )
    page.paragraph(grade["explanation"])
    page.ln(2)
    page.facts(
        [
            ("What", ", ".join(words(t) for t in incident["types"]) or "—"),
            ("Where", place_words(incident["place"])),
            ("When", dates_words(incident["first_day"], incident["last_day"])),
            ("Accused", ", ".join(incident["accused"]) or "not named"),
            ("Origins", origins_summary(incident) or "none traced"),
            ("Incident id", incident["id"]),
        ]
    )
    _figures(page, incident)
    _statements(page, incident)
    _evidence(page, incident)


def _figures(page: Page, incident: IncidentJSON) -> None:
    if incident["reports"]:
        page.figure(chain_graph(incident), "Source chain")
    drawn = timeline(incident)
    if drawn is not None:
        page.figure(drawn, "Timeline")
    place = incident["place"]
    if place and place["lat"] is not None:
        page.figure(incident_map([incident], ["incident"]), "Map")


def _statements(page: Page, incident: IncidentJSON) -> None:
    page.heading("Statements", size=11)
    if not incident["statements"]:
        page.paragraph("No statement was extracted.", size=SMALL)
        return
    page.set_font(FAMILY, size=TINY)
    with page.table(col_widths=(34, 24, 18, 20, 94), text_align="LEFT", line_height=3.4) as table:
        table.row(["Speaker", "Party", "Stance", "Time", "Statement"])
        for said in incident["statements"]:
            table.row(
                [
                    said["speaker"],
                    said["party"] or "—",
                    stance(said["stance"]).label,
                    said["time"] or "—",
                    said["content"],
                ]
            )
    page.ln(3)


def _evidence(page: Page, incident: IncidentJSON) -> None:
    page.heading("Evidence", size=11)
    page.set_font(FAMILY, size=TINY)
    with page.table(col_widths=(62, 30, 18, 18, 62), text_align="LEFT", line_height=3.4) as table:
        table.row(["Report", "Outlet", "Published", "Stance", "SHA-256 of the stored bytes"])
        for report in incident["reports"]:
            table.row(_evidence_row(report))
    page.set_font(FAMILY, size=SMALL)


def _evidence_row(report: ReportRefJSON) -> list[str]:
    return [
        report["title"] or "(untitled)",
        report["outlet"] or "—",
        report["published"] or "undated",
        stance(report["stance"]).label,
        report["blob_id"].removeprefix("sha256:"),
    ]


def write(context: ExportContext, out: Path) -> None:
    if out.suffix.lower() != ".pdf":
        raise ConfigError(46, "a PDF dossier is written to a .pdf file", subject=out.name)
    out.parent.mkdir(parents=True, exist_ok=True)
    build(context).output(str(out))


EXPORTER = Exporter(
    "pdf",
    "file",
    ".pdf",
    "PDF dossier: grades and explanations, source chain, timeline, map, statements, "
    "evidence hashes, page numbers and the export date",
    write,
)
