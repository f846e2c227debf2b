"""Statements that have no speech verb: testimonies, and a report's own voice.

* A testimony (a CSV row with a ``witness`` column, or any report whose metadata names a
  witness) is the witness's first-hand account: the whole text is one direct statement.
* A report that documents in its own voice (an NGO field note: "Residents were detained")
  states what it alleges itself: each paragraph naming a violation that no attribution
  covers becomes a statement by the report's author or outlet; so does what its "we"
  says outside quotation marks ("We have documented …").
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from corroborate.extract.attribution.outlets import report_outlet
from corroborate.extract.certainty import SHAPES
from corroborate.extract.document import Extraction, allegation_for
from corroborate.extract.facts.places import find_places, places_of
from corroborate.extract.facts.violations import classify
from corroborate.extract.spans import char_span, text_of
from corroborate.model import Attribution, Report, Span, Speaker

WITNESS_ROLE = "witness (testimony)"
AUTHOR_ROLE = "author of the report"
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def add_voices(doc: Doc, report: Report, found: Extraction) -> Extraction:
    """The extraction with testimony and own-voice statements added."""
    meta = dict(report.meta)
    if meta.get("witness"):
        return _testimony(doc, report, meta["witness"])
    found = _first_person(report, found)
    own = _own_voice(doc, report, found)
    if not own:
        return found
    places = places_of(doc)
    allegations = [a for a in (allegation_for(doc, x, places, report.published) for x in own) if a]
    return Extraction(
        found.report_id, found.attributions + tuple(own), found.allegations + tuple(allegations)
    )


FIRST_PERSON = frozenset({"we", "i", "us"})


def _first_person(report: Report, found: Extraction) -> Extraction:
    """A report's "we" outside quotation marks is its author (an NGO's alert: "We are
    alarmed by reports that …"); inside quotes it is whoever is quoted, left unresolved."""
    author = report.outlet or report.author
    if not author:
        return found
    attributions = tuple(
        replace(a, speaker=Speaker(a.speaker.span, author, AUTHOR_ROLE))
        if a.speaker.unresolved and not a.direct and a.speaker.span.text.lower() in FIRST_PERSON
        else a
        for a in found.attributions
    )
    return replace(found, attributions=attributions)


def _testimony(doc: Doc, report: Report, witness: str) -> Extraction:
    content = char_span(doc, 0, len(text_of(doc)), keep_quotes=True) or Span(
        0, len(text_of(doc)), text_of(doc)
    )
    speaker = Speaker(Span(0, 0, ""), witness, WITNESS_ROLE)
    attribution = Attribution(
        report.id, speaker, None, content, True, certainty=SHAPES["testimony"]
    )
    place_hint = dict(report.meta).get("place")
    # the testimony's own place column says where it happened; places in the text may be
    # where people were taken, so they only count when the column names none
    hinted = find_places(place_hint) if place_hint else []
    place = replace(hinted[0], span=None) if hinted else None
    allegation = allegation_for(doc, attribution, places_of(doc), report.published, place=place)
    return Extraction(report.id, (attribution,), (allegation,) if allegation else ())


def _own_voice(doc: Doc, report: Report, found: Extraction) -> list[Attribution]:
    author = report_outlet(report) or report.author
    if not author:
        return []
    covered = [(a.content.start, a.content.end) for a in found.attributions]
    covered += [(a.speaker.span.start, a.speaker.span.end) for a in found.attributions]
    speaker = Speaker(Span(0, 0, ""), author, AUTHOR_ROLE)
    statements = []
    for match in PARAGRAPH.finditer(text_of(doc)):
        start, end = match.span()
        if any(a < end and start < b for a, b in covered) or not classify(match.group()):
            continue
        content = char_span(doc, start, end, keep_quotes=True)
        if content is not None:
            statements.append(
                Attribution(report.id, speaker, None, content, False, certainty=SHAPES["own_voice"])
            )
    return statements
