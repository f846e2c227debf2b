"""5b. The static HTML report: one self-contained file a monitor can open, mail and print.

``render_html`` turns a run's :class:`RunResults` into a single page: inline CSS, inline
SVG figures (source chains, timelines, the map), a few lines of script that only expand
or collapse details, and nothing loaded from anywhere else, so it works from ``file://``
on an air-gapped laptop. ``write_report`` writes it as ``index.html`` beside the
``results.json`` it was made from.

The page says who alleges what and how well it is corroborated; it never says an
allegation is true. Every string from the results is escaped (the Jinja environment
autoescapes, the figures build their markup through :func:`corroborate.export.svg.el`),
so a hostile report title is shown as text, never run.
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from corroborate.export.chain import chain_graph
from corroborate.export.origins import ORIGIN
from corroborate.export.pseudonyms import Pseudonyms
from corroborate.export.results import IncidentJSON, PlaceJSON, ReportRefJSON, RunResults
from corroborate.export.svg import DENIALS, STANCES, clip, stance, timeline
from corroborate.export.ukraine import incident_map

EXCERPT = 280


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("corroborate.export", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def words(code: str) -> str:
    """A vocabulary code as words: ``arbitrary_detention`` → ``arbitrary detention``."""
    return code.replace("_", " ")


def place_words(place: PlaceJSON | None) -> str:
    if place is None:
        return "place unknown"
    if not place["resolved"]:
        return f"{place['canonical']} (place not resolved)"
    parts = [place["canonical"], place["within"], place["country"]]
    return ", ".join(part for part in parts if part)


def dates_words(first: str | None, last: str | None) -> str:
    if first is None:
        return "date unknown"
    return first if last in (None, first) else f"{first} – {last}"


def when_words(incident: IncidentJSON) -> str:
    """Its events' days, and apart from them, named so, the days its reports were published:
    ``2022-04-02 – 2022-04-05 (reported 2022-04-18 – 2022-04-25)``."""
    days = dates_words(incident["first_day"], incident["last_day"])
    first, last = incident.get("first_published"), incident.get("last_published")
    if first is None:
        return days
    told = first if last in (None, first) else f"{first} – {last}"
    return f"{'event date unknown' if incident['first_day'] is None else days} (reported {told})"


def origins_summary(incident: IncidentJSON) -> str:
    """How the origins divide by kind: ``1 party, 1 witness, 1 independent``."""
    kinds = Counter(origin["kind"] for origin in incident["origins"])
    return ", ".join(f"{count} {kind}" for kind, count in kinds.most_common())


def _css(code: str) -> str:
    """A stance's CSS class; codes outside the vocabulary share one grey class."""
    return f"stance-{code}" if code in STANCES else "stance-other"


def _report_row(report: ReportRefJSON, titles: dict[str, str]) -> dict[str, Any]:
    copy_of = report["copy_of"]
    return {
        "title": report["title"] or "(untitled)",
        "outlet": report["outlet"] or "—",
        "source": report["source_name"],
        "evidence": report["blob_id"].removeprefix("sha256:")[:12],
        "published": report["published"] or "undated",
        "via": " → ".join(reversed(report["via"])) or "direct",
        "stance": stance(report["stance"]).label,
        "stance_css": _css(report["stance"]),
        "copy_note": None if copy_of is None else f"copy of “{titles.get(copy_of, copy_of)}”",
    }


def _statement_rows(incident: IncidentJSON) -> list[dict[str, Any]]:
    return [
        {
            "speaker": said["speaker"],
            "party": said["party"] or "—",
            "stance": stance(said["stance"]).label,
            "stance_css": _css(said["stance"]),
            "excerpt": clip(said["content"], EXCERPT),
            "types": ", ".join(words(t) for t in said["types"]) or "—",
            "time": said["time"] or "—",
        }
        for said in incident["statements"]
    ]


INDEPENDENT_KINDS = frozenset({"witness", "documentary", "independent"})


def _incident(incident: IncidentJSON, anchor: str) -> dict[str, Any]:
    """What the template shows for one incident; figures already drawn."""
    grade, reports = incident["grade"], incident["reports"]
    titles = {r["id"]: r["title"] or r["source_name"] for r in reports}
    return {
        "anchor": anchor,
        "label": incident["label"],
        "types": [words(t) for t in incident["types"]],
        "place": place_words(incident["place"]),
        "conflict": incident.get("conflict"),
        "dates": when_words(incident),
        "badge": f"{grade['reliability']}{grade['credibility']}",
        "grade": grade,
        "n_reports": len(reports),
        "n_origins": len(incident["origins"]),
        "origins_note": incident["origins_note"],
        "n_independent": sum(1 for o in incident["origins"] if o["kind"] in INDEPENDENT_KINDS),
        "accused": incident["accused"],
        "origin_kinds": origins_summary(incident),
        "n_copies": sum(1 for r in reports if r["copy_of"]),
        "n_denials": sum(1 for r in reports if r["stance"] in DENIALS),
        "chain": chain_graph(incident) if reports else None,
        "timeline": timeline(incident),
        "reports": [_report_row(r, titles) for r in reports],
        "statements": _statement_rows(incident),
    }


def _unmapped(incidents: list[IncidentJSON]) -> list[str]:
    """Places (or their absence) that cannot be drawn, with how many incidents each."""
    missing = Counter(
        incident["place"]["canonical"] if incident["place"] else "place unknown"
        for incident in incidents
        if incident["place"] is None or incident["place"]["lat"] is None
    )
    return [f"{name} ({count})" for name, count in sorted(missing.items())]


def render_html(results: RunResults) -> str:
    """The whole report as one self-contained HTML document."""
    incidents = results["incidents"]
    anchors = [f"incident-{number}" for number in range(1, len(incidents) + 1)]
    context = {
        "generated_at": results["generated_at"],
        "ledger_head": results["ledger_head"],
        "version": results["version"],
        "corpus": results["corpus"],
        "counts": [(words(key), value) for key, value in results["counts"].items()],
        "failures": results["failures"],
        "incidents": [_incident(i, a) for i, a in zip(incidents, anchors, strict=True)],
        "map": incident_map(incidents, anchors) if incidents else None,
        "unmapped": _unmapped(incidents),
        # results written before origins were defined in them still render
        "origin_meaning": results.get("terms", {}).get("origin", ORIGIN),
    }
    return _environment().get_template("report.html.j2").render(context)


def write_report(results: RunResults, folder: Path, *, pseudonyms: Pseudonyms) -> Path:
    """Write ``index.html`` and ``results.json`` into ``folder``, every protected person
    pseudonymised; return the page's path."""
    results = pseudonyms.results(results)
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "index.html"
    page.write_text(render_html(results), encoding="utf-8")
    data = json.dumps(results, ensure_ascii=False, indent=2)
    (folder / "results.json").write_text(data + "\n", encoding="utf-8")
    return page
