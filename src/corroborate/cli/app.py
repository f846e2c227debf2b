"""The ``corroborate`` command (Typer + Rich).

Every command calls a library function that returns data, then renders it. Errors from
the project's exception tree become one line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import replace
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import SQLAlchemyError

from corroborate import __version__
from corroborate.cli import render
from corroborate.cli.export import (
    CaseOption,
    FormatOption,
    IncidentOption,
    OutOption,
    StatusOption,
    export_command,
    formats_help,
)
from corroborate.cli.review import review_app
from corroborate.cli.workspace import register as register_workspace
from corroborate.errors import CorroborateError, IntegrityError, NotFound
from corroborate.export.html import write_report
from corroborate.export.pseudonyms import for_reports, for_store, known_refs
from corroborate.extract import Extractor
from corroborate.extract.wire import to_json
from corroborate.ingest import Summary, ingest_paths, read_file, reread
from corroborate.pipeline import run as run_pipeline
from corroborate.settings import Settings
from corroborate.store import Store, verify
from corroborate.store.checkpoint import Checkpoint, VerifierKey, parse_vkey
from corroborate.store.keys import open_key
from corroborate.store.keys import rotate as rotate_key
from corroborate.store.search import search as search_reports
from corroborate.store.signing import ensure_keypair
from corroborate.store.transparency import (
    make_checkpoint,
    own_key,
    prove_report,
    read_checkpoint,
)

app = typer.Typer(
    help="Who alleges what, against whom, where, when, through which outlets - and how well "
    "it is corroborated.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
out = Console()
err = Console(stderr=True)
StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", help="Store URL or SQLite path [env CORROBORATE_STORE]."),
]


CheckpointOption = Annotated[
    Path | None,
    typer.Option("--checkpoint", help="A signed checkpoint written by `corroborate checkpoint`."),
]
KeyOption = Annotated[
    str | None,
    typer.Option(
        "--key",
        help="Verifier key (name+id+key) or a file holding one; default: this store's own, "
        "from the key folder [env CORROBORATE_KEY_DIR].",
    ),
]


FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="Parse rules alone, without the attribution encoder: five to nine times faster, "
        "markedly less accurate (also CORROBORATE_FAST=1).",
    ),
]


def _version(show: bool) -> None:
    if show:
        out.print(f"corroborate {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Who alleges what, against whom, where, when, through which outlets - and how well
    it is corroborated."""


def _settings(store: str | None) -> Settings:
    return Settings.from_env().with_store(store)


def _open_current(store: str | None) -> Store:
    """An existing store, upgraded to the newest schema (an older one gains its Merkle nodes)."""
    handle = _open(store)
    handle.migrate()
    return handle


def _open(store: str | None, *, create: bool = False) -> Store:
    """The store, its schema current (``create``) or required, with its witness key when
    there is one here (``create`` makes one for a store that has none)."""
    settings = _settings(store)
    handle = Store(settings.store_url)
    if create:
        handle.migrate()
    else:
        handle.require_schema()
    handle.witness_key = open_key(handle, settings, create=create)
    return handle


def _existing(settings: Settings) -> Store | None:
    """The configured store if it exists (never created here), with its witness key."""
    url = settings.store_url
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    try:
        handle = Store(url)
        if handle.revision() is None:
            return None
        handle.witness_key = open_key(handle, settings)
    except (CorroborateError, SQLAlchemyError):
        return None
    return handle


@app.command()
def init(store: StoreOption = None) -> None:
    """Create the store (or upgrade its schema); safe to run again."""
    handle = _open(store, create=True)
    out.print(f"store ready at [bold]{handle.url}[/] (schema {handle.revision()})")
    key_path, made = ensure_keypair(_settings(store).key_dir)
    out.print(f"checkpoint key {'made' if made else 'kept'} at [bold]{escape(str(key_path))}[/]")
    render.witness_key(out, _settings(store), handle)


keys_app = typer.Typer(help="The witness key: identities are sealed with it, outside the store.")
app.add_typer(keys_app, name="keys")
app.add_typer(review_app, name="review")


@keys_app.command("rotate")
def keys_rotate(store: StoreOption = None) -> None:
    """Re-encrypt every sealed identity and testimony under a new key; retire the old one."""
    handle = _open(store)
    render.rotation(out, rotate_key(handle, _settings(store)))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (recursive).")],
    store: StoreOption = None,
    actor: Annotated[
        str, typer.Option(help="Who is ingesting, recorded in the ledger.")
    ] = "ingest",
) -> None:
    """Store files and every report read from them; exits 1 if any file failed."""
    settings = _settings(store)
    handle = _open(store, create=True)
    _with_progress(partial(ingest_paths, handle, paths, settings=settings, actor=actor))


