"""A learned attribution tagger: source, cue and content spans read off the text.

``attribution_model/`` is a spaCy pipeline (its own tok2vec and a span tagger with the labels
SOURCE, CUE and CONTENT) trained by ``training/attribution/train.sh`` on the PolNeAR training
split. It runs on its own copy of the text, so the main pipeline's entities are untouched.
``relations`` then groups the tagged spans into attributions: every content and source span
goes to the nearest cue in its paragraph; a cue keeps the nearest source and all its content
fragments (“A,” he said, “B.” is one statement in two pieces).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from corroborate.errors import ExtractionError
from corroborate.model import Span

BUNDLED = Path(__file__).with_name("attribution_model")
LABELS = ("SOURCE", "CUE", "CONTENT")
KEY = "corroborate.attribution"
REACH = 400  # characters between a cue and a span of its statement, at most


@dataclass(frozen=True, slots=True)
class Tagged:
    """One attribution assembled from tagged spans: the source may be missing."""

    source: Span | None
    cue: Span
    content: tuple[Span, ...]


@cache
def load_tagger(path: Path = BUNDLED) -> Language:
    """The shipped attribution tagger, loaded once per process."""
    try:
        return spacy.load(path)
    except (OSError, ValueError, ImportError) as exc:
        raise ExtractionError(
            3, f"cannot load the attribution tagger ({exc})".splitlines()[0], subject=str(path)
        ) from exc


def tagged_spans(doc: Doc) -> list[tuple[str, Span]]:
    """The tagger's spans for a document of the main pipeline: those its
    ``corroborate_attribution`` component recorded, else tagged now."""
    found = doc.user_data.get(KEY)
    if found is None:
        found = doc.user_data[KEY] = _found(load_tagger()(doc.text))
    return _spans(doc.text, found)


def _found(tagged: Doc) -> list[tuple[str, int, int]]:
    """Plain tuples, so that they travel with the Doc between processes."""
    return [
        (e.label_, e.start_char, e.end_char)
        for e in tagged.ents
        if e.label_ in LABELS and e.text.strip()
    ]


def _spans(text: str, found: list[tuple[str, int, int]]) -> list[tuple[str, Span]]:
    return [(label, Span(start, end, text[start:end])) for label, start, end in found]


class AttributionComponent:
    """Runs the tagger inside the main pipeline, in batches and in its worker processes."""

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[KEY] = _found(load_tagger()(doc.text))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):  # type: ignore[no-untyped-call]
            tagged = load_tagger().pipe((d.text for d in batch), batch_size=batch_size)
            for doc, found in zip(batch, tagged, strict=True):
                doc.user_data[KEY] = _found(found)
                yield doc


@Language.factory("corroborate_attribution")
def make_attribution_component(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent()


def relations(text: str, spans: list[tuple[str, Span]]) -> list[Tagged]:
    """Group tagged spans into attributions (pure: offsets in, offsets out)."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]

    def paragraph(position: int) -> int:
        return bisect.bisect_right(breaks, position)

    cues = [s for label, s in spans if label == "CUE"]
    if not cues:
        return []
    owned: dict[int, dict[str, list[Span]]] = {
        i: {"SOURCE": [], "CONTENT": []} for i in range(len(cues))
    }
    for label, span in spans:
        if label == "CUE":
            continue
        best = _nearest(span, cues, paragraph)
        if best is not None:
            owned[best][label].append(span)
    found = []
    for i, cue in enumerate(cues):
        contents = sorted(owned[i]["CONTENT"], key=lambda s: s.start)
        if not contents:
            continue
        sources = sorted(owned[i]["SOURCE"], key=lambda s: _distance(s, cue))
        found.append(Tagged(sources[0] if sources else None, cue, tuple(contents)))
    return found


def _nearest(span: Span, cues: list[Span], paragraph: Callable[[int], int]) -> int | None:
    """The index of the cue closest to ``span`` in the same paragraph, within ``REACH``."""
    here = {paragraph(span.start), paragraph(max(span.start, span.end - 1))}
    candidates = [
        (_distance(span, cue), i) for i, cue in enumerate(cues) if paragraph(cue.start) in here
    ]
    candidates = [c for c in candidates if c[0] <= REACH]
    return min(candidates)[1] if candidates else None


def _distance(a: Span, b: Span) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))
