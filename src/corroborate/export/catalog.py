"""The built-in export formats, by name (each module defines its ``EXPORTER``)."""

from __future__ import annotations

from corroborate.export import acled, bag, claimreview, dossier, ftm, provenance
from corroborate.export.formats import Exporter, table

FORMATS: dict[str, Exporter] = table(
    acled.EXPORTER,
    claimreview.EXPORTER,
    ftm.EXPORTER,
    provenance.EXPORTER,
    bag.EXPORTER,
    dossier.EXPORTER,
)
