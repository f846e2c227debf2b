"""What name-blind parsing costs: extraction CPU seconds per stage, names masked and not.

The same reports are extracted in this process with ``CORROBORATE_NAME_BLIND`` on and off
(the attribution encoder on, unless ``--fast``), one after the other, ``--rounds`` times in
alternation so that a change of the machine's load falls on both; each stage's CPU seconds
(``StageTimes``: parse, encoder, rules) are summed over the rounds. CPU time, not wall time:
the machine is shared, and its 1-minute load average is recorded before and after.

Texts: the sample corpus and ECB+ bodies (as ``bench/extract.py`` reads them, ``--count``),
or a PolNeAR split (``--polnear dev``, read from ../shared/data at run time).

    python bench/blind_cost.py [--count 40] [--polnear dev] [--limit N] [--rounds 1] [--fast]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import DATA, write_result
from bench.extract import reports
from corroborate.extract import Extractor, StageTimes
from corroborate.extract.blind import BLIND_ENV
from corroborate.ids import digest_bytes
from corroborate.model import Report


def polnear(split: str, limit: int | None) -> list[Report]:
    """The texts of a PolNeAR split as reports, in file-name order."""
    folder = DATA / "polnear" / "data" / split / "text"
    if not folder.is_dir():
        raise SystemExit(f"no PolNeAR {split} split under {folder.parent}")
    paths = sorted(folder.glob("*.txt"))[:limit]
    return [
        Report(
            blob_id=digest_bytes(text.encode()),
            item="",
            source_name="bench",
            media_type="text/plain",
            text=text,
        )
        for text in (p.read_text(encoding="utf-8") for p in paths)
    ]


def run(extractor: Extractor, items: list[Report], blind: bool) -> tuple[StageTimes, float, int]:
    """One extraction of ``items``: its stage times, its CPU seconds, its attributions."""
    os.environ[BLIND_ENV] = "1" if blind else "0"
    times, cpu = StageTimes(), time.process_time()
    found = list(extractor.extract_reports(items, times=times))
    return times, time.process_time() - cpu, sum(len(e.attributions) for e in found)


def measure(items: list[Report], *, encoder: bool, rounds: int) -> dict[str, Any]:
    extractor = Extractor.load(encoder=encoder)
    for blind in (True, False):  # models and tables loaded outside the timing
        os.environ[BLIND_ENV] = "1" if blind else "0"
        extractor.extract("Russia's defence ministry said on Monday that Kyiv shelled it.")
    load_before = round(os.getloadavg()[0], 2)
    totals = {mode: StageTimes() for mode in ("blind", "as_written")}
    cpu = dict.fromkeys(totals, 0.0)
    attributions = dict.fromkeys(totals, 0)
    for _ in range(rounds):
        for mode in totals:
            times, spent, attributions[mode] = run(extractor, items, mode == "blind")
            totals[mode].add(times)
            cpu[mode] += spent
    os.environ.pop(BLIND_ENV, None)
    stage_cpu = {m: {k: round(v, 2) for k, v in t.cpu.items()} for m, t in totals.items()}
    return {
        "encoder": encoder,
        "rounds": rounds,
        "reports": len(items),
        "words": sum(len(r.text.split()) for r in items),
        "cpu_seconds": {m: round(v, 2) for m, v in cpu.items()},
        "stage_cpu_seconds": stage_cpu,
        "blinding_cost": round(cpu["blind"] / cpu["as_written"] - 1, 3),
        "attributions": attributions,
        "load_before": load_before,
        "load_after": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=40, help="sample corpus + ECB+ reports")
    parser.add_argument("--polnear", default="", help="a PolNeAR split instead (dev, train)")
    parser.add_argument("--limit", type=int, default=None, help="PolNeAR: the first N texts")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--fast", action="store_true", help="the parse rules alone")
    parser.add_argument("--out", default="blind_cost", help="results file name (bench/results)")
    args = parser.parse_args()
    items = polnear(args.polnear, args.limit) if args.polnear else reports(args.count)
    figures = measure(items, encoder=not args.fast, rounds=args.rounds)
    figures["corpus"] = (
        f"PolNeAR {args.polnear}" if args.polnear else "sample corpus, then ECB+ bodies"
    )
    path = write_result(args.out, figures)
    print(json.dumps(figures, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
