"""The on-disk spools the custody formats write from: each report once, with every incident
that names it and all its statements, a batch at a time."""

from __future__ import annotations

from typing import Any, cast

from corroborate.export.results import IncidentJSON
from corroborate.export.spool import ReportIndex, Spool


def _incident(name: str, reports: list[str], said: list[tuple[str, str]]) -> IncidentJSON:
    return cast(
        IncidentJSON,
        {
            "id": name,
            "reports": [{"id": r, "title": f"title {r}"} for r in reports],
            "statements": [{"report_id": r, "content": c} for r, c in said],
        },
    )


def test_a_report_of_two_incidents_is_given_once_with_both() -> None:
    incidents = [
        _incident("i1", ["r1", "r2"], [("r1", "first"), ("r2", "second")]),
        _incident("i2", ["r3", "r1"], [("r1", "third"), ("r3", "fourth")]),
    ]
    with ReportIndex(incidents) as index:
        batches = list(index.batches(size=2))
        ids = list(index.ids(size=2))
    assert [[c.ref["id"] for c in batch] for batch in batches] == [["r1", "r2"], ["r3"]]
    assert ids == [["r1", "r2"], ["r3"]]
    first = batches[0][0]
    assert first.incidents == ["i1", "i2"]
    assert [cast(dict[str, Any], s)["content"] for s in first.statements] == ["first", "third"]
    assert first.ref == {"id": "r1", "title": "title r1"}


def test_ids_alone_and_blobs_written_once() -> None:
    with ReportIndex([_incident("i1", ["r1", "r2"], [])], details=False) as index:
        assert list(index.ids()) == [["r1", "r2"]]
        assert index.first_time("sha256:aa") and not index.first_time("sha256:aa")
        assert index.first_time("sha256:bb")


def test_a_spool_gives_back_by_kind_in_the_order_added() -> None:
    with Spool() as spool:
        spool.add("entity", "a", "1")
        spool.add("activity", "b", "2")
        spool.add("entity", "c", "3")
        assert spool.kinds() == ["entity", "activity"]
        assert list(spool.items("entity")) == [("a", "1"), ("c", "3")]
        assert list(spool.items("activity")) == [("b", "2")]
