"""The export formats: ``corroborate export --format NAME``.

Each format is a module of ``export/`` that defines one :class:`Exporter` (``EXPORTER``): a
name, what it writes (one file, or a folder), a one-line description, and
``write(context, out)``. ``export/catalog.py`` lists the built-in ones; the CLI and the
service find formats there alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from corroborate.errors import ConfigError
from corroborate.export.context import ExportContext


@dataclass(frozen=True, slots=True)
class Exporter:
    name: str  # e.g. "acled"
    writes: Literal["file", "folder"]
    suffix: str  # the usual file suffix (".csv"), or "" for a folder
    summary: str  # one line, for --help and docs/exports.md
    write: Callable[[ExportContext, Path], None]


def table(*exporters: Exporter) -> dict[str, Exporter]:
    """Formats by name; two with one name is a programming error caught at import."""
    found: dict[str, Exporter] = {}
    for exporter in exporters:
        if exporter.name in found:
            raise ConfigError(30, f"two export formats are named {exporter.name!r}")
        found[exporter.name] = exporter
    return found


def lookup(formats: Mapping[str, Exporter], name: str) -> Exporter:
    try:
        return formats[name]
    except KeyError:
        known = ", ".join(sorted(formats)) or "none"
        raise ConfigError(31, f"no export format {name!r} (known: {known})") from None
