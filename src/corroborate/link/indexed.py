"""The linked statements of a run, indexed once for re-grading after each review.

A review re-grades only the incidents it touches (``results.rebuild_incidents``); to find
them without walking every statement again, the run's machine incidents are kept here as
the stable ids of their statements (``Attribution.key``, a hash computed once), with the
incidents each id is in and the report each comes from.
"""

from __future__ import annotations

from dataclasses import dataclass

from corroborate.model import Linked


@dataclass(frozen=True, slots=True)
class LinkedIndex:
    keys: list[list[str]]  # each machine incident's statement ids, in order, each once
    where: dict[str, list[int]]  # a statement id -> the machine incidents it is in
    report_of: dict[str, str]  # a statement id -> its report
    report_ids: frozenset[str]  # every report a statement or copy of the run comes from

    @classmethod
    def of(cls, linked: Linked) -> LinkedIndex:
        keys: list[list[str]] = []
        where: dict[str, list[int]] = {}
        report_of: dict[str, str] = {}
        for n, incident in enumerate(linked.incidents):
            mine = list(dict.fromkeys(s.attribution.key for s in incident.statements))
            keys.append(mine)
            for key in mine:
                where.setdefault(key, []).append(n)
            for statement in incident.statements:
                report_of[statement.attribution.key] = statement.report_id
        reports = {*report_of.values(), *(c.report_id for c in linked.copies.values())}
        return cls(keys, where, report_of, frozenset(reports))
