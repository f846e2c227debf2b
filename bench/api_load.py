"""The service under load: latency and throughput of its read endpoints on a large store.

A fresh store (SQLite, or a fresh schema of the PostgreSQL server) gets ``--reports``
synthetic reports (ingested as files are, chained and hashed) and a stored run grouping them
five to an incident; one case holds them all, and its owner has an API token.
``corroborate serve --workers N`` then runs (for each N of ``--workers``, on the same
store, one after the other: one uvicorn worker by default, as shipped) and ``--clients``
threads of this process, each with its own connection, call one endpoint for
``--seconds``: the incident list (a random page of 50, sorted by grade), incident detail,
and report detail (random ids), and a review write: a random statement confirmed, sent with
``If-Match`` naming the version its history's ``ETag`` gave just before (that read is not
timed; a write that lost the race to another client is a 409, and a store too busy to write
a 503, both counted apart). The run's incidents are graded from synthetic linked statements
kept with the run, so that each review write re-grades the run (2,000 incidents) as the
service does, recording an amendment of it. Latency is measured by the client, per request,
from send to the whole body read: p50, p95, p99, and the throughput of all clients
together; the server's CPU time per endpoint (user and system, from ``/proc``, of the
server's process and every process under it) is recorded too, as the machine is shared.
A later ``--workers`` finds the reviews the earlier ones wrote. ``uptime`` is recorded
before and after each endpoint.

    python bench/api_load.py [--backend sqlite|postgres|both] [--reports 10000]
                             [--clients 20] [--seconds 10] [--workers 1 2]
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
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import create_engine, text

from bench.common import write_result
from corroborate.export.results import RunResults
from corroborate.ids import digest_bytes
from corroborate.link import report_stances
from corroborate.link.stored import encode
from corroborate.model import (
    Allegation,
    Attribution,
    Incident,
    Linked,
    Place,
    Report,
    Span,
    Speaker,
    Stance,
    Statement,
)
from corroborate.results import build_incidents, terms
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


def synthetic_links(reports: list[Report], first: int = PER_INCIDENT) -> Linked:
    """Five reports to an incident (the first: ``first``), one statement each by "monitors",
    as linking gives them: the run's incidents are then graded from these, and a review
    re-grades them all."""
    incidents = []
    starts = [0, *range(first, len(reports), PER_INCIDENT)]
    for k, n in enumerate(starts):
        group = reports[n : starts[k + 1] if k + 1 < len(starts) else len(reports)]
        kind, place = TYPES[k % 4], PLACES[k % 5]
        statements = []
        for report in group:
            said = report.text.index("shelling")
            attribution = Attribution(
                report.id,
                Speaker(
                    Span(len(report.text) - 15, len(report.text) - 6, "officials"), "officials"
                ),
                Span(len(report.text) - 5, len(report.text) - 1, "said"),
                Span(said, len(report.text) - 17, report.text[said : len(report.text) - 17]),
                direct=False,
            )
            alleged = Allegation(attribution.id, (kind,), place=Place(place, place))
            statements.append(Statement(report.id, attribution, Stance.SUPPORTS, alleged))
        incidents.append(
            Incident(
                allegations=[s.allegation for s in statements if s.allegation],
                statements=statements,
                report_stances=report_stances(statements),
            )
        )
    return Linked({}, incidents)


def build(
    url: str, count: int, key_dir: Path, first: int = PER_INCIDENT
) -> tuple[str, list[str], list[str], list[str]]:
    """Fill the store (the first incident of ``first`` reports, the others of five); returns
    the owner's token, the incident, report and statement ids."""
    store = Store(url)
    store.migrate()
    store.witness_key = open_key(store, Settings(store_url=url, key_dir=key_dir), create=True)
    reports = synthetic_reports(count)
    for start in range(0, count, 1000):
        batch = reports[start : start + 1000]
        records = [IngestRecord(r.blob_id, r.text.encode(), r.source_name, (r,)) for r in batch]
        store.add_ingests(records, actor="bench")
    linked = synthetic_links(reports, first)
    incidents = build_incidents(reports, linked)
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
        links=encode(linked),
    )
    add_user(store, "bench", "bench-password-1", actor="bench")
    add_case(store, "bench", actor="bench")
    set_member(store, "bench", "bench", "owner", actor="bench")
    add_case_reports(store, "bench", None, actor="bench")
    token = add_token(store, "bench", days=1, actor="bench")[1]
    store.close()
    statements = [str(s["id"]) for i in incidents for s in i["statements"]]
    return token, [i["id"] for i in incidents], [r.id for r in reports], statements


def serve(url: str, key_dir: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "CORROBORATE_KEY_DIR": str(key_dir)}
    command = ["corroborate", "serve", "--store", url, "--port", str(port)]
    command += ["--workers", str(workers)]
    log = (key_dir.parent / "server.log").open("ab")  # its errors go in the figures
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    for _ in range(3000):
        try:
            httpx.get(f"{base}/api/v1/openapi.json", timeout=1)
            return server, base
        except httpx.TransportError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start")


Call = Callable[[httpx.Client], tuple[int, float]]
ERRORS: dict[int, str] = {}  # the first answer of each failing status, for the record


