"""Gazetteer cost: index build and load time, memory, and place resolution time per document.

The index is built into a fresh temporary file (what a first run pays once), then opened in a
fresh process as a later run would (load = first lookup; memory = resident size around it).
Documents are real news bodies (FNC-1) and articles (ECB+) from ../shared/data; each is
resolved with ``find_places`` and the places found and left unresolved are counted.

    python bench/places.py [--count 1000]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA, write_result
from corroborate.extract.facts import toponyms
from corroborate.extract.facts.places import find_places
from corroborate.taxonomy import geo
from corroborate.taxonomy.geo_build import build


def documents(count: int) -> list[str]:
    bodies = DATA / "fnc-1" / "competition_test_bodies.csv"
    with bodies.open(newline="", encoding="utf-8") as handle:
        found = [row["articleBody"] for row in csv.DictReader(handle)]
    for path in sorted((DATA / "ecbplus" / "ECB+").rglob("*.xml")):
        found.append(" ".join(t.text or "" for t in ET.parse(path).getroot().iter("token")))
    return found[:count]


def rss_mib() -> float:
    """Resident memory now (not the peak: reading the corpora costs more than the index)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 2**20


def resolve(path: Path, count: int) -> dict[str, float | int]:
    """Load the index at ``path`` and resolve the documents (run in a fresh process, so that
    its peak memory is what a run pays, not what the build paid)."""
    texts = documents(count)
    os.environ[geo.ENV] = str(path)
    before = rss_mib()
    started = time.perf_counter()
    geo.geo_index().lookup(["kiiv"])
    toponyms.english_words()
    load_s = time.perf_counter() - started
    timings, found, unresolved = [], 0, 0
    for text in texts:
        started = time.perf_counter()
        places = find_places(text)
        timings.append(time.perf_counter() - started)
        found += len(places)
        unresolved += sum(not p.resolved for p in places)
    timings.sort()
    return {
        "index_load_s": round(load_s, 3),
        "rss_mib_before_load": round(before, 1),
        "rss_mib_after_resolving": round(rss_mib(), 1),
        "documents": len(texts),
        "mean_chars": round(sum(map(len, texts)) / len(texts)),
        "ms_per_document_mean": round(1000 * sum(timings) / len(timings), 2),
        "ms_per_document_p95": round(1000 * timings[int(0.95 * (len(timings) - 1))], 2),
        "places_found": found,
        "places_unresolved": unresolved,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--resolve", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.resolve:
        print(json.dumps(resolve(args.resolve, args.count)))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "geo.sqlite"
        started = time.perf_counter()
        build(path)
        figures: dict[str, float | int] = {
            "index_build_s": round(time.perf_counter() - started, 1),
            "index_file_mib": round(path.stat().st_size / 2**20, 1),
        }
        child = [sys.executable, __file__, "--count", str(args.count), "--resolve", str(path)]
        done = subprocess.run(child, check=True, capture_output=True, text=True)
        figures |= json.loads(done.stdout)
    print(write_result("places", figures))
    for name, value in figures.items():
        print(f"{name}: {value}")


if __name__ == "__main__":
    main()
