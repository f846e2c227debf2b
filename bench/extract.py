"""Extraction throughput: words/s with each encoder runtime, and where a run's time goes.

Texts: the bundled sample corpus's reports, then real news articles (ECB+ bodies, their tokens
joined by spaces, from ../shared/data; FNC-1 bodies follow if more are asked for), each one
report: 200 by default. In one run, side by side:

- extraction with the attribution encoder run by numpy (the engine before ONNX Runtime), by
  ONNX Runtime in fp32 and in int8, and without the encoder (``--fast``);
- each with 1 process (its encoder on one thread) and with 2 processes (one thread each);
- wall seconds and CPU seconds (this process and its workers): on a shared machine the wall
  clock depends on the load (its 1-minute average is recorded before and after each run),
  CPU time much less;
- the share of time per stage of a whole run (read, parse, encoder, rules, linking, grading,
  writing) for the default runtime and for ``--fast``, in one process: read is the readers
  alone, writing is the rest of ingest (blobs, ledger) plus the run's ledger event and its
  ``results.json``.

    python bench/extract.py [--count 200] [--runtimes onnx,onnx-int8,fast,numpy]
        [--numpy-count 200]  (numpy on every k-th report only, about this many)

On a machine too loaded for one run to end in reasonable time, each runtime can be run apart
(``--runtimes onnx --out extract-onnx``, ...) and the files combined into ``extract.json``
(``--merge extract-onnx,extract-onnx-int8,...``); their words per CPU second stay
comparable, their wall-clock rates do not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import RESULTS, ROOT, peak_rss_mib, write_result
from bench.ingest import texts
from corroborate.extract import Extractor, StageTimes
from corroborate.extract.facts.places import find_places
from corroborate.extract.models.encoder_runtime import ENV, THREADS_ENV
from corroborate.ids import canonical_json, digest_bytes
from corroborate.ingest import ingest_paths, read_file
from corroborate.link.assemble import link
from corroborate.model import Report
from corroborate.results import build_incidents
from corroborate.settings import Settings
from corroborate.store import Store

RUNTIMES = ("onnx", "onnx-int8", "fast", "numpy")


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


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def use(runtime: str, threads: int) -> Extractor:
    """An extractor for the runtime ("fast": no encoder), warmed up outside the timing."""
    os.environ[THREADS_ENV] = str(threads)
    if runtime != "fast":
        os.environ[ENV] = runtime
    extractor = Extractor.load(encoder=runtime != "fast")
    extractor.extract("The mayor said on Monday that the bridge was shelled.")
    return extractor


def measure(runtime: str, items: list[Report], processes: int) -> dict[str, Any]:
    extractor = use(runtime, 1)
    words = sum(len(r.text.split()) for r in items)
    times, load_before, cpu = StageTimes(), _load(), _cpu()
    started = time.perf_counter()
    results = list(extractor.extract_reports(items, processes=processes, times=times))
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu
    return {
        "runtime": runtime,
        "processes": processes,
        "reports": len(items),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "words": words,
        "words_per_s": round(words / seconds, 1),
        "words_per_cpu_s": round(words / cpu, 1),
        "reports_per_s": round(len(items) / seconds, 2),
        "stage_cpu_seconds": {k: round(v, 2) for k, v in times.cpu.items()},
        "load_before": load_before,
        "load_after": _load(),
        "attributions": sum(len(r.attributions) for r in results),
        "allegations": sum(len(r.allegations) for r in results),
    }


class Clock:
    """Wall and CPU seconds per named stage of a whole run."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.add(name, time.perf_counter() - wall, time.process_time() - cpu)

    def add(self, name: str, wall: float, cpu: float) -> None:
        self.wall[name] = self.wall.get(name, 0.0) + wall
        self.cpu[name] = self.cpu.get(name, 0.0) + cpu


