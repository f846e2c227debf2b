"""Runs kept in the store: the ledger event and the results land together or not at all."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import insert, select

from corroborate.store import Store, schema, verify
from corroborate.store.runs import (
    incidents_digest,
    latest_head,
    latest_run,
    record_amendment,
    record_run,
    run_incidents,
    run_links,
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


def _incident(key: str, reports: int, label: str = "x") -> dict[str, object]:
    return {"id": key, "label": label, "reports": [{"id": f"r{n}"} for n in range(reports)]}


def _amend(store: Store, run: int, changes: dict[str, object], note: str) -> int:
    row = record_amendment(
        store,
        actor="analyst",
        run=run,
        digest=incidents_digest(changes),
        payload={"amends": run},
        shared=lambda row: {"ledger_head": f"#{row.seq}", "note": note},
        incidents=changes,  # type: ignore[arg-type]
    )
    return row.seq


def test_an_amendment_keeps_only_what_changed_and_readers_see_it_laid_over_the_run(
    store: Store, store_url: str
) -> None:
    """A re-grading writes the incidents it changed, not the run; every reader (the run
    with its incidents, an export's stream, a handle that read the run before, another
    handle) sees the run in its order with the amendments laid over it, the latest winning."""
    incidents = [_incident(f"i{n:03d}", 3 if n < 100 else 1) for n in range(450)]
    row = record_run(
        store,
        actor="run",
        digest=incidents_digest(incidents),
        payload={},
        shared=lambda _row: {"ledger_head": "#1 x", "incidents": incidents},
    )
    assert [i["id"] for i in latest_run(store).results["incidents"]] == [  # type: ignore[union-attr]
        i["id"] for i in incidents
    ]
    grown = _incident("i300", 5)  # now first
    _amend(store, row.seq, {"i300": grown, "i001": None, "new": _incident("new", 2)}, "one")
    seq = _amend(
        store, row.seq, {"i300": _incident("i300", 4), "i002": _incident("i002", 3, "a")}, "two"
    )
    expected = [_incident("i300", 4), _incident("i002", 3, "a")]
    expected += [i for i in incidents[:100] if i["id"] not in ("i001", "i002")]
    expected += [_incident("new", 2)]
    expected += [i for i in incidents[100:] if i["id"] != "i300"]
    head = latest_head(store)
    assert head is not None and (head.seq, head.base, head.run) == (seq, row.seq, row.seq)
    assert head.results == {"ledger_head": f"#{seq}", "note": "two"}
    assert list(run_incidents(store, head)) == expected
    other = Store(store_url)
    for handle in (store, other):  # brought up to date, and read afresh
        found = latest_run(handle)
        assert found is not None and found.results["incidents"] == expected
    other.close()
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.run_incidents.c.seq).distinct()).scalars().all() == [
            row.seq
        ]
        assert len(conn.execute(select(schema.amended_incidents)).all()) == 5
    assert verify(store).ok


def test_a_run_keeps_its_links_as_given_and_its_event_payload(store: Store) -> None:
    def keep(links: dict[str, object] | str | None, n: int) -> int:
        row = record_run(
            store,
            actor="run",
            digest=incidents_digest([]),
            payload={"counts": {"incidents": n}},
            shared=lambda row: {"head": row.seq},
            links=links,
        )
        return row.seq

    as_dict = keep({"statements": [{"key": "s1"}], "copies": {}}, 0)
    as_text = keep('{"statements":[]}', 1)
    without = keep(None, 2)
    assert run_links(store, as_dict) == '{"copies":{},"statements":[{"key":"s1"}]}'
    assert run_links(store, as_text) == '{"statements":[]}'
    assert run_links(store, without) is None
    assert run_links(store, 999) is None
    payloads = {r.seq: json.loads(r.payload) for r in store.ledger_rows()}
    assert payloads[as_text]["counts"] == {"incidents": 1}
    found = latest_run(store)
    assert found is not None and found.seq == without
    assert found.results == {"head": without, "incidents": []}  # none shared, none kept
    assert list(run_incidents(store, found)) == []
