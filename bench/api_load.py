"""The service under load: latency and throughput of its read endpoints on a large store.

A fresh store (SQLite, or a fresh schema of the PostgreSQL server) gets ``--reports``
synthetic reports (ingested as files are, chained and hashed) and a stored run grouping them
five to an incident; one case holds them all, and its owner has an API token.
``corroborate serve`` then runs in its own process (one uvicorn worker, as shipped) and
``--clients`` threads of this process, each with its own connection, call one endpoint for
``--seconds``: the incident list (a random page of 50, sorted by grade), incident detail,
and report detail (random ids). Latency is measured by the client, per request, from send
to the whole body read: p50, p95, p99, and the throughput of all clients together.

Review writes are not measured: the review endpoints are not part of the service yet.

    python bench/api_load.py [--backend sqlite|postgres|both] [--reports 10000]
                             [--clients 20] [--seconds 10]
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import create_engine, text

from bench.common import write_result
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.results import terms
from corroborate.settings import Settings
from corroborate.store import IngestRecord, Store
from corroborate.store.access import add_token
from corroborate.store.keys import open_key
from corroborate.store.runs import incidents_digest, record_run
from corroborate.store.workspace import add_case, add_case_reports, add_user, set_member

PG_URL = os.environ.get("CORROBORATE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
PLACES = ("Sloviansk", "Kramatorsk", "Izium", "Kupiansk", "Bakhmut")
TYPES = ("torture", "arbitrary_detention", "indiscriminate_attack", "killing")
PER_INCIDENT = 5


def synthetic_reports(count: int) -> list[Report]:
    reports = []
    for n in range(count):
        body = f"Report {n}: shelling hit {PLACES[n % 5]} on {1 + n % 28} May 2022, officials said."
        data = body.encode()
        reports.append(
            Report(
                blob_id=digest_bytes(data),
                item="",
                source_name=f"r{n}.txt",
                media_type="text/plain",
                text=body,
                title=f"Report {n}",
                published=f"2022-05-{1 + n % 28:02d}",
            )
        )
    return reports


def synthetic_incident(n: int, group: list[Report]) -> IncidentJSON:
    place = PLACES[n % 5]
    return {
        "id": f"sha256:{n:064x}",
        "label": f"{TYPES[n % 4]} at {place}, May 2022 ({n})",
        "types": [TYPES[n % 4]],
        "accused": ["soldiers"],
        "place": {
            "canonical": place,
            "lat": 48.8,
            "lon": 37.6,
            "country": "UA",
            "within": "Donetsk Oblast",
            "geonames_id": None,
            "region": "UA-14",
            "resolved": True,
        },
        "first_day": group[0].published,
        "last_day": group[-1].published,
        "grade": {
            "reliability": "ABCDEF"[n % 6],
            "credibility": 1 + n % 6,
            "standard": "unverified claim",
            "explanation": f"{len(group)} reports, 1 origin.",
        },
        "status": "draft",
        "origins_note": "1 origin in all its reports",
        "origins": [
            {
                "id": f"sha256:{n:063x}f",
                "kind": "independent",
                "speaker": "monitors",
                "party": None,
                "report_ids": [r.id for r in group],
            }
        ],
        "reports": [
            {
                "id": r.id,
                "title": r.title,
                "source_name": r.source_name,
                "outlet": None,
                "published": r.published,
                "url": None,
                "blob_id": r.blob_id,
                "stance": "supports",
                "origin_id": f"sha256:{n:063x}f",
                "via": [],
                "copy_of": None,
            }
            for r in group
        ],
        "statements": [
            {
                "id": f"sha256:{n:056x}{k:08x}",
                "verdict": None,
                "report_id": r.id,
                "speaker": "monitors",
                "party": None,
                "stance": "supports",
                "content": r.text,
                "types": [TYPES[n % 4]],
                "time": r.published,
            }
            for k, r in enumerate(group)
        ],
    }


def build(
    url: str, count: int, key_dir: Path, first: int = PER_INCIDENT
) -> tuple[str, list[str], list[str]]:
    """Fill the store (the first incident of ``first`` reports, the others of five); returns
    the owner's token, the incident ids and the report ids."""
    store = Store(url)
    store.migrate()
    store.witness_key = open_key(store, Settings(store_url=url, key_dir=key_dir), create=True)
    reports = synthetic_reports(count)
    for start in range(0, count, 1000):
        batch = reports[start : start + 1000]
        records = [IngestRecord(r.blob_id, r.text.encode(), r.source_name, (r,)) for r in batch]
        store.add_ingests(records, actor="bench")
    rest = range(first, count, PER_INCIDENT)
    groups = [reports[:first], *(reports[i : i + PER_INCIDENT] for i in rest)]
    incidents = [synthetic_incident(n, group) for n, group in enumerate(groups)]
    results: RunResults = {
        "generated_at": "2026-01-01T00:00:00+00:00",
        "version": "bench",
        "ledger_head": "",
        "corpus": "synthetic",
        "terms": terms(),
        "counts": {"reports": count, "incidents": len(incidents)},
        "failures": [],
        "incidents": incidents,
        "reviews": {"applied": 0, "orphaned": []},
    }
    record_run(
        store,
        actor="bench",
        digest=incidents_digest(incidents),
        payload={},
        shared=lambda row: {**results, "ledger_head": f"#{row.seq} {row.hash}"},
    )
    add_user(store, "bench", "bench-password-1", actor="bench")
    add_case(store, "bench", actor="bench")
    set_member(store, "bench", "bench", "owner", actor="bench")
    add_case_reports(store, "bench", None, actor="bench")
    token = add_token(store, "bench", days=1, actor="bench")[1]
    store.close()
    return token, [i["id"] for i in incidents], [r.id for r in reports]


