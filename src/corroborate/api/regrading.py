"""Re-gradings after review writes, in turns: one takes in every review waiting for one.

A review that changes grades is followed at once by a re-grading of the run
(``pipeline.regrade``), so the incident read next shows it. A re-grading reads every review
and builds again the incidents they touch; it takes tens of milliseconds on a large run,
and one process runs one at a time. When many analysts write at once, each waiting for a
re-grading of their own would wait for all the others' in turn. Instead each write joins
the reviews waiting, and the re-grading whose turn comes takes in all of them (they are
all in the store: each was written before it joined); a write whose review a re-grading
has taken in meanwhile returns as soon as that one is recorded. The amendment is recorded
under the name of the analyst whose request ran it; each review keeps its own author in the
ledger. A re-grading that fails leaves its reviews waiting for the next one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from corroborate.model import ReviewEvent

Regrade = Callable[[ReviewEvent, Sequence[ReviewEvent]], None]


class Turns:
    """The reviews waiting for a re-grading, and the lock one re-grading holds at a time."""

    def __init__(self) -> None:
        self._waiting: dict[int, ReviewEvent] = {}
        self._queue = threading.Lock()
        self._turn = threading.Lock()

    def regrade(self, written: ReviewEvent, run: Regrade) -> bool:
        """Have ``written`` re-graded: by ``run(written, others)`` on this thread, with the
        other reviews waiting, or by a re-grading another write ran meanwhile. True when
        this thread ran it."""
        with self._queue:
            self._waiting[written.seq] = written
        with self._turn:
            with self._queue:
                if written.seq not in self._waiting:  # taken in by the turn before
                    return False
                batch = dict(self._waiting)
            run(written, [r for seq, r in batch.items() if seq != written.seq])
            with self._queue:
                for seq in batch:
                    self._waiting.pop(seq, None)
        return True

    def __len__(self) -> int:
        with self._queue:
            return len(self._waiting)
