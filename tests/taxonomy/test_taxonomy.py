"""Vocabularies load from YAML, and the generated docs page is current."""

from __future__ import annotations

from pathlib import Path

from corroborate.taxonomy import places, render_markdown, stances, violations

DOCS = Path(__file__).resolve().parents[2] / "docs" / "taxonomy.md"


def test_docs_page_is_generated_from_the_yaml() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/taxonomy.md is stale: run `python -m corroborate.taxonomy > docs/taxonomy.md`"
    )


def test_codes_are_unique_and_terms_complete() -> None:
    for terms in (violations(), stances()):
        assert len({t.code for t in terms}) == len(terms)
        assert all(t.label and t.definition for t in terms)
    assert {t.code for t in stances()} == {"supports", "denies", "counter_accuses", "neutral"}


def test_gazetteer_coordinates_are_in_range() -> None:
    for place in places():
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert place.canonical and place.names
