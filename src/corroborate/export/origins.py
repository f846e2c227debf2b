"""What an origin is, and an incident's origins counted against its reports, in words.

Reports and origins are counted separately because they are different things: a report is
an item we ingested; an origin is a first source of the claim (a speaker, a body, a witness
or a document), which may be quoted inside a report. One report quoting two witnesses holds
two origins; three reports relaying one ministry statement hold one. So an incident may have
more origins than reports, or fewer, and ``origins_note`` says which and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from corroborate.export.results import OriginJSON

ORIGIN = (
    "an origin is a first source of a claim: a speaker, body, witness or document, which may "
    "be quoted inside a report; a report can quote several origins, and copies and "
    "re-reports of a statement count as a single origin"
)
KIND_WORDS = {
    "party": ("party source", "party sources"),
    "independent": ("independent source", "independent sources"),
    "witness": ("witness", "witnesses"),
    "documentary": ("document", "documents"),
    "unregistered": ("unregistered source", "unregistered sources"),
    "unknown": ("source of unknown kind", "sources of unknown kind"),
}
MAX_PARTS = 3


def count(number: int, one: str, many: str | None = None) -> str:
    """``count(1, "report")`` -> "1 report"; ``count(2, "witness", "witnesses")``."""
    return f"{number} {one if number == 1 else (many or one + 's')}"


def origins_note(origins: Sequence[OriginJSON], report_ids: Sequence[str]) -> str:
    """E.g. "3 origins in 2 reports: 2 witnesses quoted in a single report".

    The words avoid "one": a relayed witness may be known only as "one" ("one said"), and
    pseudonymisation then replaces the word wherever it stands."""
    head = f"{count(len(origins), 'origin')} in {count(len(report_ids), 'report')}"
    parts = _shared_reports(origins) + _relayed(origins) + _without_origin(origins, report_ids)
    if not parts:
        return head
    shown = parts[:MAX_PARTS] + (["…"] if len(parts) > MAX_PARTS else [])
    return f"{head}: {'; '.join(shown)}"


def _shared_reports(origins: Sequence[OriginJSON]) -> list[str]:
    """One part per report that quotes more than one origin, most origins first."""
    quoted = Counter(report_id for origin in origins for report_id in origin["report_ids"])
    busy = sorted(
        (report_id for report_id, n in quoted.items() if n > 1), key=lambda r: (-quoted[r], r)
    )
    return [
        f"{_kinds([o for o in origins if report_id in o['report_ids']])} quoted in a single report"
        for report_id in busy
    ]


def _relayed(origins: Sequence[OriginJSON]) -> list[str]:
    relayed = [o for o in origins if len(o["report_ids"]) > 1]
    if not relayed:
        return []
    most = max(len(o["report_ids"]) for o in relayed)
    carried = "several reports" if most > 2 else "two reports"
    return [f"{count(len(relayed), 'origin')} carried by {carried} (copies or re-reports)"]


def _without_origin(origins: Sequence[OriginJSON], report_ids: Sequence[str]) -> list[str]:
    traced = {report_id for origin in origins for report_id in origin["report_ids"]}
    silent = [r for r in report_ids if r not in traced]
    if not silent:
        return []
    reports = count(len(silent), "report")
    return [f"{reports} with no origin of the claim (denials or unnamed speakers only)"]


def _kinds(origins: Sequence[OriginJSON]) -> str:
    """ "2 witnesses and 1 party source" """
    kinds = Counter(origin["kind"] for origin in origins)
    ordered = sorted(kinds.items(), key=lambda item: (-item[1], item[0]))
    named = [count(n, *KIND_WORDS.get(kind, (kind, kind))) for kind, n in ordered]
    return named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
