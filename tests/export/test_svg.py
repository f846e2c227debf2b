"""SVG building blocks and the timeline."""

from __future__ import annotations

from datetime import date

from markupsafe import Markup

from corroborate.export.svg import clip, day_of, el, marker, stance, timeline
from tests.export.conftest import sloviansk, unplaced


def test_el_escapes_attributes_and_text_but_not_markup() -> None:
    drawn = el("text", {"x": 1.25, "data-x": '"><b>', "skip": None}, "<b>", Markup("<tspan/>"))
    assert drawn == '<text x="1.2" data-x="&#34;&gt;&lt;b&gt;">&lt;b&gt;<tspan/></text>'


def test_clip_shortens_with_an_ellipsis() -> None:
    assert clip("a  b\nc", 10) == "a b c"
    assert clip("abcdefghij", 5) == "abcd…"


def test_unknown_stance_is_drawn_grey_under_its_own_name() -> None:
    assert stance("partly_supports").label == "Partly supports"
    assert stance("denies").colour != stance("supports").colour
    assert "polygon" in marker("denies", 0, 0) and "circle" in marker("supports", 0, 0)


def test_day_of_reads_dates_and_datetimes_and_refuses_the_rest() -> None:
    assert day_of("2022-04-10T09:30:00+00:00") == date(2022, 4, 10)
    assert day_of("April 2022") is None
    assert day_of(None) is None


def test_timeline_has_a_lane_per_stance_markers_and_dated_axis() -> None:
    drawn = timeline(sloviansk())
    assert drawn is not None
    for lane in ("Supports", "Neutral", "Denies", "Counter-accuses"):
        assert f">{lane}</text>" in drawn
    assert ">2022-04-04</text>" in drawn  # an axis tick
    assert drawn.count("report (") == 8 + 1  # 8 report tooltips + the legend entry
    assert drawn.count("statement (") == 4 + 1  # one statement has no time
    assert "incident dates" in drawn


def test_timeline_is_none_without_dates() -> None:
    assert timeline(unplaced()) is None
