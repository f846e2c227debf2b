"""The built-in export formats, by name (each module defines its ``EXPORTER``)."""

from __future__ import annotations

from corroborate.export.formats import Exporter, table

FORMATS: dict[str, Exporter] = table()
