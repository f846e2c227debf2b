"""The offline map: the outline, the projection, the markers."""

from __future__ import annotations

import re

from corroborate.export.ukraine import OUTLINE, incident_map, places
from tests.export.conftest import kramatorsk, sloviansk, unplaced


def _inside(lon: float, lat: float) -> bool:
    """Even-odd rule on the outline."""
    inside = False
    for (x1, y1), (x2, y2) in zip(OUTLINE, OUTLINE[1:] + OUTLINE[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def test_outline_is_a_low_resolution_polygon_around_known_cities() -> None:
    assert 30 <= len(OUTLINE) <= 100
    for lon, lat in [
        (30.52, 50.45),
        (37.62, 48.87),
        (24.03, 49.84),
        (30.73, 46.48),
        (34.10, 44.95),
    ]:
        assert _inside(lon, lat)  # Kyiv, Sloviansk, Lviv, Odesa, Simferopol
    for lon, lat in [(27.56, 53.90), (37.62, 55.75), (28.86, 47.01)]:
        assert not _inside(lon, lat)  # Minsk, Moscow, Chisinau


def test_places_gather_incidents_and_skip_those_without_coordinates() -> None:
    twice = sloviansk()
    spots = places([sloviansk(), twice, kramatorsk(), unplaced()], ["a", "b", "c", "d"])
    assert [(s.name, len(s.labels), s.anchor) for s in spots] == [
        ("Sloviansk", 2, "a"),
        ("Kramatorsk", 1, "c"),
    ]


def test_map_labels_markers_with_place_and_count() -> None:
    drawn = incident_map([sloviansk(), sloviansk(), kramatorsk()], ["a", "b", "c"])
    assert ">Sloviansk (2)</text>" in drawn and ">Kramatorsk (1)</text>" in drawn
    assert 'href="#a"' in drawn and 'href="#c"' in drawn
    assert "schematic outline, not for navigation" in drawn


def test_a_place_outside_the_outline_widens_the_map() -> None:
    far = kramatorsk()
    assert far["place"] is not None
    far["place"] = {**far["place"], "canonical": "Far North", "lat": 58.0, "lon": 37.6}
    plain = incident_map([kramatorsk()], ["a"])
    wide = incident_map([kramatorsk(), far], ["a", "b"])
    height = re.compile(r'<svg [^>]*height="([\d.]+)"')
    assert float(height.search(wide).group(1)) > float(height.search(plain).group(1))  # type: ignore[union-attr]
    assert ">Far North (1)</text>" in wide
