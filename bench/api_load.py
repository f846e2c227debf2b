"""The service under load: latency and throughput of its read endpoints on a large store.

A fresh store (SQLite, or a fresh schema of the PostgreSQL server) gets ``--reports``
synthetic reports (ingested as files are, chained and hashed) and a stored run grouping them
five to an incident; one case holds them all, and its owner has an API token.
``corroborate serve --workers N`` then runs (for each N of ``--workers``, on the same
store, one after the other: one uvicorn worker by default, as shipped) and ``--clients``
closed-loop clients, threads of two processes of their own (``CLIENT_PROCESSES``), each
with one kept-alive connection (``http.client``: a light client, whose CPU per request is
recorded as the server's is), call one endpoint for ``--seconds``: the incident list (a
random page of 50, sorted by grade), incident detail, and report detail (random ids), and a
review write: a random statement confirmed, sent with ``If-Match`` naming the version its
history's ``ETag`` gave just before (that read is not timed; a write that lost the race to
another client is a 409, and a store too busy to write a 503, both counted apart). The
run's incidents are graded from synthetic linked statements
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
import json
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
from concurrent.futures import ProcessPoolExecutor
from http.client import HTTPConnection, HTTPException
from multiprocessing import get_context
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
CLIENT_PROCESSES = 2  # the clients' processes (their threads share the 2 cores' other half)


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


Call = Callable[[HTTPConnection], tuple[int, float]]
ERRORS: dict[int, str] = {}  # the first answer of each failing status, for the record


class Getter:
    """A GET of a random one of ``paths``: its status and latency (send to whole body)."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths

    def __call__(self, http: HTTPConnection) -> tuple[int, float]:
        started = time.perf_counter()
        status, _, _ = _exchange(http, "GET", random.choice(self.paths))
        return status, time.perf_counter() - started


class Reviewer:
    """A random statement confirmed at the version just read (a decision that re-grades the
    run at once): the POST alone is timed."""

    def __init__(self, case: str, statements: list[str]) -> None:
        self.case, self.statements = case, statements

    def __call__(self, http: HTTPConnection) -> tuple[int, float]:
        statement = random.choice(self.statements)
        started = time.perf_counter()
        status, headers, body = _exchange(http, "GET", f"{self.case}/reviews/{statement}")
        if "etag" not in headers:  # the read failed: counted, as what it answered
            ERRORS.setdefault(status, body[:300].decode(errors="replace"))
            return status, time.perf_counter() - started
        decision = json.dumps({"action": "confirm", "target": statement, "reason": "bench"})
        started = time.perf_counter()
        status, _, body = _exchange(
            http, "POST", f"{self.case}/reviews", decision.encode(), headers["etag"]
        )
        if status >= 400 and status != 409:
            ERRORS.setdefault(status, body[:300].decode(errors="replace"))
        return status, time.perf_counter() - started


def _exchange(
    http: HTTPConnection, method: str, path: str, body: bytes | None = None, match: str = ""
) -> tuple[int, dict[str, str], bytes]:
    """One request on the kept-alive connection: status, headers (lower-case), body."""
    headers = {"Authorization": http.token}  # type: ignore[attr-defined]
    if body is not None:
        headers |= {"Content-Type": "application/json", "If-Match": match}
    http.request(method, path, body=body, headers=headers)
    response = http.getresponse()
    data = response.read()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def load(base: str, token: str, call: Call, clients: int, seconds: float) -> dict[str, Any]:
    """``clients`` closed-loop clients, in ``CLIENT_PROCESSES`` processes of their own (so
    that their CPU is not the server's, nor one interpreter's), make ``call`` for
    ``seconds``, each on one kept-alive connection: latency figures, and the clients' CPU."""
    processes = min(CLIENT_PROCESSES, clients)
    shares = [clients // processes + (k < clients % processes) for k in range(processes)]
    start = time.monotonic() + 0.5  # every process begins at once
    with ProcessPoolExecutor(processes, mp_context=get_context("fork")) as pool:
        runs = [pool.submit(_clients, base, token, call, n, start, seconds) for n in shares]
        done = [run.result() for run in runs]
    latencies = [took for run in done for took in run[0]]
    statuses: Counter[int] = sum((run[1] for run in done), Counter())
    for run in done:
        for status, answered in run[3].items():
            ERRORS.setdefault(status, answered)
    cuts = statistics.quantiles(latencies, n=100)
    client_cpu = sum(run[2] for run in done)
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
        "client_processes": processes,
        "client_cpu_s": round(client_cpu, 2),
        "client_cpu_ms_per_request": round(1000 * client_cpu / max(1, len(latencies)), 2),
    }


def _clients(
    base: str, token: str, call: Call, count: int, start: float, seconds: float
) -> tuple[list[float], Counter[int], float, dict[int, str]]:
    """One client process: ``count`` threads, each a closed-loop client on its own
    connection; their latencies and statuses, and the process's CPU time while they ran."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    host, port = base.removeprefix("http://").split(":")
    stop = start + seconds

    def client() -> None:
        mine: list[float] = []
        seen: Counter[int] = Counter()
        http = HTTPConnection(host, int(port), timeout=120)
        http.token = f"Bearer {token}"  # type: ignore[attr-defined]
        while time.monotonic() < start:
            time.sleep(0.001)
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                status, took = call(http)
            except (OSError, HTTPException):  # a timeout or a dropped connection: counted
                status, took = 0, time.perf_counter() - started
                http.close()  # the next request opens it again
            mine.append(took)
            seen[status] += 1
        http.close()
        with lock:
            latencies.extend(mine)
            statuses.update(seen)

    threads = [threading.Thread(target=client) for _ in range(count)]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, statuses, time.process_time() - cpu, dict(ERRORS)


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
    case = "/api/v1/cases/bench"
    pages = max(1, len(incidents) // 50)
    endpoints: dict[str, Call] = {
        "incident_list": Getter(
            [f"{case}/incidents?sort=grade&page={p}" for p in range(1, pages + 1)]
        ),
        "incident_detail": Getter([f"{case}/incidents/{i}" for i in incidents]),
        "report_detail": Getter([f"{case}/reports/{r}" for r in reports]),
        "review_write": Reviewer(case, statements),
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
