"""No witness leaks into anything shared: a corpus seeded with distinctive names, codes and
contacts — in testimonies, in other reports, in file and folder names — goes through
``run``, ``extract``, ``verify`` and ``export``, and no part of any of them is found (in any
case) in ``results.json``, ``index.html``, the PROV, BagIt and PDF exports or what the
commands print; nor in the database file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from rich.console import Console
from typer.testing import CliRunner

from corroborate import __version__
from corroborate.cli import app as cli_app
from corroborate.cli.app import app
from corroborate.export.catalog import FORMATS
from corroborate.store import Store
from corroborate.store.runs import latest_run

PARTS = ("zabelina", "oksvetta", "q-77", "q77", "halyna", "drozdivka", "555 0199", "5550199")
TESTIMONIES = (
    "testimony_id,date,place,witness,phone,language,text\n"
    'T-1,2022-04-10,Sloviansk,Zabelina Oksvetta,+380 67 555 0199,en,"My name is Zabelina. '
    'Soldiers detained my brother and tortured him for three days in a basement in Sloviansk."\n'
    'T-2,2022-04-11,Sloviansk,Witness Q-77,,en,"Armed men beat the detainees in the school '
    'basement in Sloviansk every night, and Q-77 is how the monitors know me."\n'
    "T-3,2022-04-12,Sloviansk,Halyna Drozdivka,,en,\"I saw them take Zabelina Oksvetta's "
    'brother to the basement in Sloviansk."\n'
)
NEWS = (
    "Mrs Oksvetta, a resident of Sloviansk, said that soldiers tortured detainees in a school "
    "basement. Witnesses Q-77 and Halyna Drozdivka described beatings, the monitors said.\n"
)
NGO = (
    "# Field note\n\nWitness Q-77 said detainees were beaten in Sloviansk. Ms Drozdivka "
    "confirmed it. Contact: +380675550199.\n"
)


@pytest.fixture(autouse=True)
def setup(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORROBORATE_FAST", "1")
    monkeypatch.setenv("CORROBORATE_WORKERS", "1")
    monkeypatch.setattr(cli_app, "out", Console(width=250))
    monkeypatch.setattr(cli_app, "err", Console(width=250, stderr=True))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "oksvetta_case"
    (root / "witnesses").mkdir(parents=True)
    (root / "news").mkdir()
    (root / "witnesses" / "zabelina_oksvetta_interview.csv").write_text(TESTIMONIES)
    (root / "news" / "oksvetta-mrs-story.txt").write_text(NEWS)
    (root / "news" / "q-77_field_note.md").write_text(NGO)
    return root


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


SHARED_FORMATS = ("acled", "claimreview", "ftm")  # one file each
EVIDENCE_FORMATS = {"prov": "custody", "bagit": "bag", "pdf": "dossier.pdf"}


def test_the_leak_tests_cover_every_export_format() -> None:
    assert {*SHARED_FORMATS, *EVIDENCE_FORMATS} == set(FORMATS)


def leaks(text: str, *extra: str) -> list[str]:
    folded = text.casefold()
    return [part for part in (*PARTS, *extra) if part.casefold() in folded]


def test_run_shares_no_witness_and_no_path(corpus: Path, tmp_path: Path) -> None:
    store, out = tmp_path / "store.db", tmp_path / "report"
    (corpus / "news" / "zabelina_q-77_notes.pdf").write_bytes(b"%PDF-1.4 cut")
    code, stdout, stderr = invoke("run", str(corpus), "--store", str(store), "--out", str(out))
    assert code == 1, stdout + stderr  # the broken file
    results = (out / "results.json").read_text(encoding="utf-8")
    assert json.loads(results)["failures"][0].startswith("[I004] file 1: ")
    page = (out / "index.html").read_text(encoding="utf-8")
    assert json.loads(results)["incidents"], "the corpus must give something to share"
    assert "Witness " in results
    for shared in (results, page):
        assert not leaks(shared, str(tmp_path), "interview", ".csv", ".txt", ".pdf", "sealed:")
    assert not leaks(stdout + stderr)


@pytest.mark.parametrize("with_key", [True, False])
def test_exports_share_no_witness_and_no_path(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, with_key: bool
) -> None:
    """Each interchange format names its version and ledger head, and nothing else: no
    witness (with or without the witness key at export time) and no local path."""
    store, out = tmp_path / "store.db", tmp_path / "report"
    assert invoke("run", str(corpus), "--store", str(store), "--out", str(out))[0] == 0
    head = json.loads((out / "results.json").read_text(encoding="utf-8"))["ledger_head"]
    if not with_key:
        monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "elsewhere"))
    for fmt in SHARED_FORMATS:
        target = tmp_path / "exports" / f"shared.{fmt}"
        code, stdout, stderr = invoke("export", "-f", fmt, "-o", str(target), "--store", str(store))
        assert code == 0, stderr
        shared = target.read_text(encoding="utf-8")
        assert head in shared and __version__ in shared, fmt
        assert "Witness " in shared, fmt
        assert not leaks(shared, str(tmp_path), "interview", ".csv", ".txt", ".pdf", "sealed:"), fmt
        assert not leaks(stdout.replace(str(target), "") + stderr), fmt


def test_extract_prints_pseudonyms(corpus: Path, tmp_path: Path) -> None:
    """Regression: ``corroborate extract testimonies.csv`` printed the witnesses' names."""
    csv = corpus / "witnesses" / "zabelina_oksvetta_interview.csv"
    for fmt in ("table", "jsonl"):
        code, stdout, stderr = invoke("extract", str(csv), "--format", fmt, "--store", "none.db")
        assert code == 0, stderr
        assert "Witness " in stdout and not leaks(stdout + stderr)


