"""The offline map of the report: a schematic outline of Ukraine with the incidents' places.

The report must open from ``file://`` on a machine with no network, so there is no tile
server: the outline below is a hand-made, low-resolution polygon of the internationally
recognised border (Crimea included), under ninety (lon, lat) vertices traced from memory
of the border's shape. It is labelled *schematic outline, not for navigation* on the map:
good enough to see where incidents cluster, never to locate a site.

Projection is equirectangular: x is longitude scaled by the cosine of the middle latitude,
y is latitude, both scaled into the viewBox. Places outside the outline's box widen the box,
so every incident with coordinates is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from corroborate.export.results import IncidentJSON
from corroborate.export.svg import el, figure, points

# (lon, lat), clockwise from the Belarus-Poland-Ukraine tripoint.
OUTLINE: tuple[tuple[float, float], ...] = (
    (23.64, 51.51), (24.40, 51.90), (25.80, 51.93), (27.20, 51.70), (28.30, 51.60),
    (29.30, 51.40), (30.20, 51.50), (30.55, 51.30), (30.95, 52.05), (31.78, 52.10),
    (32.40, 52.30), (33.20, 52.37), (33.80, 52.35), (34.40, 51.85), (34.20, 51.70),
    (34.50, 51.25), (35.30, 51.05), (35.40, 50.60), (35.60, 50.40), (36.60, 50.25),
    (37.45, 50.42), (38.25, 50.08), (39.15, 49.88), (40.15, 49.60), (40.00, 49.00),
    (40.05, 48.70), (39.95, 48.25), (39.75, 47.83), (38.85, 47.85), (38.30, 47.60),
    (38.24, 47.10), (37.55, 47.05), (36.80, 46.70), (36.20, 46.60), (35.40, 46.40),
    (34.80, 46.17), (35.00, 45.90), (35.50, 45.35), (36.00, 45.45), (36.65, 45.45),
    (36.45, 45.25), (36.10, 45.00), (35.40, 45.03), (34.95, 44.85), (34.40, 44.67),
    (34.15, 44.50), (33.75, 44.40), (33.50, 44.60), (33.55, 44.85), (33.37, 45.19),
    (32.48, 45.35), (33.00, 45.90), (33.70, 46.15), (32.60, 46.10), (32.30, 46.45),
    (31.55, 46.60), (30.75, 46.45), (30.50, 46.05), (30.00, 45.75), (29.75, 45.25),
    (29.30, 45.40), (28.70, 45.25), (28.20, 45.47), (28.45, 45.60), (28.75, 45.85),
    (28.95, 46.10), (29.30, 46.45), (30.12, 46.40), (29.95, 46.85), (29.60, 47.35),
    (29.25, 47.85), (28.90, 48.10), (28.45, 48.15), (27.58, 48.48), (26.62, 48.26),
    (25.90, 47.98), (25.10, 47.75), (24.60, 47.95), (23.50, 47.98), (22.89, 47.95),
    (22.60, 48.10), (22.15, 48.41), (22.56, 49.08), (22.65, 49.52), (22.95, 49.80),
    (23.50, 50.08), (24.11, 50.42), (24.05, 50.87),
)  # fmt: skip
WIDTH, MARGIN, LINE = 760.0, 24.0, 15.0


@dataclass(frozen=True, slots=True)
class _Place:
    name: str
    lon: float
    lat: float
    labels: tuple[str, ...]  # incident labels, for the tooltip
    anchor: str  # the first incident's anchor in the page
    count: int  # its incidents (``labels`` may be left empty: a dossier counts them only)


@dataclass(frozen=True, slots=True)
class _Frame:
    """Equirectangular projection of a lon/lat box into the viewBox."""

    west: float
    north: float
    scale: float  # pixels per degree of latitude
    squeeze: float  # cos(middle latitude)

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            MARGIN + (lon - self.west) * self.squeeze * self.scale,
            MARGIN + (self.north - lat) * self.scale,
        )


def places(incidents: Sequence[IncidentJSON], anchors: Sequence[str]) -> list[_Place]:
    """One entry per canonical place with coordinates, its incidents gathered."""
    found: dict[str, _Place] = {}
    for incident, anchor in zip(incidents, anchors, strict=True):
        place = incident["place"]
        if place is None or place["lat"] is None or place["lon"] is None:
            continue
        seen = found.get(place["canonical"])
        labels = (*seen.labels, incident["label"]) if seen else (incident["label"],)
        where = seen or _Place(place["canonical"], place["lon"], place["lat"], (), anchor, 0)
        found[place["canonical"]] = _Place(
            where.name, where.lon, where.lat, labels, where.anchor, len(labels)
        )
    return sorted(found.values(), key=lambda p: -p.lat)


def tallied_map(tally: Mapping[str, tuple[float, float, int]]) -> Markup:
    """The outline with one marker per place of ``tally`` (name -> lon, lat, incidents),
    unlinked: the map of a dossier, which counts each place's incidents but keeps none."""
    spots = [_Place(name, lon, lat, (), "", count) for name, (lon, lat, count) in tally.items()]
    return _drawn(sorted(spots, key=lambda p: -p.lat), linked=False)


def _frame(spots: Sequence[_Place]) -> tuple[_Frame, float]:
    """The projection of the outline's box, widened to every place; and the map height."""
    lons = [lon for lon, _ in OUTLINE] + [p.lon for p in spots]
    lats = [lat for _, lat in OUTLINE] + [p.lat for p in spots]
    west, east = min(lons) - 0.4, max(lons) + 0.4
    south, north = min(lats) - 0.3, max(lats) + 0.3
    squeeze = math.cos(math.radians((north + south) / 2))
    scale = (WIDTH - 2 * MARGIN) / ((east - west) * squeeze)
    return _Frame(west, north, scale, squeeze), (north - south) * scale + 2 * MARGIN


