"""2. Extract: Report -> Attributions and Allegations. Pure: storing is a separate step.

``Extractor.load()`` loads the bundled English pipeline once; ``extract(text)`` and
``extract_report(report)`` return an ``Extraction`` whose spans are character offsets into
the text given (a report's ``text``). Texts are parsed name-blind (``blind``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from corroborate.errors import ExtractionError
from corroborate.extract.attribution.outlets import report_outlet
from corroborate.extract.batches import StageTimes, extract_batch, extract_in_processes
from corroborate.extract.blind import parse
from corroborate.extract.document import Extraction, extract_doc
from corroborate.extract.facts.deaths import fewest_dead
from corroborate.extract.models.nlp import load_pipeline
from corroborate.extract.voices import AUTHOR_ROLE, WITNESS_ROLE, add_voices
from corroborate.model import Report

# A report longer than this is not extracted (error E004): parsing cost and memory grow with
# the length of one document, and a text this long is a dump, not a report. Split it first.
MAX_CHARS = 200_000


def _too_long(text: str, subject: str) -> ExtractionError | None:
    if len(text) <= MAX_CHARS:
        return None
    return ExtractionError(
        4,
        f"report too long to extract ({len(text):,} characters; the limit is {MAX_CHARS:,}):"
        " split it into smaller documents",
        subject=subject,
    )


def _name(report: Report) -> str:
    """The report as a person finds it: its file, and the item inside it."""
    return f"{report.source_name} {report.item}".strip()


class Extractor:
    """Runs the pipeline and the extraction rules over texts or reports."""

    def __init__(self, nlp: Language, *, encoder: bool = True) -> None:
        self.nlp = nlp
        self.encoder = encoder  # False: the parse rules alone, much faster, less accurate

    @classmethod
    def load(cls, model: str | None = None, *, encoder: bool = True) -> Extractor:
        return cls(load_pipeline(model), encoder=encoder)

    def extract(
        self, text: str, *, published: str | None = None, report_id: str = ""
    ) -> Extraction:
        error = _too_long(text, report_id or "text")
        if error is not None:
            raise error
        [doc] = parse(self.nlp, [text])
        return extract_doc(doc, report_id=report_id, published=published, encoder=self.encoder)

    def extract_report(self, report: Report) -> Extraction:
        error = _too_long(report.text, _name(report))
        if error is not None:
            raise error
        [doc] = parse(self.nlp, [report.text])
        found = extract_doc(
            doc, report_id=report.id, published=report.published, encoder=self.encoder
        )
        return add_voices(doc, report, found)

    def extract_reports(
        self,
        reports: Iterable[Report],
        *,
        batch_size: int = 16,
        processes: int = 1,
        times: StageTimes | None = None,
    ) -> Iterator[Extraction]:
        """Extract many reports in batches, optionally in several processes (see
        ``batches``). A report that cannot be extracted (too long) yields an empty
        ``Extraction`` whose ``error`` says why, in its place. ``times``, if given, gathers
        the seconds spent parsing, tagging and reading."""
        items = list(reports)
        errors = {r.id: e for r in items if (e := _too_long(r.text, _name(r))) is not None}
        valid = [r for r in items if r.id not in errors]
        batches = [valid[i : i + batch_size] for i in range(0, len(valid), batch_size)]
        spent = times if times is not None else StageTimes()
        if processes > 1 and len(batches) > 1:
            found = extract_in_processes(
                self.nlp, batches, encoder=self.encoder, processes=processes, times=spent
            )
        else:
            found = (extract_batch(self.nlp, b, encoder=self.encoder, times=spent) for b in batches)
        done = iter(e for batch in found for e in batch)
        for report in items:
            error = errors.get(report.id)
            yield Extraction(report.id, (), (), error=str(error)) if error else next(done)


__all__ = [
    "AUTHOR_ROLE",
    "MAX_CHARS",
    "WITNESS_ROLE",
    "Extraction",
    "Extractor",
    "StageTimes",
    "fewest_dead",
    "report_outlet",
]
