"""A case's view of the latest run: narrowed to its reports, filtered, sorted, paged."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hypothesis import given
from hypothesis import strategies as st

from corroborate.export.casework import (
    IncidentQuery,
    case_incidents,
    select,
    status_of,
    timeline,
    visible,
)
from corroborate.export.results import IncidentJSON, RunResults
from tests.export.conftest import kramatorsk, sloviansk, unplaced

EVERY = [f"r{n}" for n in range(1, 12)]


def ids(found: Sequence[IncidentJSON]) -> list[str]:
    return [i["id"] for i in found]


def test_an_incident_belongs_to_a_case_through_its_reports(
    make_results: Callable[..., RunResults],
) -> None:
    results = make_results()
    narrowed = case_incidents(results, {"r5", "r9"})
    assert ids(narrowed) == ["sha256:aa11", "sha256:bb22"]
    first = narrowed[0]
    assert [r["id"] for r in first["reports"]] == ["r5"]
    assert [o["report_ids"] for o in first["origins"]] == [["r5"]]
    assert {s["report_id"] for s in first["statements"]} <= {"r5"}
    assert case_incidents(results, set()) == []
    assert len(case_incidents(results, EVERY)) == 3


def test_viewers_see_only_what_is_published(make_results: Callable[..., RunResults]) -> None:
    every = case_incidents(make_results(), EVERY)
    assert {status_of(i) for i in every} == {"draft"}
    assert visible(every, published_only=True) == []
    assert visible(every, published_only=False) == every


def test_filters_narrow() -> None:
    every = [sloviansk(), kramatorsk(), unplaced()]
    cases = {
        IncidentQuery(type="torture"): ["sha256:aa11"],
        IncidentQuery(place="kramat"): ["sha256:bb22"],
        IncidentQuery(place="Donetsk"): ["sha256:aa11", "sha256:bb22"],  # the oblast
        IncidentQuery(place="Kharkiv"): [],
        IncidentQuery(since="2022-04-05"): ["sha256:aa11"],
        IncidentQuery(until="2022-04-30"): ["sha256:aa11"],
        IncidentQuery(grade="d"): ["sha256:bb22"],
        IncidentQuery(grade="B2"): ["sha256:aa11"],
        IncidentQuery(grade="B3"): [],
        IncidentQuery(party="the Republic"): ["sha256:aa11", "sha256:bb22"],
        IncidentQuery(status="draft"): ["sha256:aa11", "sha256:bb22", "sha256:cc33"],
        IncidentQuery(status="published"): [],
        IncidentQuery(q="DISAPPEARANCE"): ["sha256:cc33"],
    }
    for query, expected in cases.items():
        assert sorted(ids(select(every, query)[1])) == expected, query


def test_sorting_and_pages() -> None:
    every = [kramatorsk(), unplaced(), sloviansk()]
    by_grade = select(every, IncidentQuery(sort="grade"))[1]
    assert ids(by_grade) == ["sha256:aa11", "sha256:bb22", "sha256:cc33"]  # B2, D4, F6
    by_label = select(every, IncidentQuery(sort="label", descending=False))[1]
    assert ids(by_label) == ["sha256:cc33", "sha256:bb22", "sha256:aa11"]
    total, page = select(every, IncidentQuery(per_page=2, page=2))
    assert total == 3 and ids(page) == ["sha256:cc33"]


@given(per_page=st.integers(1, 5), sort=st.sampled_from(["reports", "first_day", "grade"]))
def test_pages_cover_every_incident_once(per_page: int, sort: str) -> None:
    every = [kramatorsk(), unplaced(), sloviansk()]
    seen = []
    for page in range(1, 5):
        query = IncidentQuery(per_page=per_page, page=page, sort=sort)  # type: ignore[arg-type]
        seen += ids(select(every, query)[1])
    assert sorted(seen) == sorted(ids(every))


def test_the_timeline_runs_by_publication_undated_last() -> None:
    dated = [r["published"] for r in timeline(sloviansk())]
    known = [d for d in dated if d]
    assert known == sorted(known) and dated[: len(known)] == known
