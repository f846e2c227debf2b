"""5b. Export: the run's results in the forms users read and share (JSON, static HTML).

The wire form of ``results.json`` (``results``: one ``TypedDict`` per object) and what an
origin is, in the words the results give (``ORIGIN``, ``origins_note``), are exported here
for the run's assembly (``corroborate.results``), which imports this package, never its
modules.
"""

from __future__ import annotations

from corroborate.export.origins import ORIGIN, origins_note
from corroborate.export.results import (
    GradeJSON,
    IncidentJSON,
    OriginJSON,
    OrphanJSON,
    PlaceJSON,
    ReportRefJSON,
    ReviewsJSON,
    RunResults,
    StatementJSON,
)

__all__ = [
    "ORIGIN",
    "GradeJSON",
    "IncidentJSON",
    "OriginJSON",
    "OrphanJSON",
    "PlaceJSON",
    "ReportRefJSON",
    "ReviewsJSON",
    "RunResults",
    "StatementJSON",
    "origins_note",
]
