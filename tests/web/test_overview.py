"""The map and timeline of the incident list's filtered set: places counted, periods chosen
by the span (days, weeks, months), text alternatives; on the list page, drawn for what the
filter keeps."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from fastapi.testclient import TestClient

from corroborate.export.results import IncidentJSON
from corroborate.web.overview import overview
from tests.web.conftest import signed_in

CASE_URL = "/cases/sloviansk"
IZIUM = {"canonical": "Izium", "lat": 49.21, "lon": 37.25}
KHARKIV = {"canonical": "Kharkiv", "lat": 49.99, "lon": 36.23}
NOWHERE = {"canonical": "Somewhere", "lat": None, "lon": None}


def incident(n: int, place: dict[str, Any] | None, first: str | None) -> IncidentJSON:
    return cast(
        IncidentJSON,
        {"id": f"i{n}", "label": f"incident {n}", "place": place, "first_day": first,
         "last_day": first, "reports": [], "statements": []},
    )  # fmt: skip


def test_places_and_days_of_a_small_set() -> None:
    found = overview(
        [
            incident(1, IZIUM, "2022-04-01"),
            incident(2, KHARKIV, "2022-04-03"),
            incident(3, IZIUM, "2022-04-03"),
            incident(4, NOWHERE, None),
            incident(5, None, "2022-04-02"),
        ]
    )
    assert found.total == 5
    assert found.places == [("Izium", 2), ("Kharkiv", 1)]
    assert found.unplaced == 2
    assert found.unit == "day"
    assert [(p.label, p.count) for p in found.periods] == [
        ("2022-04-01", 1),
        ("2022-04-02", 1),
        ("2022-04-03", 2),
    ]
    assert found.undated == 1
    assert found.map is not None and "Map of 2 places" in found.map
    assert found.timeline is not None
    assert 'aria-label="Timeline: 4 dated incidents by the day they began, 2022-04-01 to ' in (
        found.timeline
    )
    assert "<title>2022-04-03: 2 incidents</title>" in found.timeline


def test_a_longer_span_is_counted_by_week_then_by_month() -> None:
    weeks = overview([incident(1, None, "2022-01-05"), incident(2, None, "2022-03-30")])
    assert weeks.unit == "week"  # 85 days: more than 60 bars by day, 13 by week
    assert weeks.periods[0].label == "week of 2022-01-03"  # a Monday
    assert weeks.periods[-1].label == "week of 2022-03-28"
    assert len(weeks.periods) == 13
    assert sum(p.count for p in weeks.periods) == 2
    months = overview([incident(1, None, "2019-11-20"), incident(2, None, "2022-02-01")])
    assert months.unit == "month"  # 115 weeks
    assert [p.label for p in months.periods[:3]] == ["2019-11", "2019-12", "2020-01"]
    assert months.periods[-1].label == "2022-02"
    assert len(months.periods) == 28
    assert months.periods[0].start == date(2019, 11, 1)


def test_an_empty_or_unplaced_set_draws_nothing() -> None:
    found = overview([incident(1, None, None)])
    assert (found.map, found.timeline, found.unplaced, found.undated) == (None, None, 1, 1)
    assert overview([]).total == 0


def test_the_list_page_draws_the_filtered_set(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    page = client.get(CASE_URL).text
    assert "Map and timeline of the 1 incident<" in page
    assert '<figure class="chart" id="list-map">' in page
    assert "<tr><td>Sloviansk</td><td>1</td></tr>" in page
    assert "Incidents by the day they began" in page
    kept = client.get(CASE_URL, params={"type": "torture"}).text
    assert "Map and timeline of the 1 incident the filter keeps<" in kept
    none = client.get(CASE_URL, params={"since": "2023-01-01"}).text
    assert 'id="list-map"' not in none and "Map and timeline" not in none
