"""Re-gradings in turns (``api/regrading.py``): writes that wait together share one."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest

from corroborate.api.regrading import Turns
from corroborate.model import ReviewEvent


def _review(seq: int) -> ReviewEvent:
    return ReviewEvent("anna", "confirm", f"sha256:{seq:064x}", "", (), "", seq=seq)


def _until(check: object, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:  # type: ignore[operator]
        time.sleep(0.005)
    assert check(), "timed out"  # type: ignore[operator]


def test_writes_waiting_together_share_the_next_regrading() -> None:
    turns = Turns()
    ran: list[tuple[int, list[int]]] = []
    inside, go = threading.Event(), threading.Event()

    def run(review: ReviewEvent, others: Sequence[ReviewEvent]) -> None:
        ran.append((review.seq, sorted(r.seq for r in others)))
        if review.seq == 1:
            inside.set()
            go.wait(10)

    results: dict[int, bool] = {}

    def write(seq: int) -> None:
        results[seq] = turns.regrade(_review(seq), run)

    first = threading.Thread(target=write, args=(1,))
    first.start()
    assert inside.wait(10)
    later = [threading.Thread(target=write, args=(seq,)) for seq in (2, 3)]
    for thread in later:
        thread.start()
    _until(lambda: len(turns) == 3)
    go.set()
    for thread in [first, *later]:
        thread.join(10)
    assert ran[0] == (1, [])
    assert len(ran) == 2 and sorted([ran[1][0], *ran[1][1]]) == [2, 3]
    assert results[1] is True
    assert sorted([results[2], results[3]]) == [False, True]
    assert len(turns) == 0


def test_a_failed_regrading_leaves_its_reviews_for_the_next() -> None:
    turns = Turns()
    seen: list[tuple[int, list[int]]] = []

    def failing(review: ReviewEvent, others: Sequence[ReviewEvent]) -> None:
        raise RuntimeError("store gone")

    def run(review: ReviewEvent, others: Sequence[ReviewEvent]) -> None:
        seen.append((review.seq, [r.seq for r in others]))

    with pytest.raises(RuntimeError):
        turns.regrade(_review(7), failing)
    assert len(turns) == 1
    assert turns.regrade(_review(8), run) is True
    assert seen == [(8, [7])]
    assert len(turns) == 0
