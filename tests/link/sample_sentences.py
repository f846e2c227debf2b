"""Sentences for the generator of ``bench/link_scale.py`` taken from the bundled sample corpus,
so that tests need nothing outside the repository (the bench itself reads real news from
``../shared/data``)."""

from __future__ import annotations

import functools

from tests.conftest import SAMPLES


@functools.cache
def sample_sentences() -> list[str]:
    """Every sentence of six words or more of the sample corpus's plain-text files (the
    deliberately broken ones left out), once each, sorted."""
    pool: list[str] = []
    for path in sorted((SAMPLES / "corpus").rglob("*.txt")):
        if "broken" in path.parts:
            continue
        text = " ".join(path.read_text("utf-8").split())
        pool += [s.strip() for s in text.split(". ") if len(s.split()) >= 6]
    return sorted(set(pool))
