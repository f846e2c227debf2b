"""``corroborate review``: decisions from the command line, their history, the orphaned list,
and one coded stderr line for a target that does not exist."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from corroborate.cli import review as cli_review
from corroborate.cli.app import app
from corroborate.model import ReviewEvent
from corroborate.review.ledger import write
from corroborate.review.sources import correct_source
from corroborate.store import Store
from corroborate.taxonomy.registry import registry
from tests.review.conftest import CORPUS, Analyse, analyser, incident, statement

runner = CliRunner()
IZIUM = "Torture or ill-treatment at Izium"


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_review, "out", Console(width=250))


@pytest.fixture
def analyse(store: Store, write_files: Callable[[dict[str, bytes | str]], Path]) -> Analyse:
    return analyser(store, write_files(CORPUS))


def invoke(*args: str) -> str:
    result = runner.invoke(app, ["review", *args])
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout
    return result.stdout


def test_decide_then_read_the_history(store: Store, analyse: Analyse) -> None:
    results = analyse()
    monitor = statement(results, "Donbas Monitor Group", IZIUM)["id"]
    short = monitor[7:19]
    written = invoke(
        "correct",
        short,
        "stance",
        "denies",
        "--reason",
        "no evidence",
        "--as",
        "ana",
        "--store",
        store.url,
    )
    assert f"correct_stance {short} -> denies (was supports) by ana - no evidence" in written
    version = int(written.split("version of ")[1].split(": ")[1])
    invoke("confirm", short, "--as", "ben", "--expect", str(version), "--store", store.url)
    history = invoke("history", short, "--store", store.url)
    assert f"{monitor}: 2 reviews" in history
    assert "by ana - no evidence" in history and f"confirm {short} by ben" in history
    izium = incident(results, IZIUM)["id"]
    invoke("status", izium[7:19], "reviewed", "--store", store.url)
    assert "3 reviews" in invoke("history", izium, "--store", store.url)
    assert "3 reviews" in invoke("list", "--store", store.url)


def test_a_stale_expected_version_is_refused(store: Store, analyse: Analyse) -> None:
    monitor = statement(analyse(), "Donbas Monitor Group", IZIUM)["id"]
    invoke("confirm", monitor, "--store", store.url)
    result = runner.invoke(
        app, ["review", "reject", monitor, "--expect", "0", "--store", store.url]
    )
    assert "[R001]" in str(result.exception)


def test_orphaned_reviews_are_listed(store: Store, analyse: Analyse) -> None:
    analyse()
    gone = ReviewEvent("a", "confirm", "sha256:" + "0" * 64, "", (("kind", "statement"),))
    seq = write(store, gone).seq
    analyse()
    listed = invoke("list", "--orphaned", "--store", store.url)
    assert f"#{seq} " in listed and "1 orphaned review" in listed
    history = invoke("history", "0" * 12, "--store", store.url)  # gone, yet its reviews read
    assert f"{gone.target}: 1 review" in history


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_an_unknown_target_is_one_coded_line(store: Store, analyse: Analyse) -> None:
    analyse()
    command = [sys.executable, "-m", "corroborate", "review", "confirm", "ffffffff"]
    done = subprocess.run([*command, "--store", store.url], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "error [N006] ffffffff: no statement of the latest run has this id or prefix"
    ]


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_a_source_correction_is_listed_by_the_source_s_name(store: Store) -> None:
    values = {"kind": "media", "country": "", "party": "Republic"}
    written = correct_source(
        store, registry(), "Donbas Monitor Group", values, actor="olga", reason="its own"
    )
    listed = invoke("list", "--store", store.url)
    assert (
        f"#{written.seq} {written.at[:19]} correct_source Donbas Monitor Group: "
        "kind ngo -> media, party none -> Republic by olga - its own"
    ) in listed
