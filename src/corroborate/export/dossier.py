"""``--format pdf``: a dossier of one incident, some, or the whole run, for a reader on paper.

1. A cover: what the dossier covers, when it was exported, by which version, from which
   ledger head; the overview map and the list of incidents with their grades.
2. Per incident, on a new page: the grade (a corroboration standard, never a verdict) and
   its explanation; what, where, when, against whom; the source chain and the timeline (the
   HTML report's own figures) and the map; the statements; the evidence: every report with
   the SHA-256 of the bytes the store keeps.

Every page's footer names the page (``Page 3``), the export date, the version and the
ledger head; the cover gives the number of pages and, in its list, each incident's first
page; the outline (bookmarks) leads to every incident. Witnesses appear only under their
pseudonyms (the run's results are shared so).

fpdf2 keeps a document in memory until it is written, so the dossier is laid out in parts
(``PART`` incidents each, read a batch at a time) written to temporary files, then joined
(``pdfjoin.py``), which copies each part's objects into the file, one part open at a time:
memory stays the same whatever the number of incidents (``bench/export.py --formats pdf``).
Nothing is left out of a large dossier.
"""

from __future__ import annotations

import tempfile
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from corroborate.errors import ConfigError
from corroborate.export.chain import chain_graph
from corroborate.export.context import ExportContext
from corroborate.export.files import binary_file
from corroborate.export.formats import Exporter
from corroborate.export.html import dates_words, origins_summary, place_words, words
from corroborate.export.pdfjoin import join
from corroborate.export.pdfpage import FAMILY, SMALL, TINY, Page
from corroborate.export.results import IncidentJSON, ReportRefJSON
from corroborate.export.svg import stance, timeline
from corroborate.export.ukraine import incident_map, tallied_map

NOTICE = (
    "Grades state how well an allegation is corroborated, by the standard named, never "
    "whether it is true. Witnesses appear under pseudonyms. Evidence hashes are the SHA-256 "
    "of the bytes the store keeps: any copy can be checked against them."
)


PART = 250  # incidents laid out into one part
INDEX = 1000  # rows of the cover's list of incidents laid out into one part
OVERVIEW = "Incidents of the latest run"


@dataclass(slots=True)
class _Survey:
    """What the cover needs before the incidents are laid out, read in a first pass that
    keeps a count per place, not the incidents."""

    title: str = OVERVIEW
    count: int = 0
    tally: dict[str, tuple[float, float, int]] = field(default_factory=dict)

    def add(self, incident: IncidentJSON) -> None:
        self.count += 1
        self.title = incident["label"] if self.count == 1 else OVERVIEW
        place = incident["place"]
        if place and place["lat"] is not None and place["lon"] is not None:
            lon, lat, seen = self.tally.get(place["canonical"], (place["lon"], place["lat"], 0))
            self.tally[place["canonical"]] = (lon, lat, seen + 1)


