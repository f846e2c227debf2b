"""The source chain graph: columns, copies, denials, legend."""

from __future__ import annotations

import re

from corroborate.export.chain import chain_graph
from tests.export.conftest import kramatorsk, sloviansk, unplaced


def _x_of(drawn: str, label: str) -> float:
    """The x of the text element that carries ``label``."""
    match = re.search(rf'<text x="([\d.]+)"[^>]*>{re.escape(label)}</text>', drawn)
    assert match, label
    return float(match.group(1))


def test_columns_run_origin_then_farthest_outlet_then_nearest_then_report() -> None:
    drawn = chain_graph(sloviansk())
    origin = _x_of(drawn, "Former detainee W-17")
    farthest, nearest = _x_of(drawn, "Wire Agency North"), _x_of(drawn, "Coastal Daily")
    assert origin < farthest < nearest < _x_of(drawn, "Beatings reported in Sloviansk")


def test_copies_are_dashed_and_joined_to_what_they_copy() -> None:
    drawn = chain_graph(sloviansk())
    assert drawn.count('stroke-dasharray="5 3"') == 2  # two copy boxes
    assert drawn.count('stroke-dasharray="2 3"') == 2 + 1  # two arcs + legend line
    assert ">copy (text reuse)</text>" in drawn


def test_denials_are_drawn_apart_and_named() -> None:
    drawn = chain_graph(sloviansk())
    assert drawn.count('stroke-width="2.6"') == 2  # the denial and the counter-accusation
    assert ">Denies</text>" in drawn and ">Counter-accuses</text>" in drawn
    assert "Denies · Republic State Television" not in drawn  # stance is a shape, not prose


def test_legend_only_names_what_occurs() -> None:
    drawn = chain_graph(kramatorsk())
    assert "copy (text reuse)" not in drawn and ">Denies</text>" not in drawn


def test_untraced_origin_and_untitled_report_still_draw() -> None:
    drawn = chain_graph(unplaced())
    assert ">Unknown origin</text>" in drawn and ">(untitled)</text>" in drawn
