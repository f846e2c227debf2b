"""Files received as bytes (an upload): named as sent, held to the same limits as files on
disk, and a name with a folder in it counted as found inside a folder."""

from __future__ import annotations

import gzip
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ClassVar, ParamSpec, TypeVar

import pytest

from corroborate.ids import digest_bytes
from corroborate.ingest import Outcome, batch, ingest_uploads
from corroborate.ingest.readers import Blob
from corroborate.settings import Settings
from corroborate.store import Store

P = ParamSpec("P")
T = TypeVar("T")
TEXT = b"Shelling near Lyman overnight, officials said."


def test_uploads_are_stored_named_as_sent_and_unknown_formats_kept(store: Store) -> None:
    uploads = [
        ("a.txt", TEXT),
        ("copy/a.txt", TEXT),
        ("notes/x.docx", b"PK\x03\x04one"),
        ("y.docx", b"PK\x03\x04two"),
    ]
    summary = ingest_uploads(store, uploads, settings=Settings(store_url=store.url))
    same, x, y = digest_bytes(TEXT), digest_bytes(b"PK\x03\x04one"), digest_bytes(b"PK\x03\x04two")
    skipped = "[I005] notes/x.docx: unsupported format"
    failed = "[I005] y.docx: unsupported format"
    assert summary.outcomes == [
        Outcome("a.txt", "stored", same, reports=1),
        Outcome("copy/a.txt", "duplicate", same),
        Outcome("notes/x.docx", "skipped", x, error=skipped, code="I005", kept=True),
        Outcome("y.docx", "failed", y, error=failed, code="I005", kept=True),
    ]
    assert [r.source for r in store.readings([same]).values()] == ["a.txt"]
    assert sorted((r.source, r.reader, r.code) for r in store.unread()) == [
        ("notes/x.docx", "none", "I005"),
        ("y.docx", "none", "I005"),
    ]
    assert store.blob(x) == b"PK\x03\x04one"


def test_an_upload_over_the_size_limit_is_refused_and_one_at_it_read(store: Store) -> None:
    limit = 2 << 20
    edge = (TEXT + b"\n") * (limit // (len(TEXT) + 1))
    edge += b"." * (limit - len(edge))
    uploads = [("big.txt", b"x" * (3 << 20)), ("edge.txt", edge)]
    summary = ingest_uploads(
        store, uploads, settings=Settings(store_url=store.url, max_file_bytes=limit)
    )
    too_big = "[I001] big.txt: file is 3 MiB, over the 2 MiB limit"
    assert [(o.source, o.status, o.blob_id, o.code, o.error, o.kept) for o in summary.outcomes] == [
        ("big.txt", "failed", None, "I001", too_big, False),
        ("edge.txt", "stored", digest_bytes(edge), None, None, False),
    ]
    assert store.counts()["ledger"] == 1  # the refused upload is not kept


def test_the_expansion_limit_applies_to_an_upload(store: Store) -> None:
    bomb = gzip.compress(b"\0" * (2 << 20))
    settings = Settings(store_url=store.url, max_expanded_bytes=1 << 20)
    [outcome] = ingest_uploads(store, [("crawl.warc.gz", bomb)], settings=settings).outcomes
    assert (outcome.status, outcome.code, outcome.blob_id, outcome.kept) == (
        "failed",
        "I011",
        digest_bytes(bomb),
        True,
    )


def test_an_upload_reports_its_total_and_each_outcome_and_names_its_actor(store: Store) -> None:
    seen: list[Outcome] = []
    totals: list[int] = []
    uploads = [("a.txt", TEXT), ("big.txt", b"x" * 2000), ("b.txt", b"Looting in Izium.")]
    settings = Settings(store_url=store.url, max_file_bytes=1000)
    summary = ingest_uploads(
        store, uploads, settings=settings, on_outcome=seen.append, on_total=totals.append
    )
    assert totals == [3]
    assert [(o.source, o.status) for o in seen] == [
        ("big.txt", "failed"),
        ("a.txt", "stored"),
        ("b.txt", "stored"),
    ]
    assert seen == summary.outcomes
    ingest_uploads(store, [("c.txt", b"Shelling in Kupiansk.")], settings=settings, actor="desk")
    assert [row.actor for row in store.ledger_rows()] == ["ingest", "ingest", "desk"]


class GivenPool(ThreadPoolExecutor):
    """The reader pool, as threads, noting the uploads it was given to read."""

    given: ClassVar[list[str]] = []

    def __init__(self, workers: int) -> None:
        super().__init__(workers)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        GivenPool.given += [blob.source for blob in args if isinstance(blob, Blob)]
        return super().submit(fn, *args, **kwargs)


def test_an_upload_no_reader_knows_is_never_sent_to_the_readers(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    GivenPool.given = []
    monkeypatch.setattr(batch, "worker_pool", GivenPool)
    texts = [(f"r{n}.txt", f"Report {n} from Lyman.".encode()) for n in range(7)]
    uploads = [*texts, ("notes/x.docx", b"PK\x03\x04")]
    summary = ingest_uploads(store, uploads, settings=Settings(store_url=store.url, workers=2))
    assert sorted(GivenPool.given) == [f"r{n}.txt" for n in range(7)]
    assert [(o.source, o.status) for o in summary.outcomes] == [
        *((name, "stored") for name, _ in texts),
        ("notes/x.docx", "skipped"),
    ]
