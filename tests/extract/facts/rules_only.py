"""The violation types the rules alone read in one sentence (no learned model)."""

from __future__ import annotations

from corroborate.extract.facts.violations import find_violations
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


def types(text: str) -> set[str]:
    doc = load_pipeline()(text)
    found = find_violations(doc, Span(0, len(text), text), "2024-03-01", learned=False)
    return set(found.types) if found else set()
