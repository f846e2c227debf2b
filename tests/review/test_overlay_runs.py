"""Reviews laid over real runs: they change the incidents and grades of the next run, survive
re-ingest and re-extraction, and are listed as orphaned when their target is gone."""

from __future__ import annotations

import shutil
from pathlib import Path

from corroborate.model import ReviewEvent
from corroborate.review import Decision, decide, orphaned
from corroborate.review.ledger import write
from corroborate.store import Store, verify
from tests.review.conftest import (
    Analyse,
    groups,
    holding,
    ids,
    incident,
    speakers,
    statement,
)

IZIUM = "Torture or ill-treatment at Izium"
KHARKIV = "Attack on civilians or civilian objects at Kharkiv"
GOVERNOR = "Attack on civilians or civilian objects, Killing"

# The Izium grade once the monitor's statement is read as a denial (checked by hand against
# docs/grading.md: the party official and the witness remain; one first-hand corroboration;
# denials in the order told: the General Staff's of 20 April before the monitor's of 6 May).
EXPLANATION = (
    "6 reports, 2 origins: Arkady Dobrynets, an official, body or outlet of a party to the "
    "conflict (Northern Coalition), relayed by Novy Vestnik State News, Eastern Wire Agency "
    "and 1 other outlet (3 reports); the witness, a first-hand witness. Corroborated by 1 "
    "independent origin, 1 of them first-hand. Denied by Iryna Halchenko (Republic), denied "
    "by Donbas Monitor Group. Grade C3: source reliability C, credibility 3 (possibly "
    "true); partly corroborated: credible allegation, needs corroboration. Stance corrected "
    "by an analyst on {day}."
)


def test_a_run_without_reviews_is_the_machines(analyse: Analyse) -> None:
    results = analyse()
    assert results["reviews"] == {"applied": 0, "orphaned": []}
    assert {i["status"] for i in results["incidents"]} == {"draft"}
    assert all(s["verdict"] is None for i in results["incidents"] for s in i["statements"])
    assert incident(results, IZIUM)["grade"]["reliability"] == "B"


def test_reviews_that_change_nothing_leave_the_machines_incidents(
    store: Store, analyse: Analyse
) -> None:
    """With reviews present the incidents are rebuilt from their statements; a note changes
    nothing of them, so the rebuilt incidents are the machine's, field for field."""
    before = analyse()
    for found in before["incidents"]:
        decide(store, Decision("note", found["id"], "looked at"), actor="a")
    after = analyse()
    assert after["incidents"] == before["incidents"]
    assert after["reviews"] == {"applied": len(before["incidents"]), "orphaned": []}


def test_a_stance_correction_changes_the_grade_and_says_so(store: Store, analyse: Analyse) -> None:
    before = analyse()
    monitor = statement(before, "Donbas Monitor Group", IZIUM)
    event = decide(
        store,
        Decision("correct_stance", monitor["id"], "denies"),
        actor="analyst-1",
        reason="the monitor says it found no evidence",
    )
    assert event.get("replaces") == "supports"
    after = incident(analyse(), IZIUM)
    assert (after["grade"]["reliability"], after["grade"]["credibility"]) == ("C", 3)
    assert after["grade"]["explanation"] == EXPLANATION.format(day=event.at[:10])
    assert statement(analyse(), "Donbas Monitor Group", IZIUM)["stance"] == "denies"


def test_a_correction_survives_reingest_and_rerun(
    store: Store, analyse: Analyse, corpus: Path, tmp_path: Path
) -> None:
    first = analyse()
    governor = statement(first, "regional governor")
    decide(store, Decision("correct_speaker", governor["id"], "Oleh Marchenko"), actor="a")
    decide(store, Decision("correct_party", governor["id"], "none"), actor="a")
    # the same files again, under other names, re-ingested and re-extracted in a new run
    copy = tmp_path / "copy"
    shutil.copytree(corpus, copy)
    for path in copy.iterdir():
        path.rename(path.with_name(f"renamed-{path.name}"))
    results = analyse(copy)
    assert results["counts"]["files_duplicate"] == len(list(copy.iterdir()))
    corrected = [
        s for i in results["incidents"] for s in i["statements"] if s["id"] == governor["id"]
    ]
    assert corrected and all(s["speaker"] == "Oleh Marchenko" for s in corrected)
    assert all(s["party"] is None for s in corrected)
    assert results["reviews"] == {"applied": 2, "orphaned": []}
    assert (
        "Speaker corrected by an analyst on" in incident(results, GOVERNOR)["grade"]["explanation"]
    )


