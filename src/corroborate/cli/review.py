"""``corroborate review``: analysts' decisions on the latest run, written to the ledger.

Each command names its target by the id ``results.json`` shows (or a unique prefix), calls
``review.decide`` and prints the event it appended; ``--expect`` names the version the
analyst saw, so a decision made on stale ground is refused (R001). Decisions take effect on
the next ``corroborate run``.
"""

from __future__ import annotations

import getpass
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from corroborate.ids import short
from corroborate.model import ReviewEvent
from corroborate.review import Decision, decide, orphaned, review_history, reviews
from corroborate.review.sources import ACTION, PREFIX, changes
from corroborate.settings import Settings
from corroborate.store import Store

review_app = typer.Typer(
    help="Analysts' decisions on the latest run: confirm, reject, correct, merge, split, ...",
    no_args_is_help=True,
)
out = Console()
FIELDS = ("speaker", "party", "kind", "stance", "types", "place", "time")

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store URL or SQLite path [env CORROBORATE_STORE]."),
]
ReasonOption = Annotated[str, typer.Option("--reason", "-r", help="Why (kept in the ledger).")]
ActorOption = Annotated[
    str | None, typer.Option("--as", help="Who decides (default: the OS user).")
]
ExpectOption = Annotated[
    int | None,
    typer.Option("--expect", help="The target's version you saw; refused (R001) if stale."),
]


def _store(store: str | None) -> Store:
    handle = Store(Settings.from_env().with_store(store).store_url)
    handle.require_schema()
    return handle


def _actor(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        return "analyst"


def _decide(
    decision: Decision, store: str | None, reason: str, actor: str | None, expect: int | None
) -> None:
    handle = _store(store)
    try:
        event = decide(handle, decision, actor=_actor(actor), reason=reason, expected=expect)
    finally:
        handle.close()
    out.print(f"review #{event.seq}: {_line(event)}", highlight=False, soft_wrap=True)
    out.print(f"version of {event.target}: {event.seq}", highlight=False, soft_wrap=True)


def _line(event: ReviewEvent) -> str:
    value, replaces = event.get("value"), event.get("replaces")
    what = f" -> {value}" if value and event.action != "note" else ""
    was = f" (was {replaces or 'none'})" if "replaces" in dict(event.payload) else ""
    why = f" - {event.reason}" if event.reason else ""
    if event.action == ACTION:  # a registered source, named, not an id
        name = event.target.removeprefix(PREFIX)
        return escape(f"{event.action} {name}: {changes(event)} by {event.actor}{why}")
    return escape(f"{event.action} {short(event.target)}{what}{was} by {event.actor}{why}")


@review_app.command()
def confirm(
    target: str,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """The statement is right as extracted."""
    _decide(Decision("confirm", target), store, reason, actor, expect)


@review_app.command()
def reject(
    target: str,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """The statement is wrong: it no longer counts toward any grade."""
    _decide(Decision("reject", target), store, reason, actor, expect)


@review_app.command()
def correct(
    target: str,
    field: Annotated[str, typer.Argument(help=f"One of: {', '.join(FIELDS)}.")],
    value: Annotated[str, typer.Argument(help="The right value (types: comma-separated).")],
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Correct a statement's speaker, party, kind, stance, violation types, place or time."""
    _decide(Decision(f"correct_{field}", target, value), store, reason, actor, expect)


@review_app.command()
def copy(
    report: str,
    of: Annotated[str, typer.Option("--of", help="The report it copies.")] = "",
    unmark: Annotated[bool, typer.Option("--not", help="It is not a copy.")] = False,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Mark a report as a wire copy of another (--of), or as no copy (--not)."""
    action = "unmark_copy" if unmark else "mark_copy"
    _decide(Decision(action, report, other=of), store, reason, actor, expect)


@review_app.command()
def merge(
    incident: str,
    other: str,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Two incidents are one event."""
    _decide(Decision("merge", incident, other=other), store, reason, actor, expect)


@review_app.command()
def split(
    incident: str,
    statements: Annotated[list[str], typer.Argument(help="The statements that leave it.")],
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Some statements of an incident form an incident of their own."""
    _decide(Decision("split", incident, part=tuple(statements)), store, reason, actor, expect)


@review_app.command()
def move(
    statement: str,
    incident: str,
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Move a statement to another incident."""
    _decide(Decision("move", statement, other=incident), store, reason, actor, expect)


@review_app.command()
def status(
    incident: str,
    value: Annotated[str, typer.Argument(help="draft, reviewed or published.")],
    reason: ReasonOption = "",
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Set an incident's status (draft -> reviewed -> published, or back to draft)."""
    _decide(Decision("status", incident, value), store, reason, actor, expect)


@review_app.command()
def note(
    target: str,
    text: str,
    actor: ActorOption = None,
    expect: ExpectOption = None,
    store: StoreOption = None,
) -> None:
    """Attach a note to a statement, report or incident (kept in the ledger only)."""
    _decide(Decision("note", target, text), store, "", actor, expect)


@review_app.command()
def history(target: str, store: StoreOption = None) -> None:
    """Every review of a target (an incident's include its statements')."""
    handle = _store(store)
    full, found = review_history(handle, target)
    out.print(
        f"{full}: {len(found)} review{'' if len(found) == 1 else 's'}",
        highlight=False,
        soft_wrap=True,
    )
    for event in found:
        out.print(f"#{event.seq} {event.at[:19]} {_line(event)}", highlight=False, soft_wrap=True)


@review_app.command("list")
def list_reviews(
    orphans: Annotated[
        bool, typer.Option("--orphaned", help="Only those the latest run found no target for.")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Every review, oldest first."""
    handle = _store(store)
    found = orphaned(handle) if orphans else reviews(handle)
    for event in found:
        out.print(f"#{event.seq} {event.at[:19]} {_line(event)}", highlight=False, soft_wrap=True)
    kind = "orphaned review" if orphans else "review"
    out.print(
        f"{len(found)} {kind}{'' if len(found) == 1 else 's'}", highlight=False, soft_wrap=True
    )
