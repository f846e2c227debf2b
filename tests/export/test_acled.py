"""The ACLED-style table, checked by Frictionless (what a data desk validates tables with)
against the Table Schema of ACLED's codebook shipped with the package."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from frictionless import Resource, Schema
from hypothesis import given
from hypothesis import strategies as st

from corroborate.errors import ConfigError
from corroborate.export import acled
from corroborate.export.context import ExportContext
from corroborate.export.precision import level, period
from corroborate.export.results import IncidentJSON, PlaceJSON, RunResults
from corroborate.store import Store
from corroborate.taxonomy import violations
from corroborate.taxonomy.acled import acled_types

from .conftest import kramatorsk, sloviansk, unplaced

DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"
# ACLED's codebook: each sub-event type belongs to one event type
ACLED_EVENTS = {
    "Battles": {
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    },
    "Explosions/Remote violence": {
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    },
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Strategic developments": {
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    },
}  # fmt: skip


def context_of(results: RunResults) -> ExportContext:
    return ExportContext(cast(Store, None), results, 26, "0.1.0", "2024-05-02T08:00:00+00:00")


def export(results: RunResults, tmp_path: Path) -> tuple[Path, list[dict[str, str]]]:
    out = tmp_path / "events.csv"
    acled.write(context_of(results), out)
    with out.open(encoding="utf-8", newline="") as handle:
        return out, list(csv.DictReader(handle))


def validate(path: Path) -> list[Any]:
    schema = Schema.from_descriptor(acled.table_schema())
    report = Resource(path=path.name, basepath=str(path.parent), schema=schema).validate()
    return list(report.flatten(["rowNumber", "fieldName", "type", "note"]))


def test_the_table_is_valid_against_acled_s_codebook(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    out, rows = export(make_results(), tmp_path)
    assert validate(out) == []
    assert [r["event_id_cnty"] for r in rows] == ["UKR-aa11", "UKR-bb22", "XXX-cc33"]
    first = rows[0]
    assert (first["event_type"], first["sub_event_type"]) == (
        "Violence against civilians",
        "Attack",
    )
    assert first["event_date"] == "2022-04-03" and first["date_end"] == "2022-04-05"
    assert (first["time_precision"], first["date_prec"]) == ("2", "2")
    assert (first["location"], first["admin1"], first["country"], first["iso"]) == (
        "Sloviansk", "Donetsk Oblast", "Ukraine", "804",
    )  # fmt: skip
    assert (first["geo_precision"], first["where_prec"]) == ("1", "1")
    assert first["actor1"] == "fighters of the Volunteer Territorial Guard"
    assert first["tags"] == "violation=torture; violation=arbitrary_detention"
    assert first["corroborate_ledger_head"] == "#26 sha256:" + "ab" * 32
    assert first["corroborate_version"] == "0.1.0" and first["corroborate_grade"] == "B2"
    assert "corpus/" not in out.read_text(encoding="utf-8")  # no source path of a report


def test_a_shelling_is_coded_by_its_means_and_names_civilians(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    incident = kramatorsk()
    incident["types"] = ["killing", "attack_on_civilians"]
    _, rows = export(make_results(incident), tmp_path)
    assert rows[0]["sub_event_type"] == "Shelling/artillery/missile attack"
    assert (rows[0]["actor2"], rows[0]["civilian_targeting"]) == ("Civilians", "Civilian targeting")
    assert (rows[0]["time_precision"], rows[0]["date_prec"]) == ("1", "1")


def test_a_type_outside_the_mapping_is_acled_s_other(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    _, rows = export(make_results(kramatorsk()), tmp_path)  # "indiscriminate_attack"
    assert (rows[0]["event_type"], rows[0]["sub_event_type"]) == ("Strategic developments", "Other")
    assert rows[0]["tags"] == "violation=indiscriminate_attack"


def test_an_incident_without_place_or_date_is_still_valid(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    out, rows = export(make_results(unplaced()), tmp_path)
    assert validate(out) == []
    assert rows[0]["event_date"] == rows[0]["geo_precision"] == rows[0]["country"] == ""
    assert rows[0]["source"] == "unnamed source"


def test_the_validator_rejects_what_acled_would_not_read(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    _, rows = export(make_results(sloviansk()), tmp_path)
    for column, bad in (("event_type", "Massacre"), ("geo_precision", "4"), ("latitude", "91")):
        broken = tmp_path / f"broken-{column}.csv"
        with broken.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=acled.columns())
            writer.writeheader()
            writer.writerow({**rows[0], column: bad})
        assert [e[1] for e in validate(broken)] == [column], column


def test_region_and_country_precision(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    region: PlaceJSON = {
        "canonical": "Donetsk Oblast", "lat": 48.0, "lon": 37.8, "country": "UA", "within": "UA",
        "geonames_id": None, "region": "UA-14", "resolved": True,
    }  # fmt: skip
    country: PlaceJSON = {**region, "canonical": "Ukraine", "within": None, "region": None}
    unresolved: PlaceJSON = {**region, "canonical": "Mykolaivka", "resolved": False}
    assert [level(p) for p in (region, country, unresolved)] == ["region", "country", None]
    incidents = []
    for n, place in enumerate((region, country)):
        incident: IncidentJSON = {**sloviansk(), "id": f"sha256:{n}{n}ff", "place": place}
        incidents.append(incident)
    out, rows = export(make_results(*incidents), tmp_path)
    assert validate(out) == []
    assert [(r["geo_precision"], r["where_prec"], r["admin1"]) for r in rows] == [
        ("3", "4", "Donetsk Oblast"), ("3", "6", ""),
    ]  # fmt: skip


def test_every_violation_type_has_an_acled_type_of_the_codebook() -> None:
    coded = acled_types()
    assert sorted(t.code for t in coded) == sorted(t.code for t in violations())
    for entry in coded:
        assert entry.sub_event_type in ACLED_EVENTS[entry.event_type], entry.code
        assert entry.why.strip(), entry.code


def test_docs_show_the_mapping_as_it_is() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for entry in acled_types():
        line = f"| `{entry.code}` | {entry.event_type} | {entry.sub_event_type} |"
        assert line in text, f"docs/exports.md lacks: {line}"


@given(st.dates(), st.dates())
def test_precision_codes_agree_on_any_period(one: Any, two: Any) -> None:
    span = period(one.isoformat(), two.isoformat())
    assert span is not None and span.start <= span.end
    assert (span.acled == 1) == (span.ucdp == 1) == (span.days == 1)
    assert (span.acled == 3) == (span.ucdp >= 4)


@given(st.text(max_size=12), st.one_of(st.none(), st.text(max_size=12)))
def test_dates_of_any_text_never_raise(first: str, last: str | None) -> None:
    span = period(first, last)
    assert span is None or span.days >= 1


def test_a_month_is_the_whole_month() -> None:
    span = period("2022-02", None)
    assert span is not None and (span.days, span.acled, span.ucdp) == (28, 3, 4)


def test_an_unwritable_target_is_a_coded_error(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(ConfigError, match=r"^\[C042\] "):
        acled.write(context_of(make_results()), tmp_path / "file" / "events.csv")
    assert not list(tmp_path.glob("**/*.part"))


def test_fatalities_are_the_count_the_results_carry(
    make_results: Callable[..., RunResults], tmp_path: Path
) -> None:
    counted, uncounted, before = sloviansk(), kramatorsk(), unplaced()
    counted["fatalities"] = 53
    uncounted["fatalities"] = None  # no statement gives a figure
    before.pop("fatalities", None)  # a run recorded before counts were extracted
    out, rows = export(make_results(counted, uncounted, before), tmp_path)
    assert validate(out) == []
    assert [r["fatalities"] for r in rows] == ["53", "0", ""]
