"""What one running service holds: the store, its witness key, and what it read last.

The latest run's results, the pseudonyms and the revealed identities are read once per
change of the ledger head (a new run, an ingest, a review) rather than on every request; so
is each case's view of the run (``caseview.CaseView``, also kept per case version: reports
are added to a case without a ledger event), the reviews that came after the run, and the
run's linked statements by report. A request reads the head once and works from what was
kept for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TypeVar, cast

from pydantic import BaseModel

from corroborate.api.answers import Answer, Answers, Requests, requested
from corroborate.api.caseview import CaseView
from corroborate.api.regrading import Turns
from corroborate.errors import AccessDenied, CorroborateError, NotFound, SealingError
from corroborate.export import reveal
from corroborate.export.casework import narrow, with_statuses
from corroborate.export.pseudonyms import Pseudonyms, for_store
from corroborate.export.results import IncidentJSON, RunResults
from corroborate.model import Linked, ReviewEvent, Statement
from corroborate.pipeline import run_statements
from corroborate.review import reviews
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import Principal, audit
from corroborate.store.keys import open_key
from corroborate.store.runs import latest_run
from corroborate.store.standing import standing as standing_in
from corroborate.store.workspace import (
    Membership,
    case_report_count,
    case_report_ids,
    membership,
)

T = TypeVar("T")
log = logging.getLogger(__name__)
# the subjects of the witness-identity reads audited while an answer is made
_audited: ContextVar[list[str] | None] = ContextVar("_audited", default=None)


@dataclass
class _Cached:
    head: int = -1
    run: tuple[int, RunResults] | None = None
    pseudonyms: Pseudonyms | None = None
    revealer: reveal.Revealer | None = None
    base: int = -1  # the run's own event (an amendment's is the run it amends)


@dataclass
class Service:
    settings: Settings
    store: Store
    _cache: _Cached = field(default_factory=_Cached)
    _views: dict[int, CaseView] = field(default_factory=dict)
    _narrow: dict[int, tuple[int, dict[int, tuple[IncidentJSON, IncidentJSON | None]]]] = field(
        default_factory=dict
    )
    _ids: dict[int, tuple[list[IncidentJSON], set[str]]] = field(default_factory=dict)
    _statements: tuple[int, Linked | None, dict[str, list[Statement]]] = (-1, None, {})
    _pending: tuple[int, list[ReviewEvent]] = (-1, [])
    answers: Answers = field(default_factory=Answers)
    requests: Requests = field(default_factory=Requests)
    turns: Turns = field(default_factory=Turns)  # re-gradings after review writes
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _building: threading.RLock = field(default_factory=threading.RLock)

    @classmethod
    def open(cls, settings: Settings, store: Store | None = None) -> Service:
        handle = store or Store(settings.store_url)
        if store is None:
            handle.migrate()
            handle.witness_key = open_key(handle, settings)
        return cls(settings, handle)

    def _current(self) -> _Cached:
        head = self.store.head()[0]
        with self._lock:
            if self._cache.head != head:
                found = latest_run(self.store)
                run = (found.seq, cast(RunResults, found.results)) if found else None
                self._cache = _Cached(
                    head,
                    run,
                    for_store(self.store),
                    reveal.for_store(self.store),
                    found.base if found else -1,
                )
            return self._cache

    def run(self) -> tuple[int, RunResults]:
        found = self._current().run
        if found is None:
            raise NotFound(3, "the store holds no analysis run: run `corroborate run` first")
        return found

    def pseudonyms(self) -> Pseudonyms:
        found = self._current().pseudonyms
        assert found is not None
        if not found.complete:
            raise SealingError(
                8, "the server has no witness key: report texts cannot be pseudonymised"
            )
        return found

    def revealer(self) -> reveal.Revealer:
        found = self._current().revealer
        assert found is not None
        return found

    def statements_of(self, report_id: str) -> list[Statement]:
        """The latest run's statements of a report (in every incident they are in), with
        their spans in the stored text; none for a run that kept no linked statements.
        Indexed once per run: a re-grading's amendment keeps the run's statements."""
        base = self._current().base
        kept = self._statements
        if kept[0] != base:
            with self._building:
                kept = self._statements
                if kept[0] != base:
                    kept = self._statements = _index_statements(base, self.store)
        return kept[2].get(report_id, [])

    def warm(self) -> None:
        """Index the latest run's statements by report before any report is asked for (the
        server calls it on a thread of its own when it starts): the first report reads
        would otherwise all wait for it, some 2 s of CPU for a 10,000-report run."""
        try:
            self.statements_of("")
        except CorroborateError as error:  # no run yet, or the store unreadable: reads say so
            log.info("statements not indexed at start: %s", error)

    def member(self, principal: Principal, case: str) -> Membership:
        """The caller's standing in ``case``; a case they are not in does not exist for them."""
        found = membership(self.store, principal.user_id, case)
        if found is None:
            raise NotFound(11, "no case with this name", subject=case[:80])
        return found

    def incidents(self, standing: Membership) -> list[IncidentJSON]:
        """The case's incidents as this member may see them (viewers: published only)."""
        return self.view(standing).visible(published_only=standing.role == "viewer")

    def case_ids(self, standing: Membership) -> set[str]:
        """Everything of the case a review may name: its incidents (all, whatever the
        member's role), their statements and reports; found once per view of the case."""
        view = self.view(standing).incidents
        kept = self._ids.get(standing.case.id)
        if kept is not None and kept[0] is view:
            return kept[1]
        found = {i["id"] for i in view}
        for incident in view:
            found |= {str(s.get("id")) for s in incident["statements"]}
            found |= {r["id"] for r in incident["reports"]}
        with self._lock:
            self._ids[standing.case.id] = (view, found)
        return found

    def view(self, standing: Membership) -> CaseView:
        """The run narrowed to the case's reports with the statuses decided, kept until the
        ledger (a run, a review) or the case's reports change."""
        current = self._current()
        if current.run is None:
            raise NotFound(3, "the store holds no analysis run: run `corroborate run` first")
        version = case_report_count(self.store, standing.case.id)
        kept = self._views.get(standing.case.id)
        if kept is not None and (kept.head, kept.version) == (current.head, version):
            return kept
        with self._building:  # concurrent requests wait for one build rather than each build
            kept = self._views.get(standing.case.id)
            if kept is not None and (kept.head, kept.version) == (current.head, version):
                return kept
            return self._build_view(standing, current.head, version, current.run)

    def _build_view(
        self, standing: Membership, head: int, version: int, run: tuple[int, RunResults]
    ) -> CaseView:
        mine = set(case_report_ids(self.store, standing.case.id))
        incidents = with_statuses(
            self._narrowed(standing.case.id, version, run[1], mine), decided_statuses(self.store)
        )
        view = CaseView(head, version, run[0], incidents)
        with self._lock:
            self._views[standing.case.id] = view
        return view

    def _narrowed(
        self, case: int, version: int, results: RunResults, mine: set[str]
    ) -> list[IncidentJSON]:
        """The run's incidents narrowed to the case's reports; an incident a re-grading left
        as it was (the same object: ``store.runs.latest_run``) is not narrowed again."""
        kept = self._narrow.get(case)
        before = kept[1] if kept is not None and kept[0] == version else {}
        now: dict[int, tuple[IncidentJSON, IncidentJSON | None]] = {}
        for incident in results["incidents"]:
            found = before.get(id(incident))
            if found is None or found[0] is not incident:
                found = (incident, narrow(incident, mine))
            now[id(incident)] = found
        with self._lock:
            self._narrow[case] = (version, now)
        return [n for _, n in now.values() if n is not None]

    def pending_reviews(self, view: CaseView, incident: IncidentJSON) -> int:
        """How many reviews of this incident (of it, its statements or its reports) came
        after the run served: those a re-grading could not apply (statuses and notes count
        at once, or never, so they are not pending). The reviews are read once per head."""
        named = {incident["id"], *(r["id"] for r in incident["reports"])}
        named |= {str(s.get("id")) for s in incident["statements"]}
        return sum(
            1
            for r in self._after_run(view)
            if r.target in named or named & set(r.get("statements").split())
        )

    def _after_run(self, view: CaseView) -> list[ReviewEvent]:
        kept = self._pending
        if kept[0] != view.head:
            later = [
                r
                for r in reviews(self.store)
                if r.seq > view.run_seq and r.action not in ("status", "note")
            ]
            kept = self._pending = (view.head, later)
        return kept[1]

    def shown(self, principal: Principal, standing: Membership, value: T, what: str) -> T:
        """``value`` as this member may read it: witness identities revealed only with the
        grant, and every read that shows one audited; otherwise as pseudonymised."""
        if not standing.witness_identities:
            return value
        revealed = self.revealer().apply(value)
        if revealed != value:
            self.audit_read(principal, standing, what)
        return revealed

    def answer(
        self,
        principal: Principal,
        standing: Membership,
        view: CaseView,
        key: tuple[Hashable, ...],
        make: Callable[[], BaseModel],
    ) -> Answer:
        """The serialised answer ``make`` gives, kept (``answers``) under ``key`` and what
        else decides it: the case, the member's role and grant, the view's head and version.
        An answer from memory audits again the witness-identity reads its making audited."""
        full = _answer_key(standing, view.head, view.version, key)
        raw = requested.get()
        if raw is not None:  # the same request can be answered from memory next time
            self.requests.put(raw, standing.case.name, key)
        found = self.answers.get(full)
        if found is not None:
            for what in found.audited:
                self.audit_read(principal, standing, what)
            return found
        reads = _audited.set([])
        try:
            body = make().model_dump_json().encode()
            found = Answer(body, tuple(_audited.get() or ()))
        finally:
            _audited.reset(reads)
        self.answers.put(full, found)
        return found

    def kept(
        self, raw: tuple[str, bytes], *, token: str | None, session: str | None
    ) -> Answer | None:
        """The answer kept for a request the full path has answered before, if the caller
        (by ``token``, else ``session``) is a member of its case and an answer is kept for
        their role and grant at the store's head and the case's version now (one statement
        to the store); its witness-identity reads are audited again for this caller. None:
        the full path must answer."""
        learned = self.requests.get(raw)
        if learned is None:
            return None
        found = standing_in(self.store, learned[0], token=token, session=session)
        if found is None:
            return None
        member = found.membership
        answer = self.answers.get(_answer_key(member, found.head, found.version, learned[1]))
        if answer is not None:
            for what in answer.audited:
                self.audit_read(found.principal, member, what)
        return answer

    def audit_read(self, principal: Principal, standing: Membership, what: str) -> None:
        recording = _audited.get()
        if recording is not None:
            recording.append(what)
        audit(
            self.store,
            actor=principal.name,
            action="witness-read",
            subject=what,
            case_id=standing.case.id,
        )