def getter(paths: list[str]) -> Call:
    """A GET of a random one of ``paths``: its status and latency."""

    def call(http: httpx.Client) -> tuple[int, float]:
        started = time.perf_counter()
        response = http.get(random.choice(paths))
        return response.status_code, time.perf_counter() - started

    return call


def reviewer(case: str, statements: list[str]) -> Call:
    """A random statement confirmed at the version just read (a decision that re-grades the
    run at once): the POST alone is timed."""

    def call(http: httpx.Client) -> tuple[int, float]:
        statement = random.choice(statements)
        started = time.perf_counter()
        read = http.get(f"{case}/reviews/{statement}")
        if "etag" not in read.headers:  # the read failed: counted, as what it answered
            ERRORS.setdefault(read.status_code, read.text[:300])
            return read.status_code, time.perf_counter() - started
        version = read.headers["etag"]
        decision = {"action": "confirm", "target": statement, "reason": "bench"}
        started = time.perf_counter()
        response = http.post(f"{case}/reviews", json=decision, headers={"If-Match": version})
        if response.status_code >= 400 and response.status_code != 409:
            ERRORS.setdefault(response.status_code, response.text[:300])
        return response.status_code, time.perf_counter() - started

    return call


def load(base: str, token: str, call: Call, clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` threads make ``call`` for ``seconds``; latency figures."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client() -> None:
        mine: list[float] = []
        seen: Counter[int] = Counter()
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, headers=headers, timeout=120) as http:
            while time.monotonic() < stop:
                started = time.perf_counter()
                try:
                    status, took = call(http)
                except httpx.TimeoutException:  # counted as a failure, at the time it took
                    status, took = 0, time.perf_counter() - started
                mine.append(took)
                seen[status] += 1
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "non_2xx": sum(n for status, n in statuses.items() if not 200 <= status < 300),
        "conflicts_409": statuses[409],
        "busy_503": statuses[503],
        "timeouts": statuses[0],
        "p50_ms": round(cuts[49] * 1000, 1),
        "p95_ms": round(cuts[94] * 1000, 1),
        "p99_ms": round(cuts[98] * 1000, 1),
        "throughput_rps": round(len(latencies) / seconds, 1),
    }


def measure(url: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    token, incidents, reports, statements = build(url, args.reports, work / "keys")
    built = time.perf_counter() - started
    ids = (token, incidents, reports, statements)
    served = {str(n): served_by(url, args, work, n, ids) for n in args.workers}
    return {"build_s": round(built, 1), "workers": served}


def served_by(
    url: str,
    args: argparse.Namespace,
    work: Path,
    workers: int,
    ids: tuple[str, list[str], list[str], list[str]],
) -> dict[str, Any]:
    """The endpoints measured with ``workers`` server processes."""
    token, incidents, reports, statements = ids
    server, base = serve(url, work / "keys", workers)
    case = f"{base}/api/v1/cases/bench"
    pages = max(1, len(incidents) // 50)
    endpoints = {
        "incident_list": getter(
            [f"{case}/incidents?sort=grade&page={p}" for p in range(1, pages + 1)]
        ),
        "incident_detail": getter([f"{case}/incidents/{i}" for i in incidents]),
        "report_detail": getter([f"{case}/reports/{r}" for r in reports]),
        "review_write": reviewer(case, statements),
    }
    try:
        figures = {}
        for name, call in endpoints.items():
            cpu = cpu_seconds(server.pid)
            figures[name] = load(base, token, call, args.clients, args.seconds)
            used = cpu_seconds(server.pid) - cpu
            figures[name]["server_cpu_s"] = round(used, 2)
            figures[name]["server_cpu_ms_per_request"] = round(
                1000 * used / max(1, figures[name]["requests"]), 1
            )
            figures[name]["uptime_after"] = uptime()
            figures[name]["first_errors"] = {str(k): v for k, v in ERRORS.items()}
            ERRORS.clear()
    finally:
        server.terminate()
        server.wait(timeout=60)
    return {"endpoints": figures, "server_errors": errors(work)}


def errors(work: Path) -> list[str]:
    """The last line of each traceback the server logged (what a 500 was)."""
    lines = (work / "server.log").read_text(encoding="utf-8", errors="replace").splitlines()
    ends = [n for n, line in enumerate(lines) if line.startswith("Traceback")]
    found = []
    for start in ends:
        rest = [line for line in lines[start + 1 :] if line and not line.startswith(" ")]
        if rest:
            found.append(rest[0][:300])
    return sorted(set(found))


def cpu_seconds(pid: int) -> float:
    """The CPU time (user and system) a process and those under it have used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:  # it ended
        return 0.0
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(int(child)) for child in children)


def uptime() -> str:
    """The machine's load as ``uptime`` says it (other work shares the 2 cores)."""
    return subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()


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
    parser.add_argument("--workers", type=int, nargs="+", default=[1], help="server processes")
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "reports": args.reports,
        "incidents": args.reports // PER_INCIDENT,
        "clients": args.clients,
        "server_workers": args.workers,
        "seconds_per_endpoint": args.seconds,
        "load_before": os.getloadavg()[0],
        "uptime_before": uptime(),
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
    figures["uptime_after"] = uptime()
    print(write_result("api_load", figures))


if __name__ == "__main__":
    main()
