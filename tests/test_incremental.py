"""Incremental runs: a run over a store that holds analysed reports extracts only the new
ones, and gives what a full re-run on the same reports gives (incidents, grades,
explanations, and the whole ``results.json`` but for the ledger entry the run wrote).

The sample corpus is split in two batches and run in both orders, and with an analyst's
review between the runs. The full re-run is the same store's history with every kept
extraction removed before the second run, so both second runs see the same ledger, the same
witness secret and the same reviews; only where the extractions came from differs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from corroborate.export.results import RunResults
from corroborate.link.assemble import LINK_STEPS
from corroborate.link.charges import charges_version
from corroborate.pipeline import Progress, Run, run
from corroborate.review import Decision, decide
from corroborate.settings import Settings
from corroborate.store import Store, schema
from corroborate.store.extractions import count_extractions
from corroborate.store.link_blocks import count_link_blocks
from corroborate.store.link_features import count_link_features
from corroborate.store.sealing import REF, WitnessKey
from tests.review.conftest import CORPUS as SMALL

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "corpus"
HEAD = re.compile(r'"ledger_head":"[^"]*"')
KEY = WitnessKey.generate()  # one key for the stores of a test and their copies


@pytest.fixture(autouse=True)
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


def sample_files() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "README.md")


def batches() -> tuple[list[Path], list[Path]]:
    """Every other file: each batch has wires, officials, NGOs and testimonies."""
    files = sample_files()
    return files[0::2], files[1::2]


def analyse(store: Store, paths: list[Path], progress: Progress | None = None) -> Run:
    settings = Settings(store_url=store.url, workers=1, fast=True)
    return run(store, paths, settings=settings, progress=progress)


def comparable(results: RunResults) -> str:
    """``results.json`` without the ledger entry that names the run itself, and with the
    references of sealed witness values (random, and drawn apart in the two stores for the
    files each ingested on its own) numbered by first appearance."""
    text = json.dumps(results, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    seen: dict[str, str] = {}
    return REF.sub(
        lambda m: seen.setdefault(m.group(0), f"sealed #{len(seen)}"),
        HEAD.sub('"ledger_head":""', text),
    )


def digest(results: RunResults) -> str:
    return hashlib.sha256(comparable(results).encode()).hexdigest()


def open_store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.witness_key = KEY  # testimonies can be stored (sealed)
    return store


def forget_extractions(store: Store) -> None:
    """Remove every kept extraction, linking feature and block's incidents."""
    with store.engine.begin() as conn:
        conn.execute(delete(schema.extractions))
        conn.execute(delete(schema.link_features))
        conn.execute(delete(schema.link_blocks))


def incremental_and_full(
    tmp_path: Path, first: list[Path], second: list[Path], review: bool = False
) -> tuple[Run, Run]:
    """(the second run on a store that kept the first's extractions, the same run on a copy
    of that store with the extractions removed: a full re-run)."""
    kept = open_store(tmp_path / "kept.db")
    before = analyse(kept, first)
    assert before.extracted == before.results["counts"]["reports"] and before.reused == 0
    if review:
        incident = before.results["incidents"][0]
        decide(kept, Decision("status", incident["id"], "reviewed"), actor="analyst")
        statement = incident["statements"][0]["id"]
        decide(kept, Decision("confirm", statement), actor="analyst")
    # the first run kept each report's linking features; the second reads them back
    assert count_link_features(kept) == before.results["counts"]["reports"]
    assert count_link_blocks(kept) > 0  # and each block's incidents
    assert count_link_blocks(kept, charges_version()) > 0  # and each incident's charge
    kept.close()
    shutil.copy(tmp_path / "kept.db", tmp_path / "full.db")
    full_store = open_store(tmp_path / "full.db")
    forget_extractions(full_store)
    assert count_link_features(full_store) == count_link_blocks(full_store) == 0
    incremental_store = open_store(tmp_path / "kept.db")
    incremental = analyse(incremental_store, second)
    full = analyse(full_store, second)
    reports = incremental.results["counts"]["reports"]
    assert count_link_features(incremental_store) == count_link_features(full_store) == reports
    # the first run's blocks and charges that the second did not use were pruned
    assert count_link_blocks(incremental_store) == count_link_blocks(full_store)
    return incremental, full