@app.command("reread")
def reread_command(
    store: StoreOption = None,
    actor: Annotated[
        str, typer.Option(help="Who is rereading, recorded in the ledger.")
    ] = "reread",
) -> None:
    """Try every unread file again (after a reader improved); exits 1 if any stays unread."""
    settings = _settings(store)
    handle = _open(store)
    _with_progress(partial(reread, handle, settings=settings, actor=actor))


def _with_progress(work: Callable[..., Summary]) -> None:
    """Ingest with a progress bar and a summary; exit 1 unless every file was read whole."""
    with render.IngestProgress(out, err) as progress:
        summary = work(on_outcome=progress.outcome, on_total=progress.total)
    render.ingest_summary(out, summary)
    if not summary.ok:
        raise typer.Exit(1)


@app.command("verify")
def verify_command(
    store: StoreOption = None,
    expect_head: Annotated[
        str | None,
        typer.Option(help="A head hash recorded earlier; fails unless the chain extends it."),
    ] = None,
    checkpoint: CheckpointOption = None,
    key: KeyOption = None,
) -> None:
    """Recompute every hash; name each altered blob, report or ledger row; exit 1 if any.

    With --checkpoint, also check its signature and prove the log still extends it."""
    handle = _open_current(store)
    kept = _read_checkpoint(handle, checkpoint, key)[0] if checkpoint else None
    with render.spinner(out, "verifying") as tick:
        result = verify(handle, expect_head=expect_head, checkpoint=kept, progress=tick)
    render.verify_result(out, err, result)
    if not result.ok:
        raise typer.Exit(1)


@app.command("checkpoint")
def checkpoint_command(
    store: StoreOption = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write it here (and its verifier key to FILE.vkey)."),
    ] = None,
) -> None:
    """Sign the log's current size and root for a third party to keep; prints the key."""
    handle = _open_current(store)
    note, key = make_checkpoint(handle, _settings(store).key_dir)
    if output is None:
        typer.echo(note, nl=False)
        err.print(f"verifier key: {key}", highlight=False, soft_wrap=True)
        return
    vkey_path = output.with_name(output.name + ".vkey")
    output.write_text(note, encoding="utf-8")
    vkey_path.write_text(f"{key}\n", encoding="utf-8")
    render.checkpoint_written(out, output, vkey_path, str(key))


@app.command()
def prove(
    report_id: Annotated[str, typer.Argument(help="Report id or a unique prefix of one.")],
    store: StoreOption = None,
    checkpoint: CheckpointOption = None,
    key: KeyOption = None,
) -> None:
    """Print (JSON) the inclusion proof of the ledger row that vouches for a report."""
    handle = _open_current(store)
    kept, note = _read_checkpoint(handle, checkpoint, key) if checkpoint else (None, "")
    proof = prove_report(handle, report_id, checkpoint=kept, note=note)
    typer.echo(json.dumps(proof, indent=2, ensure_ascii=False))


