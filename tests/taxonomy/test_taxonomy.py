"""Vocabularies load from YAML, and the generated docs page is current."""

from __future__ import annotations

from pathlib import Path

import yaml

from corroborate.taxonomy import places, render_markdown, stances, violations

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "taxonomy.md"
TAXONOMY = ROOT / "src" / "corroborate" / "taxonomy"


def test_docs_page_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/taxonomy.md is stale: run `python -m corroborate.taxonomy > docs/taxonomy.md`"
    )


def test_docs_page_shows_the_terms_as_written() -> None:
    page = render_markdown()
    assert page.startswith(
        "# Taxonomy\n\nGenerated from `src/corroborate/taxonomy/*.yaml`; do not edit by hand.\n"
    )
    assert (
        "## Stances\n\n| code | label | definition |\n|---|---|---|\n"
        "| `supports` | Supports | Asserts or corroborates the allegation. |\n"
        "| `denies` | Denies | Rejects the allegation or calls it false, staged or fabricated. |\n"
        "| `counter_accuses` | Counter-accuses | Denies and attributes the same or a similar "
        "violation to the accusing party. |\n"
        "| `neutral` | Neutral report | Relays the allegation without taking a position. |\n"
    ) in page
    assert (
        "| `torture` | Torture or ill-treatment | Severe pain or suffering, physical or mental, "
        "inflicted on a person in custody or under control; beatings, electric shocks, mock "
        "executions, degrading treatment. |\n"
    ) in page
    assert (
        "| Kramatorsk | Donetsk Oblast | 48.74, 37.58 | Kramatorsk, Краматорськ, Краматорск |\n"
        in page
    )


def test_docs_page_lists_every_code_of_the_yaml_files() -> None:
    for name in ("violations.yaml", "stances.yaml"):
        terms = yaml.safe_load((TAXONOMY / name).read_text(encoding="utf-8"))
        rows = [line for line in render_markdown().splitlines() if line.startswith("| `")]
        for term in terms:
            assert f"| `{term['code']}` | {term['label']} | {term['definition']} |" in rows


def test_codes_are_unique_and_terms_complete() -> None:
    for terms in (violations(), stances()):
        assert len({t.code for t in terms}) == len(terms)
        assert all(t.label and t.definition for t in terms)
    assert {t.code for t in stances()} == {"supports", "denies", "counter_accuses", "neutral"}


def test_gazetteer_coordinates_are_in_range() -> None:
    for place in places():
        assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180
        assert place.canonical and place.names
