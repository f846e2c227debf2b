"""Serialised answers of the read endpoints, kept in the server's memory.

An answer (incident list page, incident, report) is determined by its key: the endpoint and
its parameters, the case, the caller's role and witness-identities grant there, the ledger
head and the case's version (how many reports it holds). Every write that changes what is
served moves the head (a run, an ingest, a review, a re-grading's amendment) or the version
(reports added to a case), and the role and grant are read on every request, so an answer is
never served stale nor to a member who may not read it: what a member with the grant reads
names witnesses, and only a key holding the grant finds it. An answer that showed witness
identities keeps what its reads were audited as, and every later answer from memory writes
those audit rows again, for the caller it answers.

The memory is bounded (``limit`` bytes of bodies); the least recently used go first. Which
answer a request names (its path and query string, as sent: ``fastpath``) is learned when
the full path answers it, and kept the same way (``Requests``, ``REQUESTS`` of them).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from contextvars import ContextVar
from dataclasses import dataclass

LIMIT = 64 * 1024 * 1024  # bytes of kept bodies per server process
REQUESTS = 200_000  # requests whose answer is known, per server process
Raw = tuple[str, bytes]  # a request's path and query string, as sent
# the request the full path is answering, when ``fastpath`` may serve it again from memory
requested: ContextVar[Raw | None] = ContextVar("requested", default=None)


@dataclass(frozen=True, slots=True)
class Answer:
    body: bytes  # the JSON answer
    audited: tuple[str, ...]  # the subjects of the witness-identity reads it made


class Answers:
    """Kept answers by key, least recently used first out."""

    def __init__(self, limit: int = LIMIT) -> None:
        self.limit = limit
        self._kept: OrderedDict[Hashable, Answer] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            found = self._kept.get(key)
            if found is not None:
                self._kept.move_to_end(key)
            return found

    def put(self, key: Hashable, answer: Answer) -> None:
        if len(answer.body) > self.limit:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            self._size += len(answer.body) - (len(old.body) if old else 0)
            self._kept[key] = answer
            while self._size > self.limit:
                _, dropped = self._kept.popitem(last=False)
                self._size -= len(dropped.body)

    def __len__(self) -> int:
        return len(self._kept)


class Requests:
    """Which answer each request names: the case and the key of the answer within it
    (``Service.answer``), the least recently used forgotten first."""

    def __init__(self, limit: int = REQUESTS) -> None:
        self.limit = limit
        self._known: OrderedDict[Raw, tuple[str, tuple[Hashable, ...]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, raw: Raw) -> tuple[str, tuple[Hashable, ...]] | None:
        with self._lock:
            found = self._known.get(raw)
            if found is not None:
                self._known.move_to_end(raw)
            return found

    def put(self, raw: Raw, case: str, key: tuple[Hashable, ...]) -> None:
        with self._lock:
            self._known[raw] = (case, key)
            self._known.move_to_end(raw)
            while len(self._known) > self.limit:
                self._known.popitem(last=False)
