"""The bundled sample corpus ingests as its README says: 25 files, 41 reports, 3 refused."""

from __future__ import annotations

from pathlib import Path

from corroborate.ingest import ingest_paths
from corroborate.settings import Settings
from corroborate.store import Store, verify
from corroborate.store.sealing import WitnessKey

CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def test_sample_corpus_ingests_with_exactly_the_broken_files_refused(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    summary = ingest_paths(store, [CORPUS], settings=Settings(store_url=sqlite_url))
    failed = {Path(o.source).name: o.code for o in summary.failed}
    assert failed == {
        "garbage-bytes.txt": "I002",
        "malformed-feed.json": "I006",
        "truncated-briefing.pdf": "I004",
    }
    assert summary.count("stored") == 25 and summary.reports == 41
    media = {report.media_type for report in store.reports()}
    assert media == {
        "text/plain",
        "text/markdown",
        "text/html",
        "application/pdf",
        "message/rfc822",
        "application/json",
        "application/x-ndjson",
        "text/csv",
    }
    assert verify(store).ok


def test_every_sample_report_is_labelled_fictional(sqlite_url: str) -> None:
    store = Store(sqlite_url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    ingest_paths(store, [CORPUS], settings=Settings(store_url=sqlite_url))
    unlabelled = [
        r.source_name + r.item
        for r in store.reports()
        if "FICTIONAL" not in (r.text + (r.title or "")).upper()
    ]
    assert not unlabelled
