"""The web pages on a large store: server time and browser time to first render.

The store is the API load bench's (``bench/api_load.py``: ``--reports`` synthetic reports
ingested as files are and a stored run), with its first incident holding 50 reports and the
others five. ``corroborate serve`` runs in its own process, as shipped. Two pages are
measured, each ``--repeat`` times after one warm-up request:

* the incident list (``/cases/bench``, first page of 25, sorted by reports);
* the incident with 50 reports (``/cases/bench/incidents/ID``: chain graph, timeline, map);
* the review queue (``/cases/bench/queue``: every statement's incident regraded twice on
  the first request after a run, kept until the next one).

Server time: the first request (the warm-up, which fills the service's caches), then from
sending the request to the whole body read, over loopback, by a client
holding a signed-in session, and the server process's CPU time (user + system, from
``/proc``) per request, which the machine's other load disturbs less. Browser time: headless
Chromium (Debian's ``/usr/bin/chromium``, Playwright) signed in through the form, each page
loaded afresh; the Navigation Timing and Paint Timing entries give the time to the first
byte, to the first contentful paint, and to ``DOMContentLoaded``. Medians and the slowest.

    python bench/ui.py [--backend sqlite|postgres|both] [--reports 10000] [--repeat 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from sqlalchemy import create_engine, text

from bench.api_load import PG_URL, build, serve
from bench.common import write_result

CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "bench", "bench-password-1"  # made by ``api_load.build``
TIMING = """() => new Promise(done => {
  const nav = performance.getEntriesByType("navigation")[0];
  const report = fcp => done({ttfb: nav.responseStart, fcp: fcp,
                              dcl: nav.domContentLoadedEventEnd});
  new PerformanceObserver(list => {
    const found = list.getEntries().find(e => e.name === "first-contentful-paint");
    if (found) { report(found.startTime); }
  }).observe({type: "paint", buffered: true});
  setTimeout(() => report(-1), 10000);
})"""


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def signed_in(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60)
    form = client.get("/sign-in").text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    done = client.post("/sign-in", data={"name": USER, "password": PASSWORD, "csrf_token": token})
    assert done.status_code in (200, 303), done.text[:300]
    return client


def server_times(client: httpx.Client, pid: int, path: str, repeat: int) -> dict[str, Any]:
    started = time.perf_counter()
    client.get(path)  # warm-up: the run's results read and cached
    first = time.perf_counter() - started
    times = []
    cpu = cpu_seconds(pid)
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    used = cpu_seconds(pid) - cpu
    return {
        "first_ms": round(first * 1000, 1),
        "median_ms": round(statistics.median(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "server_cpu_ms_per_request": round(used / repeat * 1000, 1),
        "html_kib": round(len(response.content) / 1024, 1),
    }


def browser_times(base: str, paths: dict[str, str], repeat: int) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    found: dict[str, Any] = {}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.set_default_timeout(300_000)  # a first page of a large store, on a loaded machine
        page.goto(f"{base}/sign-in")
        page.fill("#name", USER)
        page.fill("#password", PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_url(f"{base}/cases/bench")
        for name, path in paths.items():
            page.goto(f"{base}{path}")  # warm-up
            rows = []
            for _ in range(repeat):
                page.goto(f"{base}{path}", wait_until="load")
                rows.append(page.evaluate(TIMING))
            if any(r["fcp"] < 0 for r in rows):
                raise SystemExit(f"{name}: no first contentful paint reported")
            found[name] = {
                key: {
                    "median_ms": round(statistics.median(r[key] for r in rows), 1),
                    "max_ms": round(max(r[key] for r in rows), 1),
                }
                for key in ("ttfb", "fcp", "dcl")
            }
        browser.close()
    return found


def measure(url: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    started = time.perf_counter()
    _, incidents, _, _ = build(url, args.reports, work / "keys", first=50)
    built = time.perf_counter() - started
    server, base = serve(url, work / "keys", 1)
    paths = {
        "incident_list": "/cases/bench",
        "incident_50_reports": f"/cases/bench/incidents/{incidents[0]}",
        "review_queue": "/cases/bench/queue",
    }
    try:
        client = signed_in(base)
        served = {
            name: server_times(client, server.pid, path, args.repeat)
            for name, path in paths.items()
        }
        client.close()
        shown = browser_times(base, paths, args.repeat)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {"build_s": round(built, 1), "server": served, "browser": shown}


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
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="sqlite")
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    figures: dict[str, Any] = {
        "reports": args.reports,
        "incidents": 1 + (args.reports - 50) // 5,
        "repeat": args.repeat,
        "load_before": round(os.getloadavg()[0], 2),
    }
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.backend in ("sqlite", "both"):
            (work / "sqlite").mkdir()
            figures["sqlite"] = measure(f"sqlite:///{work / 'store.db'}", args, work / "sqlite")
        if args.backend in ("postgres", "both"):
            (work / "postgres").mkdir()
            figures["postgres"] = on_postgres(args, work / "postgres")
    figures["load_after"] = round(os.getloadavg()[0], 2)
    print(write_result("ui", figures))


if __name__ == "__main__":
    main()
