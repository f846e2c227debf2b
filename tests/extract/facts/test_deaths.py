"""Death counts alleged in statements, against counts written by hand."""

from __future__ import annotations

import pytest

from corroborate.extract.facts.deaths import death_count, death_counts, fewest_dead


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The guards killed 53 prisoners in the camp.", [53]),
        ("Twelve civilians were killed when the shell hit the school.", [12]),
        ("Three of them were killed and 5 were wounded.", [3]),
        ("They executed at least fourteen detainees.", [14]),
        ("The strike killed twenty-one people, the mayor said.", [21]),
        ("The death toll rose to 9 on Tuesday.", [9]),
        ("The bodies of seven men were found in the forest.", [7]),
        ("Residents counted 30 bodies in the street.", [30]),
        ("nine dead, among them two children", [9]),
        ("A man was shot dead at the checkpoint.", [1]),
        ("They killed at least 14 people, and two days later 3 more died.", [14, 3]),
        ("1,200 people were killed in the siege.", [1200]),
    ],
)
def test_counts_of_the_dead(text: str, expected: list[int]) -> None:
    assert death_counts(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dozens were killed in the shelling.",  # vague: not a number
        "Hundreds died, the witness said.",
        "They killed a number of people.",
        "No one was killed.",
        "On 12 April soldiers killed the men of the village.",  # a date, not a count
        "In 2022 soldiers killed people there.",  # a year
        "The convoy was shelled 5 km from the town; two days later it was killed off.",
        "Four people were detained and tortured.",  # no killing alleged
        "12 houses were destroyed.",
    ],
)
def test_no_count(text: str) -> None:
    assert death_counts(text) == []


def test_a_statement_gives_its_smallest_figure() -> None:
    assert death_count("Officials said 12 were killed; the witness said 15 were killed.") == 12


def test_an_incident_takes_the_most_conservative_statement() -> None:
    texts = [
        "The guards killed 53 prisoners.",
        "Between the two barracks 40 prisoners died.",
        "Prisoners were beaten.",
    ]
    assert fewest_dead(texts) == 40
    assert fewest_dead(["Prisoners were beaten."]) is None
    assert fewest_dead([]) is None
