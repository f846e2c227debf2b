"""Origins and grades as grading gives them: an origin's id is its key's, a grade's code
its letter and digit."""

from __future__ import annotations

from corroborate.ids import make_id
from corroborate.model import Grade, Origin, OriginKind


def test_an_origin_is_named_by_its_key() -> None:
    origin = Origin("speaker:mayor", OriginKind.PARTY, "Mayor", "Republic", ["sha256:a"])
    assert origin.id == make_id("origin", "speaker:mayor")
    assert origin.kind == "party"


def test_a_grade_code_is_reliability_then_credibility() -> None:
    assert Grade("C", 2, "credible allegation").code == "C2"
    assert Grade("C", 2, "credible allegation") != Grade("C", 2, "credible allegation", "why")
