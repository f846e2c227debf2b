"""Extraction on a Dask distributed cluster (``corroborate run --scheduler tcp://HOST:8786``).

Step 2 of a run, the part that takes nearly all its time, spread over many machines:

1. ``connect`` opens a client to the scheduler (a coded error, ``C081``, when none answers,
   before the run has touched the store);
2. ``Cluster.extract`` sends the reports to extract in batches of ``BATCH`` (the batches a
   single machine makes), a few per worker thread at a time, and yields each batch's
   extractions as it completes, in whatever order the workers finish; the caller keeps them
   in the store as they come (``cached``), so a run stopped or a cluster lost keeps every
   finished batch, and the next run extracts only the rest;
3. on each worker, ``_extractor`` loads the English pipeline and the attribution encoder
   once per worker process (not per task).

The workers need no database and no key: a task carries its reports' texts and returns
their extractions, and only the process that runs ``corroborate run`` writes to the store.
Every task carries the run's ``extraction_version``; a worker whose code, models or settings
differ (another package version, ``CORROBORATE_ENCODER``, an extra source registry) would
extract otherwise, and stops the run (``C083``) before extracting anything.
Linking and grading stay in the client (``docs/scale.md`` says why).

``distributed`` is imported here only, and only when a scheduler is given: a run without
one never loads it.
"""

from __future__ import annotations

import importlib
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from itertools import islice
from types import ModuleType
from typing import Any

from corroborate.errors import ConfigError
from corroborate.extract import Extractor
from corroborate.extract.cached import WRITE_EVERY, report_places
from corroborate.extract.document import Extraction
from corroborate.extract.models.encoder import load_encoder
from corroborate.extract.models.encoder_runtime import THREADS_ENV
from corroborate.extract.stored import extraction_version
from corroborate.model import Report

BATCH = WRITE_EVERY  # reports per task: each finished task is kept in one transaction
PER_THREAD = 2  # tasks in flight per worker thread: one running, one waiting its turn
CONNECT_TIMEOUT = 10.0  # seconds to wait for the scheduler to answer
WORKERS_TIMEOUT = 60.0  # seconds to wait for the first worker to join
POLL = 5.0  # seconds between checks that the cluster still has workers, while waiting

Found = list[tuple[Extraction, frozenset[str]]]  # a batch's extractions, with their places


def distributed() -> ModuleType:
    """Dask's ``distributed``, imported on first use; ``C084`` when it is not installed."""
    try:
        return importlib.import_module("distributed")
    except ImportError as exc:
        raise ConfigError(
            84,
            "Dask distributed is not installed; install the extra: pip install"
            " 'corroborate[cluster]'",
            subject="--scheduler",
        ) from exc


@contextmanager
def connect(address: str) -> Iterator[Cluster]:
    """A client of the scheduler at ``address``, closed on leaving."""
    dask = distributed()
    try:
        client = dask.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ConfigError(
            81, f"no Dask scheduler answers ({_first_line(exc)})", subject=address
        ) from exc
    try:
        yield Cluster(client, address)
    finally:
        client.close()


class Cluster:
    """Extraction on the workers of one scheduler."""

    def __init__(self, client: Any, address: str) -> None:
        self.client = client
        self.address = address

    def extract(self, reports: Sequence[Report], *, fast: bool) -> Iterator[Found]:
        """Each batch's extractions (with the places its reports name), as batches finish."""
        if not reports:
            return
        version = extraction_version(fast=fast)
        batches = iter([list(reports[i : i + BATCH]) for i in range(0, len(reports), BATCH)])
        try:
            self._wait_for_workers()
            window = PER_THREAD * max(1, sum(self.client.nthreads().values()))
            running = {self._submit(b, fast, version) for b in islice(batches, window)}
            while running:
                done, running = self._finished(running)
                for future in done:
                    yield future.result()
                    running |= {self._submit(b, fast, version) for b in islice(batches, 1)}
        except (CancelledError, OSError, TimeoutError, distributed().KilledWorker) as exc:
            raise self._lost(exc) from exc

    def _submit(self, batch: list[Report], fast: bool, version: str) -> Any:
        return self.client.submit(extract_batch, batch, fast, version, pure=False)

    def _finished(self, running: set[Any]) -> tuple[set[Any], set[Any]]:
        """The futures done and those still running, at the first to finish; while none
        finishes, the cluster must keep a worker (else ``C082``)."""
        dask = distributed()
        while True:
            try:
                with self.client.as_current():  # ``wait`` asks for the current client
                    done, pending = dask.wait(running, timeout=POLL, return_when="FIRST_COMPLETED")
            except TimeoutError:
                if not self.client.nthreads():
                    raise self._lost(None) from None
                continue
            return set(done), set(pending)

    def _wait_for_workers(self) -> None:
        try:
            self.client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError as exc:
            raise ConfigError(
                82,
                f"no worker joined the cluster within {WORKERS_TIMEOUT:.0f} s",
                subject=self.address,
            ) from exc

    def _lost(self, exc: BaseException | None) -> ConfigError:
        cause = f" ({_first_line(exc)})" if exc is not None else ": no worker is left"
        return ConfigError(
            82,
            f"the cluster stopped extracting{cause}; the batches it finished are kept, run"
            " again to extract the rest",
            subject=self.address,
        )


def extract_batch(reports: list[Report], fast: bool, version: str) -> Found:
    """On a worker: each report's extraction and the places its text names, when this
    worker extracts at the run's ``version`` (else ``C083``, before extracting anything)."""
    worker = distributed().get_worker()
    theirs = extraction_version(fast=fast)
    if theirs != version:
        raise ConfigError(
            83,
            f"worker {worker.address} extracts with other code, models or settings than this"
            f" run ({theirs[7:19]}, here {version[7:19]}): start the workers from the same"
            " corroborate version, with the same CORROBORATE_ENCODER and CORROBORATE_SOURCES",
            subject=worker.scheduler.address,
        )
    extractor = _extractor(fast=fast)
    texts = {r.id: r.text for r in reports}
    found = [
        (extraction, report_places(texts[extraction.report_id]))
        for extraction in extractor.extract_reports(reports, batch_size=len(reports))
    ]
    RAN["batches"] += 1
    return found


def ran() -> dict[str, int]:
    """What this worker process did: pipelines loaded, with the rules alone and with the
    encoder (once each, whatever the number of tasks), and batches extracted."""
    return dict(RAN)


_loaded: dict[bool, Extractor] = {}  # this worker process's pipelines, by ``fast``
_loading = threading.Lock()  # a worker's threads load them once between them
RAN = {"rules": 0, "encoder": 0, "batches": 0}  # what this process did (``ran``)


def _extractor(*, fast: bool) -> Extractor:
    """This worker's pipeline, loaded by its first task. The encoder runs on one thread per
    task thread, unless the worker's environment sets ``CORROBORATE_ENCODER_THREADS``: a
    worker does not know how many others share its machine, and the layout that scales is
    one worker process of one thread per core (``docs/scale.md``)."""
    with _loading:
        if fast not in _loaded:
            os.environ.setdefault(THREADS_ENV, "1")
            _loaded[fast] = Extractor.load(encoder=not fast)
            if not fast:
                load_encoder()  # its sessions, before the first batch
            RAN["rules" if fast else "encoder"] += 1
        return _loaded[fast]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
