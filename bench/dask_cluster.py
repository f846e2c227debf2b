"""Extraction on a Dask distributed cluster: throughput with one and with two local workers.

The texts of ``bench/extract.py`` (the sample corpus's reports, then ECB+ news articles; 100
by default) are extracted through the run's own path (``extract.cached.extract_with_store``,
keeping each batch in a fresh SQLite store) three ways:

- in this process, without Dask (the baseline);
- on a ``LocalCluster`` of one worker process (one thread), then of two (one thread each),
  each worker warmed up first (its pipeline and encoder loaded by a small batch, outside the
  timing), as the workers of a long-running cluster are.

Figures per way: wall seconds, CPU seconds (of every worker process, read on the workers
before and after, and of this process, which cuts batches, sends them and keeps the
results), words per second of wall time and per CPU second. On a shared machine the wall
clock follows the load (its 1-minute average is recorded before and after each); CPU time
much less. The per-core rate is what ``docs/scale.md``'s capacity plan is worked out from.

    python bench/dask_cluster.py [--count 100] [--fast] [--workers 1,2] [--no-alone]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from distributed import Client, LocalCluster

from bench.common import peak_rss_mib, write_result
from bench.extract import reports
from corroborate.extract.cached import extract_with_store
from corroborate.extract.cluster import Cluster, connect
from corroborate.extract.models.encoder_runtime import THREADS_ENV
from corroborate.model import Report
from corroborate.store import Store

QUIET = {"dashboard_address": None, "scheduler_port": 0, "worker_dashboard_address": None}


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _cpu_here() -> float:
    return time.process_time()


def extract(items: list[Report], *, fast: bool, cluster: Cluster | None) -> float:
    """Wall seconds to extract ``items`` into a fresh store, as a run does."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/store.db")
        store.migrate()
        started = time.perf_counter()
        extract_with_store(store, items, fast=fast, workers=1, cluster=cluster)
        seconds = time.perf_counter() - started
        store.close()
    return seconds


def figures_of(
    way: str, items: list[Report], seconds: float, cpu: float, load: float, **more: Any
) -> dict[str, Any]:
    words = sum(len(r.text.split()) for r in items)
    return {
        "way": way,
        "reports": len(items),
        "words": words,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "words_per_s": round(words / seconds, 1),
        "words_per_cpu_s": round(words / cpu, 1),
        "load_before": load,
        "load_after": _load(),
        **more,
    }


def alone(items: list[Report], *, fast: bool) -> dict[str, Any]:
    extract(items[:2], fast=fast, cluster=None)  # the pipeline loaded outside the timing
    load, cpu = _load(), _cpu_here()
    seconds = extract(items, fast=fast, cluster=None)
    return figures_of("one process, no Dask", items, seconds, _cpu_here() - cpu, load)


def on_workers(items: list[Report], *, fast: bool, workers: int) -> dict[str, Any]:
    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=workers, threads_per_worker=1, processes=True, **QUIET
        ) as local,
        Client(local, set_as_default=False) as client,  # type: ignore[no-untyped-call]
        connect(local.scheduler_address) as cluster,
    ):
        # each worker loads its pipeline on a batch of its own, outside the timing
        warm = [items[i : i + 1] for i in range(workers)]
        extract([r for batch in warm for r in batch], fast=fast, cluster=cluster)
        client.run(_cpu_here)
        load, before, cpu = _load(), client.run(_cpu_here), _cpu_here()
        seconds = extract(items, fast=fast, cluster=cluster)
        after, cpu = client.run(_cpu_here), _cpu_here() - cpu
        spent = {w: round(after[w] - before[w], 2) for w in after}
        return figures_of(
            f"LocalCluster, {workers} worker{'s' if workers > 1 else ''} of 1 thread",
            items,
            seconds,
            sum(spent.values()) + cpu,
            load,
            worker_cpu_seconds=sorted(spent.values()),
            client_cpu_seconds=round(cpu, 2),
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--fast", action="store_true", help="the rules alone, no encoder")
    parser.add_argument("--workers", default="1,2", help="worker counts to run")
    parser.add_argument(
        "--no-alone", dest="alone", action="store_false", help="skip the run without Dask"
    )
    parser.add_argument("--out", default="dask", help="results file name (bench/results)")
    args = parser.parse_args()
    # the encoder on one thread here as on each worker (whose environment this becomes), so
    # that every way is measured per core
    os.environ[THREADS_ENV] = "1"
    items = reports(args.count)
    figures: dict[str, Any] = {
        "corpus": "the sample corpus's reports, then ECB+ news articles (tokens joined by spaces)",
        "encoder": "none (--fast)" if args.fast else os.environ.get("CORROBORATE_ENCODER", "onnx"),
        "cores": os.cpu_count(),
        "note": "machine shared with other work: compare CPU seconds, not wall seconds",
        "runs": [],
    }
    if args.alone:
        figures["runs"].append(alone(items, fast=args.fast))
        print(json.dumps(figures["runs"][-1]), file=sys.stderr)
    for workers in (int(w) for w in args.workers.split(",") if w):
        figures["runs"].append(on_workers(items, fast=args.fast, workers=workers))
        print(json.dumps(figures["runs"][-1]), file=sys.stderr)
        write_result(args.out, figures)  # after each: a long run keeps its figures
    figures["peak_memory"] = peak_rss_mib()
    print(f"written to {write_result(args.out, figures)}")


if __name__ == "__main__":
    main()
