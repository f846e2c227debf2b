"""What the pages show, computed from the service's records: pure functions, no I/O.

Statements are grouped by speaker with wire copies folded into the row of the statement
they copy ("and 6 copies"); a report's text is cut into plain and highlighted segments
(speaker, content) for the template to escape and mark up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from corroborate.export.results import IncidentJSON, StatementJSON


@dataclass
class Said:
    """One statement as shown, with the reports that only repeat it."""

    speaker: str
    party: str | None
    stance: str
    content: str
    types: list[str]
    time: str | None
    report_id: str
    copies: list[str] = field(default_factory=list)


@dataclass
class SpeakerGroup:
    speaker: str
    statements: list[Said]


def grouped_statements(incident: IncidentJSON) -> list[SpeakerGroup]:
    """Statements by speaker (most statements first), a statement made in a report that
    copies another folded into the original's row when both say the same thing."""
    copy_of = {r["id"]: r["copy_of"] for r in incident["reports"] if r["copy_of"]}
    rows: dict[tuple[str, str, str], Said] = {}
    folded: list[tuple[tuple[str, str, str], str]] = []
    for said in incident["statements"]:
        key = (said["speaker"], said["stance"], said["content"])
        if said["report_id"] in copy_of:
            folded.append((key, said["report_id"]))
            continue
        rows.setdefault(key, _said(said))
    for key, report_id in folded:
        if key in rows:
            rows[key].copies.append(report_id)
        else:  # the original is outside the incident: the copy stands on its own
            rows[key] = _said(incident_statement(incident, report_id, key))
    groups: dict[str, list[Said]] = {}
    for said_row in rows.values():
        groups.setdefault(said_row.speaker, []).append(said_row)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return [SpeakerGroup(speaker, statements) for speaker, statements in ordered]


def incident_statement(
    incident: IncidentJSON, report_id: str, key: tuple[str, str, str]
) -> StatementJSON:
    return next(
        s
        for s in incident["statements"]
        if s["report_id"] == report_id and (s["speaker"], s["stance"], s["content"]) == key
    )


def _said(said: StatementJSON) -> Said:
    return Said(
        speaker=said["speaker"],
        party=said["party"],
        stance=said["stance"],
        content=said["content"],
        types=list(said["types"]),
        time=said["time"],
        report_id=said["report_id"],
    )


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str  # "" (plain), "speaker" or "content"
    said: str = ""  # the id of the statement it marks ("" for plain text)


def highlighted(text: str, statements: list[dict[str, Any]]) -> list[Segment]:
    """``text`` cut into segments: each statement's content where it occurs, and its
    speaker's name where it occurs outside a content span; the rest plain."""
    marks: list[tuple[int, int, str, str]] = []
    for said in statements:
        _mark_all(text, said["content"], "content", str(said.get("id") or ""), marks)
    for said in statements:
        _mark_all(text, said["speaker"], "speaker", str(said.get("id") or ""), marks)
    segments: list[Segment] = []
    at = 0
    for start, end, kind, said_id in sorted(marks):
        if start > at:
            segments.append(Segment(text[at:start], ""))
        segments.append(Segment(text[start:end], kind, said_id))
        at = end
    if at < len(text):
        segments.append(Segment(text[at:], ""))
    return segments


def _mark_all(
    text: str, needle: str, kind: str, said: str, marks: list[tuple[int, int, str, str]]
) -> None:
    needle = needle.strip()
    if len(needle) < 2:
        return
    start = text.find(needle)
    while start != -1:
        end = start + len(needle)
        if not any(s < end and start < e for s, e, _, _ in marks):
            marks.append((start, end, kind, said))
        start = text.find(needle, end)