def test_extract_uses_the_store_s_codes(corpus: Path, tmp_path: Path) -> None:
    store, out = tmp_path / "store.db", tmp_path / "report"
    invoke("run", str(corpus), "--store", str(store), "--out", str(out))
    shared = (out / "results.json").read_text(encoding="utf-8")
    csv = corpus / "witnesses" / "zabelina_oksvetta_interview.csv"
    _, stdout, _ = invoke("extract", str(csv), "--format", "jsonl", "--store", str(store))
    printed = set(re.findall(r"Witness [0-9A-F]{8}", stdout))
    assert printed and printed <= set(re.findall(r"Witness [0-9A-F]{8}", shared))


def test_the_database_holds_no_witness_name(corpus: Path, tmp_path: Path) -> None:
    (corpus / "news" / "oksvetta-mrs-story.txt").unlink()  # a published report stays readable
    (corpus / "news" / "q-77_field_note.md").unlink()
    store = tmp_path / "store.db"
    code, _, _ = invoke("ingest", str(corpus / "witnesses"), "--store", str(store))
    assert code == 0
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob("store.db*")).decode("latin-1")
    assert not leaks(on_disk, "zabelina_oksvetta_interview")


def test_the_stored_run_is_the_shared_one(corpus: Path, tmp_path: Path) -> None:
    """The results a run keeps in the store (for exports and the service) are those it
    shares: witnesses pseudonymised, so the database file names none of them."""
    (corpus / "news" / "oksvetta-mrs-story.txt").unlink()  # a published report stays readable
    (corpus / "news" / "q-77_field_note.md").unlink()
    store, out = tmp_path / "store.db", tmp_path / "report"
    code, _, stderr = invoke("run", str(corpus), "--store", str(store), "--out", str(out))
    assert code == 0, stderr
    shared = json.loads((out / "results.json").read_text(encoding="utf-8"))
    handle = Store(f"sqlite:///{store}")
    stored = latest_run(handle)
    handle.close()
    assert stored is not None and stored.results["incidents"] == shared["incidents"]
    assert stored.results["ledger_head"] == shared["ledger_head"]
    assert stored.results["ledger_head"].startswith(f"#{stored.seq} ")
    on_disk = b"".join(p.read_bytes() for p in tmp_path.glob("store.db*")).decode("latin-1")
    assert not leaks(on_disk, "zabelina_oksvetta_interview")


def test_verify_with_and_without_the_key_and_after_rotation(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = str(tmp_path / "store.db")
    assert invoke("ingest", str(corpus), "--store", store)[0] == 0
    code, stdout, _ = invoke("verify", "--store", store)
    assert code == 0 and "sealed, checked with key" in stdout
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "elsewhere"))
    code, stdout, _ = invoke("verify", "--store", store)
    assert code == 0 and "sealed, not checked: no key" in stdout
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "keys"))
    code, stdout, _ = invoke("keys", "rotate", "--store", store)
    assert code == 0 and "rotated" in stdout
    code, stdout, _ = invoke("verify", "--store", store)
    assert code == 0 and "sealed, checked with key" in stdout