def stages(runtime: str, items: list[Report]) -> dict[str, Any]:
    """A whole run, as ``pipeline.run`` does it, in one process, timed stage by stage."""
    extractor, clock = use(runtime, 1), Clock()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for n, report in enumerate(items):
            (folder / f"{n:04d}.txt").write_text(report.text, encoding="utf-8")
        files = sorted(folder.iterdir())
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        store, settings = Store(url), Settings(store_url=url, workers=1)
        store.migrate()
        with clock.stage("read"):
            for path in files:
                read_file(path, settings=settings)
        with clock.stage("writing"):
            ingest_paths(store, files, settings=settings)
        clock.add("writing", -clock.wall["read"], -clock.cpu["read"])  # ingest less reading
        stored = list(store.reports())
        words = sum(len(r.text.split()) for r in stored)
        times = StageTimes()
        extractions = list(extractor.extract_reports(stored, times=times))
        for name in times.wall:
            clock.add(name, times.wall[name], times.cpu[name])
        with clock.stage("linking"):
            statements = {e.report_id: (e.attributions, e.allegations) for e in extractions}
            places = {r.id: {p.canonical for p in find_places(r.text)} for r in stored}
            linked = link(
                stored,
                statements,
                places,
                places_in=lambda t: {p.canonical for p in find_places(t)},
            )
        with clock.stage("grading"):
            incidents = build_incidents(stored, linked)
        with clock.stage("writing"):
            digest = digest_bytes(canonical_json(incidents).encode())
            store.append_event(actor="bench", action="run", subject=digest, payload={})
            (Path(tmp) / "results.json").write_text(json.dumps(incidents), encoding="utf-8")
    total_wall, total_cpu = sum(clock.wall.values()), sum(clock.cpu.values())
    order = ("read", "parse", "encoder", "rules", "linking", "grading", "writing")
    return {
        "runtime": runtime,
        "seconds": round(total_wall, 2),
        "cpu_seconds": round(total_cpu, 2),
        "share_of_wall": {k: round(clock.wall.get(k, 0.0) / total_wall, 3) for k in order},
        "share_of_cpu": {k: round(clock.cpu.get(k, 0.0) / total_cpu, 3) for k in order},
        "incidents": len(incidents),
        "extraction_words_per_s": round(words / sum(times.wall.values()), 1),
        "extraction_words_per_cpu_s": round(words / sum(times.cpu.values()), 1),
    }


def merge(parts: list[str]) -> None:
    """One ``extract.json`` from the files of runs made apart (``--out``)."""
    records = [json.loads((RESULTS / f"{part}.json").read_text("utf-8")) for part in parts]
    figures = dict(records[0]["figures"])
    figures["runs"] = [run for r in records for run in r["figures"]["runs"]]
    figures["stages"] = [stage for r in records for stage in r["figures"]["stages"]]
    figures["made_apart"] = {part: r["at"] for part, r in zip(parts, records, strict=True)}
    figures.pop("peak_memory", None)
    print(f"written to {write_result('extract', figures)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runtimes", default=",".join(RUNTIMES))
    parser.add_argument(
        "--numpy-count", type=int, default=200, help="numpy is slow: every k-th report, ~N"
    )
    parser.add_argument("--processes", default="1,2", help="the process counts to run")
    parser.add_argument(
        "--stages", default="onnx,fast", help="runtimes whose whole run is profiled by stage"
    )
    parser.add_argument("--out", default="extract", help="results file name (bench/results)")
    parser.add_argument("--merge", default="", help="comma-separated --out names to combine")
    args = parser.parse_args()
    if args.merge:
        merge(args.merge.split(","))
        return
    chosen = [r for r in args.runtimes.split(",") if r]
    if unknown := set(chosen) - set(RUNTIMES):
        raise SystemExit(f"unknown runtimes: {', '.join(sorted(unknown))}")
    items = reports(args.count)
    figures: dict[str, Any] = {
        "corpus": "the sample corpus's reports, then ECB+ news articles (tokens joined by spaces)",
        "reports": len(items),
        "cores": os.cpu_count(),
        "runs": [],
        "stages": [],
    }
    for runtime in chosen:
        subset = items[:: max(1, len(items) // args.numpy_count)] if runtime == "numpy" else items
        if runtime in args.stages.split(","):  # the whole run, stage by stage, in one process
            figures["stages"].append(stages(runtime, items))
            write_result(args.out, figures)  # after each step: a long run keeps its figures
        for processes in (int(p) for p in args.processes.split(",") if p):
            figures["runs"].append(measure(runtime, subset, processes))
            print(json.dumps(figures["runs"][-1]), file=sys.stderr)
            write_result(args.out, figures)
    figures["peak_memory"] = peak_rss_mib()
    path = write_result(args.out, figures)
    print(json.dumps(figures, indent=2))
    print(f"written to {path}")


if __name__ == "__main__":
    main()
