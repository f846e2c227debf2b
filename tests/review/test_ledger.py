"""Reviews in the ledger: hundreds of them keep it verifiable, a writer killed mid-way
leaves it verifiable, and each target's history reads them back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from corroborate.review import Decision, decide, review_history, reviews, target_version
from corroborate.store import Store, verify
from tests.review.conftest import Analyse, incident, statement

IZIUM = "Torture or ill-treatment at Izium"
STANCES = ("denies", "neutral", "supports", "counter_accuses")


def test_the_ledger_verifies_after_hundreds_of_reviews(store: Store, analyse: Analyse) -> None:
    results = analyse()
    targets = [s["id"] for i in results["incidents"] for s in i["statements"]]
    for n in range(300):
        target = targets[n % len(targets)]
        seen = target_version(store, target)
        decision = (
            Decision("correct_stance", target, STANCES[n % 4])
            if n % 3
            else Decision("note", target, f"checked against the source, pass {n}")
        )
        decide(store, decision, actor=f"analyst-{n % 5}", reason=f"pass {n}", expected=seen)
    assert len(reviews(store)) == 300
    assert verify(store).ok
    after = analyse()
    assert after["reviews"] == {"applied": 300, "orphaned": []}
    assert verify(store).ok


def test_history_of_a_statement_and_of_its_incident(store: Store, analyse: Analyse) -> None:
    results = analyse()
    monitor = statement(results, "Donbas Monitor Group", IZIUM)["id"]
    izium = incident(results, IZIUM)["id"]
    first = decide(store, Decision("correct_stance", monitor, "denies"), actor="a", reason="r1")
    second = decide(store, Decision("status", izium, "reviewed"), actor="b", reason="r2")
    full, found = review_history(store, monitor[7:20])
    assert full == monitor and [r.seq for r in found] == [first.seq]
    assert found[0].reason == "r1" and found[0].actor == "a"
    _, found = review_history(store, izium)
    assert [r.seq for r in found] == [first.seq, second.seq]


WRITER = textwrap.dedent(
    """
    import sys
    from corroborate.review import Decision, decide
    from corroborate.store import Store
    store = Store(sys.argv[1])
    targets = sys.argv[2:]
    for n in range(100000):
        decide(store, Decision("note", targets[n % len(targets)], f"note {n}"), actor="w")
    """
)


def test_kill_minus_nine_while_writing_reviews_leaves_a_verifiable_store(
    store: Store, analyse: Analyse
) -> None:
    results = analyse()
    targets = [s["id"] for i in results["incidents"] for s in i["statements"]]
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER, store.url, *targets],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    _wait_for_reviews(store, minimum=50, process=process)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    written = len(reviews(store))
    assert written >= 50
    assert verify(store).ok
    decide(store, Decision("confirm", targets[0]), actor="after")  # the chain goes on
    assert len(reviews(store)) == written + 1 and verify(store).ok


def _wait_for_reviews(store: Store, *, minimum: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if len(reviews(store)) >= minimum:
            return
        time.sleep(0.05)
    error = process.stderr.read().decode() if process.stderr and process.poll() is not None else ""
    pytest.fail(f"the writer finished or stalled before the kill point {error}")
