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
    assert code == 0 and "--port" in out and "--host" in out and "--workers" in out


def test_several_server_processes_need_a_shared_store() -> None:
    assert refused("serve", "--workers", "2", "--store", "sqlite://").startswith("[C121] ")
    assert invoke("serve", "--workers", "0")[0] != 0  # at least one process


def refused(*args: str, stdin: str | None = None) -> str:
    """The coded line of a command that fails."""
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert result.exit_code != 0
    return str(result.exception)


def test_managing_accounts_and_members(tmp_path: Path) -> None:
    db = str(tmp_path / "store.db")
    assert invoke("init", "--store", db)[0] == 0
    for name in ("anna", "ben"):
        assert (
            invoke("user", "add", name, "--password-stdin", "--store", db, stdin=PASSWORD)[0] == 0
        )
    assert invoke("case", "add", "kharkiv", "--store", db)[0] == 0
    assert invoke("case", "add", "izium", "--store", db)[0] == 0
    assert invoke("case", "member", "kharkiv", "anna", "--role", "owner", "--store", db)[0] == 0
    assert invoke("case", "member", "kharkiv", "ben", "--role", "viewer", "--store", db)[0] == 0
    assert invoke("case", "grant", "kharkiv", "ben", "witness-identities", "--store", db)[0] == 0
    _, token, _ = invoke("token", "add", "ben", "--store", db)
    code, listed, _ = invoke("user", "list", "--store", db)
    rows = [line.split() for line in listed.splitlines()[1:]]
    assert code == 0 and [r[0] for r in rows] == ["anna", "ben"]
    assert [r[2:] for r in rows] == [["active", "1", "0"], ["active", "1", "1"]]
    code, members, _ = invoke("case", "members", "kharkiv", "--store", db)
    assert [line.split() for line in members.splitlines()[1:]] == [
        ["anna", "owner", "active"],
        ["ben", "viewer", "witness-identities", "active"],
    ]
    code, cases, _ = invoke("case", "list", "--store", db)
    assert [line.split()[0::3] for line in cases.splitlines()[1:]] == [
        ["izium", "0"],
        ["kharkiv", "2"],
    ]

    new = "a new and longer secret"
    assert invoke("user", "password", "ben", "--password-stdin", "--store", db, stdin=new)[0] == 0
    store = Store(f"sqlite:///{db}")
    assert check_password(store, "ben", PASSWORD) is None and check_password(store, "ben", new)
    assert (
        refused("user", "password", "ben", "--password-stdin", "--store", db, stdin="short")[:6]
        == "[C062]"
    )
    assert token_principal(store, token.strip()) is not None
    assert invoke("user", "disable", "ben", "--store", db)[0] == 0
    assert token_principal(store, token.strip()) is None  # revoked with the account
    assert invoke("user", "list", "--store", db)[1].splitlines()[2].split()[2] == "disabled"
    assert invoke("user", "enable", "ben", "--store", db)[0] == 0
    assert token_principal(store, token.strip()) is None  # enabled again, tokens stay revoked

    assert invoke("case", "member", "kharkiv", "ben", "--remove", "--store", db)[0] == 0
    ben = find_user(store, "ben")
    assert ben is not None and membership(store, ben.id, "kharkiv") is None
    assert refused("case", "member", "kharkiv", "ben", "--remove", "--store", db)[:6] == "[C064]"
    assert refused("case", "member", "kharkiv", "ben", "--store", db)[:6] == "[C063]"
    actions = [r.action for r in audit_rows(store)][:6]
    assert actions == [
        "member-remove",
        "user-enable",
        "user-disable",
        "user-password",
        "token-add",
        "grant-add",
    ]
    store.close()
