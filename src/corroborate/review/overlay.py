"""Analysts' decisions laid over a run's machine output (pure: events in, decisions out).

Machine output is recomputed on every run; the reviews are replayed on top of it, in ledger
order, before grading. Statement decisions are keyed by the statement's stable id
(``model.statement_key``), report decisions by the report id, and incident decisions by the
statements the incident held when the analyst decided (``statements`` in the payload): an
incident is found again as the group of this run sharing the most of them. A decision whose
target cannot be found in this run is *orphaned*: listed, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from corroborate.model import ReviewEvent

STATEMENT_FIELDS = {
    "correct_speaker": "speaker",
    "correct_party": "party",
    "correct_kind": "kind",
    "correct_stance": "stance",
    "correct_types": "types",
    "correct_place": "place",
    "correct_time": "time",
}
VERDICTS = ("confirm", "reject")
COPIES = ("mark_copy", "unmark_copy")
GROUPING = ("merge", "split", "move")
PHRASES = {
    "confirm": "statement confirmed",
    "reject": "statement rejected",
    "correct_speaker": "speaker corrected",
    "correct_party": "speaker's party corrected",
    "correct_kind": "speaker's kind corrected",
    "correct_stance": "stance corrected",
    "correct_types": "violation types corrected",
    "correct_place": "place corrected",
    "correct_time": "time corrected",
    "mark_copy": "wire copy marked",
    "unmark_copy": "wire copy unmarked",
    "merge": "incidents merged",
    "split": "incident split",
    "move": "statement moved",
    "status": "status set",
}


def ids(value: str) -> list[str]:
    """Ids as a payload carries them: separated by spaces."""
    return value.split()


@dataclass(slots=True)
class Group:
    """One incident of this run, as the stable ids of its statements, and the incident-level
    decisions that shaped it."""

    keys: list[str]
    events: list[ReviewEvent] = field(default_factory=list)
    status: str = "draft"


@dataclass(slots=True)
class Overlay:
    """The decisions of ``events`` (oldest first), ready to apply to one run."""

    events: Sequence[ReviewEvent]
    applied: set[int] = field(default_factory=set)  # seqs of decisions found in this run
    by_target: dict[str, list[ReviewEvent]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for event in self.events:
            self.by_target.setdefault(event.target, []).append(event)

    def corrections(self, key: str) -> dict[str, ReviewEvent]:
        """The latest correction of each field of a statement."""
        found = {}
        for event in self._about(key, tuple(STATEMENT_FIELDS)):
            found[STATEMENT_FIELDS[event.action]] = event
        return found

    def verdict(self, key: str) -> str | None:
        """``confirm`` or ``reject``: the latest verdict on a statement, if any."""
        latest = self._about(key, VERDICTS)
        return latest[-1].action if latest else None

    def copy(self, report_id: str) -> ReviewEvent | None:
        """The latest wire-copy decision on a report."""
        latest = self._about(report_id, COPIES)
        return latest[-1] if latest else None

    def regroup(self, groups: Sequence[Sequence[str]]) -> list[Group]:
        """The machine's incidents (as statement ids) after merges, splits and moves, in
        ledger order, then with their statuses (and incident notes found)."""
        result = [Group(list(dict.fromkeys(keys))) for keys in groups]
        for event in self.events:
            if event.action in GROUPING and _regroup(result, event):
                self.applied.add(event.seq)
            result = [g for g in result if g.keys]
        for event in self.events:
            if event.get("kind") != "incident" or event.action in GROUPING:
                continue
            index = find(result, ids(event.get("statements")))
            if index is not None:
                self.applied.add(event.seq)
                if event.action == "status":
                    result[index].status = event.get("value")
                    result[index].events.append(event)
        return result

    def mark_present(self, statements: set[str], reports: set[str]) -> None:
        """Statement and report decisions whose target this run has count as applied."""
        for event in self.events:
            kind = event.get("kind")
            present = statements if kind == "statement" else reports if kind == "report" else set()
            if event.action not in GROUPING and event.target in present:
                self.applied.add(event.seq)

    def orphaned(self) -> list[ReviewEvent]:
        return [e for e in self.events if e.seq not in self.applied]

    def words(self, group: Group, reports: set[str]) -> str:
        """The sentences an incident's explanation gains: what analysts decided, and when."""
        touched = [
            e
            for e in self.events
            if e.seq in self.applied
            and e.action in PHRASES
            and (e.target in group.keys or e.target in reports or e in group.events)
        ]
        counted: dict[tuple[str, str], int] = {}
        for event in touched:
            phrase = PHRASES[event.action]
            if event.action == "status":
                phrase = f"status set to {event.get('value')}"
            counted[(phrase, event.at[:10])] = counted.get((phrase, event.at[:10]), 0) + 1
        return " ".join(_sentence(phrase, day, n) for (phrase, day), n in counted.items())

    def copied(self) -> set[str]:
        """The reports an analyst marked or unmarked as wire copies."""
        return {e.target for e in self.events if e.action in COPIES}

    def _about(self, target: str, actions: Sequence[str]) -> list[ReviewEvent]:
        return [e for e in self.by_target.get(target, ()) if e.action in actions]


def _sentence(phrase: str, day: str, count: int) -> str:
    times = f" ({count} times)" if count > 1 else ""
    return f"{phrase[0].upper()}{phrase[1:]} by an analyst on {day}{times}."


def find(groups: Sequence[Group], keys: Sequence[str]) -> int | None:
    """The group sharing the most statements with ``keys`` (the first such), if any."""
    wanted = set(keys)
    best, index = 0, None
    for n, group in enumerate(groups):
        shared = len(wanted.intersection(group.keys))
        if shared > best:
            best, index = shared, n
    return index


def _regroup(groups: list[Group], event: ReviewEvent) -> bool:
    """Apply one merge, split or move; False (orphaned) when its incidents are not found."""
    here = find(groups, ids(event.get("statements")))
    if here is None:
        return False
    if event.action == "merge":
        other = find(groups, ids(event.get("other")))
        if other is None or other == here:
            return False
        groups[here].keys += [k for k in groups[other].keys if k not in groups[here].keys]
        groups[here].events += [event, *groups[other].events]
        groups[other].keys = []
        return True
    if event.action == "split":
        return _split(groups, here, event)
    return _move(groups, here, event)


def _split(groups: list[Group], here: int, event: ReviewEvent) -> bool:
    group = groups[here]
    wanted = set(ids(event.get("part")))
    part = [k for k in group.keys if k in wanted]
    if not part or len(part) == len(group.keys):
        return False
    group.keys = [k for k in group.keys if k not in wanted]
    group.events.append(event)
    groups.append(Group(part, [*group.events]))
    return True


def _move(groups: list[Group], here: int, event: ReviewEvent) -> bool:
    """Move ``event.target`` (a statement) from the incidents it is in to ``here``."""
    key = event.target
    source = [n for n, g in enumerate(groups) if key in g.keys and n != here]
    if not source:
        return False
    for n in source:
        groups[n].keys.remove(key)
        groups[n].events.append(event)
    groups[here].keys.append(key)
    groups[here].events.append(event)
    return True
