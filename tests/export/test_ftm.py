"""FollowTheMoney: every entity is read back and validated by the followthemoney library
(its model, and the ``ftm validate`` command Aleph's tooling uses) and round-trips; links
point at entities of the same export; witnesses appear only by pseudonym."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from followthemoney import model
from followthemoney.cli.cli import cli as ftm_cli

from corroborate.errors import ConfigError
from corroborate.export import ftm
from corroborate.export.context import ExportContext
from corroborate.export.pseudonyms import pseudonymise
from corroborate.export.results import RunResults
from corroborate.store import Store

from .conftest import kramatorsk, sloviansk


def export(results: RunResults, tmp_path: Path) -> tuple[Path, list[dict[str, Any]]]:
    context = ExportContext(cast(Store, None), results, 26, "0.1.0", "2024-05-02T08:00:00+00:00")
    out = tmp_path / "entities.ftm.json"
    ftm.write(context, out)
    return out, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_every_entity_is_valid_and_round_trips(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    _, entities = export(make_results(), tmp_path)
    ids = {e["id"] for e in entities}
    for data in entities:
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(data)  # raises InvalidData on a bad value
        assert proxy.to_dict() == data
        assert all(proxy.get(name) for name in proxy.schema.required), data
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in ids, f"{data['schema']}.{prop.name} -> {value}"
    counts = Counter(e["schema"] for e in entities)
    assert counts["Event"] == 3 and counts["Document"] == 11
    assert counts["Documentation"] > 0 and counts["UnknownLink"] == 2  # r3 and r4 copy r2


def test_ftm_validate_changes_nothing(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    out, entities = export(make_results(), tmp_path)
    cleaned = tmp_path / "cleaned.json"
    result = CliRunner().invoke(ftm_cli, ["validate", "-i", str(out), "-o", str(cleaned)])
    assert result.exit_code == 0, result.output
    again = [json.loads(line) for line in cleaned.read_text(encoding="utf-8").splitlines()]
    assert [{k: e[k] for k in ("id", "schema", "properties")} for e in again] == entities


def test_the_incident_the_reports_and_who_speaks(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    _, entities = export(make_results(sloviansk(), kramatorsk()), tmp_path)
    events = [e for e in entities if e["schema"] == "Event"]
    first = events[0]["properties"]
    assert first["startDate"] == ["2022-04-03"] and first["endDate"] == ["2022-04-05"]
    assert first["location"] == ["Sloviansk, Donetsk Oblast, Ukraine"]
    assert first["keywords"] == ["torture", "arbitrary_detention"]
    assert "#26 sha256:" + "ab" * 32 in first["notes"][0] and first["publisher"] == [
        "corroborate 0.1.0"
    ]
    assert len(first["proof"]) == 8
    docs = {e["properties"]["title"][0]: e for e in entities if e["schema"] == "Document"}
    herald = docs["Former detainees describe beatings in a Sloviansk basement"]["properties"]
    assert herald["contentHash"] == ["sha256:" + "r1" * 4]
    names = {e["properties"]["name"][0]: e["schema"] for e in entities if "name" in e["properties"]}
    assert names["Donbas Herald"] == "Organization"  # an outlet
    assert names["Former detainee W-17"] == "Person"  # a witness origin
    assert names["fighters of the Volunteer Territorial Guard"] == "LegalEntity"  # not known
    # an outlet in both incidents is one entity, written once
    assert sum(1 for e in entities if e["properties"].get("name") == ["Capital Times"]) == 1


def test_witnesses_appear_only_by_pseudonym(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    out, entities = export(pseudonymise(make_results(), "a key"), tmp_path)
    text = out.read_text(encoding="utf-8")
    assert "W-17" not in text
    people = [e["properties"]["name"][0] for e in entities if e["schema"] == "Person"]
    assert people and all(name.startswith("Witness ") for name in people)


def test_without_the_library_the_export_says_how_to_get_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """followthemoney is an extra (it needs PyICU, compiled against the system ICU)."""
    monkeypatch.setitem(sys.modules, "followthemoney", None)
    ftm._model.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"^\[C043\] .*corroborate\[ftm\]"):
            ftm._model()
    finally:
        ftm._model.cache_clear()
