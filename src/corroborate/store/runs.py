"""Analysis runs: the ledger event that vouches for a run, and the results it produced.

``record_run`` appends the ``run`` event and keeps the run's results (as shared: witnesses
pseudonymised by the caller) in one transaction, so a crash leaves both or neither.
``latest_run`` is what exports and the service read: the most recent run's results, without
running the pipeline again. The results are derived data (a new run recomputes them); the
ledger event carries the digest of the incidents as computed, before pseudonymisation.

A re-grading after a review is kept as an amendment of the run (``record_amendment``): its
own ``run`` ledger event, the results without incidents as they stand after it, and only the
incidents it changed (or removed). Readers see the run with every amendment laid over it
(``latest_head``, ``run_incidents``, ``latest_run``), as a full run would have given it; the
amendment's digest chains the amended run's digest with the incidents it changed.
"""

from __future__ import annotations

import heapq
import json
import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select

from corroborate.ids import canonical_json, make_id
from corroborate.store import schema
from corroborate.store.chain import LedgerRow
from corroborate.store.core import Store

BATCH = 200  # incidents written and read together


@dataclass(frozen=True, slots=True)
class StoredRun:
    seq: int  # the run's ledger event, or its latest amendment's
    digest: str  # what the event vouches for: the digest of the incidents as computed
    results: dict[str, Any]
    run: int = 0  # the run amended (0: not amended, the run is ``seq``)

    @property
    def base(self) -> int:
        """The run's own ledger event, whose incidents the amendments are laid over."""
        return self.run or self.seq


Changes = dict[str, dict[str, Any] | None]  # incident id -> as amended (None: removed)


def incident_order(incident: dict[str, Any]) -> tuple[int, str, str]:
    """A run's order of incidents: most reports first, then by label and id."""
    return (-len(incident["reports"]), incident["label"], incident["id"])


def incidents_digest(incidents: Any) -> str:
    return make_id("run-results", canonical_json(incidents))


def record_run(
    store: Store,
    *,
    actor: str,
    digest: str,
    payload: dict[str, Any],
    shared: Callable[[LedgerRow], dict[str, Any]],
    links: dict[str, Any] | str | None = None,
) -> LedgerRow:
    """Append the run event for ``digest`` and keep ``shared(row)``, the results as shared
    (they name the event they were recorded under), beside it, with the run's ``links`` (its
    linked statements, for grading again without extracting) where given."""
    with store.engine.begin() as conn:
        row = store._append(conn, actor=actor, action="run", subject=digest, payload=payload)
        results = dict(shared(row))
        incidents = results.pop("incidents", [])
        rest = canonical_json(results)
        conn.execute(insert(schema.runs).values(seq=row.seq, digest=digest, results=rest))
        for start in range(0, len(incidents), BATCH):
            batch = incidents[start : start + BATCH]
            rows = [
                {"seq": row.seq, "pos": start + n, "incident": canonical_json(incident)}
                for n, incident in enumerate(batch)
            ]
            conn.execute(insert(schema.run_incidents), rows)
        if links is not None:
            text = links if isinstance(links, str) else canonical_json(links)
            conn.execute(insert(schema.run_links).values(seq=row.seq, links=text))
    return row


def run_links(store: Store, seq: int) -> str | None:
    """The linked statements a run kept, as JSON (None for a run recorded before they were)."""
    query = select(schema.run_links.c.links).where(schema.run_links.c.seq == seq)
    with store.engine.connect() as conn:
        found = conn.execute(query).scalar()
    return str(found) if found is not None else None


def record_amendment(
    store: Store,
    *,
    actor: str,
    run: int,
    digest: str,
    payload: dict[str, Any],
    shared: Callable[[LedgerRow], dict[str, Any]],
    incidents: Changes,
) -> LedgerRow:
    """Append the ``run`` event of a re-grading of ``run`` for ``digest`` and keep
    ``shared(row)`` (the results without incidents) and only the ``incidents`` it changed
    (None for one it removed), in one transaction: a write the size of the change."""
    with store.engine.begin() as conn:
        row = store._append(conn, actor=actor, action="run", subject=digest, payload=payload)
        rest = canonical_json({k: v for k, v in shared(row).items() if k != "incidents"})
        values = {"seq": row.seq, "run": run, "digest": digest, "results": rest}
        conn.execute(insert(schema.run_amendments).values(**values))
        rows = [
            {"seq": row.seq, "incident_id": key, "run": run, "incident": _json(found)}
            for key, found in sorted(incidents.items())
        ]
        for start in range(0, len(rows), BATCH):
            conn.execute(insert(schema.amended_incidents), rows[start : start + BATCH])
    return row


