"""``corroborate export``: the latest run's results in the formats other tools read."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from corroborate.export.catalog import FORMATS
from corroborate.export.context import load_context
from corroborate.export.formats import lookup
from corroborate.store import Store


def export_command(
    store: Store,
    format_name: str,
    out: Path,
    incidents: list[str],
    *,
    key_dir: Path | None = None,
    case: str | None = None,
    status: str | None = None,
) -> Path:
    """Write the export; returns where it went."""
    exporter = lookup(FORMATS, format_name)
    context = load_context(store, incidents=incidents, key_dir=key_dir, case=case, status=status)
    exporter.write(context, out)
    return out


FormatOption = Annotated[
    str,
    typer.Option("--format", "-f", help="Export format (see `corroborate export --help`)."),
]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="File or folder to write.")]
IncidentOption = Annotated[
    list[str] | None,
    typer.Option("--incident", "-i", help="Only this incident (id or unique prefix); repeat."),
]


CaseOption = Annotated[
    str | None,
    typer.Option("--case", "-c", help="Only the incidents with a report in this case."),
]
StatusOption = Annotated[
    str | None,
    typer.Option("--status", help="Only incidents of this status: draft, reviewed or published."),
]


def formats_help() -> str:
    lines = [f"{name}: {e.summary}" for name, e in sorted(FORMATS.items())]
    return "Formats - " + "; ".join(lines) if lines else "No export format is installed."
