"""2. Extract: Report -> Attributions and Allegations. Pure: storing is a separate step.

``Extractor.load()`` loads the bundled English pipeline once; ``extract(text)`` and
``extract_report(report)`` return an ``Extraction`` whose spans are character offsets into
the text given (a report's ``text``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from corroborate.extract.document import Extraction, extract_doc
from corroborate.extract.nlp import load_pipeline
from corroborate.extract.voices import add_voices
from corroborate.model import Report


class Extractor:
    """Runs the pipeline and the extraction rules over texts or reports."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls, model: str | None = None) -> Extractor:
        return cls(load_pipeline(model))

    def extract(
        self, text: str, *, published: str | None = None, report_id: str = ""
    ) -> Extraction:
        return extract_doc(self.nlp(text), report_id=report_id, published=published)

    def extract_report(self, report: Report) -> Extraction:
        doc = self.nlp(report.text)
        found = extract_doc(doc, report_id=report.id, published=report.published)
        return add_voices(doc, report, found)

    def extract_reports(
        self, reports: Iterable[Report], *, batch_size: int = 32, processes: int = 1
    ) -> Iterator[Extraction]:
        """Extract many reports, parsing in batches, optionally in several processes."""
        items = list(reports)
        docs = self.nlp.pipe((r.text for r in items), batch_size=batch_size, n_process=processes)
        for report, doc in zip(items, docs, strict=True):
            found = extract_doc(doc, report_id=report.id, published=report.published)
            yield add_voices(doc, report, found)


__all__ = ["Extraction", "Extractor"]
