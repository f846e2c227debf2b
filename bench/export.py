"""Export formats at scale: time and peak memory per format on a stored run of 10,000 incidents.

The run is synthetic, made by a seeded generator (``--seed``, default 7) so that every
machine measures the same data: each incident has 2 to 8 reports from a pool of 300 outlets
(some copying or relaying others), 1 to 4 origins (witness, party, independent or
documentary; witnesses by pseudonym), 1 to 6 statements of every stance, 1 to 3 violation
types of the vocabulary, 0 to 3 alleged perpetrators, a place from a pool of 200 (towns,
regions, a country, unresolved names, none) and 1 to 40 days. It is recorded in a fresh
SQLite store as a ``run`` event (``store/runs.py``), as ``corroborate run`` does, so the
exports read it exactly as they read a real run.

Each format then runs in a fresh child process (``--one``) that loads the context
(``load_context``: the stored results, parsed) and writes the export; it reports the wall
time of the write, the peak resident memory while loading, the memory the parsed results
hold, the peak while writing (Linux: the peak is reset through ``/proc/self/clear_refs``
after loading) and how far it rises over the results held: what the format itself keeps,
which stays small when it streams. And the size of what it wrote. The table of
formats is ``corroborate.export.catalog.FORMATS``: a format registered there is measured
here; ``--formats`` picks some.

    python bench/export.py [--incidents 10000] [--seed 7] [--formats acled,ftm]

``--incidents 500,2000,10000`` measures each size in turn (``figures.sizes``), which shows
whether what a format holds grows with the run.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import reset_peak_rss, status_mib, write_result
from corroborate.export.catalog import FORMATS
from corroborate.export.context import load_context
from corroborate.ids import make_id
from corroborate.store import Store
from corroborate.store.chain import LedgerRow
from corroborate.store.runs import incidents_digest, record_run
from corroborate.taxonomy import violations

STANCES = ("supports", "supports", "supports", "denies", "counter_accuses", "neutral")
KINDS = ("witness", "party", "independent", "documentary", "unknown")


def make_results(count: int, seed: int) -> dict[str, Any]:
    """A run's results (the wire form of ``export/results.py``) with ``count`` incidents."""
    rng = random.Random(seed)
    outlets = [f"Outlet {n:03d}" for n in range(300)]
    places = [_place(n) for n in range(200)]
    types = [t.code for t in violations()]
    incidents = [_incident(rng, n, outlets, places, types) for n in range(count)]
    return {
        "generated_at": "2026-01-01T00:00:00+00:00",
        "version": "bench",
        "ledger_head": "",
        "corpus": "synthetic",
        "counts": {"incidents": count},
        "failures": [],
        "incidents": incidents,
    }


def _place(n: int) -> dict[str, Any] | None:
    kind = n % 10
    if kind == 9:
        return None
    base = {"lat": 48.0 + n / 100, "lon": 37.0 + n / 100, "country": "UA", "region": "UA-14"}
    if kind == 8:
        return {**base, "canonical": f"Place {n}", "lat": None, "lon": None, "country": None,
                "within": None, "geonames_id": None, "region": None, "resolved": False}  # fmt: skip
    if kind == 7:
        return {**base, "canonical": "Donetsk Oblast", "within": "UA", "geonames_id": None,
                "resolved": True}  # fmt: skip
    return {**base, "canonical": f"Town {n}", "within": "Donetsk Oblast",
            "geonames_id": 700000 + n, "resolved": True}  # fmt: skip


