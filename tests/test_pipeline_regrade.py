"""A re-grading after a review (``pipeline.regrade``, over ``results.rebuild_incidents``)
says what a full run says: the same explanation, witnesses pseudonymised alike.

Regression: in the sample corpus (``--fast``, the archives aside) a witness of the DMG
report, relayed by the coordination centre, is an origin of the Sloviansk incident under a
name no testimony's metadata gives ("fourth witness"). A run pseudonymised it as a witness
origin (``Pseudonyms.results``); a re-grading pseudonymised only the store's identities and
shared it as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corroborate.pipeline import regrade, run
from corroborate.review.decide import Decision, decide
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.runs import latest_run
from corroborate.store.sealing import WitnessKey
from tests.conftest import SAMPLES

PARTS = ("wires", "official", "witnesses", "ngo")


def shared(store: Store) -> dict[str, Any]:
    """The latest run's incidents as the store shares them (witnesses pseudonymised)."""
    head = latest_run(store)
    assert head is not None
    return {i["id"]: i for i in head.results["incidents"]}


def test_a_regrade_explains_an_incident_as_a_full_run_does(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=store.url, fast=True, workers=1, key_dir=tmp_path / "keys")
    corpus = [SAMPLES / "corpus" / part for part in PARTS]
    run(store, corpus, settings=settings)
    first = shared(store)
    sloviansk = max(
        (i for i in first.values() if "Sloviansk" in i["label"]), key=lambda i: len(i["reports"])
    )
    witnesses = [o["speaker"] for o in sloviansk["origins"] if o["kind"] == "witness"]
    assert len(witnesses) >= 2 and all(w.startswith("Witness ") for w in witnesses)
    event = decide(store, Decision("confirm", sloviansk["statements"][0]["id"]), actor="a")
    assert regrade(store, actor="a", review=event) is not None
    regraded = shared(store)[sloviansk["id"]]["grade"]["explanation"]
    run(store, corpus, settings=settings)  # the extractions are kept: link and grade again
    full = shared(store)[sloviansk["id"]]["grade"]["explanation"]
    assert "fourth witness" not in regraded
    assert regraded == full
    assert regraded.startswith(sloviansk["grade"]["explanation"].rsplit(".", 1)[0])
    store.close()
