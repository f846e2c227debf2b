"""Inline SVG drawings for the HTML report: the source chain graph and the timeline.

The report must open offline from ``file://``, so every figure is drawn here, in Python,
as plain SVG markup: no JavaScript graph library, no fonts, no external references.
Every string that reaches the markup goes through :func:`el`, which escapes attribute
values and text; a report title such as ``<script>`` stays text. Only :class:`Markup`
(markup this module built itself) is inserted as is.

Stance is always shown twice, by colour and by words or shape, so the figures read in
greyscale print and for colour-blind readers (Okabe-Ito palette).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from corroborate.export.results import IncidentJSON
from corroborate.model import AGAINST, Stance

FONT = "system-ui, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"


@dataclass(frozen=True, slots=True)
class StanceStyle:
    """How one stance is drawn: its words, its colour and its marker shape."""

    label: str
    colour: str
    shape: str  # circle | square | triangle | diamond


STANCES: Mapping[str, StanceStyle] = {
    Stance.SUPPORTS: StanceStyle("Supports", "#0072B2", "circle"),
    Stance.NEUTRAL: StanceStyle("Neutral", "#6E6E6E", "square"),
    Stance.DENIES: StanceStyle("Denies", "#D55E00", "triangle"),
    Stance.COUNTER_ACCUSES: StanceStyle("Counter-accuses", "#AA3377", "diamond"),
}
DENIALS = AGAINST


def stance(code: str) -> StanceStyle:
    """The drawing of a stance code; an unknown code is drawn grey under its own name."""
    return STANCES.get(code, StanceStyle(code.replace("_", " ").capitalize(), "#6E6E6E", "square"))


def fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".removesuffix(".0")
    return str(value)


def points(*xy: float) -> str:
    """Coordinates as SVG point pairs: ``points(1, 2, 3, 4)`` is ``"1,2 3,4"``."""
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in zip(xy[::2], xy[1::2], strict=True))


def el(name: str, attrs: Mapping[str, object] | None = None, *children: str | Markup) -> Markup:
    """One SVG element; attribute values and plain-string children are escaped."""
    pairs = "".join(
        f' {key}="{escape(fmt(value))}"'
        for key, value in (attrs or {}).items()
        if value is not None
    )
    body = Markup("").join(escape(child) for child in children)
    return Markup(f"<{name}{pairs}>{body}</{name}>")


def figure(width: float, height: float, label: str, *children: Markup) -> Markup:
    """An accessible ``<svg>``: ``role="img"``, an ``aria-label`` and a ``<title>``."""
    attrs = {
        "viewBox": f"0 0 {fmt(width)} {fmt(height)}",
        "width": width,
        "height": height,
        "role": "img",
        "aria-label": label,
        "font-family": FONT,
        "font-size": 11,
    }
    return el("svg", attrs, el("title", None, label), *children)


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis when cut."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def marker(code: str, x: float, y: float, *, r: float = 5.0, hollow: bool = False) -> Markup:
    """The stance's shape centred on (x, y); hollow shapes mark statements."""
    drawn = stance(code)
    paint = {"fill": "#fff" if hollow else drawn.colour, "stroke": drawn.colour}
    paint["stroke-width"] = "1.8"
    if drawn.shape == "circle":
        return el("circle", {"cx": x, "cy": y, "r": r, **paint})
    if drawn.shape == "square":
        return el(
            "rect",
            {"x": x - r * 0.85, "y": y - r * 0.85, "width": r * 1.7, "height": r * 1.7, **paint},
        )
    points = (
        [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        if drawn.shape == "diamond"
        else [(x - r, y - r * 0.8), (x + r, y - r * 0.8), (x, y + r)]
    )
    return el("polygon", {"points": " ".join(f"{fmt(a)},{fmt(b)}" for a, b in points), **paint})


def legend(items: Sequence[tuple[Markup, str]], width: float, top: float) -> tuple[Markup, float]:
    """Legend entries (symbol drawn at 0,0 plus words) in rows; returns markup and height."""
    per_row = max(1, int((width - 16) // 150))
    parts = []
    for index, (symbol, words) in enumerate(items):
        x, y = 16 + (index % per_row) * 150, top + 12 + (index // per_row) * 20
        parts.append(el("g", {"transform": f"translate({fmt(x)},{fmt(y)})"}, symbol))
        parts.append(el("text", {"x": x + 16, "y": y + 4}, words))
    rows = (len(items) + per_row - 1) // per_row
    return Markup("").join(parts), rows * 20 + 12


def stance_legend(codes: Iterable[str]) -> list[tuple[Markup, str]]:
    """Legend entries for the stances that occur, in the palette's order."""
    present = set(codes)
    order = [code for code in STANCES if code in present] + sorted(present - set(STANCES))
    return [(marker(code, 0, 0), stance(code).label) for code in order]


# --- timeline ----------------------------------------------------------------------------

LANE_X, PLOT_W, STACK = 150.0, 620.0, 10.0


@dataclass(frozen=True, slots=True)
class _Event:
    day: date
    stance: str
    statement: bool
    tip: str


def day_of(text: str | None) -> date | None:
    """The calendar day of an ISO date or datetime string, or None when it has none."""
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _events(incident: IncidentJSON) -> list[_Event]:
    events = []
    for report in incident["reports"]:
        day = day_of(report["published"])
        if day:
            title = report["title"] or "(untitled)"
            tip = f"{day} report ({stance(report['stance']).label}): {title}"
            events.append(_Event(day, report["stance"], False, tip))
    for said in incident["statements"]:
        day = day_of(said["time"])
        if day:
            words = f"{said['speaker']}: {clip(said['content'], 120)}"
            tip = f"{day} statement ({stance(said['stance']).label}) by {words}"
            events.append(_Event(day, said["stance"], True, tip))
    return events


def _ticks(start: date, end: date) -> list[date]:
    """At most about eight evenly spaced days, on whole days, weeks or months."""
    span = (end - start).days
    step = next((s for s in (1, 2, 7, 14, 28, 56, 91, 182, 364) if span / s <= 8), 728)
    return [start + timedelta(days=d) for d in range(0, span + 1, step)]


def _axis(start: date, end: date, scale: float, top: float) -> Markup:
    parts = [
        el("line", {"x1": LANE_X, "x2": LANE_X + PLOT_W, "y1": top, "y2": top, "stroke": "#555"})
    ]
    for tick in _ticks(start, end):
        x = LANE_X + (tick - start).days * scale
        parts.append(el("line", {"x1": x, "x2": x, "y1": top, "y2": top + 5, "stroke": "#555"}))
        parts.append(
            el(
                "text",
                {"x": x, "y": top + 18, "text-anchor": "middle", "font-size": 10},
                tick.isoformat(),
            )
        )
    return Markup("").join(parts)


def _lanes(events: list[_Event]) -> list[str]:
    present = {e.stance for e in events}
    return [c for c in STANCES if c in present] + sorted(present - set(STANCES))


def _band(incident: IncidentJSON, start: date, scale: float, height: float) -> Markup:
    """The incident's own dates, shaded behind the markers."""
    first, last = day_of(incident["first_day"]), day_of(incident["last_day"])
    if first is None:
        return Markup("")
    x1 = LANE_X + ((first - start).days - 0.5) * scale
    x2 = LANE_X + (((last or first) - start).days + 0.5) * scale
    shade = el(
        "rect",
        {"x": x1, "y": 22, "width": max(3.0, x2 - x1), "height": height - 22, "fill": "#EFE9DA"},
    )
    return shade + el(
        "text", {"x": x1 + 2, "y": 16, "font-size": 10, "fill": "#6B5B2E"}, "incident dates"
    )


def _lane(
    code: str, events: list[_Event], top: float, start: date, scale: float
) -> tuple[Markup, float]:
    """One stance's row: its name on the left, same-day markers stacked upwards."""
    by_day: dict[date, list[_Event]] = defaultdict(list)
    for event in events:
        by_day[event.day].append(event)
    height = max(34.0, STACK * max(len(v) for v in by_day.values()) + 16)
    middle = top + height / 2
    parts = [
        el(
            "line",
            {"x1": LANE_X, "x2": LANE_X + PLOT_W, "y1": middle, "y2": middle, "stroke": "#DDD"},
        ),
        el(
            "text",
            {"x": LANE_X - 26, "y": middle + 4, "text-anchor": "end", "font-weight": 600},
            stance(code).label,
        ),
        el("g", {"transform": f"translate({fmt(LANE_X - 14)},{fmt(middle)})"}, marker(code, 0, 0)),
    ]
    for day, group in sorted(by_day.items()):
        x = LANE_X + (day - start).days * scale
        for index, event in enumerate(group):
            y = middle + (index - (len(group) - 1) / 2) * STACK
            parts.append(
                el(
                    "g",
                    None,
                    el("title", None, event.tip),
                    marker(code, x, y, r=4.5, hollow=event.statement),
                )
            )
    return Markup("").join(parts), height


def _span(incident: IncidentJSON, events: list[_Event]) -> tuple[date, date]:
    """The days to draw: every event and the incident's dates, a day of margin each side."""
    known = (day_of(incident["first_day"]), day_of(incident["last_day"]))
    days = [e.day for e in events] + [d for d in known if d]
    return min(days) - timedelta(days=1), max(days) + timedelta(days=1)


def _timeline_key(top: float) -> tuple[Markup, float]:
    dot = {"cx": 0, "cy": 0, "r": 4.5, "stroke": "#333", "stroke-width": 1.8}
    items = [
        (el("circle", {**dot, "fill": "#333"}), "report (filled)"),
        (el("circle", {**dot, "fill": "#fff"}), "statement (hollow)"),
    ]
    return legend(items, LANE_X + PLOT_W, top)


def timeline(incident: IncidentJSON) -> Markup | None:
    """Reports (filled) and statements (hollow) by day, one lane per stance; None if undated."""
    events = _events(incident)
    if not events:
        return None
    start, end = _span(incident, events)
    scale = PLOT_W / max(1, (end - start).days)
    top, lanes = 24.0, []
    for code in _lanes(events):
        drawn, height = _lane(code, [e for e in events if e.stance == code], top, start, scale)
        lanes.append(drawn)
        top += height
    key, key_height = _timeline_key(top + 24)
    span = f"{start + timedelta(days=1)} to {end - timedelta(days=1)}"
    label = f"Timeline of {len(events)} dated reports and statements, {span}"
    band = _band(incident, start, scale, top)
    axis = _axis(start, end, scale, top + 4)
    return figure(LANE_X + PLOT_W + 40, top + 24 + key_height, label, band, *lanes, axis, key)