def _incident(
    rng: random.Random, n: int, outlets: list[str], places: list[Any], types: list[str]
) -> dict[str, Any]:
    origins = [_origin(rng, n, k) for k in range(rng.randint(1, 4))]
    reports = [_report(rng, n, k, outlets, origins) for k in range(rng.randint(2, 8))]
    first = rng.randint(0, 700)
    chosen = rng.sample(types, rng.randint(1, 3))
    return {
        "id": make_id("incident", "bench", n),
        "label": f"Synthetic incident {n}",
        "types": chosen,
        "accused": [f"Unit {rng.randint(1, 500)}" for _ in range(rng.randint(0, 3))],
        "place": rng.choice(places),
        "first_day": _day(first),
        "last_day": _day(first + rng.randint(0, 39)),
        "grade": {
            "reliability": rng.choice("BCDEF"),
            "credibility": rng.randint(1, 6),
            "standard": "uncorroborated claim",
            "explanation": f"{len(origins)} origins; synthetic explanation {n}.",
        },
        "origins": origins,
        "reports": reports,
        "statements": [_statement(rng, reports, origins, chosen) for _ in range(rng.randint(1, 6))],
    }


def _origin(rng: random.Random, n: int, k: int) -> dict[str, Any]:
    kind = rng.choice(KINDS)
    speaker = f"Witness {rng.getrandbits(32):08X}" if kind == "witness" else f"Speaker {n}-{k}"
    party = rng.choice(("Northern Coalition", "Republic")) if kind == "party" else None
    oid = make_id("origin", n, k)
    return {"id": oid, "kind": kind, "speaker": speaker, "party": party, "report_ids": []}


def _report(
    rng: random.Random, n: int, k: int, outlets: list[str], origins: list[dict[str, Any]]
) -> dict[str, Any]:
    rid = make_id("report", n, k)
    origin = rng.choice(origins)
    origin["report_ids"].append(rid)
    return {
        "id": rid,
        "title": f"Report {k} on incident {n}",
        "source_name": f"file {rng.getrandbits(32):08x}",
        "outlet": rng.choice(outlets),
        "published": _day(rng.randint(0, 740)),
        "url": f"https://outlet{rng.randint(0, 299)}.example/{n}/{k}",
        "blob_id": make_id("blob", n, k),
        "stance": rng.choice(STANCES),
        "origin_id": origin["id"],
        "via": rng.sample(outlets, rng.randint(0, 2)),
        "copy_of": None,
    }


def _statement(
    rng: random.Random, reports: list[Any], origins: list[Any], types: list[str]
) -> dict[str, Any]:
    origin = rng.choice(origins)
    stance = rng.choice(STANCES[:5])
    return {
        "report_id": rng.choice(reports)["id"],
        "speaker": origin["speaker"],
        "party": origin["party"],
        "stance": stance,
        "content": f"Statement {rng.getrandbits(48):012x} about what happened.",
        "types": types if stance == "supports" else [],
        "time": None,
    }


def _day(offset: int) -> str:
    return time.strftime("%Y-%m-%d", time.gmtime(1640995200 + offset * 86400))


def build_store(path: Path, count: int, seed: int) -> dict[str, Any]:
    results = make_results(count, seed)
    store = Store(f"sqlite:///{path}")
    store.migrate()

    def shared(row: LedgerRow) -> dict[str, Any]:
        return {**results, "ledger_head": f"#{row.seq} {row.hash}"}

    started = time.perf_counter()
    record_run(
        store, actor="bench", digest=incidents_digest(results["incidents"]), payload={},
        shared=shared,
    )  # fmt: skip
    store.close()
    reports = sum(len(i["reports"]) for i in results["incidents"])
    statements = sum(len(i["statements"]) for i in results["incidents"])
    return {
        "incidents": count, "reports": reports, "statements": statements, "seed": seed,
        "stored_run_mib": round(path.stat().st_size / 2**20, 1),
        "record_seconds": round(time.perf_counter() - started, 2),
    }  # fmt: skip


