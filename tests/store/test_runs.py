"""Runs kept in the store: the ledger event and the results land together or not at all."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select

from corroborate.store import Store, schema, verify
from corroborate.store.runs import (
    incidents_digest,
    latest_head,
    latest_run,
    record_run,
    run_incidents,
)


def test_a_store_never_analysed_has_no_run(store: Store) -> None:
    assert latest_run(store) is None


def test_the_latest_run_is_read_back_with_its_event(store: Store) -> None:
    for n in (1, 2):
        digest = incidents_digest([{"id": f"i{n}"}])
        record_run(
            store,
            actor="run",
            digest=digest,
            payload={"counts": {"incidents": n}},
            shared=lambda row, n=n: {"incidents": [{"id": f"i{n}"}], "head": row.seq},
        )
    found = latest_run(store)
    assert found is not None
    assert found.seq == 2 and found.results == {"incidents": [{"id": "i2"}], "head": 2}
    assert found.digest == incidents_digest([{"id": "i2"}]) != incidents_digest([{"id": "i1"}])
    [event] = [r for r in store.ledger_rows() if r.seq == 2]
    assert (event.action, event.subject) == ("run", found.digest)
    assert verify(store).ok


def test_a_failure_while_sharing_leaves_neither_event_nor_results(store: Store) -> None:
    def broken(_row: object) -> dict[str, object]:
        raise RuntimeError("pseudonymiser failed")

    with pytest.raises(RuntimeError):
        record_run(store, actor="run", digest="sha256:0", payload={}, shared=broken)
    assert latest_run(store) is None
    assert store.head()[0] == 0


def test_incidents_have_rows_of_their_own_and_are_read_in_order(store: Store) -> None:
    """An export reads a run's incidents a batch at a time; the run's own row holds the rest."""
    incidents = [{"id": f"i{n}"} for n in range(450)]  # more than two batches
    record_run(
        store,
        actor="run",
        digest=incidents_digest(incidents),
        payload={},
        shared=lambda _row: {"ledger_head": "#1 x", "incidents": incidents},
    )
    head = latest_head(store)
    assert head is not None and head.results == {"ledger_head": "#1 x"}
    assert list(run_incidents(store, head)) == incidents
    full = latest_run(store)
    assert full is not None and full.results["incidents"] == incidents
    with store.engine.connect() as conn:
        [stored] = conn.execute(select(schema.runs.c.results)).scalars().all()
    assert "i449" not in stored


def test_a_run_recorded_with_its_incidents_inside_is_still_read(store: Store) -> None:
    """Runs recorded before incidents had rows of their own keep them in their results."""
    with store.engine.begin() as conn:
        conn.execute(
            insert(schema.runs).values(
                seq=7, digest="sha256:0", results='{"incidents":[{"id":"a"}],"ledger_head":""}'
            )
        )
    head = latest_head(store)
    assert head is not None and list(run_incidents(store, head)) == [{"id": "a"}]