def _read_checkpoint(handle: Store, path: Path, key: str | None) -> tuple[Checkpoint, str]:
    """A checkpoint file whose signature verifies by ``key`` (default: the store's own)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise IntegrityError(1, f"cannot read the checkpoint: {exc}", subject=str(path)) from exc
    return read_checkpoint(handle, text, _verifier(handle, key), subject=str(path)), text


def _verifier(handle: Store, key: str | None) -> VerifierKey:
    if key is None:
        return own_key(handle, Settings.from_env().key_dir)
    if Path(key).is_file():
        return parse_vkey(Path(key).read_text(encoding="utf-8"))
    return parse_vkey(key)


@app.command()
def status(store: StoreOption = None) -> None:
    """What the store holds and the head of its ledger."""
    handle = _open(store)
    render.status(out, handle.url, handle.counts(), handle.head(), handle.unread())


@app.command()
def show(
    report_id: Annotated[str, typer.Argument(help="Report or blob id, or a prefix of one.")],
    store: StoreOption = None,
) -> None:
    """Show a report: its fields, text and the ledger row that vouches for it."""
    handle = _open(store)
    matches = handle.find_reports(report_id)
    if not matches:
        raise NotFound(1, "no report with this id or prefix", subject=report_id)
    if len(matches) > 1 and not any(m.id.endswith(report_id) for m in matches):
        render.report_list(out, matches)
        return
    render.report(out, matches[0], handle)


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words that must all occur.")],
    store: StoreOption = None,
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 20,
) -> None:
    """Full-text search over report titles and texts."""
    handle = _open(store)
    render.hits(out, search_reports(handle, query, limit=limit))


@app.command("run")
def run_command(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories to ingest and analyse.")
    ],
    store: StoreOption = None,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for index.html and results.json.")
    ] = Path("corroborate-report"),
    fast: FastOption = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Extract on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786"
            " (needs the extra corroborate[cluster]) [env CORROBORATE_SCHEDULER].",
        ),
    ] = None,
) -> None:
    """The main job: ingest -> extract -> link -> grade, then a static HTML report."""
    settings = _settings(store).with_scheduler(scheduler, name="--scheduler")
    settings = replace(settings, fast=settings.fast or fast)
    handle = _open(store, create=True)
    render.place_index(err)
    with render.RunProgress(out, err) as progress:
        outcome = run_pipeline(
            handle,
            paths,
            settings=settings,
            progress=progress.stage,
            on_ingest=progress.outcome,
            on_total=progress.total,
            exclude=[out_dir],
        )
    pseudonyms = for_store(handle)
    index = write_report(outcome.results, out_dir, pseudonyms=pseudonyms)
    render.run_summary(out, pseudonyms.results(outcome.results), index)
    render.extraction_line(out, outcome.extracted, outcome.reused)
    render.skipped_line(out, outcome.ingest)
    failures = [o.error or o.source for o in outcome.ingest.failed]
    failures += [*outcome.ingest.skipped_items, *outcome.extract_failed]
    for failure in failures:  # with their paths, for the person running it
        line = escape(pseudonyms.text(failure))
        err.print(f"[red]error[/] {line}", highlight=False, soft_wrap=True)
    if not pseudonyms.complete:
        err.print(
            f"[yellow]warning[/] {escape(render.INCOMPLETE)}", highlight=False, soft_wrap=True
        )
    if not outcome.ingest.ok or outcome.extract_failed:
        raise typer.Exit(1)


@app.command("export", help=f"The latest run's results for other tools. {formats_help()}")
def export_cmd(
    format_name: FormatOption,
    out_path: OutOption,
    store: StoreOption = None,
    incident: IncidentOption = None,
    case: CaseOption = None,
    status: StatusOption = None,
) -> None:
    written = export_command(
        _open_current(store),
        format_name,
        out_path,
        incident or [],
        key_dir=_settings(store).key_dir,
        case=case,
        status=status,
    )
    out.print(f"wrote {escape(str(written))}", highlight=False)


class Format(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Files to read (any ingestible format).")],
    output_format: Annotated[
        Format, typer.Option("--format", "-f", help="jsonl: one JSON object per attribution.")
    ] = Format.table,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD) for relative times, if the file has none."
        ),
    ] = None,
    fast: FastOption = False,
    store: StoreOption = None,
) -> None:
    """Attributions and allegations in files, without a store; offsets index each report's text.

    Witnesses are printed as pseudonyms: those of the configured store when it exists
    (the same codes as its reports), else of a key made for this run alone."""
    settings = _settings(store)
    render.place_index(err)
    extractor = Extractor.load(encoder=not (fast or settings.fast))
    existing = _existing(settings)
    key = existing.secret("pseudonyms") if existing else secrets.token_hex(32)
    refs = known_refs(existing) if existing else {}
    failed = False
    for path in files:
        try:
            reports = read_file(path, settings=settings)
        except CorroborateError as error:
            err.print(f"[red]error[/] {escape(str(error))}", highlight=False, soft_wrap=True)
            failed = True
            continue
        if published:
            reports = [replace(r, published=r.published or published) for r in reports]
        pseudonyms = for_reports(reports, key, refs)
        for report, extraction in zip(reports, extractor.extract_reports(reports), strict=True):
            if output_format is Format.jsonl:
                for line in to_json(extraction):
                    row = {**line, "source": report.source_name, "item": report.item}
                    typer.echo(json.dumps(pseudonyms.apply(row), ensure_ascii=False))
            else:
                render.extraction(out, pseudonyms.apply(report), pseudonyms.apply(extraction))
    if failed:
        raise typer.Exit(1)


register_workspace(app, _open_current, _settings)


def main() -> None:
    """Entry point: run the app, turning project errors into one stderr line and exit 1."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except CorroborateError as error:
        err.print(f"[red]error[/] {escape(str(error))}", highlight=False, soft_wrap=True)
        raise SystemExit(1) from None
