"""Runs read back as written: under their own ledger event, with only their own amendments
laid over them, as of the head a reader holds, and kept per handle between reads."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

import pytest
from sqlalchemy import event, insert, select

from corroborate.store import Store, runs, schema
from corroborate.store.runs import (
    amendments,
    incidents_digest,
    latest_head,
    latest_run,
    record_amendment,
    record_run,
    run_incidents,
    run_links,
)


def _incident(key: str, reports: int) -> dict[str, object]:
    return {"id": key, "label": "x", "reports": [{"id": f"r{n}"} for n in range(reports)]}


A, B, C = _incident("a", 2), _incident("b", 1), _incident("c", 3)


def _run(store: Store, incidents: list[dict[str, object]]) -> int:
    row = record_run(
        store,
        actor="run",
        digest=incidents_digest(incidents),
        payload={},
        shared=lambda _row: {"note": "run", "incidents": incidents},
    )
    return row.seq


def _amend(store: Store, run: int, changes: dict[str, object]) -> int:
    row = record_amendment(
        store,
        actor="analyst",
        run=run,
        digest=incidents_digest(changes),
        payload={},
        shared=lambda row: {"note": f"amended at {row.seq}"},
        incidents=changes,  # type: ignore[arg-type]
    )
    return row.seq


def test_a_runs_digest_hashes_its_kind_and_the_canonical_json_of_its_incidents() -> None:
    text = '[{"id":"x","label":"b"}]'  # keys sorted, no spaces
    payload = json.dumps(["run-results", text], separators=(",", ":")).encode("utf-8")
    expected = "sha256:" + hashlib.sha256(payload).hexdigest()
    assert incidents_digest([{"label": "b", "id": "x"}]) == expected


def test_a_run_is_kept_under_its_own_ledger_event_when_other_events_came_first(
    store: Store,
) -> None:
    for n in range(3):
        store.append_event(actor="a", action="note", subject=f"s{n}", payload={})
    row = record_run(
        store,
        actor="run",
        digest="sha256:1",
        payload={},
        shared=lambda _row: {"incidents": [A]},
        links={"statements": []},
    )
    assert row.seq == 4
    head = latest_head(store)
    assert head is not None and (head.seq, head.base, head.run) == (4, 4, 0)
    assert list(run_incidents(store, head)) == [A]
    assert run_links(store, 4) == '{"statements":[]}'
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.runs.c.seq)).scalars().all() == [4]
        assert conn.execute(select(schema.run_links.c.seq)).scalars().all() == [4]


def test_an_amendment_is_a_run_event_of_its_own_and_keeps_no_incidents_in_its_results(
    store: Store,
) -> None:
    run = _run(store, [A, B])
    grown = _incident("b", 3)
    digest = incidents_digest({"b": grown})
    row = record_amendment(
        store,
        actor="analyst",
        run=run,
        digest=digest,
        payload={"amends": run},
        # the caller's results may hold every incident: only the changed ones are kept
        shared=lambda row: {"incidents": [grown, A], "note": "amended", "head": row.seq},
        incidents={"b": grown},
    )
    event_row = store.ledger_for(row.seq)
    assert event_row is not None
    assert (event_row.actor, event_row.action, event_row.subject) == ("analyst", "run", digest)
    assert json.loads(event_row.payload) == {"amends": run}
    head = latest_head(store)
    assert head is not None and (head.seq, head.digest, head.run) == (row.seq, digest, run)
    assert head.results == {"note": "amended", "head": row.seq}
    assert list(run_incidents(store, head)) == [grown, A]


def test_an_incident_removed_by_an_amendment_is_kept_as_null(store: Store) -> None:
    run = _run(store, [A, B])
    seq = _amend(store, run, {"b": None})
    table = schema.amended_incidents
    with store.engine.connect() as conn:
        rows = conn.execute(select(table.c.seq, table.c.incident_id, table.c.incident)).all()
    assert [tuple(r) for r in rows] == [(seq, "b", None)]
    found = latest_run(store)
    assert found is not None and found.results["incidents"] == [A]


def test_a_later_run_is_read_without_the_amendments_of_an_earlier_run(store: Store) -> None:
    first = _run(store, [A, B])
    _amend(store, first, {"a": None})
    second = _run(store, [A, B])
    _amend(store, second, {"b": _incident("b", 5)})
    found = latest_run(store)
    assert found is not None and found.run == second
    assert found.results["incidents"] == [_incident("b", 5), A]


def test_amendments_after_and_up_to_a_point_the_latest_winning_whatever_the_row_order(
    store: Store,
) -> None:
    """Rows written out of order (seq 5 before seq 4) are still read in ledger order."""
    older, newer = {"id": "a", "n": 1}, {"id": "a", "n": 2}
    rows = [(5, "a", 1, newer), (4, "a", 1, older), (6, "b", 1, None), (7, "a", 2, older)]
    with store.engine.begin() as conn:
        for seq, key, run, value in rows:
            text = None if value is None else json.dumps(value)
            conn.execute(
                insert(schema.amended_incidents).values(
                    seq=seq, incident_id=key, run=run, incident=text
                )
            )
    assert amendments(store, 1) == {"a": newer, "b": None}
    assert amendments(store, 1, upto=4) == {"a": older}
    assert amendments(store, 1, upto=5) == {"a": newer}
    assert amendments(store, 1, after=4) == {"a": newer, "b": None}
    assert amendments(store, 1, after=5) == {"b": None}
    assert amendments(store, 1, after=6) == {}
    assert amendments(store, 2) == {"a": older}
    assert amendments(store, 3) == {}


def test_a_runs_incidents_are_read_in_their_place_whatever_order_they_were_written(
    store: Store,
) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(schema.runs).values(seq=3, digest="sha256:0", results="{}"))
        for pos in (2, 0, 1):
            incident = json.dumps({"id": f"i{pos}"})
            conn.execute(insert(schema.run_incidents).values(seq=3, pos=pos, incident=incident))
    head = latest_head(store)
    assert head is not None
    assert [i["id"] for i in run_incidents(store, head)] == ["i0", "i1", "i2"]


def test_a_head_read_before_an_amendment_gives_the_incidents_as_of_that_head(
    store: Store,
) -> None:
    """An export streams the incidents of the head it read; ``latest_run`` reads the head,
    then the incidents (from its kept copy): an amendment recorded in between must not
    show under the earlier head in either."""
    run = _run(store, [A, B])
    before = latest_head(store)
    assert latest_run(store) is not None  # the handle now keeps the run as first recorded
    _amend(store, run, {"b": None})
    head = latest_head(store)
    _amend(store, run, {"c": C})
    assert before is not None and head is not None
    assert list(run_incidents(store, before)) == [A, B]
    assert list(run_incidents(store, head)) == [A]
    assert runs._incidents(store, head) == [A]
    assert list(run_incidents(store, latest_head(store))) == [C, A]  # type: ignore[arg-type]


@pytest.fixture
def run_reads(store: Store) -> Iterator[list[str]]:
    """The statements that read a run's own incident rows, from now on."""
    seen: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "run_incidents" in statement:
            seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", record)
    yield seen
    event.remove(store.engine, "before_cursor_execute", record)


def test_a_handle_reads_a_run_once_then_only_the_amendments_recorded_since(
    store: Store, run_reads: list[str]
) -> None:
    run = _run(store, [A, B])
    for _ in range(2):
        found = latest_run(store)
        assert found is not None and found.results["incidents"] == [A, B]
    assert len(run_reads) == 1
    _amend(store, run, {"b": None})
    for _ in range(2):
        found = latest_run(store)
        assert found is not None and found.results["incidents"] == [A]
    assert len(run_reads) == 1  # the amendment was laid over the kept run
    _amend(store, run, {"c": C})  # over the run as the first amendment left it
    for _ in range(2):
        found = latest_run(store)
        assert found is not None and found.results["incidents"] == [C, A]
    assert len(run_reads) == 1
    assert found is not None
    found.results["incidents"].append(C)  # a caller's copy: what the handle keeps is apart
    again = latest_run(store)
    assert again is not None and again.results["incidents"] == [C, A]
    _run(store, [B])  # a new run is read afresh, none of the earlier one kept
    found = latest_run(store)
    assert found is not None and found.results["incidents"] == [B]
    assert len(run_reads) == 2
