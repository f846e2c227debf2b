"""The same input gives the same results: under any hash seed, in a fresh store, in any
order of storing. Only
``ledger_head`` names the run itself (the ledger entry it wrote), and witness pseudonyms are
keyed by each store's own secret (compared by first appearance)."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "corpus"
KEY = base64.b64encode(bytes(range(32))).decode()
HEAD = re.compile(r'"ledger_head": "[^"]*"')
PSEUDONYM = re.compile(r"\b(Witness) [0-9A-F]{8}\b")


def _comparable(results: bytes) -> str:
    """The results without the run's ledger entry, pseudonyms numbered by first appearance."""
    seen: dict[str, str] = {}

    def number(match: re.Match[str]) -> str:
        return seen.setdefault(match.group(0), f"{match.group(1)} #{len(seen) + 1}")

    return PSEUDONYM.sub(number, HEAD.sub("", results.decode()))


def _run(tmp: Path, files: list[Path], seed: str) -> bytes:
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "SOURCE_DATE_EPOCH": "1767225600",
        "CORROBORATE_KEY": KEY,
        "CORROBORATE_KEY_DIR": str(tmp / "keys"),
    }
    command = [sys.executable, "-m", "corroborate", "run", *map(str, files)]
    command += ["--store", str(tmp / "store.db"), "--out", str(tmp / "report")]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr  # the three deliberately broken files
    return (tmp / "report" / "results.json").read_bytes()


def _sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README.md")


@pytest.mark.slow
def test_two_runs_give_byte_identical_results(tmp_path: Path) -> None:
    files = _sample_files()
    first = _run(tmp_path / "a", files, "1")
    second = _run(tmp_path / "b", files, "2")
    assert json.loads(first)["generated_at"] == "2026-01-01T00:00:00+00:00"
    assert json.loads(first)["counts"]["incidents"] > 0
    assert "Witness #1" in _comparable(first)  # the testimonies are in, pseudonymised
    assert _comparable(first) == _comparable(second)


@pytest.mark.slow
def test_reports_stored_in_reverse_order_give_byte_identical_results(tmp_path: Path) -> None:
    """Copies' originals, origins, incidents and every tie follow the reports' content, never
    the order they were stored in."""
    files = _sample_files()
    forward = _run(tmp_path / "a", files, "1")
    backward = _run(tmp_path / "b", files[::-1], "1")
    assert json.loads(forward)["counts"]["incidents"] > 0
    assert _comparable(forward) == _comparable(backward)
