"""The page the PDF dossier is set on (``fpdf2``): fonts, footer, headings and figures.

Why fpdf2: it is pure Python (with Pillow and fontTools, both wheels) and draws SVG itself,
so the dossier needs no system library (WeasyPrint needs Pango, cairo-based SVG renderers
need cairo) and works air-gapped. It draws the very SVGs the HTML report shows
(``svg.py``, ``chain.py``, ``ukraine.py``) once they are made self-standing: an ``xmlns``,
our embedded font instead of the browser's font list, and links and titles (which a page
cannot use) unwrapped.

The text is set in Source Sans Pro (Latin, Cyrillic, Greek; static TrueType files from the
``font-source-sans-pro`` package, SIL Open Font License), embedded and subset by fpdf2, so
the file shows the same on every reader. Scripts outside it (Arabic, for one) are not
covered yet.
"""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

from font_source_sans_pro import font_directory
from fpdf import FPDF
from markupsafe import Markup

FAMILY = "sourcesans"
FONTS = Path(font_directory)
FACES = {"": "Regular", "B": "Bold", "I": "It", "BI": "BoldIt"}
BODY, SMALL, TINY = 10.0, 8.0, 7.0  # font sizes, points
_LINK = re.compile(r"<a\b[^>]*>")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_FONT = re.compile(r'font-family="[^"]*"')
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')


class Page(FPDF):
    """A4 pages with the dossier's fonts and a footer naming page, date, version, head.

    A dossier is laid out in parts, each a ``Page`` of its own; ``first`` is the number its
    first page has in the whole dossier, so that the parts' page numbers run on."""

    def __init__(self, *, footer: str, title: str, created: datetime, first: int = 1) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._footer = footer
        self._first = first
        for style, face in FACES.items():
            self.add_font(FAMILY, style, FONTS / f"SourceSansPro-{face}.ttf")
        self.set_font(FAMILY, size=BODY)
        self.set_auto_page_break(auto=True, margin=16)
        self.set_title(title)
        self.set_creator("corroborate")
        self.set_creation_date(created)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FAMILY, size=TINY)
        self.set_text_color(90)
        self.cell(0, 5, f"Page {self.number()} · {self._footer}", align="C")
        self.set_text_color(0)

    def number(self) -> int:
        """The current page's number in the whole dossier."""
        return self._first + self.page_no() - 1

    def heading(self, text: str, *, size: float = 14.0) -> None:
        self.set_font(FAMILY, "B", size)
        self.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=BODY)
        self.ln(1.5)

    def paragraph(self, text: str, *, size: float = BODY, style: str = "") -> None:
        self.set_font(FAMILY, style, size)
        self.multi_cell(0, size * 0.45, text, new_x="LMARGIN", new_y="NEXT")
        self.set_font(FAMILY, size=BODY)

    def facts(self, rows: list[tuple[str, str]]) -> None:
        """Label: value lines, the label in bold."""
        for label, value in rows:
            self.set_font(FAMILY, "B", BODY)
            self.cell(32, 5, label)
            self.set_font(FAMILY, size=BODY)
            self.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def figure(self, markup: Markup, caption: str) -> None:
        """An SVG figure across the text width, on a new page when it does not fit."""
        width, height = _size(markup)
        w = self.epw
        h = w * height / width
        room = self.eph - 12
        if h > room:
            w, h = w * room / h, room
        if self.get_y() + h + 8 > self.page_break_trigger:
            self.add_page()
        self.paragraph(caption, size=SMALL, style="B")
        self.image(io.BytesIO(standalone(markup)), x=self.l_margin, w=w, h=h)
        self.ln(3)


def standalone(markup: Markup) -> bytes:
    """The HTML report's inline SVG as a file of its own, as fpdf2 draws it."""
    text = _TITLE.sub("", str(markup))
    text = _LINK.sub("<g>", text).replace("</a>", "</g>")
    text = _FONT.sub(f'font-family="{FAMILY}"', text)
    text = text.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
    return text.encode("utf-8")


def _size(markup: Markup) -> tuple[float, float]:
    found = _VIEWBOX.search(str(markup))
    return (float(found.group(1)), float(found.group(2))) if found else (4.0, 3.0)
