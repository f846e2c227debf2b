"""Builders for what ``link`` hands over, made by hand: speakers, attributions and the
incidents that group their statements. The tests of results, reviews and kept runs lay their
own expected values over records built here."""

from __future__ import annotations

from collections.abc import Sequence

from corroborate.model import Attribution, Incident, Span, Speaker, Stance, Statement


def speaker(
    name: str,
    *,
    canonical: str | None = None,
    role: str | None = None,
    affiliation: str | None = None,
    unresolved: bool = False,
) -> Speaker:
    """A speaker named at the start of its sentence (canonically ``name`` unless given)."""
    return Speaker(
        Span(0, len(name), name),
        name if canonical is None else canonical,
        role=role,
        affiliation=affiliation,
        unresolved=unresolved,
    )


def attribution(
    report_id: str,
    who: Speaker,
    content: str,
    *,
    start: int = 0,
    cue: str | None = "said",
    cue_start: int = 0,
    via: tuple[str, ...] = (),
    certainty: float | None = None,
) -> Attribution:
    """``who`` said ``content`` (at ``start``) with ``cue`` (at ``cue_start``; ``None``: a
    continuation without a cue of its own), reported indirectly."""
    return Attribution(
        report_id,
        who,
        Span(cue_start, cue_start + len(cue), cue) if cue is not None else None,
        Span(start, start + len(content), content),
        direct=False,
        via=via,
        certainty=certainty,
    )


def one_incident(statements: Sequence[Statement]) -> Incident:
    """One incident of ``statements``: each allegation once, each report's first stance."""
    stances: dict[str, Stance] = {}
    for s in statements:
        stances.setdefault(s.report_id, s.stance)
    allegations = list(
        {id(s.allegation): s.allegation for s in statements if s.allegation}.values()
    )
    return Incident(allegations=allegations, statements=list(statements), report_stances=stances)
