"""An incident's conflict decides whose outlets are party origins: the same reports graded in
an incident of the Russia–Ukraine war and in one of the Syrian civil war."""

from __future__ import annotations

import pytest

from corroborate.extract import AUTHOR_ROLE
from corroborate.model import Linked, Place, Report
from corroborate.results import build_incidents
from tests.test_results import alleged, filed, one_incident, spoken

KHARKIV = Place("Kharkiv", "Kharkiv", 49.99, 36.23, "UA", "Kharkiv Oblast")
ALEPPO = Place("Aleppo", "Aleppo", 36.20, 37.16, "SY")
PARIS = Place("Paris", "Paris", 48.85, 2.35, "FR")


def _incident(place: Place, perpetrator: str | None = None) -> dict[str, object]:
    voa = filed("1", published="2022-04-12", outlet="Voice of America")
    anadolu = filed("2", published="2022-04-12", outlet="Anadolu Agency")
    tass = filed("3", published="2022-04-13", outlet="TASS")
    reports: list[Report] = [voa, anadolu, tass]
    statements = [
        spoken(
            r,
            name,
            "supports",
            role=AUTHOR_ROLE,
            allegation=alleged(r, "attack_on_civilians", place=place, perpetrator=perpetrator),
        )
        for r, name in ((voa, "Voice of America"), (anadolu, "Anadolu Agency"))
    ]
    statements.append(spoken(tass, "TASS", "denies", content="the claims", cue="denied"))
    [incident] = build_incidents(reports, Linked({}, [one_incident(statements)]))
    return dict(incident)


def _origins(incident: dict[str, object]) -> list[tuple[str, str | None]]:
    return [(o["kind"], o["party"]) for o in incident["origins"]]  # type: ignore[attr-defined]


def _denier_party(incident: dict[str, object]) -> str | None:
    statements = incident["statements"]
    return next(s["party"] for s in statements if s["speaker"] == "TASS")  # type: ignore[attr-defined]


def test_outlets_of_states_that_are_no_party_there_are_not_party_origins() -> None:
    incident = _incident(KHARKIV)
    assert _origins(incident) == [("independent", None), ("independent", None)]
    assert _denier_party(incident) == "Russia"
    assert incident["grade"]["reliability"] == "C"  # type: ignore[index]


def test_the_same_outlets_are_party_origins_where_their_states_fight() -> None:
    incident = _incident(ALEPPO)
    assert _origins(incident) == [("party", "United States"), ("party", "Turkey")]
    assert _denier_party(incident) == "Russia"  # Russia fights in Syria too
    assert incident["grade"]["reliability"] == "D"  # type: ignore[index]


@pytest.mark.parametrize(
    ("accused", "origins"),
    [
        ("Ukrainian forces", [("independent", None), ("independent", None)]),
        ("Syrian government forces", [("party", "United States"), ("party", "Turkey")]),
    ],
)
def test_the_parties_named_tell_the_conflict_where_the_place_does_not(
    accused: str, origins: list[tuple[str, str | None]]
) -> None:
    # Paris lies in no listed conflict: the accused decide (the outlets reporting do not)
    assert _origins(_incident(PARIS, perpetrator=accused)) == origins


def test_an_unknown_conflict_keeps_every_party() -> None:
    # no listed conflict is fought in France, and the outlets reporting name none
    assert _origins(_incident(PARIS)) == [("party", "United States"), ("party", "Turkey")]


def _paris_with(speaker: str) -> list[tuple[str, str | None]]:
    """The outlets' incident at Paris (no listed conflict), denied by ``speaker``."""
    voa = filed("1", published="2022-04-12", outlet="Voice of America")
    anadolu = filed("2", published="2022-04-12", outlet="Anadolu Agency")
    other = filed("3", published="2022-04-13", outlet="Steppe Daily")
    statements = [
        spoken(
            r,
            name,
            "supports",
            role=AUTHOR_ROLE,
            allegation=alleged(r, "attack_on_civilians", place=PARIS),
        )
        for r, name in ((voa, "Voice of America"), (anadolu, "Anadolu Agency"))
    ]
    statements.append(spoken(other, speaker, "denies", content="the claims", cue="denied"))
    [incident] = build_incidents([voa, anadolu, other], Linked({}, [one_incident(statements)]))
    return _origins(dict(incident))


def test_an_outlet_speaking_names_no_party_to_the_conflict_and_a_fighting_body_does() -> None:
    # Sudan's state news agency denying names no conflict: every party is kept
    assert _paris_with("Sudan News Agency") == [("party", "United States"), ("party", "Turkey")]
    # Sudan's army denying makes it the Sudanese civil war, where neither state fights
    assert _paris_with("Sudanese Armed Forces") == [("independent", None), ("independent", None)]


def test_a_denier_of_no_party_to_the_conflict_is_named_without_a_party() -> None:
    voa = filed("1", published="2022-04-12", outlet="Voice of America")
    anadolu = filed("2", published="2022-04-12", outlet="Anadolu Agency")
    statements = [
        spoken(
            voa,
            "Voice of America",
            "supports",
            role=AUTHOR_ROLE,
            allegation=alleged(voa, "attack_on_civilians", place=KHARKIV),
        ),
        spoken(anadolu, "Anadolu Agency", "denies", content="the claims", cue="denied"),
    ]
    [incident] = build_incidents([voa, anadolu], Linked({}, [one_incident(statements)]))
    # Turkey fights no side of the Russia-Ukraine war: its agency's denial is no party's
    assert "Denied by Anadolu Agency. Grade C3" in incident["grade"]["explanation"]
    assert [(s["speaker"], s["party"]) for s in incident["statements"]] == [
        ("Voice of America", None),
        ("Anadolu Agency", None),
    ]
