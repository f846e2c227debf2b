"""The export benchmark's synthetic run: the same for a seed, and a run every format reads."""

from __future__ import annotations

import json
from pathlib import Path

from bench.export import build_store, make_results, measure_one
from frictionless import Resource, Schema

from corroborate.export import acled
from corroborate.export.catalog import FORMATS


def test_the_run_is_the_same_for_a_seed_and_differs_across_seeds() -> None:
    assert make_results(30, 7) == make_results(30, 7)
    assert make_results(30, 7) != make_results(30, 8)


def test_every_format_exports_the_stored_synthetic_run(tmp_path: Path) -> None:
    store = tmp_path / "bench.db"
    described = build_store(store, 40, 7)
    assert described["incidents"] == 40 and described["reports"] >= 80
    for name in ("acled", "claimreview", "ftm"):
        out = tmp_path / f"out-{name}{FORMATS[name].suffix}"
        figures = measure_one(store, name, out)
        assert figures["output_mib"] > 0 and figures["writing_over_held_mib"] >= 0
    schema = Schema.from_descriptor(acled.table_schema())
    report = Resource(path="out-acled.csv", basepath=str(tmp_path), schema=schema).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "note"])
    lines = (tmp_path / "out-ftm.ftm.json").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["schema"] for line in lines} >= {"Event", "Document", "Person"}