def speakers_in_testimonies(results: dict[str, Any]) -> set[str]:
    """Who speaks in testimonies: without the key, mentions in *other* reports are unknown."""
    titles = {r["id"]: r["title"] or "" for i in results["incidents"] for r in i["reports"]}
    return {
        s["speaker"]
        for i in results["incidents"]
        for s in i["statements"]
        if titles[s["report_id"]].startswith("Testimony")
    }


def test_run_without_the_key_keeps_codes_and_warns(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store, out = str(tmp_path / "store.db"), tmp_path / "report"
    invoke("run", str(corpus), "--store", store, "--out", str(out))
    with_key = json.loads((out / "results.json").read_text(encoding="utf-8"))
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "elsewhere"))
    code, _, stderr = invoke("run", str(corpus), "--store", store, "--out", str(out))
    assert code == 0 and "K007" in stderr
    without = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert speakers_in_testimonies(without) == speakers_in_testimonies(with_key)
    assert all(re.fullmatch(r"Witness [0-9A-F]{8}", s) for s in speakers_in_testimonies(without))
    assert "sealed:" not in json.dumps(without)


def test_a_testimony_without_the_key_is_refused(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = str(tmp_path / "store.db")
    assert invoke("ingest", str(corpus / "news"), "--store", store)[0] == 0
    monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / "elsewhere"))
    result = CliRunner().invoke(app, ["ingest", str(corpus / "witnesses"), "--store", store])
    assert "K001" in str(result.exception)


def _pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def _bag_shared(bag: Path) -> str:
    """What a bag says beyond the original bytes: file names, tag files, ledger rows,
    incidents and checkpoint (the ``files/`` are evidence as received, not rewritten)."""
    names = "\n".join(str(p.relative_to(bag)) for p in sorted(bag.rglob("*")))
    texts = [p.read_text(encoding="utf-8") for p in sorted(bag.glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((bag / "data").glob("*.*"))]
    return "\n".join([names, *texts])


def test_evidence_exports_share_no_witness_and_no_path(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PROV, BagIt and the PDF dossier name no witness and no path, with the witness key
    and without it (then the sealed testimonies are withheld from the bag)."""
    store, out = str(tmp_path / "store.db"), tmp_path / "exports"
    code, _, stderr = invoke("run", str(corpus), "--store", store, "--out", str(tmp_path / "r"))
    assert code == 0, stderr
    head = json.loads((tmp_path / "r" / "results.json").read_text(encoding="utf-8"))["ledger_head"]
    for keys in ("keys", "elsewhere"):
        monkeypatch.setenv("CORROBORATE_KEY_DIR", str(tmp_path / keys))
        printed = ""
        for fmt, name in EVIDENCE_FORMATS.items():
            code, stdout, stderr = invoke(
                "export", "-f", fmt, "-o", str(out / keys / name), "--store", store
            )
            assert code == 0, stderr
            printed += stdout + stderr
        folder = out / keys
        prov = "".join(p.read_text(encoding="utf-8") for p in (folder / "custody").iterdir())
        shared = {
            "prov": prov,
            "bag": _bag_shared(folder / "bag"),
            "pdf": _pdf_text(folder / "dossier.pdf"),
        }
        assert "Witness " in shared["prov"] and "Witness " in shared["pdf"]
        for fmt, text in shared.items():
            assert not leaks(text, str(tmp_path), "interview", "sealed:"), (keys, fmt)
            assert head in " ".join(text.split()) and __version__ in text, (keys, fmt)
        assert not leaks(printed.replace(str(out), "OUT"))
    info = (out / "elsewhere" / "bag" / "bag-info.txt").read_text(encoding="utf-8")
    assert "Corroborate-Withheld: file " in info
    assert not list((out / "elsewhere" / "bag" / "data" / "files").glob("*.csv"))
    assert list((out / "keys" / "bag" / "data" / "files").glob("*.csv"))