class _Dossier:
    """The dossier laid out part by part into ``folder``, each part written before the next
    is begun: the incidents ``size`` to a part, their pages numbered on from the cover's;
    then the cover, whose page count a first layout (not written) told, now with the list's
    page numbers and the total; then the parts joined."""

    def __init__(self, context: ExportContext, folder: Path, size: int, rows: int) -> None:
        self.context, self.folder, self.size, self.rows = context, folder, size, rows
        self.survey = _Survey()
        for incident in context.incidents():
            self.survey.add(incident)
        self.starts = array("L")  # each incident's first page
        self.parts: list[Path] = []

    def write(self, out: BinaryIO) -> int:
        """Write the dossier to ``out``; its page count."""
        covers = self._cover(None, 0, keep=False)
        total = self._incidents(covers + 1) - 1
        body = list(self.parts)
        if self._cover(self.starts, total, keep=True) != covers:
            raise RuntimeError("the dossier's cover took another number of pages")
        marks = zip(self.context.incidents(), self.starts, strict=True)
        outline = chain(
            [("Dossier", 1)],
            ((f"{n}. {incident['label']}", start) for n, (incident, start) in enumerate(marks, 1)),
        )
        return join([*self.parts[len(body) :], *body], out, outline)

    def _page(self, first: int) -> Page:
        context = self.context
        footer = (
            f"exported {context.exported_at} · corroborate {context.version} · "
            f"ledger head {_head(context.ledger_head)}"
        )
        created = datetime.fromisoformat(context.exported_at)
        return Page(footer=footer, title=self.survey.title, created=created, first=first)

    def _save(self, page: Page) -> None:
        self.parts.append(self.folder / f"part-{len(self.parts):05d}.pdf")
        page.output(str(self.parts[-1]))

    def _incidents(self, first: int) -> int:
        """Lay out and write every incident; the number of the page after the last."""
        page = self._page(first)
        for number, incident in enumerate(self.context.incidents(), start=1):
            if number > 1 and (number - 1) % self.size == 0:
                self._save(page)
                page = self._page(page.number() + 1)
            self.starts.append(_incident(page, incident, number))
        if not page.page_no():
            return first
        self._save(page)
        return page.number() + 1

    def _cover(self, starts: Sequence[int] | None, total: int, *, keep: bool) -> int:
        """Lay out the cover and the list of incidents, ``rows`` of it to a part, written
        when ``keep``; its page count. ``starts`` and ``total`` (page numbers) are left
        empty in the first layout: a number takes one line whatever its value."""
        page = self._page(1)
        _cover(page, self.context, self.survey, total)
        rows: list[list[str]] = []
        for number, incident in enumerate(self.context.incidents(), start=1):
            if number > 1 and (number - 1) % self.rows == 0:
                _index(page, rows)
                rows = []
                self._done(page, keep)
                page = self._page(page.number() + 1)
                page.add_page()
            rows.append(_index_row(number, incident, starts[number - 1] if starts else None))
        _index(page, rows)
        self._done(page, keep)
        return page.number()

    def _done(self, page: Page, keep: bool) -> None:
        """Write a part, or render it to nothing: fpdf2 lets go of a document's fonts
        (held by its caches, about 3.5 MiB a document) only when it renders it."""
        if keep:
            self._save(page)
        else:
            page.output()


def _head(head: str) -> str:
    """``#14 sha256:ff5857c4…``: enough of the head to find it; the cover has all of it."""
    seq, _, digest = head.partition(" ")
    return f"{seq} {digest[:19]}…" if len(digest) > 19 else head


def _cover(page: Page, context: ExportContext, survey: _Survey, total: int) -> None:
    page.add_page()
    page.heading("Dossier", size=20)
    page.heading(survey.title, size=13)
    page.facts(
        [
            ("Covers", f"{survey.count} incident{'' if survey.count == 1 else 's'}"),
            ("Pages", str(total) if total else "—"),
            ("Exported", context.exported_at),
            ("Version", f"corroborate {context.version}"),
            ("Ledger head", context.ledger_head),
            ("Run", f"ledger event #{context.run_seq}"),
        ]
    )
    page.paragraph(NOTICE, size=SMALL, style="I")
    page.ln(3)
    if survey.tally:
        page.figure(tallied_map(survey.tally), "Map of the incidents' places")


def _index_row(number: int, incident: IncidentJSON, start: int | None) -> list[str]:
    grade = incident["grade"]
    badge = f"{grade['reliability']}{grade['credibility']}"
    return [str(number), badge, incident["label"], grade["standard"], str(start or "")]


def _index(page: Page, rows: list[list[str]]) -> None:
    if not rows:
        page.paragraph("No incident is chosen.")
        return
    page.set_font(FAMILY, size=SMALL)
    with page.table(col_widths=(10, 12, 110, 44, 14), text_align="LEFT", line_height=4) as table:
        table.row(["#", "Grade", "Incident", "Standard", "Page"])
        for row in rows:
            table.row(row)


def _incident(page: Page, incident: IncidentJSON, number: int) -> int:
    """Lay out one incident from a new page; that page's number."""
    page.add_page()
    start = page.number()
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
    return start


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


def write(context: ExportContext, out: Path, *, part: int = PART, index: int = INDEX) -> None:
    """Write the dossier to ``out``, laid out ``part`` incidents (and ``index`` rows of the
    cover's list) at a time into temporary files, then joined."""
    if out.suffix.lower() != ".pdf":
        raise ConfigError(46, "a PDF dossier is written to a .pdf file", subject=out.name)
    with (
        tempfile.TemporaryDirectory(prefix="corroborate-dossier-") as folder,
        binary_file(out) as file,
    ):
        _Dossier(context, Path(folder), part, index).write(file)


EXPORTER = Exporter(
    "pdf",
    "file",
    ".pdf",
    "PDF dossier: grades and explanations, source chain, timeline, map, statements, "
    "evidence hashes, page numbers and the export date",
    write,
)
