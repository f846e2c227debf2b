"""Extraction on a Dask distributed cluster: a ``LocalCluster`` of two worker processes (one
thread each) gives the run a single process gives, on the real PostgreSQL store; workers
load the models once each; a wrong address, a cluster lost mid-run or a worker of another
version is one coded error, and the store keeps what was finished and nothing else.

Every cluster listens on ports the system chooses and has no dashboard, so that test
processes running side by side (``pytest -n 2``) never clash.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from distributed import Client, LocalCluster

from corroborate.errors import ConfigError
from corroborate.export.html import write_report
from corroborate.export.pseudonyms import for_store
from corroborate.extract import cluster as on_cluster
from corroborate.ingest import ingest_paths
from corroborate.pipeline import Run, run
from corroborate.settings import Settings
from corroborate.store import Store, verify
from corroborate.store.extractions import count_extractions
from corroborate.store.runs import latest_run
from corroborate.store.sealing import WitnessKey
from tests.test_incremental import forget_extractions, sample_files

HEAD = re.compile(rb'"ledger_head": "[^"]*"')
QUIET = {"dashboard_address": None, "scheduler_port": 0, "worker_dashboard_address": None}


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two worker processes of one thread each, as on two single-core machines."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **QUIET) as local,
        Client(local, set_as_default=False) as connected,
    ):
        yield connected


def open_store(url: str) -> Store:
    store = Store(url)
    store.migrate()
    store.witness_key = WitnessKey.generate()  # testimonies can be stored (sealed)
    return store


def results_digest(store: Store, outcome: Run, folder: Path) -> str:
    """The sha256 of the ``results.json`` a run writes, but for the ledger entry naming it."""
    write_report(outcome.results, folder, pseudonyms=for_store(store))
    return hashlib.sha256(HEAD.sub(b"", (folder / "results.json").read_bytes())).hexdigest()


def ran(client: Client) -> dict[str, dict[str, int]]:
    return dict(client.run(on_cluster.ran))


@pytest.mark.postgres
@pytest.mark.slow
def test_a_cluster_run_equals_one_process(
    pg_url: str, client: Client, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the encoder: the same incidents, grades, explanations and ``results.json``.
    Both runs find the files stored already and the same reviews (none), so that they differ
    in where extraction ran alone; batches of four give each worker several."""
    monkeypatch.setattr(on_cluster, "BATCH", 4)
    store = open_store(pg_url)
    files = sample_files()
    ingest_paths(store, files, settings=Settings(store_url=pg_url))
    alone = run(store, files, settings=Settings(store_url=pg_url, workers=1))
    forget_extractions(store)
    before = ran(client)
    ticks: list[tuple[int, int]] = []
    spread = run(
        store,
        files,
        settings=Settings(store_url=pg_url, workers=1, scheduler=client.scheduler.address),
        progress=lambda stage, done, total: (
            ticks.append((done, total)) if stage == "extract" else None
        ),
    )
    reports = alone.results["counts"]["reports"]
    assert spread.extracted == alone.extracted == reports > 0 and spread.reused == 0
    assert count_extractions(store) == reports
    a, b = alone.results["incidents"], spread.results["incidents"]
    assert len(a) > 0 and [i["id"] for i in a] == [i["id"] for i in b]
    assert [i["grade"] for i in a] == [i["grade"] for i in b]
    assert [i["grade"]["explanation"] for i in a] == [i["grade"]["explanation"] for i in b]
    assert a == b
    assert results_digest(store, alone, tmp_path / "alone") == results_digest(
        store, spread, tmp_path / "spread"
    )
    # progress as batches finish; every worker took batches and loaded the encoder once
    assert ticks[0] == (0, reports) and ticks[-1] == (reports, reports)
    after = ran(client)
    batches = {w: after[w]["batches"] - before.get(w, {}).get("batches", 0) for w in after}
    assert sum(batches.values()) == -(-reports // 4) and all(n >= 1 for n in batches.values())
    assert all(after[w]["encoder"] == 1 for w in after)


@pytest.mark.slow
def test_workers_load_the_rules_once_and_extract_as_one_process_does(
    sqlite_url: str, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(on_cluster, "BATCH", 2)
    files = sample_files()[:8]
    alone = run(open_store(sqlite_url), files, settings=Settings(store_url=sqlite_url, fast=True))
    other = sqlite_url.replace("store.db", "other.db")
    settings = Settings(store_url=other, fast=True, scheduler=client.scheduler.address)
    spread = run(open_store(other), files, settings=settings)
    assert spread.extracted == alone.extracted > 4
    assert [i["grade"] for i in spread.results["incidents"]] == [
        i["grade"] for i in alone.results["incidents"]
    ]
    assert spread.results["counts"] == alone.results["counts"]
    assert all(done["rules"] == 1 for done in ran(client).values())


@pytest.mark.slow
def test_a_worker_of_another_version_stops_the_run(sqlite_url: str, client: Client) -> None:
    """A worker reading another source registry extracts otherwise: nothing it would make
    is kept, and no run is recorded."""
    # ``exec`` travels by name, so it runs in the workers' own environment
    client.run(exec, "import os; os.environ['CORROBORATE_SOURCES'] = '/elsewhere/sources.yaml'")
    try:
        store = open_store(sqlite_url)
        settings = Settings(store_url=sqlite_url, fast=True, scheduler=client.scheduler.address)
        with pytest.raises(ConfigError, match=r"^\[C083\] .*extracts with other code"):
            run(store, sample_files()[:4], settings=settings)
    finally:
        client.run(exec, "import os; os.environ.pop('CORROBORATE_SOURCES', None)")
    assert count_extractions(store) == 0 and latest_run(store) is None


@pytest.mark.slow
def test_a_cluster_lost_mid_run_keeps_the_finished_batches(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cluster goes away once the first batch is in: the run stops with one coded line,
    the store verifies, records no run and keeps the finished batches, and the same run
    without the cluster extracts only the rest."""
    monkeypatch.setattr(on_cluster, "BATCH", 2)
    monkeypatch.setattr(on_cluster, "POLL", 0.5)
    files = sample_files()[:8]
    store = open_store(sqlite_url)
    local = LocalCluster(n_workers=1, threads_per_worker=1, processes=True, **QUIET)

    def stop(stage: str, done: int, _total: int) -> None:
        if stage == "extract" and done > 0:
            local.close()

    settings = Settings(store_url=sqlite_url, fast=True, scheduler=local.scheduler_address)
    try:
        with pytest.raises(ConfigError, match=r"^\[C082\] .*the cluster stopped extracting"):
            run(store, files, settings=settings, progress=stop)
    finally:
        local.close()
    kept = count_extractions(store)
    assert kept >= 2 and kept % 2 == 0
    assert latest_run(store) is None and verify(store).ok
    resumed = run(store, files, settings=Settings(store_url=sqlite_url, fast=True))
    assert (
        resumed.reused == kept and resumed.extracted == resumed.results["counts"]["reports"] - kept
    )


def test_no_scheduler_at_the_address_is_one_coded_line_before_anything_is_stored(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(on_cluster, "CONNECT_TIMEOUT", 1.0)
    store = open_store(sqlite_url)
    settings = Settings(store_url=sqlite_url, fast=True, scheduler="tcp://127.0.0.1:1")
    with pytest.raises(ConfigError) as raised:
        run(store, sample_files()[:2], settings=settings)
    assert str(raised.value).startswith("[C081] tcp://127.0.0.1:1: no Dask scheduler answers")
    assert "\n" not in str(raised.value)
    assert not list(store.reports())


def test_the_scheduler_setting_is_read_and_checked() -> None:
    assert Settings.from_env({}).scheduler is None
    found = Settings.from_env({"CORROBORATE_SCHEDULER": "tcp://10.0.0.5:8786"})
    assert found.scheduler == "tcp://10.0.0.5:8786"
    for wrong in ("10.0.0.5:8786", "tcp://10.0.0.5", "http://h:80", "tcp://h:8786/x", "tcp://h:0"):
        with pytest.raises(ConfigError, match=r"^\[C080\] --scheduler: not a scheduler address"):
            Settings().with_scheduler(wrong, name="--scheduler")


def test_without_the_extra_a_scheduler_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    real = on_cluster.importlib.import_module

    def missing(name: str, *args: Any) -> Any:
        if name == "distributed":
            raise ImportError(name="distributed")
        return real(name, *args)

    monkeypatch.setattr(on_cluster.importlib, "import_module", missing)
    with pytest.raises(ConfigError, match=r"^\[C084\] .*pip install 'corroborate\[cluster\]'"):
        on_cluster.distributed()


def test_a_run_without_a_scheduler_never_loads_dask() -> None:
    code = (
        "import sys, corroborate.cli.app, corroborate.pipeline, corroborate.extract.cluster;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"
