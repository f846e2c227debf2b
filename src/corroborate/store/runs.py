"""Analysis runs: the ledger event that vouches for a run, and the results it produced.

``record_run`` appends the ``run`` event and keeps the run's results (as shared: witnesses
pseudonymised by the caller) in one transaction, so a crash leaves both or neither.
``latest_run`` is what exports and the service read: the most recent run's results, without
running the pipeline again. The results are derived data (a new run recomputes them); the
ledger event carries the digest of the incidents as computed, before pseudonymisation.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select

from corroborate.ids import canonical_json, make_id
from corroborate.store import schema
from corroborate.store.chain import LedgerRow
from corroborate.store.core import Store

BATCH = 200  # incidents written and read together


@dataclass(frozen=True, slots=True)
class StoredRun:
    seq: int  # the run's ledger event
    digest: str  # what the event vouches for: the digest of the incidents as computed
    results: dict[str, Any]


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


def latest_run(store: Store) -> StoredRun | None:
    """The most recent run's results, its incidents included, or None when the store was
    never analysed (an export reads ``latest_head`` and ``run_incidents`` instead)."""
    head = latest_head(store)
    if head is None:
        return None
    if "incidents" not in head.results:
        head.results["incidents"] = list(run_incidents(store, head))
    return head


def latest_head(store: Store) -> StoredRun | None:
    """The most recent run's results without its incidents (see ``run_incidents``); a run
    recorded before incidents had rows of their own keeps them in its results."""
    query = select(schema.runs).order_by(schema.runs.c.seq.desc()).limit(1)
    with store.engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return StoredRun(row.seq, row.digest, json.loads(row.results))


def run_incidents(store: Store, run: StoredRun) -> Iterator[dict[str, Any]]:
    """The run's incidents in order, read a batch at a time: never all of them at once."""
    if "incidents" in run.results:
        yield from run.results["incidents"]
        return
    table = schema.run_incidents
    query = select(table.c.incident).where(table.c.seq == run.seq).order_by(table.c.pos)
    with store.engine.connect() as conn:
        for (text,) in conn.execution_options(yield_per=BATCH).execute(query):
            yield json.loads(text)
