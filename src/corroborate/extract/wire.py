"""The JSON Lines form of an extraction: one object per attribution (documented in
``docs/extract.md``). Offsets are character offsets into the report's text."""

from __future__ import annotations

from typing import TypedDict

from corroborate.extract.document import Extraction
from corroborate.model import Allegation, Amount, Attribution, Place, Span, TimeRef


class SpanJSON(TypedDict):
    text: str
    start: int
    end: int


class SpeakerJSON(SpanJSON):
    canonical: str
    role: str | None
    affiliation: str | None
    unresolved: bool  # names no one the text identifies: counted as no origin


class PlaceJSON(TypedDict):
    name: str
    canonical: str
    lat: float | None
    lon: float | None
    country: str | None
    geonames_id: int | None
    region: str | None
    resolved: bool
    start: int | None
    end: int | None


class TimeJSON(SpanJSON):
    value: str | None
    relative: bool


class AmountJSON(SpanJSON):
    low: float | None
    high: float | None
    unit: str | None


class AllegationJSON(TypedDict):
    type: list[str]
    perpetrator: SpanJSON | None
    victims: SpanJSON | None
    place: PlaceJSON | None
    time: TimeJSON | None
    amounts: list[AmountJSON]


class AttributionJSON(TypedDict):
    id: str
    report_id: str
    speaker: SpeakerJSON
    cue: SpanJSON | None
    content: SpanJSON
    direct: bool
    via: list[str]
    allegations: list[AllegationJSON]


def to_json(extraction: Extraction) -> list[AttributionJSON]:
    """One JSON object per attribution, with the allegations it makes."""
    by_attribution: dict[str, list[Allegation]] = {}
    for allegation in extraction.allegations:
        by_attribution.setdefault(allegation.attribution_id, []).append(allegation)
    return [_attribution(a, by_attribution.get(a.id, [])) for a in extraction.attributions]


def _span(span: Span | None) -> SpanJSON | None:
    return None if span is None else {"text": span.text, "start": span.start, "end": span.end}


def _attribution(attribution: Attribution, allegations: list[Allegation]) -> AttributionJSON:
    speaker = attribution.speaker
    return {
        "id": attribution.id,
        "report_id": attribution.report_id,
        "speaker": {
            "text": speaker.span.text,
            "start": speaker.span.start,
            "end": speaker.span.end,
            "canonical": speaker.canonical,
            "role": speaker.role,
            "affiliation": speaker.affiliation,
            "unresolved": speaker.unresolved,
        },
        "cue": _span(attribution.cue),
        "content": {
            "text": attribution.content.text,
            "start": attribution.content.start,
            "end": attribution.content.end,
        },
        "direct": attribution.direct,
        "via": list(attribution.via),
        "allegations": [_allegation(a) for a in allegations],
    }


def _allegation(allegation: Allegation) -> AllegationJSON:
    return {
        "type": list(allegation.violation_types),
        "perpetrator": _span(allegation.perpetrator),
        "victims": _span(allegation.victims),
        "place": _place(allegation.place),
        "time": _time(allegation.time),
        "amounts": [_amount(a) for a in allegation.amounts],
    }


def _place(place: Place | None) -> PlaceJSON | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "canonical": place.canonical,
        "lat": place.lat,
        "lon": place.lon,
        "country": place.country,
        "geonames_id": place.geonames_id,
        "region": place.region,
        "resolved": place.resolved,
        "start": place.span.start if place.span else None,
        "end": place.span.end if place.span else None,
    }


def _time(time: TimeRef | None) -> TimeJSON | None:
    if time is None:
        return None
    return {**_plain(time.span), "value": time.value, "relative": time.relative}


def _amount(amount: Amount) -> AmountJSON:
    return {**_plain(amount.span), "low": amount.low, "high": amount.high, "unit": amount.unit}


def _plain(span: Span) -> SpanJSON:
    return {"text": span.text, "start": span.start, "end": span.end}
