"""How the hand-checked place sample reads a judgement against today's resolution."""

from __future__ import annotations

from bench.places_checked import is_region, outcome

from corroborate.model import Place


def _place(canonical: str, region: str, geonames_id: int | None) -> Place:
    return Place(
        canonical, canonical, 35.3, 40.1, "SY", None, geonames_id=geonames_id, region=region
    )


def test_a_city_is_not_the_region_it_lies_in_though_they_share_a_name() -> None:
    city = _place("Deir ez-Zor", "SY-DY", 170794)  # also another name of the governorate
    governorate = _place("Dayr az Zawr", "SY-DY", None)
    assert not is_region(city, "SY-DY")
    assert is_region(governorate, "SY-DY")
    assert not is_region(governorate, "SY-HL")


def test_a_judgement_that_meant_the_region_is_wrong_for_its_city() -> None:
    judged = {"correct": False, "meant": "SY-DY", "resolved": "Deir ez-Zor, SY"}
    assert outcome(judged, _place("Deir ez-Zor", "SY-DY", 170794)) == "wrong"
    assert outcome(judged, _place("Dayr az Zawr", "SY-DY", None)) == "right"
    assert outcome({"correct": False, "meant": "none"}, None) == "right"
