"""``corroborate user|case|token|serve``: the multi-user service from the command line.

``user add|list|password|disable|enable``, ``case add|list|members|member|grant|reports``
(``case member … --remove``, ``case grant … --revoke``), ``token add|revoke``, ``serve``.

Whoever runs these commands holds the store itself, so they act as ``cli`` in the audit
log. Passwords are read from a prompt (or one line of standard input with
``--password-stdin``, for scripts) and never from an argument; a token is printed once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.engine import make_url

from corroborate.errors import ConfigError, NotFound
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import add_token, revoke_token
from corroborate.store.accounts import (
    accounts,
    case_members,
    case_rows,
    remove_member,
    set_disabled,
    set_password,
)
from corroborate.store.workspace import (
    GRANTS,
    ROLES,
    add_case,
    add_case_reports,
    add_user,
    set_grant,
    set_member,
)

ACTOR = "cli"
Opener = Callable[[str | None], Store]
StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store URL or SQLite path [env CORROBORATE_STORE]."),
]
out = Console()


def register(
    app: typer.Typer, open_store: Opener, settings: Callable[[str | None], Settings]
) -> None:
    """Add the workspace commands to ``app``; ``open_store`` opens a store, schema current."""
    users = typer.Typer(help="Accounts of the service.", no_args_is_help=True)
    cases = typer.Typer(
        help="Cases (investigations): members, roles, grants, reports.", no_args_is_help=True
    )
    tokens = typer.Typer(help="Personal API tokens, for scripts.", no_args_is_help=True)
    _user_commands(users, open_store)
    _case_commands(cases, open_store)
    _token_commands(tokens, open_store)
    app.add_typer(users, name="user")
    app.add_typer(cases, name="case")
    app.add_typer(tokens, name="token")
    app.command("serve")(_serve_command(settings))


def _user_commands(users: typer.Typer, open_store: Opener) -> None:
    @users.command("add")
    def user_add(
        name: Annotated[str, typer.Argument(help="Lower-case letters, digits, '.', '_', '-'.")],
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
        store: StoreOption = None,
    ) -> None:
        """Add an account (the password is kept as an Argon2id hash only)."""
        handle = open_store(store)
        add_user(handle, name, _password(password_stdin), actor=ACTOR)
        out.print(f"user [bold]{escape(name)}[/] added", highlight=False)

    @users.command("list")
    def user_list(store: StoreOption = None) -> None:
        """Every account: when made, disabled or not, cases, working API tokens."""
        table = Table("user", "created", "state", "cases", "tokens", box=None)
        for account in accounts(open_store(store)):
            state = f"disabled {account.disabled_at[:10]}" if account.disabled_at else "active"
            table.add_row(
                escape(account.name),
                account.created_at[:10],
                state,
                str(account.cases),
                str(account.tokens),
            )
        out.print(table)

    @users.command("password")
    def user_password(
        name: str,
        password_stdin: Annotated[
            bool, typer.Option("--password-stdin", help="Read the password from standard input.")
        ] = False,
        store: StoreOption = None,
    ) -> None:
        """Set a new password (its sessions end; its API tokens stay)."""
        set_password(open_store(store), name, _password(password_stdin), actor=ACTOR)
        out.print(f"password of [bold]{escape(name)}[/] changed", highlight=False)

    @users.command("disable")
    def user_disable(name: str, store: StoreOption = None) -> None:
        """Disable an account: no sign-in; its sessions end and its API tokens are revoked."""
        set_disabled(open_store(store), name, actor=ACTOR)
        out.print(f"user [bold]{escape(name)}[/] disabled", highlight=False)

    @users.command("enable")
    def user_enable(name: str, store: StoreOption = None) -> None:
        """Let a disabled account sign in again (its old API tokens stay revoked)."""
        set_disabled(open_store(store), name, actor=ACTOR, disabled=False)
        out.print(f"user [bold]{escape(name)}[/] enabled", highlight=False)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


def _case_commands(cases: typer.Typer, open_store: Opener) -> None:
    @cases.command("add")
    def case_add(name: str, store: StoreOption = None) -> None:
        """Add a case (an investigation)."""
        add_case(open_store(store), name, actor=ACTOR)
        out.print(f"case [bold]{escape(name)}[/] added", highlight=False)

    @cases.command("list")
    def case_list(store: StoreOption = None) -> None:
        """Every case: when and by whom it was made, its members and reports."""
        table = Table("case", "created", "by", "members", "reports", box=None)
        for row in case_rows(open_store(store)):
            table.add_row(
                escape(row.name),
                row.created_at[:10],
                escape(row.created_by),
                str(row.members),
                str(row.reports),
            )
        out.print(table)

    @cases.command("members")
    def case_members_command(case: str, store: StoreOption = None) -> None:
        """The members of a case, their roles and grants there."""
        table = Table("user", "role", "grants", "state", box=None)
        for member in case_members(open_store(store), case):
            state = "disabled" if member.disabled else "active"
            table.add_row(escape(member.name), member.role, ", ".join(member.grants), state)
        out.print(table)

    @cases.command("member")
    def case_member(
        case: str,
        user: str,
        role: Annotated[
            str | None, typer.Option("--role", help=f"One of {', '.join(ROLES)}.")
        ] = None,
        remove: Annotated[
            bool, typer.Option("--remove", help="Take the user out of the case (grants too).")
        ] = False,
        store: StoreOption = None,
    ) -> None:
        """Give a user a role in a case (replacing the one they had), or take them out."""
        if remove:
            remove_member(open_store(store), case, user, actor=ACTOR)
            out.print(f"{escape(user)} removed from {escape(case)}", highlight=False)
            return
        set_member(open_store(store), case, user, role or "", actor=ACTOR)
        out.print(f"{escape(user)} is {role} in {escape(case)}", highlight=False)

    @cases.command("grant")
    def case_grant(
        case: str,
        user: str,
        grant: Annotated[str, typer.Argument(help=f"One of {', '.join(GRANTS)}.")],
        revoke: Annotated[bool, typer.Option("--revoke", help="Take the grant back.")] = False,
        store: StoreOption = None,
    ) -> None:
        """Let a member see witness identities in this case (every such read is audited)."""
        set_grant(open_store(store), case, user, grant, actor=ACTOR, revoke=revoke)
        done = "revoked from" if revoke else "granted to"
        out.print(f"{grant} {done} {escape(user)} in {escape(case)}", highlight=False)

    @cases.command("reports")
    def case_reports(
        case: str,
        reports: Annotated[
            list[str] | None, typer.Argument(help="Report ids or unique prefixes.")
        ] = None,
        every: Annotated[bool, typer.Option("--all", help="Every report in the store.")] = False,
        store: StoreOption = None,
    ) -> None:
        """Put reports in a case; their incidents belong to it through them."""
        if every == bool(reports):
            raise ConfigError(67, "give report ids or --all, not both or neither", subject=case)
        handle = open_store(store)
        wanted = None if every else [_report_id(handle, r) for r in reports or []]
        added = add_case_reports(handle, case, wanted, actor=ACTOR)
        out.print(f"{added} report(s) added to {escape(case)}", highlight=False)


def _report_id(store: Store, prefix: str) -> str:
    found = store.find_reports(prefix)
    exact = [r for r in found if r.id == prefix or r.id.endswith(prefix)]
    if len(found) == 1 or len(exact) == 1:
        return (exact or found)[0].id
    if not found:
        raise NotFound(1, "no report with this id or prefix", subject=prefix)
    raise NotFound(2, "more than one report has this prefix: give more of it", subject=prefix)


def _token_commands(tokens: typer.Typer, open_store: Opener) -> None:
    @tokens.command("add")
    def token_add(
        user: str,
        expires: Annotated[int, typer.Option("--expires", help="Days until it expires.")] = 90,
        store: StoreOption = None,
    ) -> None:
        """Make an API token for a user; it is printed this once (only its hash is kept)."""
        token_id, token = add_token(open_store(store), user, days=expires, actor=ACTOR)
        typer.echo(token)
        print(f"token {token_id} for {user}, valid {expires} days", file=sys.stderr)

    @tokens.command("revoke")
    def token_revoke(token_id: int, store: StoreOption = None) -> None:
        """Revoke a token by the id `token add` printed."""
        revoke_token(open_store(store), token_id, actor=ACTOR)
        out.print(f"token {token_id} revoked", highlight=False)


def _serve_command(settings: Callable[[str | None], Settings]) -> Callable[..., None]:
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
        ssl_certfile: Annotated[str | None, typer.Option(help="TLS certificate (PEM).")] = None,
        ssl_keyfile: Annotated[str | None, typer.Option(help="TLS private key (PEM).")] = None,
        workers: Annotated[
            int, typer.Option(help="Server processes (one of them runs jobs).", min=1, max=64)
        ] = 1,
        store: StoreOption = None,
    ) -> None:
        """Serve the API (/api/v1) over the store, for the members of its cases."""
        import uvicorn  # the server is only loaded when serving

        from corroborate.api import create_app

        chosen = settings(store)
        options: dict[str, Any] = {
            "host": host,
            "port": port,
            "ssl_certfile": ssl_certfile,
            "ssl_keyfile": ssl_keyfile,
            "log_level": "info",
            "server_header": False,
        }
        if workers == 1:
            uvicorn.run(create_app(chosen), **options)
            return
        prepare_processes(chosen)
        # a process importing the service on a busy machine answers the parent's health
        # checks late: uvicorn's 5 s would restart it before it ever serves
        options["timeout_worker_healthcheck"] = HEALTH_SECONDS
        uvicorn.run(FACTORY, factory=True, workers=workers, **options)

    return serve


FACTORY = "corroborate.api.app:from_environment"
HEALTH_SECONDS = 120


def prepare_processes(chosen: Settings) -> None:
    """Before several server processes start: the store migrated once, here (not by each
    process at once), and its address passed to them in ``CORROBORATE_STORE``."""
    url = make_url(chosen.store_url)
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise ConfigError(
            121,
            "several server processes need a store they share; an in-memory one is not",
            subject=chosen.store_url,
        )
    handle = Store(chosen.store_url)
    try:
        handle.migrate()
    finally:
        handle.close()
    os.environ["CORROBORATE_STORE"] = chosen.store_url