def test_merge_then_split(store: Store, analyse: Analyse) -> None:
    first = analyse()
    machine = groups(first)
    kharkiv, governor = incident(first, KHARKIV), incident(first, GOVERNOR)
    decide(store, Decision("merge", kharkiv["id"], other=governor["id"]), actor="a")
    merged = analyse()
    assert len(merged["incidents"]) == len(first["incidents"]) - 1
    one = holding(merged, next(iter(ids(kharkiv))))
    assert ids(one) == ids(kharkiv) | ids(governor)
    assert "Incidents merged by an analyst on" in one["grade"]["explanation"]
    assert len(one["origins"]) == 2  # the monitor and the governor, graded together
    decide(store, Decision("split", one["id"], part=tuple(ids(governor))), actor="a")
    split = analyse()
    assert groups(split) == machine
    for part in (kharkiv, governor):
        explanation = holding(split, next(iter(ids(part))))["grade"]["explanation"]
        assert "Incidents merged by an analyst on" in explanation
        assert "Incident split by an analyst on" in explanation
    assert split["reviews"]["orphaned"] == []


def test_a_statement_moves_to_another_incident(store: Store, analyse: Analyse) -> None:
    first = analyse()
    governor = statement(first, "regional governor")
    kharkiv = incident(first, KHARKIV)
    decide(store, Decision("move", governor["id"], other=kharkiv["id"]), actor="a")
    results = analyse()
    moved = holding(results, governor["id"])
    assert ids(moved) == ids(kharkiv) | {governor["id"]}
    assert speakers(moved) == ["Donbas Monitor Group", "regional governor"]
    assert len(results["incidents"]) == len(first["incidents"]) - 1  # it left no one behind
    assert "Statement moved by an analyst on" in moved["grade"]["explanation"]


def test_a_rejected_statement_counts_for_nothing_but_stays_listed(
    store: Store, analyse: Analyse
) -> None:
    first = analyse()
    monitor = statement(first, "Donbas Monitor Group", IZIUM)
    decide(store, Decision("reject", monitor["id"]), actor="a")
    after = incident(analyse(), IZIUM)
    assert "Donbas Monitor Group" not in {o["speaker"] for o in after["origins"]}
    listed = [s for s in after["statements"] if s["id"] == monitor["id"]]
    assert [s["verdict"] for s in listed] == ["reject"]
    assert "Statement rejected by an analyst on" in after["grade"]["explanation"]


def test_incidents_whose_statements_are_all_rejected_stay_listed_apart(
    store: Store, analyse: Analyse
) -> None:
    first = analyse()
    lone = [i for i in first["incidents"] if len(i["statements"]) == 1]
    assert len(lone) == 2
    for found in lone:
        decide(store, Decision("reject", found["statements"][0]["id"]), actor="a")
    after = analyse()
    emptied = [holding(after, found["statements"][0]["id"]) for found in lone]
    assert emptied[0]["id"] != emptied[1]["id"]
    assert all(i["origins"] == [] and i["reports"] == [] for i in emptied)
    assert all(i["statements"][0]["verdict"] == "reject" for i in emptied)


def test_a_wire_copy_marked_shares_its_origin_until_unmarked(
    store: Store, analyse: Analyse
) -> None:
    first = incident(analyse(), IZIUM)
    monitor = statement(analyse(), "Donbas Monitor Group", IZIUM)["report_id"]
    official = statement(analyse(), "Arkady Dobrynets", IZIUM)["report_id"]
    decide(store, Decision("mark_copy", monitor, other=official), actor="a")
    marked = incident(analyse(), IZIUM)
    assert [r["copy_of"] for r in marked["reports"] if r["id"] == monitor] == [official]
    assert len(marked["origins"]) == len(first["origins"]) - 1
    assert "Wire copy marked by an analyst on" in marked["grade"]["explanation"]
    decide(store, Decision("unmark_copy", monitor), actor="a")
    unmarked = incident(analyse(), IZIUM)
    assert [r["copy_of"] for r in unmarked["reports"] if r["id"] == monitor] == [None]
    assert unmarked["origins"] == first["origins"]


def test_status_moves_draft_reviewed_published(store: Store, analyse: Analyse) -> None:
    izium = incident(analyse(), IZIUM)
    reviewed = decide(store, Decision("status", izium["id"], "reviewed"), actor="a")
    decide(store, Decision("status", izium["id"], "published"), actor="owner")
    after = incident(analyse(), IZIUM)
    assert after["status"] == "published"
    day = reviewed.at[:10]
    assert after["grade"]["explanation"].endswith(
        f"Status set to reviewed by an analyst on {day}. "
        f"Status set to published by an analyst on {day}."
    )


def test_a_review_whose_target_is_gone_is_orphaned_not_dropped(
    store: Store, analyse: Analyse
) -> None:
    analyse()
    # as after an extractor change: a statement reviewed once that no run finds any more
    gone = ReviewEvent(
        "a",
        "correct_stance",
        "sha256:" + "0" * 64,
        "",
        (("kind", "statement"), ("value", "denies")),
    )
    written = write(store, gone)
    results = analyse()
    assert [(o["seq"], o["target"]) for o in results["reviews"]["orphaned"]] == [
        (written.seq, gone.target)
    ]
    assert [r.seq for r in orphaned(store)] == [written.seq]
    assert verify(store).ok
