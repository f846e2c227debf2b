"""Versioned events: the version of a subject, stale writes refused, events read back."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from sqlalchemy import event

from corroborate.errors import ReviewConflict
from corroborate.store import Store
from corroborate.store.events import append_versioned, events, version


def test_a_subject_without_events_is_at_version_zero(store: Store) -> None:
    assert version(store, "review", "incident:1") == 0


def test_the_version_is_the_seq_of_the_latest_event_of_that_action_and_subject(
    store: Store,
) -> None:
    first = append_versioned(store, actor="ana", action="review", subject="i:1", payload={"n": 1})
    store.append_event(actor="ana", action="note", subject="i:1", payload={})
    append_versioned(store, actor="ana", action="review", subject="i:2", payload={"n": 2})
    assert (first.seq, version(store, "review", "i:1")) == (1, 1)
    assert version(store, "note", "i:1") == 2
    assert version(store, "review", "i:2") == 3
    second = append_versioned(
        store, actor="bo", action="review", subject="i:1", payload={"n": 3}, expected=1
    )
    assert (second.seq, version(store, "review", "i:1")) == (4, 4)


def test_a_write_naming_a_stale_version_is_refused_and_appends_nothing(store: Store) -> None:
    append_versioned(store, actor="ana", action="review", subject="i:1", payload={})
    append_versioned(store, actor="bo", action="review", subject="i:1", payload={}, expected=1)
    with pytest.raises(ReviewConflict) as caught:
        append_versioned(store, actor="cy", action="review", subject="i:1", payload={}, expected=1)
    assert str(caught.value) == (
        "[R001] i:1: stale version 1: the latest is 2; reload and decide again"
    )
    assert store.head()[0] == 2


def test_a_first_write_may_name_version_zero_but_not_another(store: Store) -> None:
    with pytest.raises(ReviewConflict):
        append_versioned(store, actor="a", action="review", subject="i:1", payload={}, expected=3)
    row = append_versioned(store, actor="a", action="review", subject="i:1", payload={}, expected=0)
    assert (row.seq, row.actor, row.action, row.subject) == (1, "a", "review", "i:1")
    assert json.loads(row.payload) == {}


def test_events_of_an_action_are_read_oldest_first(store: Store) -> None:
    for n, action in enumerate(["review", "note", "review", "review"]):
        store.append_event(actor="a", action=action, subject=f"i:{n}", payload={"n": n})
    found = list(events(store, "review"))
    assert [(r.seq, r.subject, json.loads(r.payload)) for r in found] == [
        (1, "i:0", {"n": 0}),
        (3, "i:2", {"n": 2}),
        (4, "i:3", {"n": 3}),
    ]
    assert list(events(store, "absent")) == []


def test_postgresql_locks_the_chain_head_before_reading_the_version(store: Store) -> None:
    """SQLite holds the database lock already; PostgreSQL takes the head's row lock, so
    a concurrent write cannot come in between the check and the append."""
    seen = _statements(
        store,
        lambda: append_versioned(store, actor="a", action="review", subject="i:1", payload={}),
    )
    version_read = next(n for n, (s, _) in enumerate(seen) if "max(ledger.seq)" in s)
    before = [(s, p) for s, p in seen[:version_read] if "FROM chain_head" in s]
    if store.engine.dialect.name == "sqlite":
        assert before == []
    else:
        assert before == [
            (
                "SELECT chain_head.seq FROM chain_head "
                "WHERE chain_head.id = %(id_1)s::INTEGER FOR UPDATE",
                {"id_1": 1},
            )
        ]


def test_events_are_read_in_sequence_order(store: Store) -> None:
    seen = _statements(store, lambda: list(events(store, "review")))
    assert next(s for s, _ in seen if "FROM ledger" in s).endswith("ORDER BY ledger.seq")


def _statements(store: Store, run: Callable[[], object]) -> list[tuple[str, object]]:
    """The SQL statements ``run`` sends, each with its parameters."""
    seen: list[tuple[str, object]] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        seen.append((" ".join(statement.split()), parameters))

    event.listen(store.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(store.engine, "before_cursor_execute", record)
    return seen
