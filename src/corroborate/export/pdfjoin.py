"""Joining a dossier's parts into one PDF file (``pikepdf``, on qpdf), with its outline.

fpdf2 holds a document in memory until it is written, so the dossier is laid out in parts,
each written to a temporary file (``dossier.py``). qpdf copies the parts' pages into the
output as objects that still point into the part files: a page's content stream, images
and fonts are read from its part only while the output is written, one object at a time,
so what the join holds is each page's small dictionary, not its content
(``bench/export.py`` measures it). The parts must stay open until the output is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path

import pikepdf


def join(parts: Sequence[Path], out: Path, outline: Iterable[tuple[str, int]]) -> int:
    """Write ``parts`` one after another to ``out`` with ``outline`` (title, page number
    from 1) as its bookmarks, the first part's document information as its own; the pages
    written."""
    with ExitStack() as stack, pikepdf.new() as pdf:
        opened = [stack.enter_context(pikepdf.open(part)) for part in parts]
        for part in opened:
            pdf.pages.extend(part.pages)
        for key, value in opened[0].docinfo.items():
            pdf.docinfo[key] = value
        with pdf.open_outline() as bookmarks:
            bookmarks.root.extend(
                pikepdf.OutlineItem(title, number - 1) for title, number in outline
            )
        pdf.Root.PageMode = pikepdf.Name.UseOutlines
        pdf.save(out, compress_streams=True, deterministic_id=True)
        return len(pdf.pages)
