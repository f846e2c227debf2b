"""No witness name leaves in an export; codes are stable per key and unguessable without it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from corroborate.export.html import write_report
from corroborate.export.pseudonyms import Pseudonyms, pseudonym, pseudonymise, witness_names
from corroborate.export.results import RunResults

Make = Callable[..., RunResults]


def test_witness_names_vanish_from_every_field(make_results: Make, tmp_path: Path) -> None:
    results = make_results()
    names = witness_names(results)
    assert names, "the fixture must contain a witness"
    write_report(results, tmp_path, pseudonyms=Pseudonyms("secret"))
    shared = (tmp_path / "results.json").read_text(encoding="utf-8") + (
        tmp_path / "index.html"
    ).read_text(encoding="utf-8")
    for name in names:
        assert name not in shared
        assert pseudonym(name, "secret") in shared


def test_codes_are_stable_per_key_and_differ_between_keys() -> None:
    assert pseudonym("Witness A-17", "k1") == pseudonym("witness a-17 ", "k1")
    assert pseudonym("Witness A-17", "k1") != pseudonym("Witness A-17", "k2")
    assert pseudonym("Witness A-17", "k1") != pseudonym("Witness A-21", "k1")


def test_results_without_witnesses_are_unchanged(make_results: Make) -> None:
    results = make_results()
    for incident in results["incidents"]:
        incident["origins"] = [o for o in incident["origins"] if o["kind"] != "witness"]
    assert json.dumps(pseudonymise(results, "k")) == json.dumps(results)