def _answer_key(
    standing: Membership, head: int, version: int, key: tuple[Hashable, ...]
) -> tuple[Hashable, ...]:
    """Everything that decides a kept answer: the case, the member's role and grant, the
    ledger head and the case's version, and the endpoint's own ``key``."""
    return (standing.case.id, standing.role, standing.witness_identities, head, version, *key)


def _index_statements(
    base: int, store: Store
) -> tuple[int, Linked | None, dict[str, list[Statement]]]:
    linked = run_statements(store)
    index: dict[str, list[Statement]] = {}
    for incident in linked.incidents if linked is not None else ():
        for statement in incident.statements:
            index.setdefault(statement.report_id, []).append(statement)
    return base, linked, index


def decided_statuses(store: Store) -> dict[str, str]:
    """Each incident's latest status decision, those made since the run included (a review
    appends to the ledger, so a cached view is made again after one)."""
    return {r.target: r.get("value") for r in reviews(store) if r.action == "status"}


def require(standing: Membership, *roles: str) -> None:
    if standing.role not in roles:
        raise AccessDenied(
            4, f"the {standing.role} role cannot do this", subject=standing.case.name
        )


def require_grant(standing: Membership) -> None:
    if not standing.witness_identities:
        raise AccessDenied(
            5, "needs the witness-identities grant in this case", subject=standing.case.name
        )
