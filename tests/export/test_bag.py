"""``--format bagit``: the evidence package validates with the ``bagit`` library and its
command line, and its files, ingested into a fresh store, verify."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import bagit
import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.errors import ConfigError
from corroborate.export.bag import write
from corroborate.ids import digest_bytes
from corroborate.store.chain import GENESIS
from corroborate.store.checkpoint import parse_vkey, read_note
from tests.export.stored import StoredRun


def _info(bag: Path) -> str:
    return (bag / "bag-info.txt").read_text(encoding="utf-8")


def test_validates_with_the_library_and_its_command_line(
    stored_run: StoredRun, tmp_path: Path
) -> None:
    store = stored_run.open()
    write(stored_run.context(store), tmp_path / "bag")
    store.close()
    bag = bagit.Bag(str(tmp_path / "bag"))
    bag.validate()
    assert set(bag.algorithms) == {"sha256", "sha512"}
    script = Path(sys.executable).with_name("bagit.py")
    checked = subprocess.run(
        [str(script), "--validate", str(tmp_path / "bag")], capture_output=True, text=True
    )
    assert checked.returncode == 0 and "is valid" in checked.stderr
    (next((tmp_path / "bag" / "data" / "files").iterdir())).write_bytes(b"altered")
    with pytest.raises(bagit.BagValidationError):
        bagit.Bag(str(tmp_path / "bag")).validate()


def test_files_are_the_reports_bytes_named_by_digest(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    context = stored_run.context(store)
    write(context, tmp_path / "bag")
    store.close()
    files = sorted((tmp_path / "bag" / "data" / "files").iterdir())
    blobs = {r["blob_id"] for i in context.incidents() for r in i["reports"]}
    assert {digest_bytes(f.read_bytes()) for f in files} == blobs
    assert all(f.name.split(".")[0] == digest_bytes(f.read_bytes())[7:] for f in files)
    info = _info(tmp_path / "bag")
    assert f"Corroborate-Ledger-Head: {context.ledger_head}" in info
    assert f"Corroborate-Version: {context.version}" in info
    assert "Withheld" not in info


def test_re_ingested_elsewhere_the_files_verify(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    write(stored_run.context(store), tmp_path / "bag")
    store.close()
    fresh = str(tmp_path / "fresh.db")
    files = tmp_path / "bag" / "data" / "files"
    ingested = CliRunner().invoke(app, ["ingest", str(files), "--store", fresh])
    assert ingested.exit_code == 0, ingested.stdout
    verified = CliRunner().invoke(app, ["verify", "--store", fresh])
    assert verified.exit_code == 0, verified.stdout
    assert "sealed, checked with key" in verified.stdout  # the testimonies, sealed again


def test_ledger_rows_chain_and_checkpoint_signs_the_head(
    stored_run: StoredRun, tmp_path: Path
) -> None:
    store = stored_run.open()
    write(stored_run.context(store), tmp_path / "bag")
    seq, head = store.head()
    store.close()
    data = tmp_path / "bag" / "data"
    rows = [json.loads(line) for line in (data / "ledger.jsonl").read_text().splitlines()]
    assert [r["seq"] for r in rows] == list(range(1, seq + 1))
    assert [r["prev_hash"] for r in rows] == [GENESIS] + [r["hash"] for r in rows[:-1]]
    assert {r["action"] for r in rows} == {"ingest", "run", "review"}
    assert all(not r["as_stored"] for r in rows if r["action"] == "ingest")
    note = (data / "checkpoint.txt").read_text()
    checkpoint = read_note(note, subject="bag").checkpoint
    assert (checkpoint.size, checkpoint.head) == (seq, head)
    key = parse_vkey((data / "checkpoint.txt.vkey").read_text())
    assert key.name == checkpoint.log_id
    assert "Corroborate-Checkpoint: data/checkpoint.txt" in _info(tmp_path / "bag")


def test_without_keys_sealed_files_are_withheld(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open(with_key=False)
    context = stored_run.context(store, signing=False)
    write(context, tmp_path / "bag")
    store.close()
    bagit.Bag(str(tmp_path / "bag")).validate()
    info = _info(tmp_path / "bag")
    assert "Corroborate-Checkpoint: none: no checkpoint signing key" in info
    withheld = [line for line in info.splitlines() if line.startswith("Corroborate-Withheld:")]
    assert withheld and all("witness key is missing" in line for line in withheld)
    names = [f.name for f in (tmp_path / "bag" / "data" / "files").iterdir()]
    assert not any(name.endswith(".csv") for name in names)
    assert not (tmp_path / "bag" / "data" / "checkpoint.txt").exists()


def test_a_folder_in_use_is_refused(stored_run: StoredRun, tmp_path: Path) -> None:
    (tmp_path / "bag").mkdir()
    (tmp_path / "bag" / "notes.txt").write_text("keep me")
    store = stored_run.open()
    with pytest.raises(ConfigError, match=r"^\[C045\] bag: "):
        write(stored_run.context(store), tmp_path / "bag")
    store.close()
    assert [p.name for p in (tmp_path / "bag").iterdir()] == ["notes.txt"]
