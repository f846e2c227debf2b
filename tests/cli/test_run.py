"""The main job on the bundled sample corpus: report written, run recorded, store verifies."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.errors import ConfigError
from corroborate.store import Store, verify

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"


@pytest.mark.slow
def test_run_on_the_sample_corpus(tmp_path: Path) -> None:
    store = tmp_path / "store.db"
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["run", str(SAMPLES), "--store", str(store), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output  # the three deliberately broken files
    assert "incidents" in result.stdout
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["counts"]["reports"] == 41 and results["counts"]["files_failed"] == 3
    assert results["incidents"], "no incident found in the sample corpus"
    assert all(i["grade"]["explanation"] for i in results["incidents"])
    html = (out / "index.html").read_text(encoding="utf-8")
    assert results["incidents"][0]["label"].split(",")[0] in html
    for witness in ("Witness A-17", "Witness L-04", "Witness I-06"):  # from the CSV testimonies
        assert witness not in html and witness not in json.dumps(results, ensure_ascii=False)
    handle = Store(f"sqlite:///{store}")
    assert [row.action for row in handle.ledger_rows()][-1] == "run"
    assert verify(handle).ok


@pytest.mark.postgres
def test_run_on_the_team_backend(pg_url: str, tmp_path: Path) -> None:
    """The same main job against the real PostgreSQL server: stored, graded, verified."""
    out = tmp_path / "report"
    folder = SAMPLES / "wires"
    result = CliRunner().invoke(app, ["run", str(folder), "--store", pg_url, "--out", str(out)])
    assert result.exit_code == 0, result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["counts"]["files_stored"] == 9 and results["incidents"]
    handle = Store(pg_url)
    assert [row.action for row in handle.ledger_rows()][-1] == "run"
    assert verify(handle).ok


def test_a_report_too_long_to_extract_is_a_listed_failure_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import corroborate.extract as extract

    monkeypatch.setattr(extract, "MAX_CHARS", 200)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "short.txt").write_text("The mayor said that the bridge in Izium was shelled.\n")
    (corpus / "long.txt").write_text("The mayor said that the bridge was shelled. " * 10)
    out = tmp_path / "report"
    result = CliRunner().invoke(
        app, ["run", str(corpus), "--store", str(tmp_path / "s.db"), "--out", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "E004" in result.output and "long.txt" in result.output
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["counts"]["reports"] == 2 and results["counts"]["attributions"] >= 1
    assert [f for f in results["failures"] if f.startswith("[E004] file ")]
    assert "long.txt" not in json.dumps(results) and str(tmp_path) not in json.dumps(results)


def test_run_never_ingests_its_own_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORROBORATE_FAST", "1")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The mayor said that the bridge in Izium was shelled.\n")
    store = tmp_path / "s.db"
    args = ["run", str(corpus), "--store", str(store), "--out", str(corpus / "report")]
    for _ in range(2):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
    results = json.loads((corpus / "report" / "results.json").read_text(encoding="utf-8"))
    assert results["counts"]["files_stored"] == 0 and results["counts"]["files_duplicate"] == 1
    assert results["counts"]["files_skipped"] == 0
    assert Store(f"sqlite:///{store}").counts()["blobs"] == 1


def test_a_wrong_scheduler_address_is_one_coded_line_and_no_store(tmp_path: Path) -> None:
    """Checked before the store is opened: nothing is created, nothing ingested."""
    store = tmp_path / "store.db"
    found = subprocess.run(
        [
            sys.executable,
            "-m",
            "corroborate",
            "run",
            str(SAMPLES / "wires"),
            "--store",
            str(store),
            "--out",
            str(tmp_path / "out"),
            "--scheduler",
            "tcp://10.0.0.5",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "250"},
    )
    assert found.returncode == 1
    assert found.stderr.splitlines() == [
        "error [C080] --scheduler: not a scheduler address: 'tcp://10.0.0.5' (give"
        " scheme://host:port, e.g. tcp://10.0.0.5:8786)"
    ]
    assert not store.exists()


def test_no_scheduler_answering_stores_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from corroborate.extract import cluster

    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    store = tmp_path / "store.db"
    result = CliRunner().invoke(
        app,
        ["run", str(SAMPLES / "wires"), "--store", str(store), "--scheduler", "tcp://127.0.0.1:1"],
    )
    assert isinstance(result.exception, ConfigError) and result.exception.code == "C081"
    assert list(Store(f"sqlite:///{store}").reports()) == []
