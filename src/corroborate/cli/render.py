"""Rich rendering for the CLI: progress, tables, summaries. No logic lives here."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Self

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from corroborate.export.results import RunResults
from corroborate.extract import Extraction
from corroborate.ids import short
from corroborate.ingest import Outcome, Summary
from corroborate.model import Allegation, Report
from corroborate.settings import Settings
from corroborate.store import Store, VerifyResult
from corroborate.store.keys import Rotation, key_file
from corroborate.store.readings import Reading
from corroborate.store.search import Hit
from corroborate.taxonomy import geo

STAGE_NAMES = {
    "extract": "extracting",
    "link": "linking",
    "grade": "grading",
    "write": "writing",
}


class IngestProgress:
    """A progress bar over files; failures are printed as they happen, one line each."""

    def __init__(self, out: Console, err: Console) -> None:
        self.err = err
        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.fields[last]}"),
            console=out,
            transient=True,
        )
        self.task = self.progress.add_task("ingesting", total=None, last="")

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.progress.stop()

    def total(self, count: int) -> None:
        self.progress.update(self.task, total=count)

    def outcome(self, outcome: Outcome) -> None:
        self.progress.update(self.task, advance=1, last=escape(outcome.source[-50:]))
        console = self.progress.console
        if outcome.status == "failed":
            kept = " [dim](kept unread)[/]" if outcome.kept else ""
            console.print(
                f"[red]failed[/] {escape(outcome.error or '')}{kept}",
                highlight=False,
                soft_wrap=True,
            )
        for line in outcome.skipped_items:
            console.print(
                f"[yellow]item left out[/] {escape(line)}", highlight=False, soft_wrap=True
            )


def ingest_summary(out: Console, summary: Summary) -> None:
    stored, duplicate = summary.count("stored"), summary.count("duplicate")
    failed = summary.failed
    colour = "green" if summary.ok else "red"
    out.print(
        f"[{colour}]{stored} stored[/] ({summary.reports} reports), "
        f"{duplicate} duplicate, [{colour}]{len(failed)} failed[/]"
    )
    skipped_line(out, summary)
    for outcome in failed:
        out.print(f"  {escape(outcome.error or outcome.source)}", highlight=False, soft_wrap=True)
    if items := summary.skipped_items:
        out.print(f"[red]{len(items)} feed item(s) left out[/] (the rest of each feed stored)")
    if any(outcome.kept for outcome in summary.outcomes):
        out.print(
            "[dim]unread files are kept as evidence; `corroborate reread` tries them again[/]"
        )


def skipped_line(out: Console, summary: Summary) -> None:
    """``skipped 2 files: .docx (2)`` - formats no reader knows, kept unread."""
    by_suffix = summary.skipped_by_suffix()
    if not by_suffix:
        return
    kinds = ", ".join(f"{suffix or '(no suffix)'} ({n})" for suffix, n in by_suffix.most_common())
    count = sum(by_suffix.values())
    out.print(
        f"[yellow]skipped {count} file{'s' if count != 1 else ''}:[/] {escape(kinds)} "
        "[dim](no reader for the format; kept unread)[/]",
        highlight=False,
    )


@contextmanager
def spinner(out: Console, label: str) -> Iterator[Callable[[str], None]]:
    counts: dict[str, int] = {}
    with out.status(label) as status:

        def tick(stage: str) -> None:
            counts[stage] = counts.get(stage, 0) + 1
            if counts[stage] % 500 == 0:
                status.update(f"{label}: {stage} {counts[stage]}")

        yield tick


def verify_result(out: Console, err: Console, result: VerifyResult) -> None:
    scope = f"{result.ledger_rows} ledger rows, {result.blobs} blobs, {result.reports} reports"
    if result.ok:
        out.print(f"[green]verified[/] {scope}")
        if result.sealed:
            out.print(f"{result.sealed} sealed items: {result.sealed_note}")
        out.print(f"head #{result.head_seq} {result.head_hash}")
        out.print(f"root {result.tree_root} (Merkle tree of {result.ledger_rows} rows)")
        _verified_extras(out, result)
        return
    err.print(f"[red]{len(result.findings)} problem(s)[/] in {scope}:")
    for finding in result.findings:
        err.print(f"  {escape(str(finding))}", highlight=False, soft_wrap=True)


def _verified_extras(out: Console, result: VerifyResult) -> None:
    if result.expected_head_seq is not None:
        since = result.head_seq - result.expected_head_seq
        out.print(
            f"expected head is ledger #{result.expected_head_seq}; "
            f"the chain extends it by {since} row(s)"
        )
    if result.checkpoint_size is not None:
        out.print(
            f"[green]checkpoint #{result.checkpoint_size} holds[/]: signature checked, "
            f"consistency proof to #{result.head_seq} verified"
        )


def checkpoint_written(out: Console, path: Path, vkey_path: Path, vkey: str) -> None:
    out.print(f"checkpoint written to [bold]{escape(str(path))}[/]")
    out.print(f"verifier key written to [bold]{escape(str(vkey_path))}[/]:")
    out.print(escape(vkey), highlight=False, soft_wrap=True)


INCOMPLETE = (
    "[K007] the witness key is missing: testimonies appear under their codes, but mentions "
    "of witnesses in other reports cannot be found and pseudonymised; do not share this "
    "report (set CORROBORATE_KEY or restore the key file, then run again)"
)


def witness_key(out: Console, settings: Settings, store: Store) -> None:
    if settings.witness_key:
        out.print("witness key: from CORROBORATE_KEY")
    elif store.witness_key is not None:
        path = escape(str(key_file(store, settings.key_dir)))
        out.print(f"witness key: {path} (back it up; without it no witness can be named)")
    else:
        out.print("[yellow]witness key missing[/]: sealed witnesses cannot be read here")


def rotation(out: Console, done: Rotation) -> None:
    out.print(
        f"[green]rotated[/] {done.identities} identities and {done.blobs} testimony files "
        f"from {done.old_id} to {done.new_id}; the old key is retired"
    )
    out.print(f"witness key: {escape(str(done.key_file))}")


def _fields() -> Table:
    """A two-column name/value table whose values fold rather than lose characters."""
    table = Table(show_header=False, box=None)
    table.add_column(style="bold", no_wrap=True)
    table.add_column(overflow="fold")
    return table


def status(
    out: Console, url: str, counts: dict[str, int], head: tuple[int, str], unread: list[Reading]
) -> None:
    table = _fields()
    table.add_row("store", escape(url))
    for name in ("blobs", "reports", "ledger"):
        table.add_row(name, str(counts[name]))
    table.add_row("bytes", f"{counts['bytes']:,}")
    codes = Counter(reading.code or "?" for reading in unread)
    detail = f" ({', '.join(f'{c} {n}' for c, n in sorted(codes.items()))})" if codes else ""
    table.add_row("unread", f"{len(unread)}{detail}")
    table.add_row("head", f"#{head[0]} {head[1]}")
    out.print(table)
    for reading in unread:
        out.print(
            f"  [dim]unread[/] {escape(reading.error or reading.source)}",
            highlight=False,
            soft_wrap=True,
        )


def report_list(out: Console, reports: list[Report]) -> None:
    table = Table("id", "source", "item", "title")
    for report in reports:
        table.add_row(
            short(report.id), escape(report.source_name), report.item, escape(report.title or "")
        )
    out.print(table)


def report(out: Console, found: Report, store: Store) -> None:
    table = _fields()
    table.add_row("id", found.id)
    table.add_row("blob", found.blob_id)
    for name in (
        "source_name",
        "item",
        "media_type",
        "title",
        "published",
        "outlet",
        "author",
        "url",
        "language",
    ):
        value = getattr(found, name)
        if value:
            table.add_row(name, escape(str(value)))
    for key, value in found.meta:
        table.add_row(f"meta.{escape(key)}", escape(value))
    out.print(table)
    out.print(Panel(escape(found.text), title="text", title_align="left"))


def hits(out: Console, found: list[Hit]) -> None:
    if not found:
        out.print("no matches")
        return
    table = Table("id", "source", "snippet")
    table.columns[1].overflow = "fold"
    for hit in found:
        table.add_row(short(hit.report_id), escape(hit.source_name), escape(hit.snippet))
    out.print(table)


def extraction(out: Console, report: Report, found: Extraction) -> None:
    """Attributions of one report as a table, allegations beneath each."""
    title = f"{report.source_name}{' ' + report.item if report.item else ''}"
    table = Table("speaker", "cue", "content", "alleges", title=escape(title), show_lines=True)
    table.columns[2].overflow = "fold"
    by_attribution: dict[str, list[Allegation]] = {}
    for allegation in found.allegations:
        by_attribution.setdefault(allegation.attribution_id, []).append(allegation)
    for attribution in found.attributions:
        speaker = attribution.speaker
        who = f"{escape(speaker.canonical)}" + (
            f"\n[dim]{escape(speaker.role)}[/]" if speaker.role else ""
        )
        if speaker.span.text != speaker.canonical:
            who += f"\n[dim]as “{escape(speaker.span.text)}”[/]"
        if attribution.via:
            who += f"\n[dim]via {escape(', '.join(attribution.via))}[/]"
        cue = escape(attribution.cue.text) if attribution.cue else "[dim](continued)[/]"
        alleges = "\n".join(_allegation_line(a) for a in by_attribution.get(attribution.id, []))
        table.add_row(who, cue, escape(attribution.content.text), alleges)
    out.print(table)


def _allegation_line(allegation: Allegation) -> str:
    parts = [", ".join(allegation.violation_types)]
    if allegation.place:
        parts.append(f"at {allegation.place.canonical}")
    if allegation.time:
        parts.append(f"when {allegation.time.value or allegation.time.span.text}")
    for amount in allegation.amounts:
        parts.append(f"amount “{amount.span.text}”")
    if allegation.perpetrator:
        parts.append(f"by “{allegation.perpetrator.text}”")
    if allegation.victims:
        parts.append(f"against “{allegation.victims.text}”")
    return escape("; ".join(parts))


def place_index(err: Console) -> None:
    """The gazetteer index is built once per machine (minutes): show it, with a bar."""
    if geo.index_ready():
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), console=err) as progress:
        task = progress.add_task("building the place index (once per machine)", total=None)
        geo.ensure_index(lambda done, total: progress.update(task, completed=done, total=total))


class RunProgress(IngestProgress):
    """Ingest progress, then one bar per later stage (extract, link, grade, write), each
    with its own count and time remaining. Failures are listed after the run, when the
    witnesses are known and can be pseudonymised in them."""

    def __init__(self, out: Console, err: Console) -> None:
        super().__init__(out, err)
        self.stages: dict[str, TaskID] = {}

    def outcome(self, outcome: Outcome) -> None:
        self.progress.update(self.task, advance=1, last="")

    def stage(self, name: str, done: int, total: int) -> None:
        if name not in self.stages:
            self.stages[name] = self.progress.add_task(STAGE_NAMES.get(name, name), last="")
        self.progress.update(self.stages[name], completed=done, total=total)


def extraction_line(out: Console, extracted: int, reused: int) -> None:
    """How many reports this run extracted, and how many it found extracted in the store."""
    out.print(f"extracted {extracted} reports; {reused} read back from the store")


def run_summary(out: Console, results: RunResults, index: Path) -> None:
    counts = results["counts"]
    out.print(
        f"{counts['reports']} reports, {counts['attributions']} attributions, "
        f"{counts['allegations']} allegations, {counts['incidents']} incidents"
    )
    if results["failures"]:
        out.print(f"[red]{len(results['failures'])} file(s) or item(s) could not be read:[/]")
        for line in results["failures"]:
            out.print(f"  {escape(line)}", highlight=False, soft_wrap=True)
    table = Table("grade", "incident", "reports", "origins", title="incidents")
    for incident in results["incidents"][:20]:
        grade = incident["grade"]
        table.add_row(
            f"{grade['reliability']}{grade['credibility']}",
            escape(incident["label"]),
            str(len(incident["reports"])),
            str(len(incident["origins"])),
        )
    out.print(table)
    out.print(f"report: [bold]{escape(str(index))}[/]")
