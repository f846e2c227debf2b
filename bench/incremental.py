"""Incremental runs: adding reports to a store that holds many analysed ones.

A store of ``--base`` reports is built from the generator of ``bench/link_scale.py`` (real
news sentences, a fifth wire copies, one to three allegations each with a type, a
gazetteer place and a day): the reports are ingested as JSON Lines feeds, and their
extractions are the generator's statements, kept in the store as a run would keep them
(synthetic: extracting them for real, even with ``--fast``, would take this machine hours).
Then ``--new`` more reports of the same generator are added with ``corroborate run``'s
pipeline (``--fast``): it extracts only the new ones, for real, and links and grades every
report. Each stage's wall and CPU time is taken from the run's progress callbacks.

The full run's time is estimated, not run: extraction of all reports at the rate measured
on the new ones, plus the same linking, grading and writing (which an incremental run does
in full as well: ``docs/scale.md``).

    python bench/incremental.py [--base 100000] [--new 1000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import peak_rss_mib, write_result
from bench.link_scale import _statements, corpus
from corroborate.extract import Extraction
from corroborate.extract.stored import extraction_version, to_json
from corroborate.ingest import ingest_paths
from corroborate.model import Allegation, Report
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.core import report_digest
from corroborate.store.extractions import put_extractions
from corroborate.taxonomy import places, violations

PER_FEED = 5_000  # items per JSON Lines file


def write_feeds(reports: list[Report], folder: Path) -> None:
    folder.mkdir(parents=True)
    for start in range(0, len(reports), PER_FEED):
        lines = [
            json.dumps({"text": r.text, "published": r.published})
            for r in reports[start : start + PER_FEED]
        ]
        (folder / f"feed-{start:07d}.jsonl").write_text("\n".join(lines) + "\n")


def keep_synthetic_extractions(store: Store, blocks: TypeBlocks, seed: int = 5) -> int:
    """The generator's statements for every stored report, kept as its extraction."""
    rng = random.Random(seed)
    gazetteer, codes = places(), [t.code for t in violations()]
    version = extraction_version(fast=True)
    rows: list[tuple[str, str]] = []
    count = 0
    # read whole first: each connection of a SQLite store holds its lock while it is open
    for report in list(store.reports()):
        day = date.fromisoformat(report.published or "2022-03-01")
        attributions, allegations = _statements(rng, report, gazetteer, codes, day)
        blocks.add(allegations)
        extraction = Extraction(report.id, tuple(attributions), tuple(allegations))
        named = {g.place.canonical for g in allegations if g.place}
        rows.append((report_digest(report), to_json(extraction, named)))
        if len(rows) == 2_000:
            count += put_extractions(store, version, rows)
            rows = []
    return count + put_extractions(store, version, rows)


class TypeBlocks:
    """Incident clustering compares mentions within blocks of one violation type; a
    mention of two types joins their blocks. How many connected groups of blocks the
    allegations make, and how many allegations the largest holds: re-linking only the
    groups new reports fall in saves nothing when one group holds (nearly) all."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.first_types: list[str] = []

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def add(self, allegations: Sequence[Allegation]) -> None:
        for allegation in allegations:
            types = list(allegation.violation_types) or [""]
            self.first_types.append(types[0])
            for other in types[1:]:
                self.parent[self.find(types[0])] = self.find(other)

    def figures(self) -> dict[str, int]:
        sizes = Counter(self.find(t) for t in self.first_types)
        return {
            "groups": len(sizes),
            "allegations": len(self.first_types),
            "largest_group_allegations": max(sizes.values(), default=0),
        }


class Stages:
    """When each stage began (wall and CPU of this process and its children)."""

    def __init__(self) -> None:
        self.began: dict[str, tuple[float, float]] = {"start": _now()}

    def tick(self, stage: str, _done: int, _total: int) -> None:
        self.began.setdefault(stage, _now())

    def seconds(self) -> dict[str, dict[str, float]]:
        marks = [*self.began.items(), ("end", _now())]
        return {
            f"{name}_to_{following}": {
                "wall": round(after[0] - before[0], 2),
                "cpu": round(after[1] - before[1], 2),
            }
            for (name, before), (following, after) in pairwise(marks)
        }


def _now() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    return time.perf_counter(), cpu


def measure(base: int, new: int, folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    reports, _ = corpus(base + new)
    write_feeds(reports[:base], folder / "base")
    write_feeds(reports[base:], folder / "new")
    store = Store(f"sqlite:///{folder / 'store.db'}")
    store.migrate()
    settings = Settings(store_url=store.url, fast=True, workers=2, max_file_bytes=512 * 2**20)
    ingest_paths(store, [folder / "base"], settings=settings)
    blocks = TypeBlocks()
    kept = keep_synthetic_extractions(store, blocks)
    built = time.perf_counter() - started
    stages = Stages()
    outcome = run(store, [folder / "new"], settings=settings, progress=stages.tick)
    seconds = stages.seconds()
    total = {kind: round(sum(s[kind] for s in seconds.values()), 1) for kind in ("wall", "cpu")}
    counts = outcome.results["counts"]
    return {
        "base_reports": base,
        "new_reports": new,
        "store_built_seconds": round(built, 1),
        "kept_extractions": kept,
        "type_block_groups": blocks.figures(),
        "extracted": outcome.extracted,
        "reused": outcome.reused,
        "reports": counts["reports"],
        "allegations": counts["allegations"],
        "incidents": counts["incidents"],
        "stages": seconds,
        "incremental_seconds": total,
        "full_run_estimate_seconds": _estimate(seconds, outcome.extracted, counts["reports"]),
        "peak_rss_mib": peak_rss_mib(),
    }


def _estimate(
    seconds: dict[str, dict[str, float]], extracted: int, reports: int
) -> dict[str, float]:
    """Extraction of every report at the rate measured on the new ones, plus the rest of
    the incremental run as it was (its linking, grading and writing are already full)."""
    extract = seconds["extract_to_link"]
    rest = {k: sum(s[k] for n, s in seconds.items() if n != "extract_to_link") for k in extract}
    return {k: round(extract[k] / max(1, extracted) * reports + rest[k], 1) for k in extract}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(args.base, args.new, Path(tmp))
    print(json.dumps(figures, indent=2))
    path = write_result("incremental", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