def _graticule(frame: _Frame, height: float) -> Markup:
    """Faint lines every two degrees, labelled at the map's edge."""
    parts = []
    south = frame.north - (height - 2 * MARGIN) / frame.scale
    east = frame.west + (WIDTH - 2 * MARGIN) / (frame.scale * frame.squeeze)
    line = {"stroke": "#D8DEE6", "stroke-width": 0.8}
    for lat in range(math.ceil(south), math.floor(frame.north) + 1):
        _, y = frame.xy(frame.west, lat)
        parts.append(el("line", {"x1": MARGIN, "x2": WIDTH - MARGIN, "y1": y, "y2": y, **line}))
        parts.append(
            el("text", {"x": 4, "y": y + 3, "font-size": 9, "fill": "#7A8594"}, f"{lat}°N")
        )
    for lon in range(math.ceil(frame.west), math.floor(east) + 1, 2):
        x, _ = frame.xy(lon, frame.north)
        parts.append(el("line", {"x1": x, "x2": x, "y1": MARGIN, "y2": height - MARGIN, **line}))
        attrs = {"x": x, "y": 14, "font-size": 9, "fill": "#7A8594", "text-anchor": "middle"}
        parts.append(el("text", attrs, f"{lon}°E"))
    return Markup("").join(parts)


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlaps(box: Box, taken: Sequence[Box]) -> bool:
    return any(box[0] < o[2] and o[0] < box[2] and box[1] < o[3] and o[1] < box[3] for o in taken)


def _radius(count: int) -> float:
    """Dot radius grows with the square root of the incidents, capped so dots stay dots."""
    return 4.0 + 1.4 * math.sqrt(min(count, 25))


def _label_spot(
    x: float, y: float, radius: float, text: str, taken: list[Box]
) -> tuple[float, float, str]:
    """Where a label goes: right or left of its marker, then further up or down if crowded."""
    width = len(text) * 6.6 + 4
    for dy in (0.0, -LINE, LINE, -2 * LINE, 2 * LINE, -3 * LINE, 3 * LINE, -4 * LINE, 4 * LINE):
        for side in (1, -1):
            left = x + radius + 4 if side == 1 else x - radius - 4 - width
            box = (left, y + dy - 9, left + width, y + dy + 5)
            if not _overlaps(box, taken) and MARGIN / 2 < left < WIDTH - width:
                taken.append(box)
                anchor = ("start", left) if side == 1 else ("end", left + width)
                return anchor[1], y + dy + 4, anchor[0]
    return x + radius + 4, y + 4, "start"


def _marker(spot: _Place, x: float, y: float, taken: list[Box], linked: bool) -> Markup:
    """A dot sized by the number of incidents, its label, and a leader line when moved;
    a link to its first incident when ``linked``."""
    count, radius = spot.count, _radius(spot.count)
    text = f"{spot.name} ({count})"
    lx, ly, anchor = _label_spot(x, y, radius, text, taken)
    tip = f"{spot.name}: {count} incident{'s' if count != 1 else ''}"
    tip += (" — " + "; ".join(spot.labels)) if spot.labels else ""
    parts = [el("title", None, tip)]
    if abs(ly - 4 - y) > 1:
        end = lx - 2 if anchor == "start" else lx + 2
        parts.append(el("line", {"x1": x, "y1": y, "x2": end, "y2": ly - 4, "stroke": "#5B6470"}))
    dot = {"cx": x, "cy": y, "r": radius, "fill": "#1F3A5F", "fill-opacity": 0.85}
    parts.append(el("circle", {**dot, "stroke": "#fff", "stroke-width": 1.2}))
    label = {"x": lx, "y": ly, "text-anchor": anchor, "class": "map-label", "font-weight": 600}
    parts.append(el("text", label, text))
    return el("a", {"href": f"#{spot.anchor}"}, *parts) if linked else el("g", None, *parts)


def _dots(spots: Sequence[_Place], centres: Sequence[tuple[float, float]]) -> list[Box]:
    """Every dot's box, so that no label is put over a dot."""
    boxes = []
    for spot, (x, y) in zip(spots, centres, strict=True):
        r = _radius(spot.count) + 1
        boxes.append((x - r, y - r, x + r, y + r))
    return boxes


def incident_map(
    incidents: Sequence[IncidentJSON], anchors: Sequence[str], *, linked: bool = True
) -> Markup:
    """The outline with one labelled marker per place, linked to its first incident (a page
    about one incident passes ``linked=False``: the marker has nowhere else to lead)."""
    return _drawn(places(incidents, anchors), linked)


def _drawn(spots: Sequence[_Place], linked: bool) -> Markup:
    frame, height = _frame(spots)
    outline = points(*(v for lon, lat in OUTLINE for v in frame.xy(lon, lat)))
    shape = {"points": outline, "fill": "#F4F1EA", "stroke": "#6F6A5E", "stroke-width": 1.2}
    centres = [frame.xy(spot.lon, spot.lat) for spot in spots]
    taken = _dots(spots, centres)
    markers = [
        _marker(spot, x, y, taken, linked) for spot, (x, y) in zip(spots, centres, strict=True)
    ]
    note = {"x": MARGIN, "y": height - 6, "font-size": 10, "fill": "#555"}
    caption = "Ukraine: schematic outline, not for navigation. Marker: place (incidents)."
    label = f"Map of {len(spots)} places with incidents on a schematic outline of Ukraine"
    return figure(
        WIDTH,
        height,
        label,
        _graticule(frame, height),
        el("polygon", shape),
        *markers,
        el("text", note, caption),
    )
