"""``--format pdf``: the dossier, rendered to images by PDFium, shows what it must."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

import pikepdf
import pypdfium2 as pdfium
import pytest

from corroborate.errors import ConfigError
from corroborate.export import dossier
from corroborate.export.context import ExportContext
from corroborate.export.dossier import write
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.store import Store
from tests.export.conftest import SLOVIANSK_LABEL
from tests.export.stored import StoredRun

EXPORTED = "2026-11-30T12:00:00+00:00"


@pytest.fixture
def store(sqlite_url: str) -> Iterator[Store]:
    """The dossier reads the run's results alone: any store will do (no PostgreSQL run)."""
    handle = Store(sqlite_url)
    yield handle
    handle.close()


def context(store: Store, results: RunResults) -> ExportContext:
    return ExportContext(store, results, 26, "9.8.7", EXPORTED)


def pages(path: Path) -> list[str]:
    """Each page's text as PDFium extracts it, whitespace folded."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [" ".join(page.get_textpage().get_text_range().split()) for page in document]
    finally:
        document.close()


def numbers(text: list[str]) -> list[int]:
    """The page number each page's footer gives."""
    return [int(n) for page in text for n in re.findall(r"Page (\d+) · exported", page)]


def outline(path: Path) -> list[tuple[str, int]]:
    """The bookmarks: title and page index (from 0)."""
    document = pdfium.PdfDocument(str(path))
    try:
        return [(item.get_title(), item.get_dest().get_index()) for item in document.get_toc()]
    finally:
        document.close()


def ink(path: Path) -> list[float]:
    """The share of each page's pixels that are not white, rendered at 50 dpi."""
    document = pdfium.PdfDocument(str(path))
    shares = []
    for page in document:
        image = page.render(scale=50 / 72).to_pil().convert("L")
        histogram = image.histogram()
        shares.append(1 - sum(histogram[250:]) / (image.width * image.height))
    document.close()
    return shares


