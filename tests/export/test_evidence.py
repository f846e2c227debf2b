"""What the custody formats share of the store: labels, ledger rows, reviews."""

from __future__ import annotations

import json

from corroborate.export.evidence import file_label, reviews, shared_row, sharing
from corroborate.export.provenance import statement_id
from corroborate.store import Store
from corroborate.store.chain import seal

BLOB = "sha256:" + "3f9a01c2" + "0" * 56


def test_a_shared_ingest_row_names_the_file_by_its_label(store: Store) -> None:
    payload = {"blob_id": BLOB, "source": "/home/ana/oksana_interview/notes.txt", "reader": "text"}
    payload["error"] = "[I002] /home/ana/oksana_interview/notes.txt: binary content"
    row = seal(
        seq=1,
        at="2026-01-01T00:00:00+00:00",
        actor="ingest",
        action="ingest",
        subject=BLOB,
        payload=json.dumps(payload),
        prev_hash="sha256:" + "0" * 64,
    )
    shared = shared_row(row, sharing(store))
    assert file_label(BLOB) == "file 3f9a01c2"
    assert json.loads(shared["payload"])["source"] == "file 3f9a01c2"
    assert "oksana" not in shared["payload"] and "/home" not in shared["payload"]
    assert shared["as_stored"] is False and shared["hash"] == row.hash
    run = seal(**{**_fields(row), "seq": 2, "action": "run", "payload": "{}"})
    assert shared_row(run, sharing(store))["as_stored"] is True


def _fields(row: object) -> dict[str, object]:
    names = ("seq", "at", "actor", "action", "subject", "payload", "prev_hash")
    return {name: getattr(row, name) for name in names}


def test_reviews_by_every_id_they_name(store: Store) -> None:
    statement = "sha256:" + "5" * 64
    incident = "sha256:" + "1" * 64
    store.append_event(actor="analyst", action="review", subject=statement, payload={})
    store.append_event(
        actor="analyst", action="review", subject=incident, payload={"other": statement}
    )
    store.append_event(actor="analyst", action="note", subject=incident, payload={})
    found = reviews(store)
    assert [r.seq for r in found[statement]] == [1, 2]
    assert [r.seq for r in found[incident]] == [2]


def test_a_statement_keeps_its_stable_id() -> None:
    said = {"report_id": "r1", "speaker": "A", "content": "x", "stance": "supports"}
    made = statement_id(said)
    assert made.startswith("sha256:") and made == statement_id(dict(said))
    stable = "sha256:" + "7" * 64
    assert statement_id({**said, "id": stable}) == stable
