"""How a reader process ties its life to the ingest's (``ingest/pool.py``).

``test_batch.py`` kills a real ingest with ``kill -9`` and finds no reader left; these tests
call the worker's start-up and watch in this process, with the kernel request, the parent's
pid, the thread and the exit recorded instead of done, to pin each step.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import threading
from collections.abc import Callable
from typing import Any

import pytest

from corroborate.ingest import pool


class Exited(Exception):
    """Stands for ``os._exit`` so the test process lives on."""


class Recorder:
    """The C library, threads and exits as a worker would use them, recorded."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, parents: list[int]) -> None:
        self.libraries: list[tuple[str | None, bool]] = []
        self.prctl_calls: list[tuple[int, ...]] = []
        self.threads: list[dict[str, Any]] = []
        self.sleeps: list[float] = []
        self.parents = parents  # what getppid answers, one call after another
        monkeypatch.setattr(ctypes, "CDLL", self.library)
        monkeypatch.setattr(threading, "Thread", self.thread)
        monkeypatch.setattr(os, "getppid", self.getppid)
        monkeypatch.setattr(os, "_exit", self.exit)
        monkeypatch.setattr(pool.time, "sleep", self.sleeps.append)

    def library(self, name: str | None, *, use_errno: bool = False) -> Recorder:
        self.libraries.append((name, use_errno))
        return self

    def prctl(self, *args: int) -> int:
        self.prctl_calls.append(args)
        return 0

    def thread(self, *, target: Callable[..., None], args: tuple[Any, ...], **options: Any) -> Any:
        record = {"target": target, "args": args, **options, "started": False}
        self.threads.append(record)

        class Started:
            def start(self) -> None:
                record["started"] = True

        return Started()

    def getppid(self) -> int:
        return self.parents.pop(0) if len(self.parents) > 1 else self.parents[0]

    def exit(self, code: int) -> None:
        raise Exited(code)


def test_a_worker_asks_the_kernel_to_kill_it_with_its_parent_and_watches_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = Recorder(monkeypatch, [4321])
    pool.die_with_parent(4321)
    assert recorded.libraries == [(ctypes.util.find_library("c"), True)]
    assert recorded.prctl_calls == [(1, signal.SIGKILL, 0, 0, 0)]  # PR_SET_PDEATHSIG
    [thread] = recorded.threads
    assert thread == {
        "target": pool._watch,
        "args": (4321,),
        "daemon": True,
        "name": "parent-watch",
        "started": True,
    }


def test_a_worker_whose_parent_died_before_it_started_ends_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = Recorder(monkeypatch, [1])  # adopted by init: the ingest is gone
    with pytest.raises(Exited) as caught:
        pool.die_with_parent(4321)
    assert caught.value.args == (1,)
    assert recorded.threads == []


def test_the_watch_ends_the_worker_once_its_parent_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorded = Recorder(monkeypatch, [4321, 4321, 4321, 1])
    with pytest.raises(Exited) as caught:
        pool._watch(4321)
    assert caught.value.args == (1,)
    assert recorded.sleeps == [1.0, 1.0, 1.0]  # one look a second while the parent lives


def test_a_pool_starts_its_workers_with_this_process_as_their_parent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made: list[dict[str, Any]] = []
    monkeypatch.setattr(pool, "ProcessPoolExecutor", lambda **options: made.append(options))
    pool.worker_pool(3)
    assert made == [
        {"max_workers": 3, "initializer": pool.die_with_parent, "initargs": (os.getpid(),)}
    ]
