"""An incident's origins counted against its reports, in words."""

from __future__ import annotations

from corroborate.export.origins import ORIGIN, origins_note
from tests.export.conftest import origin


def test_witnesses_quoted_in_one_report_are_said_to_be() -> None:
    origins = [
        origin("o1", "witness", "Witness 1", None, "r1"),
        origin("o2", "witness", "Witness 2", None, "r1"),
        origin("o3", "party", "Ministry", "the Republic", "r2"),
    ]
    assert origins_note(origins, ["r1", "r2"]) == (
        "3 origins in 2 reports: 2 witnesses quoted in a single report"
    )


def test_kinds_quoted_together_are_each_named() -> None:
    origins = [
        origin("o1", "witness", "Witness 1", None, "r1"),
        origin("o2", "witness", "Witness 2", None, "r1"),
        origin("o3", "party", "Ministry", "the Republic", "r1", "r2", "r3"),
    ]
    assert origins_note(origins, ["r1", "r2", "r3", "r4"]) == (
        "3 origins in 4 reports: 2 witnesses and 1 party source quoted in a single report; "
        "1 origin carried by several reports (copies or re-reports); 1 report with no origin "
        "of the claim (denials or unnamed speakers only)"
    )


def test_one_origin_in_one_report_needs_no_explaining() -> None:
    assert origins_note([origin("o1", "independent", "Mission", None, "r1")], ["r1"]) == (
        "1 origin in 1 report"
    )


def test_the_definition_says_an_origin_may_be_quoted_inside_a_report() -> None:
    assert "first source" in ORIGIN and "quoted inside a report" in ORIGIN
