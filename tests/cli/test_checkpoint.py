"""`checkpoint`, `prove` and `verify --checkpoint` / `--expect-head` through the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from rich.console import Console
from typer.testing import CliRunner

from corroborate.cli import app as cli_app
from corroborate.errors import ConfigError, IntegrityError
from corroborate.store import Store
from corroborate.store.checkpoint import verifier_key
from tests.cli.test_app import invoke
from tests.store.tampering import remove_last_ingest

WriteFiles = Callable[[dict[str, bytes | str]], Path]
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(cli_app, "out", Console(width=250))
    monkeypatch.setattr(cli_app, "err", Console(width=250, stderr=True))
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "keys"))


@pytest.fixture
def ingested(store_url: str, write_files: WriteFiles, tmp_path: Path) -> Path:
    root = write_files({"a.txt": "Residents said they were detained.", "b.txt": "Looting."})
    code, out, _ = invoke("init", "--store", store_url)
    assert code == 0 and "checkpoint key made at" in out
    assert (tmp_path / "keys" / "checkpoint.key").stat().st_mode & 0o077 == 0
    invoke("ingest", str(root), "--store", store_url)
    return root


def test_checkpoint_then_verify_it_after_an_append(
    store_url: str, ingested: Path, write_files: WriteFiles, tmp_path: Path
) -> None:
    cp = tmp_path / "cp.txt"
    code, out, _ = invoke("checkpoint", "--store", store_url, "-o", str(cp))
    vkey = (tmp_path / "cp.txt.vkey").read_text().strip()
    assert code == 0 and vkey in out and cp.read_text().split("\n")[1] == "2"
    invoke("ingest", str(write_files({"c.txt": "Shelling."})), "--store", store_url)
    code, out, _ = invoke("verify", "--store", store_url, "--checkpoint", str(cp))
    assert code == 0 and "checkpoint #2 holds" in out
    code, out, _ = invoke("verify", "-s", store_url, "--checkpoint", str(cp), "--key", vkey)
    assert code == 0
    code, _, _ = invoke("verify", "-s", store_url, "--checkpoint", str(cp), "--key", f"{cp}.vkey")
    assert code == 0


def test_verify_checkpoint_catches_a_removed_ingest(
    store_url: str, ingested: Path, tmp_path: Path
) -> None:
    code, note, err = invoke("checkpoint", "--store", store_url)
    assert code == 0 and "verifier key: corroborate/" in err
    (tmp_path / "cp.txt").write_text(note)
    remove_last_ingest(Store(store_url))
    assert invoke("verify", "--store", store_url)[0] == 0
    code, _, err = invoke("verify", "--store", store_url, "--checkpoint", str(tmp_path / "cp.txt"))
    assert code == 1 and "checkpoint-truncated: checkpoint #2" in err


def test_a_forged_checkpoint_or_wrong_key_is_one_coded_error(
    store_url: str, ingested: Path, tmp_path: Path
) -> None:
    _, note, _ = invoke("checkpoint", "--store", store_url)
    forged = tmp_path / "forged.txt"
    forged.write_text(note.replace("\n2\n", "\n1\n"))
    with pytest.raises(IntegrityError, match=r"\[V002\]"):
        invoke("verify", "--store", store_url, "--checkpoint", str(forged))
    (tmp_path / "cp.txt").write_text(note)
    log_id = note.split("\n")[0]
    other = f"{log_id}+00000000+AQ" + "A" * 42 + "="
    with pytest.raises(ConfigError, match=r"\[C004\]"):
        invoke("verify", "-s", store_url, "--checkpoint", str(tmp_path / "cp.txt"), "--key", other)
    stranger = str(verifier_key(log_id, Ed25519PrivateKey.generate().public_key()))
    with pytest.raises(IntegrityError, match=r"\[V003\].*not by the expected key"):
        invoke(
            "verify", "-s", store_url, "--checkpoint", str(tmp_path / "cp.txt"), "--key", stranger
        )


def test_checkpoint_without_a_key_says_run_init(
    store_url: str, write_files: WriteFiles, tmp_path: Path
) -> None:
    invoke("ingest", str(write_files({"a.txt": "Text."})), "--store", store_url)
    with pytest.raises(ConfigError, match=r"\[C002\].*checkpoint.key.*corroborate init"):
        invoke("checkpoint", "--store", store_url)


def test_prove_prints_a_proof_against_a_checkpoint(
    store_url: str, ingested: Path, tmp_path: Path
) -> None:
    cp = tmp_path / "cp.txt"
    invoke("checkpoint", "--store", store_url, "-o", str(cp))
    report_id = next(r.id for r in Store(store_url).reports() if r.source_name.endswith("b.txt"))
    for given in (report_id, report_id[7:19]):
        code, out, _ = invoke("prove", given, "--store", store_url, "--checkpoint", str(cp))
        proof = json.loads(out)
        assert code == 0 and proof["report_id"] == report_id
        assert proof["tree_size"] == 2 and proof["checkpoint"] == cp.read_text()
        assert set(proof) >= {"leaf_index", "leaf_data", "audit_path", "root", "ledger_row"}


def test_expect_head_accepts_an_earlier_head(
    store_url: str, ingested: Path, write_files: WriteFiles
) -> None:
    head = Store(store_url).head()[1]
    invoke("ingest", str(write_files({"c.txt": "Shelling."})), "--store", store_url)
    code, out, _ = invoke("verify", "--store", store_url, "--expect-head", head[7:])
    assert code == 0 and "expected head is ledger #2; the chain extends it by 1 row(s)" in out
    code, _, err = invoke("verify", "--store", store_url, "--expect-head", "ab" * 32)
    assert code == 1 and "ledger-head" in err and "was never a head" in err