def serve(url: str, key_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CORROBORATE_KEY_DIR": str(key_dir)}
    command = ["corroborate", "serve", "--store", url, "--port", str(port)]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


def load(base: str, token: str, paths: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads request random ``paths`` for ``seconds``; latency figures."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        mine: list[float] = []
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                response = http.get(random.choice(paths))
                mine.append(time.perf_counter() - started)
                if response.status_code != 200:
                    with lock:
                        errors[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "non_200": errors[0],
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "throughput_rps": round(len(latencies) / seconds, 1),
    }


def measure(url: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    token, incidents, reports = build(url, args.reports, work / "keys")
    built = time.perf_counter() - started
    server, base = serve(url, work / "keys")
    case = f"{base}/api/v1/cases/bench"
    pages = max(1, len(incidents) // 50)
    endpoints = {
        "incident_list": [f"{case}/incidents?sort=grade&page={p}" for p in range(1, pages + 1)],
        "incident_detail": [f"{case}/incidents/{i}" for i in incidents],
        "report_detail": [f"{case}/reports/{r}" for r in reports],
    }
    try:
        figures = {
            name: load(base, token, paths, args.clients, args.seconds)
            for name, paths in endpoints.items()
        }
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"build_s": round(built, 1), "endpoints": figures}


def on_postgres(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    try:
        return measure(f"{PG_URL}{sep}options=-csearch_path%3D{schema}", args, work)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "reports": args.reports,
        "incidents": args.reports // PER_INCIDENT,
        "clients": args.clients,
        "seconds_per_endpoint": args.seconds,
        "load_before": os.getloadavg()[0],
        "target": "p95 under 100 ms for reads",
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.backend in ("sqlite", "both"):
            (work / "sqlite").mkdir()
            figures["sqlite"] = measure(f"sqlite:///{work / 'store.db'}", args, work / "sqlite")
        if args.backend in ("postgres", "both"):
            (work / "postgres").mkdir()
            figures["postgres"] = on_postgres(args, work / "postgres")
    figures["load_after"] = os.getloadavg()[0]
    print(write_result("api_load", figures))


if __name__ == "__main__":
    main()
