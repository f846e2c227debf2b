"""The analysts' decisions of a case as rows of its audit log.

A review (confirm, reject, a correction, a merge, split or move) is recorded once, in the
hash-chained review ledger (``review.ledger``), whatever records it: a page, the API, the
review queue or ``corroborate review``. The audit log page reads the case's decisions from
there, so each shows beside the sign-ins, membership changes and witness reads, without a
second copy that could disagree. A decision is the case's when its target, or a statement
it names, is a statement, report or incident of the case's latest run. Source corrections
are left out here: the sources page writes its own ``source-correct`` row. What a row says
(the value decided, the reason) is pseudonymised: an owner may read the log without the
witness-identities grant.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from heapq import merge

from corroborate.api.service import Service
from corroborate.export.html import words
from corroborate.model import ReviewEvent
from corroborate.review import reviews
from corroborate.store.access import AuditFilter, AuditRow, audit_page
from corroborate.store.workspace import Membership

ACTION = "review"  # the action the audit log shows a decision under


def case_ids(svc: Service, standing: Membership) -> set[str]:
    """The ids of the case's incidents, statements and reports in the latest run."""
    found: set[str] = set()
    for incident in svc.incidents(standing):
        found.add(incident["id"])
        found.update(s["id"] for s in incident["statements"])
        found.update(r["id"] for r in incident["reports"])
    return found


def decision_rows(svc: Service, standing: Membership, wanted: AuditFilter) -> list[AuditRow]:
    """The case's decisions the filter keeps, as audit rows, newest first."""
    if wanted.action not in (None, ACTION):
        return []
    mine, names = case_ids(svc, standing), svc.pseudonyms()
    rows = [
        _row(review, standing.case.id, names.text)
        for review in reviews(svc.store)
        if _concerns(review, mine) and _kept(review, wanted)
    ]
    return rows[::-1]


def _concerns(review: ReviewEvent, ids: set[str]) -> bool:
    if review.action == "correct_source":
        return False
    named = {review.target, *review.get("statements").split(), *review.get("other").split()}
    return not named.isdisjoint(ids)


def _kept(review: ReviewEvent, wanted: AuditFilter) -> bool:
    if wanted.actor and review.actor != wanted.actor:
        return False
    if wanted.since and review.at < wanted.since:
        return False
    after = wanted.until and (date.fromisoformat(wanted.until) + timedelta(days=1)).isoformat()
    return not after or review.at < after


def _row(review: ReviewEvent, case_id: int, shown: Callable[[str], str]) -> AuditRow:
    detail: dict[str, object] = {"decision": words(review.action), "review": review.seq}
    if review.get("value"):
        detail["value"] = shown(words(review.get("value")))
    if review.reason:
        detail["reason"] = shown(review.reason)
    return AuditRow(-review.seq, review.at, review.actor, ACTION, case_id, review.target, detail)


def log_page(
    svc: Service, standing: Membership, wanted: AuditFilter, *, offset: int, limit: int
) -> tuple[int, list[AuditRow]]:
    """The audit table's rows of the case and its decisions, merged newest first: how many
    match, and ``limit`` of them from ``offset``."""
    logged, top = audit_page(svc.store, standing.case.id, wanted, offset=0, limit=offset + limit)
    decided = decision_rows(svc, standing, wanted)
    both = merge(top, decided[: offset + limit], key=lambda r: r.at, reverse=True)
    return logged + len(decided), list(both)[offset : offset + limit]