def measure_one(store_path: Path, name: str, out: Path) -> dict[str, Any]:
    """In this (fresh) process: load the context, write ``name``, report the figures."""
    store = Store(f"sqlite:///{store_path}")
    context = load_context(store)
    load_peak = status_mib("VmHWM")
    gc.collect()
    held = reset_peak_rss()  # what the context holds (the run without its incidents)
    started, cpu = time.perf_counter(), time.process_time()
    FORMATS[name].write(context, out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    write_peak = status_mib("VmHWM")
    incidents = sum(1 for _ in context.incidents())
    store.close()
    size = sum(p.stat().st_size for p in out.rglob("*")) if out.is_dir() else out.stat().st_size
    figures = {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "incidents_per_second": round(incidents / seconds),
        "peak_rss_loading_mib": round(load_peak, 1),
        "rss_results_held_mib": round(held, 1),
        "peak_rss_writing_mib": round(write_peak, 1),
        "writing_over_held_mib": round(write_peak - held, 1),
        "output_mib": round(size / 2**20, 2),
    }
    return figures | _read_back(name, out)


def _read_back(name: str, out: Path) -> dict[str, Any]:
    """PROV: whether the library reads the whole output back, in how long, at what peak;
    PDF: its page count (PDFium)."""
    if name == "pdf":
        import pypdfium2

        return {"pages": len(pypdfium2.PdfDocument(str(out)))} | _join_alone(out)
    if name != "prov":
        return {}
    from prov.model import ProvDocument

    gc.collect()
    before = reset_peak_rss()
    started = time.process_time()
    document = ProvDocument.deserialize(str(out))
    return {
        "reads_back": True,
        "read_back_cpu_seconds": round(time.process_time() - started, 2),
        "read_back_bundles": len(list(document.bundles)),
        "read_back_over_before_mib": round(status_mib("VmHWM") - before, 1),
    }


def _join_alone(out: Path, pages: int = 500) -> dict[str, Any]:
    """The join alone: the dossier cut into parts of ``pages`` pages, then joined again as
    the export joins its parts (``export/pdfjoin.py``), measured from the cut parts on."""
    import pikepdf

    from corroborate.export.pdfjoin import join

    with tempfile.TemporaryDirectory() as folder, pikepdf.open(out) as whole:
        parts: list[Path] = []
        for first in range(0, len(whole.pages), pages):
            with pikepdf.new() as part:
                part.pages.extend(whole.pages[first : first + pages])
                parts.append(Path(folder) / f"part-{len(parts)}.pdf")
                part.save(parts[-1])
        whole.close()
        gc.collect()
        before = reset_peak_rss()
        started = time.process_time()
        with (Path(folder) / "joined.pdf").open("wb") as joined:
            join(parts, joined, [])
        return {
            "join_parts": len(parts),
            "join_cpu_seconds": round(time.process_time() - started, 2),
            "join_over_before_mib": round(status_mib("VmHWM") - before, 1),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", default="10000", help="a count, or several: 500,2000")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--result", default="export", help="bench/results/RESULT.json")
    parser.add_argument(
        "--one", nargs=3, metavar=("STORE", "FORMAT", "OUT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    if args.one:
        store, name, out = args.one
        print(json.dumps(measure_one(Path(store), name, Path(out))))
        return
    counts = [int(count) for count in args.incidents.split(",")]
    sizes = {str(count): measure(count, args.seed, args.formats.split(",")) for count in counts}
    print(
        write_result(args.result, sizes[str(counts[0])] if len(counts) == 1 else {"sizes": sizes})
    )


def measure(count: int, seed: int, names: list[str]) -> dict[str, Any]:
    """A store of ``count`` incidents, and each format written from it in a fresh process."""
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "bench.db"
        figures: dict[str, Any] = {"run": build_store(store, count, seed), "formats": {}}
        for name in names:
            out = Path(folder) / f"export-{name}{FORMATS[name].suffix}"
            child = [sys.executable, __file__, "--one", str(store), name, str(out)]
            done = subprocess.run(child, capture_output=True, text=True, check=True)
            figures["formats"][name] = json.loads(done.stdout.strip().splitlines()[-1])
            print(count, name, figures["formats"][name], flush=True)
    return figures


if __name__ == "__main__":
    main()
