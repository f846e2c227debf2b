"""What exports are made from: the latest stored run, narrowed to some incidents."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.errors import ConfigError, NotFound
from corroborate.export.context import load_context
from corroborate.export.formats import Exporter, lookup, table
from corroborate.store import Store
from corroborate.store.chain import LedgerRow
from corroborate.store.runs import record_run
from corroborate.store.workspace import add_case, add_case_reports
from tests.store.test_store import record


def stored_run(store: Store, ids: list[str]) -> None:
    results = {"ledger_head": "", "incidents": [{"id": i} for i in ids]}

    def shared(row: LedgerRow) -> dict[str, object]:
        return {**results, "ledger_head": f"#{row.seq} x"}

    record_run(store, actor="run", digest="sha256:0", payload={}, shared=shared)


def test_no_run_is_a_coded_error(store: Store) -> None:
    with pytest.raises(NotFound, match=r"^\[N003\] .*corroborate run"):
        load_context(store)


def test_the_latest_run_narrowed_by_prefixes(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    stored_run(store, ["sha256:aa"])
    stored_run(store, ["sha256:ab12", "sha256:ab34", "sha256:c0"])
    context = load_context(store)
    assert [i["id"] for i in context.incidents()] == ["sha256:ab12", "sha256:ab34", "sha256:c0"]
    assert (context.run_seq, context.ledger_head) == (2, "#2 x")
    assert context.exported_at == "1970-01-02T00:00:00+00:00"
    narrowed = load_context(store, incidents=["c0", "sha256:ab3"])
    assert [i["id"] for i in narrowed.incidents()] == ["sha256:ab34", "sha256:c0"]
    with pytest.raises(NotFound, match=r"^\[N005\] ab: "):
        load_context(store, incidents=["ab"])
    with pytest.raises(NotFound, match=r"^\[N004\] aa: "):  # only in an older run
        load_context(store, incidents=["aa"])


def test_formats_by_name() -> None:
    one = Exporter("one", "file", ".txt", "a test format", lambda _c, _p: None)
    formats = table(one)
    assert lookup(formats, "one") is one
    with pytest.raises(ConfigError, match=r"^\[C031\] no export format 'two' \(known: one\)"):
        lookup(formats, "two")
    with pytest.raises(ConfigError, match=r"^\[C030\] "):
        table(one, one)


def test_the_command_names_the_missing_run(tmp_path: Path) -> None:
    store = tmp_path / "s.db"
    assert CliRunner().invoke(app, ["init", "--store", str(store)]).exit_code == 0
    result = CliRunner().invoke(
        app, ["export", "-f", "acled", "-o", str(tmp_path / "x"), "--store", str(store)]
    )
    assert result.exit_code != 0 and not (tmp_path / "x").exists()
    assert isinstance(result.exception, NotFound | ConfigError)


def test_a_case_and_a_status_narrow_the_export(store: Store) -> None:
    """An incident is a case's when one of its reports is in the case; its status is the one
    the run recorded (an analyst's review, or draft)."""
    records = [
        record(f"Report {n}: shelling of Kramatorsk station", name=f"r{n}.txt") for n in range(3)
    ]
    store.add_ingests(records, actor="test")
    first, second, third = (r.reports[0].id for r in records)
    results = {
        "ledger_head": "",
        "incidents": [
            {"id": "sha256:a1", "status": "published", "reports": [{"id": first}]},
            {"id": "sha256:b2", "status": "draft", "reports": [{"id": second}, {"id": first}]},
            {"id": "sha256:c3", "status": "published", "reports": [{"id": third}]},
        ],
    }
    record_run(store, actor="run", digest="sha256:0", payload={}, shared=lambda _row: results)
    add_case(store, "kramatorsk", actor="test")
    add_case_reports(store, "kramatorsk", [first], actor="test")

    def chosen(**narrow: str) -> list[str]:
        return [i["id"] for i in load_context(store, **narrow).incidents()]  # type: ignore[arg-type]

    assert chosen(case="kramatorsk") == ["sha256:a1", "sha256:b2"]
    assert chosen(status="published") == ["sha256:a1", "sha256:c3"]
    assert chosen(case="kramatorsk", status="published") == ["sha256:a1"]
    with pytest.raises(NotFound, match=r"^\[N011\] elsewhere: "):
        load_context(store, case="elsewhere")
    with pytest.raises(ConfigError, match=r"^\[C034\] final: not an incident status"):
        load_context(store, status="final")


def test_the_command_passes_case_and_status_on(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    handle = Store(f"sqlite:///{path}")
    handle.migrate()
    stored_run(handle, ["sha256:aa"])
    handle.close()
    base = ["export", "-f", "acled", "-o", str(tmp_path / "x.csv"), "--store", str(path)]
    for extra, error in (
        (["--status", "final"], r"^\[C034\] final: "),
        (["--case", "nowhere"], r"^\[N011\] nowhere: "),
    ):
        result = CliRunner().invoke(app, [*base, *extra])
        assert result.exit_code != 0 and re.match(error, str(result.exception)), result.output
    assert not (tmp_path / "x.csv").exists()
