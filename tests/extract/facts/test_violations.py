"""The violation reader: a harmful act, its victims and its perpetrator, from the parse.

Expectations written by hand. Every sentence that names a party has its mirror with the
parties exchanged, and both must read alike.
"""

from __future__ import annotations

import pytest

from corroborate.extract import Extractor
from corroborate.extract.facts.violations import Found, find_violations
from corroborate.extract.models.nlp import load_pipeline
from corroborate.model import Span


def read(text: str, published: str | None = "2024-03-01") -> Found | None:
    doc = load_pipeline()(text)
    return find_violations(doc, Span(0, len(text), text), published, learned=False)


def types(text: str, published: str | None = "2024-03-01") -> set[str]:
    found = read(text, published)
    return set(found.types) if found else set()


def test_a_missile_on_a_home_killing_civilians_is_an_attack_and_a_killing() -> None:
    found = read("A missile struck a residential building, killing four civilians.")
    assert found is not None
    assert found.types[:2] == ("attack_on_civilians", "killing")
    assert found.perpetrator is None  # a missile is what struck, not who
    assert found.victims is not None and found.victims.text == "four civilians"


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian artillery destroyed a Russian tank column near Izium.",
        "Russian artillery destroyed a Ukrainian tank column near Izium.",
        "Russian forces shelled Ukrainian positions along the front line.",
        "Ukrainian forces shelled Russian positions along the front line.",
    ],
)
def test_combat_between_forces_is_no_violation_whichever_side(text: str) -> None:
    assert read(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled a hospital in Kharkiv on Monday.",
        "Ukrainian forces shelled a hospital in Donetsk on Monday.",
    ],
)
def test_shelling_a_hospital_is_an_attack_on_civilians_whichever_side(text: str) -> None:
    found = read(text)
    assert found is not None and found.types == ("attack_on_civilians",)
    assert found.perpetrator is not None and found.perpetrator.text.endswith("forces")


@pytest.mark.parametrize(
    "text",
    [
        "The US announced a new package of rockets.",
        "Soldiers were killed in fighting near Bakhmut.",
        "Police arrested a man for robbery.",
        "An earthquake killed twelve people in the mountains.",
        "The foreign ministers met to discuss a ceasefire.",
    ],
)
def test_deliveries_combat_crime_and_disasters_are_not_allegations(text: str) -> None:
    assert read(text) is None


def test_journalists_detained_and_beaten_is_detention_and_ill_treatment() -> None:
    found = read("Journalists were detained and beaten by soldiers.")
    assert found is not None
    assert {"arbitrary_detention", "torture", "attack_on_journalists"} == set(found.types)
    assert found.perpetrator is not None and found.perpetrator.text == "soldiers"
    assert found.victims is not None and found.victims.text == "Journalists"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Women said they were raped by soldiers.", {"sexual_violence"}),
        ("Children from the orphanage were deported across the border.", {"forced_displacement"}),
        ("Troops looted shops before they withdrew.", {"looting"}),
        ("The activist was abducted from her home.", {"enforced_disappearance"}),
        ("Detainees were tortured with electric shocks.", {"torture"}),
        ("Witnesses said troops executed three villagers.", {"killing"}),
    ],
)
def test_acts_that_are_violations_by_themselves(text: str, expected: set[str]) -> None:
    assert types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In October 1999, Russian missiles struck a market in Grozny, killing dozens of civilians.",
        "In October 1999, Chechen fighters struck a market in Grozny, killing dozens of civilians.",
        "During the Second Chechen War, the city was bombed for months.",
    ],
)
def test_historical_background_is_no_allegation(text: str) -> None:
    assert read(text, "2024-03-01") is None


def test_a_recent_year_is_the_event_not_background() -> None:
    assert types("In March 2022, soldiers executed civilians in the town.", "2024-03-01") == {
        "killing"
    }


def test_background_in_another_clause_leaves_the_event_standing() -> None:
    text = "Shells hit a school in the town on Monday, recalling the bombing of Grozny in 1999."
    found = read(text)
    assert found is not None and found.types == ("attack_on_civilians",)


def test_the_event_is_dated_by_its_own_sentence_never_by_background() -> None:
    """Regression: a text recalling a 1999 strike on Grozny made an incident dated October
    1999; the event's own date comes from the sentence of the act that makes the allegation."""
    from corroborate.extract.facts.times import event_time, find_times

    text = (
        "In October 1999, missiles struck the central market of Grozny. "
        "On 3 March 2024, a missile struck a school in Kherson, the regional governor said."
    )
    found = read(text, "2024-03-05")
    assert found is not None and found.sentence is not None
    assert found.sentence.text.startswith("On 3 March 2024")
    time = event_time(find_times(text, "2024-03-05"), found.sentence, "2024-03-05")
    assert time is not None and time.value == "2024-03-03"


def test_a_background_date_is_never_the_event_date() -> None:
    from corroborate.extract.facts.times import event_time, find_times

    text = "Soldiers detained residents, as they did in October 1999."
    time = event_time(find_times(text, "2024-03-05"), None, "2024-03-05")
    assert time is None


def test_a_protected_person_missing_since_a_date_is_a_disappearance_a_soldier_is_not() -> None:
    extractor = Extractor.load()
    teacher = extractor.extract("Residents said a teacher has been missing since the raid.")
    soldiers = extractor.extract("The unit said two soldiers have been missing since Monday.")
    assert any("enforced_disappearance" in a.violation_types for a in teacher.allegations)
    assert not soldiers.allegations