def test_the_dossier_shows_grades_chain_statements_and_hashes(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    write(context(store, make_results()), tmp_path / "dossier.pdf")
    text = pages(tmp_path / "dossier.pdf")
    whole = " ".join(text)
    assert text[0].startswith("Dossier Incidents of the latest run")
    for expected in (
        SLOVIANSK_LABEL,
        "Grade B2: reasonable grounds to believe",
        "Three independent origins (a witness, a monitoring mission and a party) agree",
        "Shelling of civilian housing at Kramatorsk, May 2022",
        "Grade F6: unverified claim",
        "They kept us in the basement of the school for three days",
        "Coalition artillery shelled the building",
        "Wire Agency North",  # a relay in the source chain figure
        "incident dates",  # the timeline figure
        "schematic outline, not for navigation",  # the map
        "#26 sha256:" + "ab" * 32,
        "corroborate 9.8.7",
    ):
        assert expected in whole, expected
    assert "r1r1r1r1" in whole  # the evidence hash of report r1
    assert numbers(text) == list(range(1, len(text) + 1))
    assert f"Pages {len(text)} " in text[0]
    assert all(EXPORTED in page for page in text)


def test_no_page_is_blank(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    write(context(store, make_results()), tmp_path / "dossier.pdf")
    shares = ink(tmp_path / "dossier.pdf")
    assert len(shares) >= 4
    assert all(share > 0.005 for share in shares), shares
    assert max(shares) > 0.05  # a page with figures carries more than a footer's ink


def test_one_incident_is_its_own_dossier(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    whole = context(store, make_results())
    one = replace(whole, incident_ids=frozenset({"sha256:bb22"}))
    write(one, tmp_path / "one.pdf")
    text = " ".join(pages(tmp_path / "one.pdf"))
    assert text.startswith("Dossier Shelling of civilian housing at Kramatorsk")
    assert "Covers 1 incident " in text and SLOVIANSK_LABEL not in text
    assert re.search(r"Pages [1-4]\b", text)


def test_a_stored_run_s_dossier_names_no_path(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    write(stored_run.context(store), tmp_path / "run.pdf")
    store.close()
    text = " ".join(pages(tmp_path / "run.pdf"))
    assert "Witness " in text and str(stored_run.corpus) not in text
    assert "dmg-sloviansk" not in text and "testimonies.csv" not in text


def copies(incident: IncidentJSON, count: int) -> list[IncidentJSON]:
    return [{**incident, "id": f"{incident['id']}-{n}", "label": f"Copy {n}"} for n in range(count)]


def test_a_dossier_laid_out_in_parts_reads_as_one(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    """Two incidents to a part, three rows of the cover's list to a part: the pages run on,
    none is blank, the outline and the list lead to each incident's first page."""
    every = [*make_results()["incidents"], *copies(make_results()["incidents"][0], 4)]
    write(context(store, make_results(*every)), tmp_path / "parts.pdf", part=2, index=3)
    text = pages(tmp_path / "parts.pdf")
    assert numbers(text) == list(range(1, len(text) + 1))
    assert f"Covers 7 incidents Pages {len(text)} " in text[0]
    assert all(
        "corroborate 9.8.7" in page and "ledger head #26 sha256:abab" in page for page in text
    )
    assert all(share > 0.005 for share in ink(tmp_path / "parts.pdf"))
    with pikepdf.open(tmp_path / "parts.pdf") as joined:
        assert joined.check_pdf_syntax() == []  # qpdf --check
    marks = outline(tmp_path / "parts.pdf")
    assert marks[0] == ("Dossier", 0)
    assert [title for title, _ in marks[1:]] == [
        f"{n}. {incident['label']}" for n, incident in enumerate(every, start=1)
    ]
    for title, index in marks[1:]:
        assert text[index].startswith(title), (title, index)
        listed = re.search(
            rf"\b{title.split('.')[0]} \w\d {re.escape(title.split('. ', 1)[1])}",
            " ".join(text[:3]),
        )
        assert listed, title
    assert text[marks[1][1]].startswith(f"1. {SLOVIANSK_LABEL}")
    assert text[marks[-1][1]].startswith("7. Copy 3")
    whole = " ".join(text)
    assert "Shelling of civilian housing at Kramatorsk" in whole and "Copy 3" in whole


def test_parts_change_nothing_but_the_list_s_pages(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    """Laid out one incident to a part or all in one, the incidents' pages read the same."""
    write(context(store, make_results()), tmp_path / "one.pdf")
    write(context(store, make_results()), tmp_path / "parts.pdf", part=1, index=1)
    whole, parted = pages(tmp_path / "one.pdf"), pages(tmp_path / "parts.pdf")
    assert len(parted) == len(whole) + 2  # the list's 2nd and 3rd rows each on a page
    assert [re.sub(r"Page \d+", "", p) for p in whole[1:]] == [
        re.sub(r"Page \d+", "", p) for p in parted[3:]
    ]


def test_a_stored_run_s_dossier_in_parts_names_no_witness(
    stored_run: StoredRun, tmp_path: Path
) -> None:
    store = stored_run.open()
    write(stored_run.context(store), tmp_path / "run.pdf", part=1, index=1)
    store.close()
    text = pages(tmp_path / "run.pdf")
    whole = " ".join(text)
    assert "Witness " in whole
    assert not re.search(r"Witness A-\d\d|A-17|A-21", whole)
    assert numbers(text) == list(range(1, len(text) + 1))


def test_a_failed_dossier_leaves_the_earlier_one_as_it_was(
    store: Store,
    make_results: Callable[..., RunResults],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The join writes as it reads the parts: a failure half-way must leave no half file."""
    out = tmp_path / "dossier.pdf"
    write(context(store, make_results()), out)
    before = out.read_bytes()

    def failing(parts: list[Path], file: BinaryIO, outline: object) -> int:
        file.write(b"%PDF-1.7\n")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(dossier, "join", failing)
    with pytest.raises(OSError):
        write(context(store, make_results()), out, part=1)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dossier.pdf"]


def test_only_a_pdf_file(
    store: Store, make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    with pytest.raises(ConfigError, match=r"^\[C046\] dossier.html: "):
        write(context(store, make_results()), tmp_path / "dossier.html")
