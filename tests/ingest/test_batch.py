"""Ingesting many files: idempotence, failures that do not stop the batch, crash safety."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select

from corroborate.ingest import ingest_paths
from corroborate.settings import Settings
from corroborate.store import Store, schema, verify
from tests.builders import EMAIL, html_page, pdf_bytes

WriteFiles = Callable[[dict[str, bytes | str]], Path]


def corpus(count: int) -> dict[str, bytes | str]:
    return {
        f"d{n // 50}/r{n:05d}.txt": f"Report {n}: shelling near Kramatorsk, officials said."
        for n in range(count)
    }


def run(store: Store, root: Path, **options: int) -> tuple[int, int, int]:
    settings = Settings(store_url=store.url, **options)
    summary = ingest_paths(store, [root], settings=settings)
    return summary.count("stored"), summary.count("duplicate"), summary.count("failed")


def test_directory_ingest_is_recursive_and_idempotent(
    store: Store, write_files: WriteFiles
) -> None:
    root = write_files(
        corpus(30) | {"nested/deeper/p.pdf": pdf_bytes(["Pdf text"]), "m.eml": EMAIL}
    )
    assert run(store, root) == (32, 0, 0)
    assert run(store, root) == (0, 32, 0)
    assert store.counts()["ledger"] == 32
    assert verify(store).ok


def test_failures_are_outcomes_and_the_batch_goes_on(store: Store, write_files: WriteFiles) -> None:
    root = write_files(
        corpus(10)
        | {
            "bad/garbage.txt": bytes(range(256)) * 4,
            "bad/cut.pdf": pdf_bytes(["x"])[:100],
            "bad/feed.json": '{"items": [',
            "ok.html": html_page("Fine", ["Long enough paragraph about the events in Lyman." * 3]),
        }
    )
    summary = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    failed = {Path(o.source).name: o.code for o in summary.failed}
    assert failed == {"garbage.txt": "I002", "cut.pdf": "I004", "feed.json": "I006"}
    assert summary.count("stored") == 11
    assert all(o.error and o.error.startswith(f"[{o.code}] ") for o in summary.failed)


def test_oversize_files_are_refused_before_reading(store: Store, write_files: WriteFiles) -> None:
    root = write_files({"big.txt": "word " * 400_000, "small.txt": "A small report."})
    summary = ingest_paths(
        store, [root], settings=Settings(store_url=store.url, max_file_bytes=1 << 20)
    )
    assert [(Path(o.source).name, o.code) for o in summary.failed] == [("big.txt", "I001")]


def test_same_bytes_under_two_names_is_one_blob(store: Store, write_files: WriteFiles) -> None:
    root = write_files({"a.txt": "Same words.", "copy/b.txt": "Same words."})
    assert run(store, root) == (1, 1, 0)


def test_failed_ingest_loses_nothing_stored_before(store: Store, write_files: WriteFiles) -> None:
    run(store, write_files(corpus(5)))
    before = store.head()
    run(store, write_files({"garbage.txt": b"\x00\xff" * 100}))
    assert store.head() == before and verify(store).ok


def test_parallel_and_serial_ingest_store_the_same_reports(
    tmp_path: Path, write_files: WriteFiles
) -> None:
    root = write_files(corpus(40))
    ids = []
    for workers in (1, 2):
        handle = Store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        handle.migrate()
        run(handle, root, workers=workers)
        ids.append(sorted(r.id for r in handle.reports()))
    assert ids[0] == ids[1] and len(ids[0]) == 40


@pytest.mark.slow
def test_kill_minus_nine_mid_ingest_leaves_a_verifiable_store(
    tmp_path: Path, write_files: WriteFiles
) -> None:
    root = write_files(
        {f"d{n // 100}/r{n:05d}.txt": f"Report {n} " + "words " * 400 for n in range(3000)}
    )
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    Store(url).migrate()
    command = [sys.executable, "-m", "corroborate", "ingest", str(root), "--store", url]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    _wait_for_rows(url, minimum=200, process=process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    crashed = Store(url)
    stored_at_crash = crashed.counts()["ledger"]
    assert 0 < stored_at_crash < 3000
    assert verify(crashed).ok
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{3000 - stored_at_crash} stored" in done.stdout
    assert f"{stored_at_crash} duplicate" in done.stdout
    assert crashed.counts()["reports"] == 3000 and verify(crashed).ok


def _wait_for_rows(url: str, *, minimum: int, process: subprocess.Popen[bytes]) -> None:
    engine = create_engine(url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as conn:
            try:
                count = conn.execute(select(func.count()).select_from(schema.ledger)).scalar_one()
            except Exception:
                count = 0
        if count >= minimum:
            engine.dispose()
            return
        time.sleep(0.05)
    engine.dispose()
    pytest.fail("ingest finished or stalled before the kill point")
