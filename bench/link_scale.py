"""Linking at scale: time and peak memory to link 10k, 30k and 100k reports.

Reports are made of sentences of real news texts (../shared/data); a fifth are wire copies
(an earlier report's text, cut or extended); each carries one to three allegations with a type, a
gazetteer place and a day drawn at random (fixed seed), so the linking stages — text reuse
(MinHash LSH), blocked incident clustering, denial attachment — do the work they would do
on extracted data. Extraction itself is measured by ``bench/extract.py``. Each size runs in
a fresh process so that peak memory is its own.

    python bench/link_scale.py [--sizes 10000,30000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import peak_rss_mib, write_result
from bench.ingest import texts
from corroborate.ids import digest_bytes
from corroborate.link.assemble import link
from corroborate.model import Allegation, Attribution, Place, Report, Span, Speaker
from corroborate.taxonomy import Gazetteer, places, violations

STEPS = ("speakers", "copies", "mentions", "incidents", "denials_and_stances")


def corpus(
    size: int, seed: int = 11, start: date = date(2022, 3, 1)
) -> tuple[list[Report], dict[str, tuple[list[Attribution], list[Allegation]]]]:
    rng = random.Random(seed)
    gazetteer = places()
    codes = [t.code for t in violations()]
    sentences = _sentences()
    reports: list[Report] = []
    statements: dict[str, tuple[list[Attribution], list[Allegation]]] = {}
    for n in range(size):
        text = _text(rng, reports, sentences, n)
        day = start + timedelta(days=rng.randrange(240))
        report = Report(
            blob_id=digest_bytes(text.encode()),
            item="",
            source_name=f"r{n}",
            media_type="text/plain",
            text=text,
            published=day.isoformat(),
        )
        reports.append(report)
        statements[report.id] = _statements(rng, report, gazetteer, codes, day)
    return reports, statements


def _text(rng: random.Random, reports: list[Report], sentences: list[str], n: int) -> str:
    """A fifth are copies (cut or extended) of a recent report; the rest are 4-9 sentences
    drawn from real texts, so that, as in a real corpus, originals are distinct."""
    if reports and rng.random() < 0.2:
        original = rng.choice(reports[-500:]).text
        return original[: int(len(original) * rng.uniform(0.6, 1.0))] + f" (copy {n})"
    return " ".join(rng.choice(sentences) for _ in range(rng.randint(4, 9)))


def _statements(
    rng: random.Random,
    report: Report,
    gazetteer: tuple[Gazetteer, ...],
    codes: list[str],
    day: date,
) -> tuple[list[Attribution], list[Allegation]]:
    attributions, allegations = [], []
    for k in range(rng.randint(1, 3)):
        content = Span(0, min(len(report.text), 200), report.text[:200])
        speaker = Speaker(Span(0, 0, ""), f"Speaker {rng.randrange(size_hint(len(codes)))}")
        attribution = Attribution(
            report.id, speaker, None, Span(k, content.end, content.text[k:]), False
        )
        entry = rng.choice(gazetteer)
        place = Place(
            entry.canonical, entry.canonical, entry.lat, entry.lon, entry.country, entry.within
        )
        types = tuple(sorted(set(rng.sample(codes, rng.randint(1, 2)))))
        attributions.append(attribution)
        allegations.append(Allegation(attribution.id, types, place=place))
    return attributions, allegations


def size_hint(codes: int) -> int:
    return 500 * codes


def _sentences() -> list[str]:
    pool = []
    source = texts()
    for _ in range(4000):
        pool += [s.strip() for s in next(source).split(". ") if len(s.split()) >= 6]
    return sorted(set(pool))


def measure(size: int) -> dict[str, object]:
    started = time.perf_counter()
    reports, statements = corpus(size)
    built = time.perf_counter() - started
    report_places = {
        r.id: {g.place.canonical for g in statements[r.id][1] if g.place} for r in reports
    }
    started, cpu = time.perf_counter(), time.process_time()
    marks = [cpu]
    steps: list[dict[str, float]] = []

    def step(_done: int, _total: int) -> None:
        marks.append(time.process_time())
        spent = round(marks[-1] - marks[-2], 1)
        steps.append({"cpu_seconds": spent, "peak_rss_mib": peak_rss_mib()["self_mib"]})

    linked = link(reports, statements, report_places, step=step)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return {
        "reports": size,
        "allegations": sum(len(s[1]) for s in statements.values()),
        "build_seconds": round(built, 1),
        "link_seconds": round(seconds, 1),
        "link_cpu_seconds": round(cpu, 1),
        "reports_per_s": round(size / seconds, 1),
        "copies_found": len(linked.copies),
        "incidents": len(linked.incidents),
        "peak_rss_mib": peak_rss_mib()["self_mib"],
        "steps": dict(zip(STEPS, steps, strict=True)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    runs = []
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(runs[-1]))
    path = write_result("link_scale", {"runs": runs})
    print(f"written to {path}")


if __name__ == "__main__":
    main()
