"""The static HTML report: structure, escaping, self-containment, the empty run."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from corroborate.export.html import render_html, write_report
from corroborate.export.pseudonyms import Pseudonyms
from corroborate.export.results import RunResults
from tests.export.conftest import SLOVIANSK_LABEL, kramatorsk, report, sloviansk

Make = Callable[..., RunResults]
HOSTILE = "<script>alert(1)</script>"
EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:[a-z]+:)?//""", re.I)


def test_header_shows_corpus_time_counts_and_failures(make_results: Make) -> None:
    page = render_html(make_results())
    assert "<title>Corroboration report: samples/corpus</title>" in page
    assert "2024-05-01T12:00:00+00:00" in page
    assert "<strong>57</strong> attributions" in page
    assert "<strong>2</strong> failed files" in page
    assert "<code>[I002] samples/corpus/broken/garbage-bytes.txt" in page
    assert "does not state that any allegation is true" in page


def test_incident_shows_grade_standard_explanation_and_tally(make_results: Make) -> None:
    page = render_html(make_results())
    assert SLOVIANSK_LABEL in page
    assert '<span class="badge-code">B2</span>' in page
    assert '<span class="badge-code">D4</span>' in page
    assert '<p class="standard">reasonable grounds to believe</p>' in page
    assert "two of eight reports are copies" in page
    assert re.search(
        r"<strong>4 origins in 8 reports: 2 origins carried by several reports \(copies or "
        r"re-reports\)</strong>.\s*2 of the 4 origins independent of the parties "
        r"\(origins by kind: [^)]*\)",
        page,
    )
    assert "Reports and origins are counted apart: an origin is a first source" in page
    assert "2 copies of other reports" in page
    assert "2 denials or counter-accusations" in page


def test_incident_names_its_conflict_or_says_it_is_not_determined(make_results: Make) -> None:
    """The fixture's Sloviansk incident names its conflict; Kramatorsk's, recorded before
    incidents named one, says so rather than leaving a guess."""
    page = render_html(make_results(sloviansk(), kramatorsk()))
    assert "<span>conflict: Russia–Ukraine war</span>" in page
    assert "<span>conflict not determined</span>" in page


def test_one_svg_per_graph_timeline_and_map(make_results: Make) -> None:
    page = render_html(make_results(sloviansk(), kramatorsk()))
    svgs = re.findall(r"<svg [^>]*>", page)
    assert len(svgs) == 2 * 2 + 1  # two incidents × (chain, timeline) + the map
    assert all('role="img"' in svg and "aria-label=" in svg for svg in svgs)
    assert page.count('aria-label="Source chain graph:') == 2
    assert page.count('aria-label="Timeline of ') == 2
    assert "schematic outline, not for navigation" in page


def test_graph_labels_origins_outlets_and_reports(make_results: Make) -> None:
    page = render_html(make_results(sloviansk()))
    for label in ("Former detainee W-17", "Wire Agency North", "Republic News Agency"):
        assert f">{label}</text>" in page
    assert "party · the Republic" in page
    assert 'stroke-dasharray="5 3"' in page  # copies are dashed boxes


def test_tables_show_statements_and_reports(make_results: Make) -> None:
    page = render_html(make_results(sloviansk()))
    assert '<span class="stance stance-denies">Denies</span>' in page
    assert '<span class="stance stance-counter_accuses">Counter-accuses</span>' in page
    assert "Wire Agency North → Coastal Daily" in page  # farthest first
    assert "copy of “Detainees say they were beaten in Sloviansk”" in page
    assert "They kept us in the basement" in page
    assert "torture, arbitrary detention" in page


def test_hostile_strings_are_text_not_markup(make_results: Make) -> None:
    incident = sloviansk()
    incident["label"] = f'"><img src=x onerror=alert(2)>{HOSTILE}'
    incident["reports"].append(report("r99", HOSTILE, "<b>Outlet</b>", published="2022-04-09"))
    incident["statements"][0]["speaker"] = HOSTILE
    assert incident["place"] is not None
    incident["place"]["canonical"] = HOSTILE
    page = render_html(make_results(incident))
    assert HOSTILE not in page
    assert "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<script") == 1  # only the report's own expand/collapse script


def test_nothing_is_loaded_from_elsewhere(make_results: Make) -> None:
    page = render_html(make_results())
    assert not EXTERNAL.search(page)
    assert "http://" not in page and "https://" not in page
    assert "url(" not in page and "@import" not in page and "<link" not in page


def test_empty_run_renders_a_friendly_page(make_results: Make) -> None:
    results = make_results()
    results["incidents"] = []
    page = render_html(results)
    assert '<h2 id="empty-heading">No incidents</h2>' in page
    assert "<svg" not in page
    assert "[I002]" in page  # failures still shown


def test_write_report_writes_page_and_results(make_results: Make, tmp_path: Path) -> None:
    results = make_results()
    results["incidents"][0]["label"] = "Катування у Слов'янську"
    page = write_report(results, tmp_path / "out", pseudonyms=Pseudonyms("k"))
    assert page == tmp_path / "out" / "index.html"
    assert "Катування у Слов&#39;янську" in page.read_text(encoding="utf-8")
    written = (tmp_path / "out" / "results.json").read_text(encoding="utf-8")
    assert "Катування" in written  # ensure_ascii=False
    assert "Former detainee W-17" not in written  # witnesses never leave by name
    shared = json.loads(written)
    code = shared["incidents"][0]["origins"][0]["speaker"]
    assert code.startswith("Witness ") and code != "Former detainee W-17"
    expected = json.loads(json.dumps(results))  # the fixture's two places naming the witness
    expected["incidents"][0]["origins"][0]["speaker"] = code
    expected["incidents"][0]["statements"][0]["speaker"] = code
    assert shared == expected


def test_event_days_and_publication_days_are_shown_apart() -> None:
    """An incident's days are its events'; when it was reported is named as such, and an
    incident whose reports date no event says so rather than showing publication days."""
    from typing import Any, cast

    from corroborate.export.html import when_words
    from corroborate.export.results import IncidentJSON

    def incident(**days: Any) -> IncidentJSON:
        return cast(IncidentJSON, days)

    dated = incident(
        first_day="2022-04-02",
        last_day="2022-04-05",
        first_published="2022-04-12",
        last_published="2022-05-20",
    )
    assert when_words(dated) == "2022-04-02 – 2022-04-05 (reported 2022-04-12 – 2022-05-20)"
    undated = incident(
        first_day=None, last_day=None, first_published="2022-04-13", last_published="2022-05-16"
    )
    assert when_words(undated) == "event date unknown (reported 2022-04-13 – 2022-05-16)"
    recorded_before = incident(first_day="2022-04-03", last_day=None)
    assert when_words(recorded_before) == "2022-04-03"
