"""Inflected Cyrillic place names: what reading them through their nominatives gains, and costs.

Gain: ``bench/data/inflected_places.jsonl``, 40 hand-written Ukrainian and Russian sentences
labelled by hand with the places they name (English name and country; none for sentences
with people or common words that are not places). ``dev`` sentences were written while the
rules were built; ``fresh`` ones after the first rules (run once then: recall 0.85; one rule,
for regions in -щина, was added after that run). Each sentence's places are found with
the analysis (``extract/facts/inflection.py``) and without it (the gazetteer as written only, as
before), and scored against the labels: precision, recall.

Cost: CPU time of ``find_places`` per document, with and without the analysis, on real
English news bodies (FNC-1, from ../shared/data; nothing Cyrillic to analyse, so the cost
must be nil) and on Cyrillic documents made of the labelled sentences (ten to a document);
plus the one-off load of the two dictionaries (CPU time, resident memory).

    python bench/inflection.py [--count 300]
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA, write_result
from corroborate.extract.facts import inflection, toponyms
from corroborate.extract.facts.places import find_places
from corroborate.taxonomy.gazetteer import fold, folded_index
from corroborate.taxonomy.geo import geo_index

LABELLED = Path(__file__).resolve().parent / "data" / "inflected_places.jsonl"


@contextmanager
def without_analysis() -> Iterator[None]:
    """``find_places`` as before: names as written only, no Cyrillic word analysed."""
    saved = (
        toponyms._readings,
        inflection.common_word,
        inflection.adjective,
        inflection.after_street_word,
    )
    toponyms._readings = lambda chunks, known: {}
    inflection.common_word = lambda word: False  # type: ignore[assignment]
    inflection.adjective = lambda word: False
    inflection.after_street_word = lambda text, start: False
    try:
        yield
    finally:
        (
            toponyms._readings,
            inflection.common_word,
            inflection.adjective,
            inflection.after_street_word,
        ) = saved


def labelled() -> list[dict[str, Any]]:
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def canonical(name: str, country: str) -> tuple[str, str]:
    """The gazetteer's name for a labelled place (the overlay's, else the most populous
    GeoNames place of that name in that country)."""
    key = fold(name)
    entry = folded_index().get(key)
    if entry is not None:
        return entry.canonical, country
    found = [e for e in geo_index().lookup([key]).get(key, []) if e.country == country]
    if not found:
        raise SystemExit(f"label {name!r} ({country}) is not in the gazetteer")
    return max(found, key=lambda e: e.population).name, country


def score(items: list[dict[str, Any]]) -> dict[str, float | int]:
    right = found = expected = 0
    for item in items:
        gold = Counter(canonical(name, country) for name, country in item["places"])
        got = Counter((p.canonical, p.country or "") for p in find_places(item["text"]))
        right += sum((gold & got).values())
        found += sum(got.values())
        expected += sum(gold.values())
    return {
        "expected": expected,
        "found": found,
        "right": right,
        "precision": round(right / found, 3) if found else 1.0,
        "recall": round(right / expected, 3) if expected else 1.0,
    }


def gain(items: list[dict[str, Any]]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for subset in ("dev", "fresh", "all"):
        chosen = [i for i in items if subset in ("all", i["set"])]
        with without_analysis():
            before = score(chosen)
        figures[subset] = {"sentences": len(chosen), "without": before, "with": score(chosen)}
    return figures


def cpu_ms(texts: list[str], run: Callable[[str], object]) -> float:
    started = time.process_time()
    for text in texts:
        run(text)
    return round(1000 * (time.process_time() - started) / len(texts), 3)


def english(count: int) -> list[str]:
    bodies = DATA / "fnc-1" / "competition_test_bodies.csv"
    with bodies.open(newline="", encoding="utf-8") as handle:
        return [row["articleBody"] for row in csv.DictReader(handle)][:count]


def load() -> dict[str, float]:
    """CPU time and resident memory of loading both dictionaries (once per process)."""
    before, started = rss_mib(), time.process_time()
    inflection.word_nominatives("Миколаєві")
    return {
        "dictionaries_load_cpu_s": round(time.process_time() - started, 3),
        "dictionaries_rss_mib": round(rss_mib() - before, 1),
    }


def rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def cost(items: list[dict[str, Any]], count: int, rounds: int = 3) -> dict[str, Any]:
    """CPU milliseconds per document, the best of ``rounds`` alternating runs with and
    without the analysis (the machine is shared); the analysis caches are emptied before
    each run with it, so that every run pays its own analysis."""
    texts = [i["text"] for i in items]
    cyrillic = [" ".join(texts[n : n + 10]) for n in range(0, len(texts), 10)]
    news = english(count)
    for text in news[:20] + cyrillic:  # warm the index once
        find_places(text)
    figures: dict[str, Any] = {}
    for name, documents in (("english_news", news), ("cyrillic", cyrillic)):
        without, with_ = [], []
        for _ in range(rounds):
            with without_analysis():
                without.append(cpu_ms(documents, find_places))
            for cached in (inflection.word_nominatives, inflection.common_word):
                cached.cache_clear()
            inflection._analyses.cache_clear()
            with_.append(cpu_ms(documents, find_places))
        figures[name] = {
            "documents": len(documents),
            "mean_chars": round(sum(map(len, documents)) / len(documents)),
            "cpu_ms_per_document_without": min(without),
            "cpu_ms_per_document_with": min(with_),
        }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=300, help="English news documents")
    args = parser.parse_args()
    items = labelled()
    figures = {**load(), "gain": gain(items), "cost": cost(items, args.count)}
    print(write_result("inflection", figures))
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
