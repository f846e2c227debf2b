"""The typed data model every stage imports; nothing else defines a record the stages
exchange. Records are frozen dataclasses (an incident and an origin are filled in as they
are built); their ids are content-derived (``ids.make_id``).

Flow of records through the pipeline::

    bytes --1 ingest--> Report --2 extract--> Attribution, Allegation
          --3 link--> Statement (with its Stance), Incident, Copy, Linked
          --4 grade--> Claim, Denial -> Origin, Grade --5 review--> ReviewEvent

``records`` holds reports, what extraction reads in them and review events; ``links`` what
linking hands on; ``grades`` what grading reads and gives. Import them from here.
"""

from __future__ import annotations

from corroborate.model.grades import Claim, Denial, Grade, Origin, OriginKind
from corroborate.model.links import AGAINST, Copy, Incident, Linked, Stance, Statement
from corroborate.model.records import (
    CONTACT_KEYS,
    IDENTITY_KEYS,
    IDS_KEPT,
    PERSON_KEYS,
    Allegation,
    Amount,
    Attribution,
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
    "AGAINST",
    "CONTACT_KEYS",
    "IDENTITY_KEYS",
    "IDS_KEPT",
    "PERSON_KEYS",
    "Allegation",
    "Amount",
    "Attribution",
    "Claim",
    "Copy",
    "Denial",
    "Grade",
    "Incident",
    "Linked",
    "Origin",
    "OriginKind",
    "Outlet",
    "Place",
    "Report",
    "ReviewEvent",
    "Span",
    "Speaker",
    "Stance",
    "Statement",
    "TimeRef",
    "event_day",
    "statement_key",
]
