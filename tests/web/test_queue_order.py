"""The review queue's order, computed by hand: how much one decision (a statement rejected,
or its stance flipped) would move its incident's grade, with the grading rules of
``taxonomy/grading.yaml`` (C: a witness, D: a party; 1: three independent origins, one
first-hand; 2: two; 3: one; 6: only a party's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from corroborate.api.impact import changes, distance, regrade
from corroborate.api.queue import build, certainty_of
from corroborate.model import Grade
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.runs import latest_run
from corroborate.store.sealing import WitnessKey
from tests.conftest import SAMPLES

GROUNDS = "corroborated: meets the reasonable-grounds threshold"
CREDIBLE = "partly corroborated: credible allegation, needs corroboration"
UNVERIFIED = "uncorroborated claim"


def said(n: int, speaker: str, stance: str, party: str | None = None) -> dict[str, Any]:
    return {
        "id": "sha256:" + f"{n:02x}" * 32,
        "verdict": None,
        "report_id": f"sha256:r{n}",
        "speaker": speaker,
        "party": party,
        "stance": stance,
        "content": f"words {n}",
        "types": ["torture"],
        "time": None,
    }


def origin(n: int, kind: str, speaker: str, party: str | None = None) -> dict[str, Any]:
    return {
        "id": f"sha256:o{n}",
        "kind": kind,
        "speaker": speaker,
        "party": party,
        "report_ids": [f"sha256:r{n}"],
    }


def incident(label: str, statements: list[Any], origins: list[Any]) -> Any:
    reports = [{"id": s["report_id"], "copy_of": None} for s in statements]
    return {
        "id": f"sha256:{label}",
        "label": label,
        "statements": statements,
        "origins": origins,
        "reports": reports,
    }


# two witnesses support it, a party's ministry denies it: C2 on reasonable grounds
TWO_WITNESSES = incident(
    "two witnesses",
    [
        said(1, "Witness W1", "supports"),
        said(2, "Witness W2", "supports"),
        said(3, "the ministry", "denies", party="Party P"),
    ],
    [origin(1, "witness", "Witness W1"), origin(2, "witness", "Witness W2")],
)
# only a party's spokesman alleges it: D6, unverified
PARTY_ONLY = incident(
    "party only",
    [said(4, "a spokesman", "supports", party="Party P")],
    [origin(4, "party", "a spokesman", party="Party P")],
)


def ids(found: Any) -> list[str]:
    return [c.statement_id[-1] for c in found]


def test_the_rebuilt_grade_is_the_run_s() -> None:
    assert regrade(TWO_WITNESSES, TWO_WITNESSES["statements"]) == Grade("C", 2, GROUNDS)
    assert regrade(PARTY_ONLY, PARTY_ONLY["statements"]) == Grade("D", 6, UNVERIFIED)


def test_one_witness_less_is_possibly_true_and_a_party_denial_changes_nothing() -> None:
    found = changes(TWO_WITNESSES, {s["id"] for s in TWO_WITNESSES["statements"]})
    assert ids(found) == ["1", "2", "3"]
    first, _, denial = found
    assert first.rejected == Grade("C", 3, CREDIBLE)
    assert first.flipped_to == "denies"
    assert first.flipped == Grade("C", 3, CREDIBLE)  # a denial of no party, not a monitor's
    assert first.size == 2  # one digit, and the standard
    assert denial.rejected == Grade("C", 2, GROUNDS)
    assert denial.flipped_to == "supports"
    assert denial.flipped == Grade("C", 2, GROUNDS)  # a party origin beside two witnesses
    assert denial.size == 0


def test_without_its_only_origin_a_claim_cannot_be_judged() -> None:
    [only] = changes(PARTY_ONLY, {PARTY_ONLY["statements"][0]["id"]})
    assert only.rejected == Grade("F", 6, UNVERIFIED)
    assert only.flipped == Grade("F", 6, UNVERIFIED)
    assert only.size == 2
    assert distance(Grade("C", 1, GROUNDS), Grade("F", 6, UNVERIFIED)) == 3 + 5 + 1


def test_decided_statements_leave_and_skipped_ones_go_last() -> None:
    statements = TWO_WITNESSES["statements"]
    rejected = [{**statements[0], "verdict": "reject"}, *statements[1:]]
    everything = [incident("x", rejected, TWO_WITNESSES["origins"]), PARTY_ONLY]
    queue = build(everything, done={statements[2]["id"]}, skipped=[])
    # a witness's statement still moves C3 (one witness left) to F6; the spokesman's D6 to F6
    assert [i.statement["speaker"] for i in queue.items] == ["Witness W2", "a spokesman"]
    assert [i.change.size for i in queue.items] == [3 + 3 + 1, 2]  # C->F, 3->6, standard
    assert [(i["label"], c.size) for i, c in queue.incidents] == [("x", 7), ("party only", 2)]
    skipped = build(everything, done={statements[2]["id"]}, skipped=[statements[1]["id"][7:19]])
    assert [i.statement["speaker"] for i in skipped.items] == ["a spokesman", "Witness W2"]


def test_the_rebuilt_grade_is_the_run_s_on_the_sample_corpus(tmp_path: Path) -> None:
    """Origins and denials rebuilt from the results grade every incident as the run did
    (wires, official statements and testimonies of the sample corpus: denials included)."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=store.url, fast=True, workers=1, key_dir=tmp_path / "keys")
    corpus = [SAMPLES / "corpus" / part for part in ("wires", "official", "witnesses")]
    run(store, corpus, settings=settings)
    incidents = latest_run(store).results["incidents"]  # type: ignore[union-attr]
    assert len(incidents) >= 5
    assert any(s["stance"] == "denies" for i in incidents for s in i["statements"])
    for incident in incidents:
        stored = incident["grade"]
        rebuilt = regrade(incident, incident["statements"])
        assert rebuilt == Grade(stored["reliability"], stored["credibility"], stored["standard"])
    store.close()


