"""The evidence exports at scale: time, peak memory and size of PROV, BagIt and the PDF dossier.

A fresh SQLite store receives ``--reports`` generated files (default 10,000), each a real
news text from ../shared/data under a numbered header, stored through the store's own
ingest path (one ledger row each, 500 per transaction). A run's results are then recorded
as ``corroborate run`` records them: incidents of ``--per-incident`` reports (default 5)
with a place, dates, a grade, origins and one statement per report; a signing key is made
so that the bag carries a signed checkpoint. Extraction and linking are not run (their
costs are ``bench/extract.py`` and ``bench/link_scale.py``): the exports read stored
results, never the pipeline.

Each export runs in a fresh process, so that its peak memory is its own: PROV-JSON and
PROV-N of every report, the BagIt package of every report, and the PDF dossier of one
incident and of the first ``--pdf-incidents`` incidents (default 200). The peak while
writing is measured from the moment the context is loaded (Linux ``clear_refs``), so
``writing_over_held_mib`` is what the format itself holds; the PROV outputs are read back
whole by the ``prov`` library.

    python bench/export_evidence.py [--reports 10000] [--per-incident 5] [--pdf-incidents 200]
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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from prov.model import ProvDocument

from bench.common import reset_peak_rss, status_mib, write_result
from bench.ingest import texts
from corroborate import __version__
from corroborate.export.catalog import FORMATS
from corroborate.export.context import load_context
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.ids import digest_bytes
from corroborate.model import Report, statement_key
from corroborate.results import terms
from corroborate.store import Store
from corroborate.store.chain import LedgerRow
from corroborate.store.core import IngestRecord
from corroborate.store.runs import incidents_digest, record_run
from corroborate.store.signing import ensure_keypair

BATCH = 500
PLACES = (
    ("Sloviansk", 48.87, 37.62),
    ("Kramatorsk", 48.74, 37.58),
    ("Izium", 49.21, 37.26),
    ("Bakhmut", 48.6, 38.0),
    ("Kherson", 46.64, 32.61),
    ("Kharkiv", 49.99, 36.23),
)
GRADES = (
    ("B", 2, "reasonable grounds to believe"),
    ("C", 3, "credible allegation"),
    ("D", 4, "unverified claim"),
)


def build(folder: Path, count: int, per_incident: int) -> str:
    """A store of ``count`` ingested reports and one recorded run; returns its URL."""
    url = f"sqlite:///{folder / 'store.db'}"
    store = Store(url)
    store.migrate()
    source, rng = texts(), random.Random(7)
    reports: list[Report] = []
    for first in range(0, count, BATCH):
        records = [_record(n, next(source), rng) for n in range(first, min(first + BATCH, count))]
        store.add_ingests(records, actor="bench")
        reports += [r for record in records for r in record.reports]
    incidents = [
        _incident(reports[start : start + per_incident], rng, start // per_incident)
        for start in range(0, len(reports), per_incident)
    ]
    _record_run(store, incidents)
    store.close()
    ensure_keypair(folder / "keys")
    return url


def _record(n: int, text: str, rng: random.Random) -> IngestRecord:
    data = f"Report {n}\n\n{text}\n".encode()
    day = date(2022, 3, 1) + timedelta(days=rng.randrange(240))
    report = Report(
        blob_id=digest_bytes(data),
        item="",
        source_name=f"bench/r{n:05d}.txt",
        media_type="text/plain",
        text=data.decode(),
        title=f"Report {n}",
        published=day.isoformat(),
        outlet=f"Outlet {n % 40}",
    )
    return IngestRecord(report.blob_id, data, report.source_name, (report,), reader="text")


def _incident(reports: list[Report], rng: random.Random, number: int) -> IncidentJSON:
    name, lat, lon = rng.choice(PLACES)
    reliability, credibility, standard = GRADES[number % len(GRADES)]
    days = sorted(r.published or "" for r in reports)
    origin = f"o{number}"
    return {
        "id": digest_bytes(f"incident {number}".encode()),
        "label": f"Arbitrary detention at {name}, incident {number}",
        "types": ["arbitrary_detention"],
        "accused": [],
        "place": {
            "canonical": name,
            "lat": lat,
            "lon": lon,
            "country": "UA",
            "within": None,
            "geonames_id": None,
            "region": None,
            "resolved": True,
        },
        "first_day": days[0],
        "last_day": days[-1],
        "grade": {
            "reliability": reliability,
            "credibility": credibility,
            "standard": standard,
            "explanation": f"{len(reports)} reports from one origin.",
        },
        "origins": [
            {
                "id": origin,
                "kind": "independent",
                "speaker": f"Monitor {number % 17}",
                "party": None,
                "report_ids": [r.id for r in reports],
            }
        ],
        "reports": [_reference(r, origin) for r in reports],
        "status": "draft",
        "origins_note": "1 origin in all its reports",
        "statements": [
            {
                "id": statement_key(r.id, r.text[:200]),
                "verdict": None,
                "report_id": r.id,
                "speaker": f"Monitor {number % 17}",
                "party": None,
                "stance": "supports",
                "content": r.text[:200],
                "types": ["arbitrary_detention"],
                "time": r.published,
            }
            for r in reports
        ],
    }


def _reference(report: Report, origin: str) -> Any:
    return {
        "id": report.id,
        "title": report.title,
        "source_name": f"file {report.blob_id[7:15]}",
        "outlet": report.outlet,
        "published": report.published,
        "url": None,
        "blob_id": report.blob_id,
        "stance": "supports",
        "origin_id": origin,
        "via": [],
        "copy_of": None,
    }


def _record_run(store: Store, incidents: list[IncidentJSON]) -> None:
    results: RunResults = {
        "generated_at": "2026-01-01T00:00:00+00:00",
        "version": __version__,
        "ledger_head": "",
        "corpus": "generated",
        "terms": terms(),
        "counts": {"incidents": len(incidents)},
        "failures": [],
        "incidents": incidents,
        "reviews": {"applied": 0, "orphaned": []},
    }

    def shared(row: LedgerRow) -> dict[str, Any]:
        return {**results, "ledger_head": f"#{row.seq} {row.hash}"}

    digest = incidents_digest(incidents)
    record_run(store, actor="bench", digest=digest, payload={}, shared=shared)


# -- one export, in a process of its own -----------------------------------------------------


def measure(url: str, fmt: str, out: Path, key_dir: Path, incidents: int) -> dict[str, Any]:
    store = Store(url)
    chosen = _first_incidents(store, incidents) if incidents else []
    started = time.perf_counter()
    context = load_context(store, incidents=chosen, key_dir=key_dir)
    # this process's own peak (VmHWM; getrusage's maxrss keeps the parent's across exec)
    loaded = status_mib("VmHWM")
    gc.collect()
    held = reset_peak_rss()
    cpu = time.process_time()
    FORMATS[fmt].write(context, out)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    writing = status_mib("VmHWM")
    store.close()
    files = [out] if out.is_file() else [p for p in out.rglob("*") if p.is_file()]
    reports = len({r["id"] for i in context.incidents() for r in i["reports"]})
    return {
        "format": fmt,
        "output": out.name,
        "incidents": len(list(context.incidents())),
        "reports": reports,
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "reports_per_s": round(reports / seconds, 1),
        "bytes": sum(p.stat().st_size for p in files),
        "peak_rss_loading_mib": round(loaded, 1),
        "rss_held_before_writing_mib": round(held, 1),
        "peak_rss_writing_mib": round(writing, 1),
        "writing_over_held_mib": round(writing - held, 1),
    } | _read_back(fmt, out)


def _read_back(fmt: str, out: Path) -> dict[str, Any]:
    """PROV: does the library read the whole document back (every report's bundle)?"""
    if fmt != "prov":
        return {}
    started = time.process_time()
    document = ProvDocument.deserialize(
        str(out), format="provn" if out.suffix == ".provn" else "json"
    )
    return {
        "reads_back": True,
        "read_back_bundles": len(list(document.bundles)),
        "read_back_cpu_seconds": round(time.process_time() - started, 2),
    }


def _first_incidents(store: Store, count: int) -> list[str]:
    every = load_context(store).incidents()
    return [incident["id"] for _, incident in zip(range(count), every, strict=False)]


def _child(url: str, fmt: str, out: Path, key_dir: Path, incidents: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--measure", fmt, "--store", url]
    command += ["--out", str(out), "--keys", str(key_dir), "--incidents", str(incidents)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--per-incident", type=int, default=5)
    parser.add_argument("--pdf-incidents", type=int, default=200)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--store", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keys", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--incidents", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.store, args.measure, args.out, args.keys, args.incidents)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        url = build(folder, args.reports, args.per_incident)
        built = round(time.perf_counter() - started, 1)
        runs = [
            ("prov", folder / "custody.json", 0),
            ("prov", folder / "custody.provn", 0),
            ("bagit", folder / "bag", 0),
            ("pdf", folder / "one.pdf", 1),
            ("pdf", folder / "many.pdf", args.pdf_incidents),
        ]
        figures = [_child(url, fmt, out, folder / "keys", n) for fmt, out, n in runs]
    result = {
        "reports": args.reports,
        "reports_per_incident": args.per_incident,
        "store_build_seconds": built,
        "exports": figures,
    }
    print(json.dumps(result, indent=2))
    write_result("export_evidence", result)


if __name__ == "__main__":
    main()
