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

The memory is bounded (``limit`` bytes of bodies); the least recently used go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass

LIMIT = 64 * 1024 * 1024  # bytes of kept bodies per server process


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