def sure(
    n: int, speaker: str, stance: str, attribution: float | None, of_stance: float | None
) -> dict[str, Any]:
    found = said(n, speaker, stance, party="Party P" if stance == "denies" else None)
    return {**found, "certainty": attribution, "stance_certainty": of_stance}


def test_the_least_certain_statement_comes_first_whatever_its_grade_change() -> None:
    """Certainty first (the lesser of the attribution's and the stance's); among equals the
    larger grade change, then the run's order; no certainty kept: after all that have one.
    The grades are those of TWO_WITNESSES: a witness less moves C2 to C3 (2), a party's
    denial moves nothing (0)."""
    statements = [
        sure(1, "the ministry", "denies", 0.6, 0.6),  # 0.6, change 0
        sure(2, "Witness W1", "supports", 0.9, 0.6),  # 0.6, change 2: before the ministry
        sure(3, "Witness W2", "supports", 0.45, 0.9),  # 0.45: first
        sure(4, "the army", "denies", None, None),  # unknown: last
    ]
    two = incident(
        "two witnesses, two denials",
        statements,
        [origin(2, "witness", "Witness W1"), origin(3, "witness", "Witness W2")],
    )
    assert [certainty_of(s) for s in statements] == [0.6, 0.6, 0.45, None]
    queue = build([two], done=set(), skipped=[])
    assert [i.statement["speaker"] for i in queue.items] == [
        "Witness W2",
        "Witness W1",
        "the ministry",
        "the army",
    ]
    assert [i.certainty for i in queue.items] == [0.45, 0.6, 0.6, None]
    assert [i.change.size for i in queue.items][1:3] == [2, 0]
    skipped = build([two], done=set(), skipped=[statements[2]["id"][7:19]])
    assert skipped.items[-1].statement["speaker"] == "Witness W2"


def test_a_corrected_stance_leaves_the_attribution_s_certainty() -> None:
    assert certainty_of(sure(1, "W", "supports", 0.7, None)) == 0.7
    assert certainty_of(sure(1, "W", "supports", None, 0.3)) == 0.3
    assert certainty_of(said(1, "W", "supports")) is None  # a run from before: none kept
