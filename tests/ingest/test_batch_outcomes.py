"""Each file's outcome names its file and blob; files are committed in batches bounded by
count and by bytes; the limits set for a run apply to the first reading too."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from corroborate.ids import digest_bytes
from corroborate.ingest import batch, ingest_paths, reread
from corroborate.settings import Settings
from corroborate.store import IngestRecord, Store
from tests.builders import pdf_bytes

WriteFiles = Callable[[dict[str, bytes | str]], Path]


def test_every_outcome_names_its_file_and_its_blob(store: Store, write_files: WriteFiles) -> None:
    cut = pdf_bytes(["x"])[:100]
    root = write_files({"a.txt": "Same words.", "copy/b.txt": "Same words.", "cut.pdf": cut})
    summary = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    same = digest_bytes(b"Same words.")
    found = {(Path(o.source).name, o.status, o.blob_id) for o in summary.outcomes}
    assert found == {
        ("a.txt", "stored", same),
        ("b.txt", "duplicate", same),
        ("cut.pdf", "failed", digest_bytes(cut)),
    }
    readings = store.readings([same])
    assert [r.source for r in readings.values()] == [str(root / "a.txt")]


def test_a_file_exactly_at_the_size_limit_is_read(store: Store, write_files: WriteFiles) -> None:
    text = "Shelling in Lyman, residents said."
    root = write_files({"edge.txt": text})
    limit = len(text.encode())
    summary = ingest_paths(
        store, [root], settings=Settings(store_url=store.url, max_file_bytes=limit)
    )
    assert [o.status for o in summary.outcomes] == ["stored"]


def test_the_expansion_limit_applies_to_the_first_reading(
    store: Store, write_files: WriteFiles
) -> None:
    bomb = gzip.compress(b"\0" * (2 << 20))
    settings = Settings(store_url=store.url, max_expanded_bytes=1 << 20)
    summary = ingest_paths(store, [write_files({"crawl.warc.gz": bomb})], settings=settings)
    [outcome] = summary.outcomes
    assert (outcome.status, outcome.code) == ("failed", "I011")


def test_a_reread_that_still_fails_keeps_the_reader_named(
    store: Store, write_files: WriteFiles
) -> None:
    ingest_paths(
        store,
        [write_files({"note.docx": "Looting in Izium."})],
        settings=Settings(store_url=store.url),
    )
    ledger = store.counts()["ledger"]
    reread(store, settings=Settings(store_url=store.url))
    assert [(r.reader, r.code) for r in store.unread()] == [("none", "I005")]
    assert store.counts()["ledger"] == ledger  # the same failure is not recorded again


def _batches(store: Store, monkeypatch: pytest.MonkeyPatch, by_bytes: int) -> list[int]:
    """Sizes of the transactions an ingest of equal files makes, with the byte bound given
    in multiples of one file's size (files per batch unbounded)."""
    sizes: list[int] = []
    add = store.add_ingests

    def counted(records: Sequence[IngestRecord], *, actor: str) -> list[int]:
        sizes.append(len(records))
        return add(records, actor=actor)

    monkeypatch.setattr(store, "add_ingests", counted)
    monkeypatch.setattr(batch, "BATCH_FILES", 1000)
    monkeypatch.setattr(batch, "BATCH_BYTES", by_bytes)
    return sizes


def _equal_files(write_files: WriteFiles, count: int) -> tuple[Path, int]:
    texts = [f"Report {n}: shelling near Lyman." for n in range(count)]
    files: dict[str, bytes | str] = {f"r{n}.txt": text for n, text in enumerate(texts)}
    return write_files(files), len(texts[0].encode())


def test_batches_close_when_they_reach_the_byte_bound(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, size = _equal_files(write_files, 5)
    sizes = _batches(store, monkeypatch, 2 * size)
    ingest_paths(store, [root], settings=Settings(store_url=store.url, workers=1))
    assert sizes == [2, 2, 1]


def test_batch_bytes_count_from_zero_in_every_batch(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, size = _equal_files(write_files, 6)
    sizes = _batches(store, monkeypatch, 2 * size + 1)
    ingest_paths(store, [root], settings=Settings(store_url=store.url, workers=1))
    assert sizes == [3, 3]


def test_batches_close_when_they_reach_the_file_bound(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root, _ = _equal_files(write_files, 5)
    sizes = _batches(store, monkeypatch, 1 << 30)
    monkeypatch.setattr(batch, "BATCH_FILES", 2)
    ingest_paths(store, [root], settings=Settings(store_url=store.url, workers=1))
    assert sizes == [2, 2, 1]


def test_a_store_that_answers_for_fewer_files_than_sent_stops_the_ingest(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No outcome is reported for a file the store did not account for."""
    root, _ = _equal_files(write_files, 2)
    add = store.add_ingests
    monkeypatch.setattr(
        store, "add_ingests", lambda records, *, actor: add(records, actor=actor)[:-1]
    )
    with pytest.raises(ValueError, match="zip"):
        ingest_paths(store, [root], settings=Settings(store_url=store.url, workers=1))


def test_a_path_with_no_relative_form_is_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no relative path exists (another drive), the path is shown as given."""

    def no_relative(path: str | os.PathLike[str], start: str | None = None) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", no_relative)
    assert batch._display(tmp_path / "a.txt") == str(tmp_path / "a.txt")
