"""``corroborate user|case|token``: the workspace managed from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from corroborate.cli.app import app
from corroborate.store import Store
from corroborate.store.access import audit_rows, check_password, token_principal
from corroborate.store.workspace import case_report_ids, find_user, membership

PASSWORD = "correct horse battery"


def invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_a_workspace_from_the_command_line(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Shelling hit Izium on 3 May 2022, officials said.\n")
    (tmp_path / "in" / "b.txt").write_text("Shelling hit Kupiansk on 4 May 2022, officials said.\n")
    assert invoke("ingest", str(tmp_path / "in"), "--store", db)[0] == 0
    code, out, err = invoke(
        "user", "add", "anna", "--password-stdin", "--store", db, stdin=PASSWORD + "\n"
    )
    assert code == 0, err
    assert invoke("case", "add", "kharkiv", "--store", db)[0] == 0
    assert invoke("case", "member", "kharkiv", "anna", "--role", "analyst", "--store", db)[0] == 0
    assert invoke("case", "grant", "kharkiv", "anna", "witness-identities", "--store", db)[0] == 0
    store = Store(f"sqlite:///{db}")
    first = next(store.reports())
    code, out, _ = invoke("case", "reports", "kharkiv", first.id[7:19], "--store", db)
    assert code == 0 and "1 report(s) added" in out
    assert invoke("case", "reports", "kharkiv", "--all", "--store", db)[1].startswith("1 report")
    code, token, err = invoke("token", "add", "anna", "--expires", "7", "--store", db)
    assert code == 0 and "valid 7 days" in err
    user = find_user(store, "anna")
    assert user is not None and check_password(store, "anna", PASSWORD) is not None
    standing = membership(store, user.id, "kharkiv")
    assert standing is not None and standing.role == "analyst" and standing.witness_identities
    assert len(case_report_ids(store, standing.case.id)) == 2
    principal = token_principal(store, token.strip())
    assert principal is not None and principal.name == "anna"
    assert {r.actor for r in audit_rows(store)} == {"cli"}
    store.close()


def test_bad_input_is_one_coded_line(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    assert invoke("init", "--store", db)[0] == 0
    cases = [
        (("user", "add", "Anna", "--password-stdin"), "C060"),
        (("case", "add", "x y"), "C060"),
        (("case", "member", "nowhere", "anna", "--role", "viewer"), "N011"),
        (("case", "reports", "nowhere"), "C067"),
        (("token", "add", "nobody"), "N010"),
    ]
    for args, code in cases:
        result = CliRunner().invoke(app, [*args, "--store", db], input=PASSWORD + "\n")
        assert result.exit_code != 0
        assert code in str(result.exception), (args, result.exception)


def test_serve_is_a_command() -> None:
    code, out, _ = invoke("serve", "--help")
    assert code == 0 and "--port" in out and "--host" in out
