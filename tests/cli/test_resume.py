"""A run interrupted during extraction (``kill -9``, or Ctrl-C) and started again extracts
only the reports it had not finished, and gives what an uninterrupted run gives.

The run is a real ``corroborate run`` process; the test watches the store and stops the
process once it has written its first extractions, before it has written them all. So that
the stop cannot land after the last batch however busy the machine is, the interrupted
process pauses after each batch it stores (``PAUSED``): the stop arrives in that pause.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from corroborate.store import Store
from corroborate.store.extractions import count_extractions
from tests.test_determinism import KEY, _comparable
from tests.test_incremental import sample_files

PATTERN = "extracted {} reports; {} read back from the store"

# The command line, with a pause after each batch of extractions is stored: the window in
# which the watcher stops the run.
PAUSED = """
import time
import corroborate.extract.cached as cached
from corroborate.cli.app import main
stored = cached.put_extractions
def paused(store, version, rows):
    written = stored(store, version, rows)
    time.sleep(30 if rows else 0)
    return written
cached.put_extractions = paused
main()
"""


def _env(tmp: Path) -> dict[str, str]:
    return {
        **os.environ,
        "SOURCE_DATE_EPOCH": "1767225600",
        "CORROBORATE_KEY": KEY,
        "CORROBORATE_KEY_DIR": str(tmp / "keys"),
        "CORROBORATE_FAST": "1",
        "CORROBORATE_WORKERS": "1",
    }


def _command(tmp: Path, verb: str = "run", *, paused: bool = False) -> list[str]:
    program = ["-c", PAUSED] if paused else ["-m", "corroborate"]
    command = [sys.executable, *program, verb, *map(str, sample_files())]
    command += ["--store", str(tmp / "store.db")]
    return command + (["--out", str(tmp / "report")] if verb == "run" else [])


def _finish(tmp: Path) -> tuple[str, bytes]:
    done = subprocess.run(_command(tmp), env=_env(tmp), capture_output=True, text=True)
    assert done.returncode == 1, done.stderr  # the three deliberately broken files
    return done.stdout, (tmp / "report" / "results.json").read_bytes()


def _stored(tmp: Path) -> int:
    if not (tmp / "store.db").exists():
        return 0
    store = Store(f"sqlite:///{tmp / 'store.db'}")
    try:
        return count_extractions(store)
    except OperationalError:  # the run has not made the table yet
        return 0
    finally:
        store.close()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, bytes]:
    """The same files ingested first, then run whole (its ingest, like the resumed run's,
    finds every file stored already): how many reports it extracted, and its results."""
    tmp = tmp_path_factory.mktemp("whole")
    ingest = subprocess.run(_command(tmp, "ingest"), env=_env(tmp), capture_output=True)
    assert ingest.returncode == 1, ingest.stderr
    stdout, results = _finish(tmp)
    [line] = [x for x in stdout.splitlines() if x.startswith("extracted ")]
    extracted = int(line.split()[1])
    assert line == PATTERN.format(extracted, 0)
    return extracted, results


def _as_from_a_terminal() -> None:
    """Ctrl-C reaches the run as it does from a shell: a test process before this one may
    have left SIGINT ignored, and an ignored SIGINT is inherited (the run then finishes)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _interrupt(tmp: Path, stop: signal.Signals) -> int:
    """Start a run, stop it once its first extractions are stored (it pauses after storing
    them); how many it kept."""
    process = subprocess.Popen(
        _command(tmp, paused=True),
        env=_env(tmp),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=_as_from_a_terminal,
    )
    deadline = time.monotonic() + 600
    while _stored(tmp) == 0 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(stop)
    process.communicate(timeout=120)
    return _stored(tmp)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT], ids=["kill-9", "ctrl-c"])
def test_an_interrupted_run_resumes_where_it_stopped(
    tmp_path: Path, uninterrupted: tuple[int, bytes], stop: signal.Signals
) -> None:
    total, expected = uninterrupted
    kept = _interrupt(tmp_path, stop)
    assert 0 < kept < total, f"stopped after {kept} of {total} extractions"
    stdout, results = _finish(tmp_path)
    assert PATTERN.format(total - kept, kept) in stdout
    assert _comparable(results) == _comparable(expected)
