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

``--link`` measures linking alone, without a store: the generator's ``base`` reports are
linked once (an earlier run), their features, their blocks' incidents and their incidents'
charges and stances kept through JSON as the store keeps them; then all ``base + new``
reports are linked with those (the incremental link) and without them (the full link,
unless ``--no-full``), and the CPU seconds of each step are compared. With ``--newest`` the
new reports are the last published, as in monitoring (the generator's days are otherwise
drawn over 240 days); with ``--later DAYS`` they are drawn over 240 days starting ``DAYS``
after the first report's (another stretch of time: with more than 307, another linking
block).

    python bench/incremental.py --link [--base 10000] [--new 1000] [--newest | --later DAYS]
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
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import peak_rss_mib, write_result
from bench.link_scale import _statements, corpus
from corroborate.extract import Extraction
from corroborate.extract.stored import extraction_version, to_json
from corroborate.ingest import ingest_paths
from corroborate.link import blocks as kept_blocks
from corroborate.link import charges as kept_charges
from corroborate.link.assemble import link
from corroborate.link.blocks import BlockMemo
from corroborate.link.charges import ChargeMemo
from corroborate.link.features import ReportFeatures, from_json
from corroborate.link.features import to_json as features_json
from corroborate.link.stored import encode
from corroborate.model import Allegation, Linked, Report
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


LINK_STEPS = ("speakers", "copies", "mentions", "incidents", "denials_and_stances")


def _link_cpu(
    reports: list[Report],
    statements: Any,
    kept: dict[str, ReportFeatures] | None,
    memo: BlockMemo | None = None,
    charges: ChargeMemo | None = None,
) -> tuple[Linked, dict[str, float]]:
    named = {r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports}
    chosen = {r.id: statements[r.id] for r in reports}
    marks = [time.process_time()]
    linked = link(
        reports,
        chosen,
        named,
        kept=kept,
        blocks=memo,
        charges=charges,
        step=lambda *_: marks.append(time.process_time()),
    )
    steps = {n: round(b - a, 2) for n, (a, b) in zip(LINK_STEPS, pairwise(marks), strict=True)}
    return linked, {**steps, "total": round(marks[-1] - marks[0], 2)}


def _shelf(memo: BlockMemo) -> BlockMemo:
    """A memo reading back, through JSON as the store keeps them, what ``memo`` made."""
    rows = {i: kept_blocks.to_json(g) for i, g in memo.made.items()}
    return BlockMemo(lambda ids: {i: kept_blocks.from_json(rows[i]) for i in ids if i in rows})


def _charge_shelf(memo: ChargeMemo) -> ChargeMemo:
    """A memo reading back, through JSON as the store keeps them, the charges ``memo`` made."""
    rows = {i: kept_charges.to_json(d) for i, d in memo.made.items()}
    return ChargeMemo(lambda ids: {i: kept_charges.from_json(rows[i]) for i in ids if i in rows})


def measure_link(
    base: int, new: int, *, newest: bool = False, later: int = 0, full: bool = True
) -> dict[str, Any]:
    """CPU seconds of linking ``base + new`` reports with the features and blocks of
    ``base`` kept by an earlier run, and without; whether both give the same result."""
    reports, statements = corpus(base + new)
    if newest:  # in order of publication: the new reports are the last published
        reports.sort(key=lambda r: r.published or "")
    if later:  # the new reports another stretch of days, ``later`` days after the first
        added, more = corpus(new, seed=12, start=date(2022, 3, 1) + timedelta(days=later))
        reports, statements = reports[:base] + added, statements | more
    earlier_memo, earlier_charges = BlockMemo(), ChargeMemo()
    earlier, earlier_cpu = _link_cpu(
        reports[:base], statements, None, earlier_memo, earlier_charges
    )
    kept = {rid: from_json(features_json(f)) for rid, f in earlier.features.items()}
    memo, charges = _shelf(earlier_memo), _charge_shelf(earlier_charges)
    del earlier, earlier_memo, earlier_charges
    incremental, incremental_cpu = _link_cpu(reports, statements, kept, memo, charges)
    reread = sum(
        1
        for rid, f in kept.items()
        for aid, party in f.parties.items()
        if incremental.features[rid].parties[aid].speaker != party.speaker
    )
    figures: dict[str, Any] = {
        "base_reports": base,
        "new_reports": new,
        "new_are_newest": newest,
        "new_days_later": later,
        "allegations": sum(len(s[1]) for s in statements.values()),
        "incidents": len(incremental.incidents),
        "earlier_link_of_base_cpu_seconds": earlier_cpu["total"],
        "incremental_link_cpu_seconds": incremental_cpu,
        "features_read_back": len(kept),
        "features_read_anew": base + new - len(kept),
        "speaker_parties_read_again": reread,
        "blocks_read_back": memo.reused,
        "blocks_clustered": len(memo.made),
        "mentions_in_blocks_clustered": _members(memo),
        "charges_read_back": charges.reused,
        "charges_decided": len(charges.made),
    }
    if full:
        linked, figures["full_link_cpu_seconds"] = _link_cpu(reports, statements, None)
        figures["same_result"] = encode(incremental) == encode(linked)
    return {**figures, "peak_rss_mib": peak_rss_mib()}


def _members(memo: BlockMemo) -> int:
    """How many mentions the blocks clustered again held."""
    return sum(len(group) for groups in memo.made.values() for group in groups)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", type=int, default=100_000)
    parser.add_argument("--new", type=int, default=1_000)
    parser.add_argument("--link", action="store_true", help="linking alone (no store)")
    parser.add_argument("--newest", action="store_true", help="new reports published last")
    parser.add_argument("--later", type=int, default=0, help="new reports this many days on")
    parser.add_argument("--no-full", action="store_true", help="no full link to compare")
    args = parser.parse_args()
    if args.link:
        found = measure_link(
            args.base, args.new, newest=args.newest, later=args.later, full=not args.no_full
        )
        print(json.dumps(found, indent=2))
        name = f"incremental_link_{args.base}" + ("_newest" if args.newest else "")
        name += f"_later{args.later}" if args.later else ""
        print(f"written to {write_result(name, found)}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        figures = measure(args.base, args.new, Path(tmp))
    print(json.dumps(figures, indent=2))
    path = write_result("incremental", figures)
    print(f"written to {path}")


if __name__ == "__main__":
    main()
