"""The typed data model every stage imports; nothing else defines a domain record."""

from __future__ import annotations

from corroborate.model.records import (
    CONTACT_KEYS,
    IDENTITY_KEYS,
    IDS_KEPT,
    PERSON_KEYS,
    Allegation,
    Amount,
    Attribution,
    Grade,
    Incident,
    Origin,
    OriginKind,
    Outlet,
    Place,
    Report,
    ReviewEvent,
    Span,
    Speaker,
    TimeRef,
    event_day,
    statement_key,
)

__all__ = [
    "CONTACT_KEYS",
    "IDENTITY_KEYS",
    "IDS_KEPT",
    "PERSON_KEYS",
    "Allegation",
    "Amount",
    "Attribution",
    "Grade",
    "Incident",
    "Origin",
    "OriginKind",
    "Outlet",
    "Place",
    "Report",
    "ReviewEvent",
    "Span",
    "Speaker",
    "TimeRef",
    "event_day",
    "statement_key",
]