def _json(incident: dict[str, Any] | None) -> str | None:
    return None if incident is None else canonical_json(incident)


def latest_run(store: Store) -> StoredRun | None:
    """The most recent run's results, its incidents included, with its amendments laid
    over them, or None when the store was never analysed (an export reads ``latest_head``
    and ``run_incidents`` instead). Kept per store handle and brought up to date with only
    the amendments recorded since: a re-grading does not make every reader read the run."""
    head = latest_head(store)
    if head is None:
        return None
    if "incidents" not in head.results:
        head.results["incidents"] = _incidents(store, head)
    return head


_kept: weakref.WeakKeyDictionary[Store, tuple[int, int, list[dict[str, Any]]]]
_kept = weakref.WeakKeyDictionary()
_kept_lock = threading.Lock()


def _incidents(store: Store, head: StoredRun) -> list[dict[str, Any]]:
    with _kept_lock:
        kept = _kept.get(store)
    if kept is not None and kept[:2] == (head.base, head.seq):
        return list(kept[2])
    if kept is not None and kept[0] == head.base and kept[1] < head.seq:
        found = amended(kept[2], amendments(store, head.base, after=kept[1], upto=head.seq))
    else:
        found = list(run_incidents(store, head))
    with _kept_lock:
        _kept[store] = (head.base, head.seq, found)
    return list(found)


def latest_head(store: Store) -> StoredRun | None:
    """The most recent run's results without its incidents (see ``run_incidents``), as its
    latest amendment left them; a run recorded before incidents had rows of their own keeps
    them in its results."""
    query = select(schema.runs).order_by(schema.runs.c.seq.desc()).limit(1)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
        if row is None:
            return None
        amendment = _latest_amendment(conn, row.seq)
    if amendment is not None:
        return StoredRun(amendment.seq, amendment.digest, json.loads(amendment.results), row.seq)
    return StoredRun(row.seq, row.digest, json.loads(row.results))


def _latest_amendment(conn: Connection, run: int) -> Any:
    table = schema.run_amendments
    query = select(table).where(table.c.run == run).order_by(table.c.seq.desc()).limit(1)
    return conn.execute(query).first()


def amendments(store: Store, run: int, *, after: int = 0, upto: int | None = None) -> Changes:
    """The incidents amended in ``run`` by its amendments after ``after`` up to ``upto``
    (all by default), each as its latest amendment left it (None: removed)."""
    table = schema.amended_incidents
    query = select(table.c.incident_id, table.c.incident).where(
        table.c.run == run, table.c.seq > after
    )
    if upto is not None:
        query = query.where(table.c.seq <= upto)
    with store.engine.connect() as conn:
        rows = conn.execute(query.order_by(table.c.seq)).all()
    return {key: None if text is None else json.loads(text) for key, text in rows}


def amended(incidents: Iterable[dict[str, Any]], changes: Changes) -> list[dict[str, Any]]:
    """``incidents`` (in a run's order) with ``changes`` laid over them, in that order."""
    return list(_merged(iter(incidents), changes))


def _merged(incidents: Iterator[dict[str, Any]], changes: Changes) -> Iterator[dict[str, Any]]:
    if not changes:
        yield from incidents
        return
    added = sorted((i for i in changes.values() if i is not None), key=incident_order)
    kept = (i for i in incidents if i["id"] not in changes)
    yield from heapq.merge(kept, added, key=incident_order)


def run_incidents(store: Store, run: StoredRun) -> Iterator[dict[str, Any]]:
    """The run's incidents in order, its amendments (up to ``run.seq``) laid over them,
    read a batch at a time: never all of them at once."""
    if "incidents" in run.results:
        yield from run.results["incidents"]
        return
    changes = amendments(store, run.base, upto=run.seq) if run.run else {}
    yield from _merged(_stored(store, run.base), changes)


def _stored(store: Store, seq: int) -> Iterator[dict[str, Any]]:
    table = schema.run_incidents
    query = select(table.c.incident).where(table.c.seq == seq).order_by(table.c.pos)
    with store.engine.connect() as conn:
        for (text,) in conn.execution_options(yield_per=BATCH).execute(query):
            yield json.loads(text)
