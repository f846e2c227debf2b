"""Extraction throughput: words/s and reports/s on this machine's cores.

Texts are real news articles (ECB+ and FNC-1 bodies from ../shared/data), plus the bundled
sample corpus; each is extracted as one report. Parsing runs through spaCy's ``pipe`` with
one process and with all cores; the attribution encoder runs in the calling process either way.
Each is measured with the encoder (the default) and without it (``--fast``).

    python bench/extract.py [--count 200]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, peak_rss_mib, write_result
from bench.ingest import texts
from corroborate.extract import Extractor
from corroborate.ids import digest_bytes
from corroborate.ingest import read_file
from corroborate.model import Report
from corroborate.settings import Settings


def reports(count: int) -> list[Report]:
    """``count`` news texts as reports, after the sample corpus's reports."""
    found: list[Report] = []
    for path in sorted((ROOT / "samples" / "corpus").rglob("*")):
        if path.is_file() and "broken" not in path.parts:
            found.extend(read_file(path, settings=Settings()))
    source = texts()
    while len(found) < count:
        text = next(source)
        found.append(
            Report(
                blob_id=digest_bytes(text.encode()),
                item="",
                source_name="bench",
                media_type="text/plain",
                text=text,
            )
        )
    return found[:count]


def measure(extractor: Extractor, items: list[Report], processes: int) -> dict[str, float]:
    words = sum(len(r.text.split()) for r in items)
    started = time.perf_counter()
    results = list(extractor.extract_reports(items, processes=processes))
    seconds = time.perf_counter() - started
    return {
        "encoder": extractor.encoder,
        "processes": processes,
        "seconds": round(seconds, 2),
        "words": words,
        "words_per_s": round(words / seconds, 1),
        "reports_per_s": round(len(items) / seconds, 2),
        "attributions": sum(len(r.attributions) for r in results),
        "allegations": sum(len(r.allegations) for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    items = reports(args.count)
    runs = []
    cores = os.cpu_count() or 1
    for encoder in (True, False):  # the default, and --fast (parse rules alone)
        extractor = Extractor.load(encoder=encoder)
        extractor.extract(items[0].text)  # warm-up: load and first call outside the timing
        runs.append(measure(extractor, items, 1))
        if cores > 1:
            runs.append(measure(extractor, items, cores))
    figures = {"reports": len(items), "runs": runs, "peak_memory": peak_rss_mib()}
    path = write_result("extract", figures)
    print(json.dumps(figures, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
