"""The index a review re-grades from: each machine incident's statement ids once and in
order, the incidents each id is in, each id's report, and every report of the run (the
copying reports with no statement included)."""

from __future__ import annotations

from corroborate.link.indexed import LinkedIndex
from corroborate.model import Copy, Incident, Linked, Stance, Statement
from tests.linked import attribution, one_incident, speaker

WHO = speaker("Officials", canonical="officials")


def said(report_id: str, content: str) -> Statement:
    return Statement(report_id, attribution(report_id, WHO, content), Stance.SUPPORTS)


def test_each_incident_keeps_its_statement_ids_once_in_order() -> None:
    first = said("sha256:a", "Shelling hit the market.")
    again = said("sha256:a", "shelling  hit the MARKET.")  # the same words: the same id
    second = said("sha256:b", "A school was struck.")
    third = said("sha256:c", "The bridge was destroyed.")
    assert first.attribution.key == again.attribution.key
    linked = Linked(
        {"sha256:d": Copy("sha256:d", "sha256:b", 0.9, 1.0)},
        [one_incident([second, first, again]), one_incident([third, first]), Incident()],
    )
    index = LinkedIndex.of(linked)
    a, b, c = first.attribution.key, second.attribution.key, third.attribution.key
    assert index.keys == [[b, a], [c, a], []]
    assert index.where == {b: [0], a: [0, 1], c: [1]}
    assert index.report_of == {a: "sha256:a", b: "sha256:b", c: "sha256:c"}
    assert index.report_ids == frozenset({"sha256:a", "sha256:b", "sha256:c", "sha256:d"})


def test_a_run_without_incidents_indexes_only_its_copies() -> None:
    linked = Linked({"sha256:e": Copy("sha256:e", "sha256:f", 0.8, 0.9)}, [])
    index = LinkedIndex.of(linked)
    assert (index.keys, index.where, index.report_of) == ([], {}, {})
    assert index.report_ids == frozenset({"sha256:e"})
