"""Time expressions, absolute or relative to the report's publication date.

"12 April 2022", "April 12", "2022-04-12", "in April", "on Monday", "last Tuesday",
"yesterday", "two days ago", "last week". Relative expressions resolve only when the
publication date is known; otherwise their value stays ``None`` (never guessed).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from corroborate.extract.facts.numbers import word_number
from corroborate.model import Span, TimeRef
from corroborate.taxonomy.words import word_list

BACKGROUND_YEARS = 5  # reports document events of recent years; older ones are history
MONTHS = {
    m: i
    for i, m in enumerate(
        word_list("numbers", "months"),
        start=1,
    )
}
MONTHS |= {name[:3]: number for name, number in list(MONTHS.items())} | {"sept": 9}
WEEKDAYS = {d: i for i, d in enumerate(word_list("numbers", "weekdays"))}
MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october|november"
    r"|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>\d\d)-(?P<day>\d\d)\b")),
    (
        "dmy",
        re.compile(
            r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + MONTH
            + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b"
            + MONTH
            + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    (
        "my",
        re.compile(
            r"\b(?:(?:in|since|during|from|until|by)\s+(?:(?:early|late|mid)[- ]?)?"
            r"|(?:early|late|mid)[- ]?)" + MONTH + r"(?:\s+(?P<year>(?:19|20)\d\d))?\b",
            re.I,
        ),
    ),
    ("ago", re.compile(r"\b(?P<count>\w+|\d+)\s+(?P<unit>days?|weeks?|months?)\s+ago\b", re.I)),
    (
        "lastday",
        re.compile(
            r"\b(?P<which>last|this|on|past)\s+(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<word>yesterday|today|tonight|last night|last week|this week|last month"
            r"|this month|earlier this (?:week|month))\b",
            re.I,
        ),
    ),
)


def find_times(
    text: str, published: str | None, start: int = 0, end: int | None = None
) -> list[TimeRef]:
    """Time expressions in ``text[start:end]``, in order, resolved where possible."""
    anchor = _parse_date(published)
    stop = len(text) if end is None else end
    found: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text, start, stop):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            value, relative = _resolve(kind, match, anchor)
            if kind == "ago" and word_number(match.group("count")) is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(TimeRef(Span(match.start(), match.end(), match.group()), value, relative))
    return sorted(found, key=lambda t: t.span.start)


def event_time(
    times: list[TimeRef], sentence: Span | None, published: str | None
) -> TimeRef | None:
    """The event's own date: the first time in the sentence of the act that makes the
    allegation, else the first in its content; never a year of background (more than
    ``BACKGROUND_YEARS`` before publication)."""
    current = [t for t in times if not (t.value and old_year(int(t.value[:4]), published))]
    if sentence is not None:
        inside = [t for t in current if sentence.start <= t.span.start < sentence.end]
        if inside:
            return inside[0]
    return current[0] if current else None


def old_year(year: int, published: str | None) -> bool:
    """Whether a year lies more than ``BACKGROUND_YEARS`` before the publication year."""
    anchor = _parse_date(published)
    return anchor is not None and year < anchor.year - BACKGROUND_YEARS


def _parse_date(published: str | None) -> date | None:
    if not published:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _resolve(kind: str, match: re.Match[str], anchor: date | None) -> tuple[str | None, bool]:
    groups = match.groupdict()
    if kind == "iso":
        try:
            return date(
                int(groups["year"] or 0), int(groups["mon"] or 0), int(groups["day"] or 0)
            ).isoformat(), False
        except ValueError:
            return None, False  # "2022-13-45" is written, but is no date
    if kind in ("dmy", "mdy", "my"):
        return _calendar(groups, anchor)
    if anchor is None:
        return None, True
    if kind == "ago":
        return _ago(groups, anchor), True
    if kind == "lastday":
        return _weekday(groups, anchor), True
    return _deictic(groups["word"].lower(), anchor), True


def _calendar(groups: dict[str, str | None], anchor: date | None) -> tuple[str | None, bool]:
    month = MONTHS[(groups["month"] or "").lower().rstrip(".")]
    year = int(groups["year"] or 0) or None
    relative = year is None
    if year is None:
        if anchor is None:
            return None, True
        year = anchor.year if month <= anchor.month else anchor.year - 1
    if groups.get("day"):
        try:
            return date(year, month, int(groups["day"] or 0)).isoformat(), relative
        except ValueError:
            return None, relative
    return f"{year:04d}-{month:02d}", relative


def _ago(groups: dict[str, str | None], anchor: date) -> str | None:
    count = word_number(groups["count"] or "")
    if count is None:
        return None
    unit = (groups["unit"] or "").lower().rstrip("s")
    if unit == "day":
        return (anchor - timedelta(days=int(count))).isoformat()
    if unit == "week":
        return (anchor - timedelta(weeks=int(count))).isoformat()
    months = anchor.year * 12 + anchor.month - 1 - int(count)
    return f"{months // 12:04d}-{months % 12 + 1:02d}"


def _weekday(groups: dict[str, str | None], anchor: date) -> str:
    target = WEEKDAYS[(groups["weekday"] or "").lower()]
    back = (anchor.weekday() - target) % 7
    if back == 0 and (groups["which"] or "").lower() in ("last", "past"):
        back = 7
    return (anchor - timedelta(days=back)).isoformat()


def _deictic(word: str, anchor: date) -> str:
    if word in ("today", "tonight"):
        return anchor.isoformat()
    if word in ("yesterday", "last night"):
        return (anchor - timedelta(days=1)).isoformat()
    if word in ("last week",):
        start = anchor - timedelta(days=anchor.weekday() + 7)
        return f"{start.isoformat()}/{(start + timedelta(days=6)).isoformat()}"
    if word in ("this week", "earlier this week"):
        start = anchor - timedelta(days=anchor.weekday())
        return f"{start.isoformat()}/{anchor.isoformat()}"
    if word == "last month":
        months = anchor.year * 12 + anchor.month - 2
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{anchor.year:04d}-{anchor.month:02d}"