def assert_same(incremental: Run, full: Run) -> None:
    a, b = (json.loads(comparable(r.results)) for r in (incremental, full))
    assert a["counts"]["incidents"] > 0
    assert [i["id"] for i in a["incidents"]] == [i["id"] for i in b["incidents"]]
    assert [i["grade"] for i in a["incidents"]] == [i["grade"] for i in b["incidents"]]
    assert [i["grade"]["explanation"] for i in a["incidents"]] == [
        i["grade"]["explanation"] for i in b["incidents"]
    ]
    assert a["incidents"] == b["incidents"]
    assert digest(a) == digest(b)


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_a_second_batch_extracts_only_its_reports_and_equals_a_full_run(
    tmp_path: Path, order: str
) -> None:
    one, two = batches()
    first, second = (one, two) if order == "forward" else (two, one)
    incremental, full = incremental_and_full(tmp_path, first, second)
    reports = incremental.results["counts"]["reports"]
    assert incremental.extracted + incremental.reused == reports
    assert 0 < incremental.extracted < reports  # only the second batch's reports
    assert full.extracted == reports and full.reused == 0
    assert_same(incremental, full)


def test_a_review_between_the_runs_is_laid_over_the_incremental_run(tmp_path: Path) -> None:
    one, two = batches()
    incremental, full = incremental_and_full(tmp_path, one, two, review=True)
    assert incremental.results["reviews"]["applied"] == 2
    assert 0 < incremental.extracted < incremental.results["counts"]["reports"]
    assert_same(incremental, full)


def test_a_run_over_nothing_new_extracts_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path / "store.db")
    ticks: list[tuple[str, int, int]] = []
    first = analyse(store, sample_files(), lambda *tick: ticks.append(tick))
    # each stage is told how far it has come, in order, the last time done
    stages = [stage for stage, _, _ in ticks]
    assert sorted(set(stages), key=stages.index) == ["extract", "link", "grade", "write"]
    assert ticks[0] == ("extract", 0, first.extracted) and first.extracted > 0
    assert [t for t in ticks if t[0] == "link"] == [("link", n, LINK_STEPS) for n in range(6)]
    incidents = first.results["counts"]["incidents"]
    assert [t for t in ticks if t[1] == t[2] and t[2]] == [
        ("extract", first.extracted, first.extracted),
        ("link", LINK_STEPS, LINK_STEPS),
        ("grade", incidents, incidents),
        ("write", 1, 1),
    ]
    ticks.clear()
    again = analyse(store, sample_files(), lambda *tick: ticks.append(tick))
    assert again.extracted == 0 and again.reused == first.extracted
    assert ticks[0] == ("extract", 0, 0)
    assert again.results["incidents"] == first.results["incidents"]
    assert count_extractions(store) == first.extracted


def test_another_extraction_version_extracts_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new model or setting makes the kept extractions stale: they are not read."""
    store = open_store(tmp_path / "store.db")
    one, _ = batches()
    first = analyse(store, one)
    monkeypatch.setattr(
        "corroborate.extract.cached.extraction_version", lambda *, fast: "sha256:other"
    )
    again = analyse(store, one)
    assert again.reused == 0 and again.extracted == first.extracted
    assert count_extractions(store) == 2 * first.extracted
    assert again.results["incidents"] == first.results["incidents"]


def test_a_kept_extraction_that_cannot_be_read_is_extracted_again(
    tmp_path: Path, write_files: Callable[[dict[str, bytes | str]], Path]
) -> None:
    store = open_store(tmp_path / "store.db")
    files: dict[str, bytes | str] = dict(SMALL)
    corpus = write_files(files)
    first = analyse(store, [corpus])
    with store.engine.begin() as conn:
        [content_id] = conn.execute(select(schema.extractions.c.content_id).limit(1)).scalars()
        edited = schema.extractions.update().where(schema.extractions.c.content_id == content_id)
        conn.execute(edited.values(extraction='{"report_id": "edited"'))
    again = analyse(store, [corpus])
    assert (again.extracted, again.reused) == (1, first.extracted - 1)
    assert again.results["incidents"] == first.results["incidents"]
    third = analyse(store, [corpus])  # the row was replaced by one that reads back
    assert (third.extracted, third.reused) == (0, first.extracted)
