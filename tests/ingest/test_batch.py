"""Ingesting many files: idempotence, failures that do not stop the batch, crash safety."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar

import pytest
from sqlalchemy import create_engine, func, select

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest import Outcome, Summary, batch, ingest_paths, read_file, reread
from corroborate.ingest.batch import own_files
from corroborate.ingest.readers import READERS, Blob, Read
from corroborate.ingest.readers.text import read_text
from corroborate.model import Report
from corroborate.settings import Settings
from corroborate.store import Store, schema, verify
from corroborate.store.sealing import WitnessKey
from tests.builders import EMAIL, html_page, pdf_bytes

WriteFiles = Callable[[dict[str, bytes | str]], Path]


def corpus(count: int) -> dict[str, bytes | str]:
    return {
        f"d{n // 50}/r{n:05d}.txt": f"Report {n}: shelling near Kramatorsk, officials said."
        for n in range(count)
    }


def run(store: Store, root: Path, **options: int) -> tuple[int, int, int]:
    settings = Settings(store_url=store.url, **options)
    summary = ingest_paths(store, [root], settings=settings)
    return summary.count("stored"), summary.count("duplicate"), summary.count("failed")


def test_directory_ingest_is_recursive_and_idempotent(
    store: Store, write_files: WriteFiles
) -> None:
    root = write_files(
        corpus(30) | {"nested/deeper/p.pdf": pdf_bytes(["Pdf text"]), "m.eml": EMAIL}
    )
    assert run(store, root) == (32, 0, 0)
    assert run(store, root) == (0, 32, 0)
    assert store.counts()["ledger"] == 32
    assert verify(store).ok


def test_failures_are_outcomes_and_the_batch_goes_on(store: Store, write_files: WriteFiles) -> None:
    root = write_files(
        corpus(10)
        | {
            "bad/garbage.txt": bytes(range(256)) * 4,
            "bad/cut.pdf": pdf_bytes(["x"])[:100],
            "bad/feed.json": '{"items": [',
            "ok.html": html_page("Fine", ["Long enough paragraph about the events in Lyman." * 3]),
        }
    )
    summary = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    failed = {Path(o.source).name: o.code for o in summary.failed}
    assert failed == {"garbage.txt": "I002", "cut.pdf": "I004", "feed.json": "I006"}
    assert summary.count("stored") == 11
    assert all(o.error and o.error.startswith(f"[{o.code}] ") for o in summary.failed)


def test_oversize_files_are_refused_before_reading(store: Store, write_files: WriteFiles) -> None:
    root = write_files({"big.txt": "word " * 400_000, "small.txt": "A small report."})
    summary = ingest_paths(
        store, [root], settings=Settings(store_url=store.url, max_file_bytes=1 << 20)
    )
    assert [(Path(o.source).name, o.code) for o in summary.failed] == [("big.txt", "I001")]


def test_same_bytes_under_two_names_is_one_blob(store: Store, write_files: WriteFiles) -> None:
    root = write_files({"a.txt": "Same words.", "copy/b.txt": "Same words."})
    assert run(store, root) == (1, 1, 0)


def test_failed_ingest_loses_nothing_stored_before(store: Store, write_files: WriteFiles) -> None:
    run(store, write_files(corpus(5)))
    before = {r.id for r in store.reports()}
    assert run(store, write_files({"garbage.txt": b"\x00\xff" * 100})) == (0, 0, 1)
    assert {r.id for r in store.reports()} == before and verify(store).ok


def test_an_unreadable_file_is_kept_as_unread_evidence(
    store: Store, write_files: WriteFiles
) -> None:
    cut = pdf_bytes(["x"])[:100]
    summary = ingest_paths(
        store, [write_files({"cut.pdf": cut})], settings=Settings(store_url=store.url)
    )
    [outcome] = summary.outcomes
    assert (outcome.status, outcome.code, outcome.kept) == ("failed", "I004", True)
    assert store.blob(digest_bytes(cut)) == cut
    [unread] = store.unread()
    assert (unread.blob_id, unread.reader, unread.code) == (digest_bytes(cut), "pdf", "I004")
    assert verify(store).ok
    assert run(store, write_files({"again/cut.pdf": cut})) == (0, 0, 1)
    assert store.counts()["ledger"] == 1  # the same failure is not recorded twice


def test_dedup_is_per_reading_not_per_blob(store: Store, write_files: WriteFiles) -> None:
    """The same feed saved as .json (unreadable as one JSON document) and .jsonl: the
    first copy's failure must not make the second a "duplicate" that is never stored."""
    lines = "\n".join(json.dumps({"text": f"Shelling of Kharkiv, item {n}."}) for n in range(3))
    root = write_files({"feed.json": lines, "feed.jsonl": lines})
    first = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    assert {Path(o.source).name: o.status for o in first.outcomes} == {
        "feed.json": "failed",
        "feed.jsonl": "stored",
    }
    assert store.counts()["reports"] == 3 and store.counts()["blobs"] == 1
    again = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    assert {Path(o.source).name: o.status for o in again.outcomes} == {
        "feed.json": "failed",
        "feed.jsonl": "duplicate",
    }
    assert verify(store).ok


