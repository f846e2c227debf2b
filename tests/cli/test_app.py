"""The command line end to end: exit codes, one-line errors, what the user reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import Console
from sqlalchemy import update
from typer.testing import CliRunner

from corroborate.cli import app as cli_app
from corroborate.cli.app import app
from corroborate.store import Store, schema
from tests.builders import pdf_bytes

WriteFiles = Callable[[dict[str, bytes | str]], Path]
runner = CliRunner()


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as on a wide terminal, so assertions see whole ids and paths."""
    monkeypatch.setattr(cli_app, "out", Console(width=250))
    monkeypatch.setattr(cli_app, "err", Console(width=250, stderr=True))


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Files to ingest; the working directory is their parent, so paths print short."""
    root = write_files(
        {
            "a.txt": "Residents of Sloviansk said they were detained by soldiers.",
            "b/brief.pdf": pdf_bytes(["Monitors recorded looting in Izium."]),
            "b/broken.pdf": pdf_bytes(["cut"])[:80],
        }
    )
    monkeypatch.chdir(root.parent)
    return Path(root.name)


def test_init_then_status(store_url: str) -> None:
    code, out, _ = invoke("init", "--store", store_url)
    assert code == 0 and "schema 0005" in out
    code, out, _ = invoke("status", "--store", store_url)
    assert code == 0 and "reports" in out and "#0" in out


def test_ingest_reports_each_failure_and_exits_one(store_url: str, folder: Path) -> None:
    code, out, _ = invoke("ingest", str(folder), "--store", store_url)
    assert code == 1
    assert "2 stored" in out and "1 failed" in out
    assert "[I004]" in out and "broken.pdf: truncated PDF" in out
    code, out, _ = invoke("ingest", str(folder / "a.txt"), "--store", store_url)
    assert code == 0 and "1 duplicate" in out


def test_verify_passes_then_names_a_tampered_blob(store_url: str, folder: Path) -> None:
    invoke("ingest", str(folder / "a.txt"), "--store", store_url)
    code, out, _ = invoke("verify", "--store", store_url)
    assert code == 0 and "verified 1 ledger rows, 1 blobs, 1 reports" in out
    handle = Store(store_url)
    with handle.engine.begin() as conn:
        conn.execute(update(schema.blobs).values(data=b"altered"))
    code, _, err = invoke("verify", "--store", store_url)
    assert code == 1 and "blob-altered: sha256:" in err


def test_search_and_show(store_url: str, folder: Path) -> None:
    invoke("ingest", str(folder), "--store", store_url)
    code, out, _ = invoke("search", "looting Izium", "--store", store_url)
    assert code == 0 and "brief.pdf" in out, out
    report_id = next(r.id for r in Store(store_url).reports() if r.source_name.endswith("a.txt"))
    code, out, _ = invoke("show", report_id[7:19], "--store", store_url)
    assert code == 0 and "detained by soldiers" in out and report_id in out


def test_show_unknown_id_is_one_coded_line(sqlite_url: str) -> None:
    invoke("init", "--store", sqlite_url)
    with pytest.raises(Exception, match=r"\[N001\] ffff: no report"):
        invoke("show", "ffff", "--store", sqlite_url)


def test_commands_on_a_missing_store_say_run_init(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"\[S002\].*corroborate init"):
        invoke("status", "--store", str(tmp_path / "none.db"))
