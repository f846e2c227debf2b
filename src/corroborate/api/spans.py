"""Attributions as character spans of a report's text as served.

Extraction's offsets index the stored text; the text served is pseudonymised (and, with the
witness-identities grant, revealed again), which moves every offset after a replaced
mention. The spans are carried through the same replacements (``export.rewrite``), so
``text[start:end]`` of what is served is always the served form of the span's words.
"""

from __future__ import annotations

from collections.abc import Iterable

from corroborate.api.models import AttributionSpans, Mark, MarkKind, TextSpan
from corroborate.export.rewrite import Rewrite
from corroborate.model import Span, Statement

MARKS: tuple[MarkKind, ...] = ("perpetrator", "victims", "place", "time")


def attribution_spans(statements: Iterable[Statement], served: Rewrite) -> list[AttributionSpans]:
    """One entry per statement (its id once, its allegations' marks together), in text order."""
    found: dict[str, AttributionSpans] = {}
    for statement in statements:
        attribution = statement.attribution
        entry = found.get(attribution.key)
        if entry is None:
            cue = attribution.cue
            entry = found[attribution.key] = AttributionSpans(
                statement_id=attribution.key,
                speaker=_mapped(attribution.speaker.span, served),
                cue=_mapped(cue, served) if cue is not None else None,
                content=_mapped(attribution.content, served),
                marks=[],
                certainty=attribution.certainty,
            )
        for kind, span in _marks(statement):
            mark = Mark(kind=kind, **_mapped(span, served).model_dump())
            if mark not in entry.marks:
                entry.marks.append(mark)
    return sorted(found.values(), key=lambda e: (e.content.start, e.content.end, e.statement_id))


def _marks(statement: Statement) -> list[tuple[MarkKind, Span]]:
    allegation = statement.allegation
    if allegation is None:
        return []
    spans: dict[MarkKind, Span | None] = {
        "perpetrator": allegation.perpetrator,
        "victims": allegation.victims,
        "place": allegation.place.span if allegation.place else None,
        "time": allegation.time.span if allegation.time else None,
    }
    return [
        (kind, span)
        for kind in MARKS
        if (span := spans[kind]) is not None and span.end > span.start
    ]


def _mapped(span: Span, served: Rewrite) -> TextSpan:
    return TextSpan(start=served.start(span.start), end=served.end(span.end))
