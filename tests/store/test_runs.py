"""Runs kept in the store: the ledger event and the results land together or not at all."""

from __future__ import annotations

import pytest

from corroborate.store import Store, verify
from corroborate.store.runs import incidents_digest, latest_run, record_run


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
