"""The map and timeline of the incident list's filtered set, with text alternatives.

The map is the static report's own (``export.ukraine.incident_map``): one marker per place,
sized by its incidents. The timeline counts the filtered incidents by the day, week or month
they began (the span decides), drawn with the static report's SVG helpers
(``export.svg``), so it stays legible for ten thousand incidents. Both come with the same
figures as text (places with their counts, periods with theirs) for a screen reader or a
reader who wants the numbers. Only places, dates and counts are drawn: never a speaker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup

from corroborate.api.service import Service
from corroborate.export.casework import IncidentQuery, select
from corroborate.export.results import IncidentJSON
from corroborate.export.svg import day_of, el, figure
from corroborate.export.ukraine import incident_map
from corroborate.store.access import Principal

WIDTH, LEFT, TOP, PLOT_H = 760.0, 44.0, 16.0, 150.0
MAX_BARS = 60


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Overview:
    total: int
    map: Markup | None
    places: list[tuple[str, int]]  # drawn places (name, incidents), most first
    unplaced: int  # incidents with no place or no coordinates
    timeline: Markup | None
    periods: list[Period]
    undated: int
    unit: str  # "day", "week" or "month"


def filtered(
    svc: Service, caller: Principal, case: str, params: dict[str, Any]
) -> list[IncidentJSON]:
    """Every incident of the case the list's filter keeps, as this member may see them
    (the words filter reads witness names only with the grant, as the list does; the other
    filters read no name, so nothing is revealed for them)."""
    standing = svc.member(caller, case)
    mine = svc.incidents(standing)
    granted = standing.witness_identities and params.get("q")
    seen = svc.revealer().apply(mine) if granted else mine
    query = IncidentQuery(**params, page=1, per_page=max(1, len(seen)))
    kept = {i["id"] for i in select(seen, query)[1]}
    return [i for i in mine if i["id"] in kept]


def overview(incidents: list[IncidentJSON]) -> Overview:
    """The figures of a set of incidents, and their text alternatives."""
    placed = [i for i in incidents if _mapped(i)]
    counts = Counter(str(i["place"]["canonical"]) for i in placed if i["place"])
    places = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    anchors = [f"incident-{n}" for n in range(1, len(placed) + 1)]
    days = [d for i in incidents if (d := day_of(i["first_day"])) is not None]
    unit, periods = _periods(days)
    return Overview(
        total=len(incidents),
        map=incident_map(placed, anchors, linked=False) if placed else None,
        places=places,
        unplaced=len(incidents) - len(placed),
        timeline=_bars(periods, unit) if periods else None,
        periods=periods,
        undated=len(incidents) - len(days),
        unit=unit,
    )


def _mapped(incident: IncidentJSON) -> bool:
    place = incident["place"]
    return place is not None and place["lat"] is not None and place["lon"] is not None


def _periods(days: list[date]) -> tuple[str, list[Period]]:
    """Counts by day, week or month: the finest unit that needs at most ``MAX_BARS`` bars;
    every period between the first and the last is listed, empty ones too."""
    if not days:
        return "day", []
    first, last = min(days), max(days)
    for unit in ("day", "week", "month"):
        starts = _starts(first, last, unit)
        if len(starts) <= MAX_BARS or unit == "month":
            break
    counted = Counter(_start_of(d, unit) for d in days)
    return unit, [Period(s, _label(s, unit), counted.get(s, 0)) for s in starts]


def _start_of(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day


def _next(start: date, unit: str) -> date:
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if unit == "week" else 1)


def _starts(first: date, last: date, unit: str) -> list[date]:
    found, at, end = [], _start_of(first, unit), _start_of(last, unit)
    while at <= end:
        found.append(at)
        at = _next(at, unit)
    return found


def _label(start: date, unit: str) -> str:
    if unit == "month":
        return start.strftime("%Y-%m")
    return f"week of {start.isoformat()}" if unit == "week" else start.isoformat()


def _bars(periods: list[Period], unit: str) -> Markup:
    """One bar per period, its height the incidents that began in it; the axis labels the
    first, the last and a few periods between."""
    top = max(p.count for p in periods)
    step = (WIDTH - LEFT - 10) / len(periods)
    parts = [
        el(
            "line",
            {
                "x1": LEFT,
                "y1": TOP + PLOT_H,
                "x2": WIDTH - 10,
                "y2": TOP + PLOT_H,
                "stroke": "#6F6A5E",
            },
        ),
        el("text", {"x": LEFT - 6, "y": TOP + 8, "text-anchor": "end"}, str(top)),
        el("text", {"x": LEFT - 6, "y": TOP + PLOT_H, "text-anchor": "end"}, "0"),
    ]
    every = max(1, len(periods) // 6)
    for n, period in enumerate(periods):
        x = LEFT + n * step
        height = PLOT_H * period.count / top
        width = min(step * 0.8, 40.0)
        bar = {
            "x": x + (step - width) / 2,
            "y": TOP + PLOT_H - height,
            "width": max(1.0, width),
            "height": height,
            "fill": "#1F3A5F",
        }
        noun = "incident" if period.count == 1 else "incidents"
        parts.append(el("rect", bar, el("title", None, f"{period.label}: {period.count} {noun}")))
        if n % every == 0 or n == len(periods) - 1:
            tick = {"x": x + step / 2, "y": TOP + PLOT_H + 16, "text-anchor": "middle"}
            parts.append(el("text", tick, period.label.removeprefix("week of ")))
    total = sum(p.count for p in periods)
    label = (
        f"Timeline: {total} dated incidents by the {unit} they began, "
        f"{periods[0].label} to {periods[-1].label}"
    )
    return figure(WIDTH, TOP + PLOT_H + 28, label, *parts)