def test_two_readers_of_one_file_both_keep_their_reports(
    store: Store, write_files: WriteFiles
) -> None:
    """A .txt and an .html of the same bytes are two readings with the same item name."""
    page = html_page("Same page", ["Detentions were reported in Sloviansk on Monday." * 3])
    assert run(store, write_files({"page.html": page, "page.txt": page})) == (2, 0, 0)
    assert store.counts()["reports"] == 2 and verify(store).ok


def test_formats_no_reader_knows_are_listed_and_kept(store: Store, write_files: WriteFiles) -> None:
    root = write_files(
        {"a.txt": "Shelling in Lyman.", "x.docx": b"PK\x03\x04one", "y.docx": b"PK\x03\x04two"}
    )
    summary = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    assert summary.skipped_by_suffix() == {".docx": 2} and summary.ok
    assert {r.code for r in store.unread()} == {"I005"} and len(store.unread()) == 2
    assert verify(store).ok


def test_reread_reads_what_a_new_reader_can(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(store, write_files({"note.docx": "Monitors recorded looting in Izium."}))
    assert len(store.unread()) == 1
    monkeypatch.setitem(READERS, ".docx", read_text)
    summary = reread(store, settings=Settings(store_url=store.url))
    assert (summary.count("stored"), summary.reports) == (1, 1)
    assert store.unread() == [] and verify(store).ok
    assert [r.text for r in store.reports()] == ["Monitors recorded looting in Izium."]


def test_reread_keeps_the_limits_and_names_what_still_fails(
    store: Store, write_files: WriteFiles
) -> None:
    settings = Settings(store_url=store.url, max_expanded_bytes=1 << 20)
    bomb = gzip.compress(b"\0" * (2 << 20))
    ingest_paths(
        store,
        [write_files({"crawl.warc.gz": bomb, "note.docx": "Shelling in Lyman."})],
        settings=settings,
    )
    seen: list[Outcome] = []
    totals: list[int] = []
    summary = reread(store, settings=settings, on_outcome=seen.append, on_total=totals.append)
    assert totals == [2] and seen == summary.outcomes
    by_name = {Path(o.source).name: o for o in seen}
    bombed, docx = by_name["crawl.warc.gz"], by_name["note.docx"]
    assert (bombed.status, bombed.code, bombed.kept) == ("failed", "I011", True)
    assert bombed.error == f"[I011] {bombed.source}: expands past 1 MiB (decompression bomb?)"
    # outside a folder walk a format no reader knows is a failure, never a skip
    assert (docx.status, docx.code, docx.kept) == ("failed", "I005", True)
    assert docx.error == f"[I005] {docx.source}: unsupported format"
    assert len(store.unread()) == 2


def test_the_ledger_names_ingest_and_reread_as_the_actors(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Outcome] = []
    totals: list[int] = []
    root = write_files({"a.txt": "Shelling in Lyman.", "note.docx": "Looting in Izium."})
    settings = Settings(store_url=store.url)
    summary = ingest_paths(
        store, [root], settings=settings, on_outcome=seen.append, on_total=totals.append
    )
    assert totals == [2] and seen == summary.outcomes and len(seen) == 2
    monkeypatch.setitem(READERS, ".docx", read_text)
    reread(store, settings=settings)
    assert [row.actor for row in store.ledger_rows()][-3:] == ["ingest", "ingest", "reread"]


class RecordingPool(ThreadPoolExecutor):
    """The reader pool, as threads, noting its size and the files it was given to read."""

    made: ClassVar[list[RecordingPool]] = []

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.workers, self.given = workers, list[str]()
        RecordingPool.made.append(self)

    def submit(self, fn: Callable[[Blob], Read], /, *args: Blob, **kwargs: Any) -> Future[Read]:
        self.given += [Path(blob.source).name for blob in args]
        return super().submit(fn, *args, **kwargs)


@pytest.mark.parametrize(
    ("files", "workers", "pool"),
    [
        (3, 8, None),  # fewer than eight files: read in this process
        (8, 2, 2),  # a quarter of the files, up to the workers allowed
        (16, 8, 4),
        (20, 3, 3),
    ],
)
def test_files_are_read_in_a_pool_of_a_quarter_of_their_number(
    files: int,
    workers: int,
    pool: int | None,
    store: Store,
    write_files: WriteFiles,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    RecordingPool.made = []
    monkeypatch.setattr(batch, "worker_pool", RecordingPool)
    texts: dict[str, bytes | str] = {f"r{n:02d}.txt": f"Report {n}." for n in range(files - 1)}
    texts["x.docx"] = b"PK\x03\x04"  # no reader: never sent to the pool
    settings = Settings(store_url=store.url, workers=workers)
    summary = ingest_paths(store, [write_files(texts)], settings=settings)
    assert summary.count("stored") == files - 1
    if pool is None:
        assert RecordingPool.made == []
        return
    [made] = RecordingPool.made
    assert made.workers == pool
    assert sorted(made.given) == [f"r{n:02d}.txt" for n in range(files - 1)]
    # outcomes in the files' order, whatever order the readers finish in
    assert [Path(o.source).name for o in summary.outcomes] == sorted(texts)
    [docx] = summary.skipped
    assert docx.error == f"[I005] {docx.source}: unsupported format"


def test_a_second_ingest_reads_nothing_again_and_names_each_duplicates_blob(
    sqlite_url: str, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More files than one look-up of known readings takes (256), each seen once."""
    RecordingPool.made = []
    monkeypatch.setattr(batch, "worker_pool", RecordingPool)
    store = Store(sqlite_url)
    store.migrate()
    texts = {f"r{n:03d}.txt": f"Report {n}." for n in range(260)}
    root = write_files(texts)
    settings = Settings(store_url=sqlite_url, workers=2)
    first = ingest_paths(store, [root], settings=settings)
    assert (first.count("stored"), len(first.outcomes)) == (260, 260)
    again = ingest_paths(store, [root], settings=settings)
    assert [o.status for o in again.outcomes] == ["duplicate"] * 260
    assert [o.blob_id for o in again.outcomes] == [
        digest_bytes(texts[name].encode()) for name in sorted(texts)
    ]
    assert [len(made.given) for made in RecordingPool.made] == [260, 0]


def test_reread_sends_no_blob_of_an_unknown_format_to_the_readers(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest_paths(
        store,
        [write_files({f"n{n}.docx": f"Note {n}." for n in range(8)})],
        settings=Settings(store_url=store.url),
    )
    RecordingPool.made = []
    monkeypatch.setattr(batch, "worker_pool", RecordingPool)
    summary = reread(store, settings=Settings(store_url=store.url, workers=2))
    assert summary.count("failed") == 8
    assert [made.given for made in RecordingPool.made] == [[]]


def test_a_reader_that_crashes_loses_no_file_and_is_logged(
    store: Store,
    write_files: WriteFiles,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def crash(blob: Blob) -> Read:
        raise TypeError("a reader bug")

    monkeypatch.setitem(READERS, ".txt", crash)
    root = write_files({"a.txt": "Shelling in Lyman."})
    with caplog.at_level("ERROR", logger="corroborate.ingest.batch"):
        summary = ingest_paths(store, [root], settings=Settings(store_url=store.url))
    [outcome] = summary.outcomes
    assert (outcome.status, outcome.code, outcome.kept) == ("failed", "I099", True)
    assert outcome.error == f"[I099] {outcome.source}: reader crashed (TypeError)"
    [logged] = caplog.records
    assert logged.getMessage() == f"reader crashed on {outcome.source}"
    assert logged.exc_info is not None and logged.exc_info[0] is TypeError
    assert [r.code for r in store.unread()] == ["I099"]


def test_a_file_that_cannot_be_loaded_does_not_stop_the_next(
    store: Store, write_files: WriteFiles
) -> None:
    root = write_files({"a.txt": "x" * 2048, "b.txt": "Shelling in Lyman."})
    summary = ingest_paths(
        store, [root], settings=Settings(store_url=store.url, max_file_bytes=1024)
    )
    assert [(Path(o.source).name, o.status, o.code) for o in summary.outcomes] == [
        ("a.txt", "failed", "I001"),
        ("b.txt", "stored", None),
    ]


def test_the_tools_own_files_are_the_database_its_journals_and_the_keys(tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    settings = Settings(store_url=f"sqlite:///{tmp_path / 'case.db'}", key_dir=keys)
    assert own_files(settings) == [
        keys,
        tmp_path / "case.db",
        tmp_path / "case.db-wal",
        tmp_path / "case.db-shm",
        tmp_path / "case.db-journal",
    ]
    assert own_files(Settings(store_url="postgresql://db/case", key_dir=keys)) == [keys]


def test_a_feed_keeps_its_good_items_and_names_the_bad_ones(
    store: Store, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    def partial(blob: Blob) -> Read:
        good = read_text(blob)
        return Read(tuple(good), (InputError(6, "line 2: malformed JSON", subject=blob.source),))

    monkeypatch.setitem(READERS, ".jsonl", partial)
    summary = ingest_paths(
        store,
        [write_files({"f.jsonl": "Shelling in Kherson."})],
        settings=Settings(store_url=store.url),
    )
    [outcome] = summary.outcomes
    assert outcome.status == "stored" and outcome.reports == 1 and not summary.ok
    assert outcome.skipped_items == ("[I006] " + outcome.source + ": line 2: malformed JSON",)
    assert verify(store).ok


def test_own_files_are_never_ingested(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    (root / "report").mkdir(parents=True)
    (root / "a.txt").write_text("Shelling in Lyman.")
    (root / "report" / "results.json").write_text("{}")
    url = f"sqlite:///{root / 'store.db'}"
    handle = Store(url)
    handle.migrate()
    settings = Settings(store_url=url, key_dir=root / "keys")
    (root / "keys").mkdir()
    (root / "keys" / "k").write_text("secret")
    summary = ingest_paths(handle, [root], settings=settings, exclude=[root / "report"])
    assert [Path(o.source).name for o in summary.outcomes] == ["a.txt"]


def test_parallel_and_serial_ingest_store_the_same_reports(
    tmp_path: Path, write_files: WriteFiles
) -> None:
    root = write_files(corpus(40))
    ids = []
    for workers in (1, 2):
        handle = Store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        handle.migrate()
        run(handle, root, workers=workers)
        ids.append(sorted(r.id for r in handle.reports()))
    assert ids[0] == ids[1] and len(ids[0]) == 40


@pytest.mark.slow
def test_kill_minus_nine_mid_ingest_leaves_a_verifiable_store(
    tmp_path: Path, write_files: WriteFiles
) -> None:
    root = write_files(
        {f"d{n // 100}/r{n:05d}.txt": f"Report {n} " + "words " * 400 for n in range(3000)}
    )
    url, command, process = _start_ingest(root, tmp_path / "crash.db")
    _wait_for_rows(url, minimum=200, process=process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    crashed = Store(url)
    stored_at_crash = crashed.counts()["ledger"]
    assert 0 < stored_at_crash < 3000
    assert verify(crashed).ok
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{3000 - stored_at_crash} stored" in done.stdout
    assert f"{stored_at_crash} duplicate" in done.stdout
    assert crashed.counts()["reports"] == 3000 and verify(crashed).ok


def _start_ingest(root: Path, database: Path) -> tuple[str, list[str], subprocess.Popen[bytes]]:
    """An ingest of ``root`` in its own process (and process group), into a new store."""
    url = f"sqlite:///{database}"
    Store(url).migrate()
    command = [sys.executable, "-m", "corroborate", "ingest", str(root), "--store", url]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    return url, command, process


def _wait_for_rows(url: str, *, minimum: int, process: subprocess.Popen[bytes]) -> None:
    engine = create_engine(url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as conn:
            try:
                count = conn.execute(select(func.count()).select_from(schema.ledger)).scalar_one()
            except Exception:
                count = 0
        if count >= minimum:
            engine.dispose()
            return
        time.sleep(0.05)
    engine.dispose()
    pytest.fail("ingest finished or stalled before the kill point")


@pytest.mark.slow
def test_reader_processes_die_with_a_killed_ingest(tmp_path: Path, write_files: WriteFiles) -> None:
    root = write_files({f"r{n:05d}.txt": f"Report {n} " + "words " * 400 for n in range(3000)})
    url, _, process = _start_ingest(root, tmp_path / "orphans.db")
    _wait_for_rows(url, minimum=100, process=process)
    workers = _children(process.pid)
    assert workers, "the ingest runs its readers in worker processes"
    os.kill(process.pid, signal.SIGKILL)  # the parent alone, as `kill -9 PID` does
    process.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    """Running, not a zombie waiting for its (dead) parent's reaper."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_an_unreadable_testimony_file_is_kept_sealed_and_reread_with_the_key(
    sqlite_url: str, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No reader found the witnesses of a testimony table it could not read; its bytes may
    name them all the same, so they are sealed like a readable one's."""
    table = "witnes,account\nZabelina Oksvetta,Armed men detained my brother in Lyman.\n"
    store = Store(sqlite_url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    root = write_files({"t.csv": table})
    assert run(store, root) == (0, 0, 1)  # no text column: I007, kept unread
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    on_disk = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert b"Oksvetta" not in on_disk
    assert store.plain_blob(digest_bytes(table.encode())) == table.encode()
    assert verify(store).ok

    def lenient(blob: Blob) -> Read:
        rows = [line.split(",", 1) for line in blob.data.decode().splitlines()[1:]]
        return Read(
            tuple(
                Report(
                    blob.blob_id,
                    f"row:{n}",
                    blob.source,
                    "text/csv",
                    text,
                    meta=(("witness", who),),
                )
                for n, (who, text) in enumerate(rows, start=2)
            )
        )

    monkeypatch.setitem(READERS, ".csv", lenient)
    summary = reread(store, settings=Settings(store_url=store.url))
    assert summary.count("stored") == 1 and store.unread() == []
    [report] = store.reports()
    assert "Oksvetta" not in dict(report.meta)["witness"] and verify(store).ok


def test_a_summary_counts_by_status() -> None:
    summary = Summary(
        [
            Outcome("a.txt", "stored", "sha256:a", 3),
            Outcome("f.jsonl", "stored", "sha256:f", 2, skipped_items=("[I006] f.jsonl: line 2",)),
            Outcome("b.txt", "duplicate", "sha256:b", 4),
            Outcome("c.pdf", "failed", error="[I004] c.pdf: cut", code="I004"),
            Outcome("x.DOCX", "skipped", "sha256:x", code="I005", kept=True),
            Outcome("d/y.docx", "skipped", "sha256:y", code="I005", kept=True),
            Outcome("feed.jsonl.gz", "skipped", "sha256:z", code="I005", kept=True),
        ]
    )
    assert [summary.count(s) for s in ("stored", "duplicate", "failed", "skipped")] == [2, 1, 1, 3]
    assert summary.reports == 5  # a duplicate's reports were stored before
    assert [o.source for o in summary.failed] == ["c.pdf"]
    assert [o.source for o in summary.skipped] == ["x.DOCX", "d/y.docx", "feed.jsonl.gz"]
    assert summary.skipped_items == ["[I006] f.jsonl: line 2"]
    assert summary.skipped_by_suffix() == {".docx": 2, ".jsonl.gz": 1}
    assert not summary.ok


def test_a_summary_is_ok_unless_something_failed_or_an_item_was_left_out() -> None:
    assert Summary([Outcome("a.txt", "stored"), Outcome("x.docx", "skipped")]).ok
    assert not Summary([Outcome("c.pdf", "failed")]).ok
    assert Summary().ok


def test_read_file_reads_without_storing_and_names_what_stops_it(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("Monitors recorded looting in Izium.")
    [report] = read_file(path, settings=Settings())
    assert report.text == "Monitors recorded looting in Izium."
    with pytest.raises(InputError, match=r"^\[I012\] .*missing\.txt: cannot read file"):
        read_file(tmp_path / "missing.txt", settings=Settings())
    path.write_text("word " * 300_000)
    with pytest.raises(InputError, match=r"^\[I001\] .*note\.txt: file is 1 MiB, over the 1 MiB"):
        read_file(path, settings=Settings(max_file_bytes=1 << 20))


def test_read_file_names_the_file_once_whatever_its_path_holds(tmp_path: Path) -> None:
    """Regression: the message was cut at the first ": ", so a folder named "a: b" put part
    of the path in the message a second time."""
    folder = tmp_path / "a: b"
    folder.mkdir()
    missing = folder / "missing.txt"
    with pytest.raises(InputError) as caught:
        read_file(missing, settings=Settings())
    assert str(caught.value) == (f"[I012] {missing}: cannot read file (No such file or directory)")
    big = folder / "big.txt"
    big.write_bytes(b"x" * (3 << 20))
    with pytest.raises(InputError) as caught:
        read_file(big, settings=Settings(max_file_bytes=1 << 20))
    assert str(caught.value) == f"[I001] {big}: file is 3 MiB, over the 1 MiB limit"


def test_read_file_logs_each_feed_item_it_leaves_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Shelling in Kherson."}\n{broken\n', encoding="utf-8")
    with caplog.at_level("WARNING", logger="corroborate.ingest.batch"):
        [report] = read_file(feed, settings=Settings())
    assert report.text == "Shelling in Kherson."
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        (
            "WARNING",
            f"[I006] {feed}: line 2: malformed JSON "
            "(Expecting property name enclosed in double quotes)",
        )
    ]


def test_formats_are_counted_by_their_last_suffix_or_two_when_compressed() -> None:
    summary = Summary(
        [
            Outcome("notes.v2.docx", "skipped", code="I005"),
            Outcome("dump.2024-05.jsonl.gz", "skipped", code="I005"),
            Outcome("scan.TIFF", "skipped", code="I005"),
        ]
    )
    assert summary.skipped_by_suffix() == {".docx": 1, ".jsonl.gz": 1, ".tiff": 1}


def test_sources_are_shown_relative_below_the_working_directory(
    tmp_path: Path, write_files: WriteFiles, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = write_files({"in/a.txt": "Shelling in Lyman."})
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    store.migrate()
    monkeypatch.chdir(root)
    summary = ingest_paths(store, [Path("in")], settings=Settings())
    assert [o.source for o in summary.outcomes] == [os.path.join("in", "a.txt")]
    monkeypatch.chdir(root / "in")
    outside = tmp_path / "other.txt"
    outside.write_text("Shelling in Izium.")
    summary = ingest_paths(store, [Path("../../other.txt")], settings=Settings())
    assert [o.source for o in summary.outcomes] == [str(outside.resolve())]
