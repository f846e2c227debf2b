"""Every sentence and clause an explanation can hold, written out in full.

The order is fixed: reports and origins, corroboration, denials, then the grade.
"""

from __future__ import annotations

import pytest

from corroborate.grade import grade
from corroborate.grade.explain import explain
from corroborate.model import Denial, Origin

OUTLETS = ["Novy Vestnik State News", "Eastern Wire Agency", "Steppe Daily", "Frontline Digest"]


def official(*, outlets: int = 0, reports: int = 1) -> Origin:
    return Origin(
        "speaker:arkady dobrynets",
        "party",
        "Arkady Dobrynets",
        "Northern Coalition",
        [f"r{n}" for n in range(1, reports + 1)],
        OUTLETS[:outlets],
    )


def witness(code: str) -> Origin:
    return Origin(f"speaker:{code}", "witness", f"Witness {code}", None, [f"t-{code}"])


def test_no_origin() -> None:
    assert grade([], [], reports=1).explanation == (
        "1 report, no identifiable origin. No independent corroboration. No denial found. "
        "Grade F6: source reliability F, credibility 6 (cannot be judged); uncorroborated claim."
    )
    assert grade([], [], reports=2).explanation.startswith("2 reports, no identifiable origin. ")


def test_party_origin_relayed_by_many_outlets_and_denied() -> None:
    denial = Denial("r9", "Iryna Halchenko", "Republic", counter_accuses=True)
    assert grade([official(outlets=4, reports=3)], [denial], reports=4).explanation == (
        "4 reports, 1 origin: Arkady Dobrynets, an official, body or outlet of a party to the "
        "conflict (Northern Coalition), relayed by Novy Vestnik State News, Eastern Wire Agency "
        "and 2 other outlets (3 reports). No independent corroboration. Denied and "
        "counter-accused by Iryna Halchenko (Republic). Grade D4: source reliability D, "
        "credibility 4 (doubtful); uncorroborated claim."
    )


@pytest.mark.parametrize(
    ("outlets", "reports", "clause"),
    [
        (0, 1, "Arkady Dobrynets, an official, body or outlet of a party to the conflict "
               "(Northern Coalition)."),
        (1, 1, "(Northern Coalition), relayed by Novy Vestnik State News."),
        (2, 2, "(Northern Coalition), relayed by Novy Vestnik State News, Eastern Wire Agency "
               "(2 reports)."),
        (3, 1, "relayed by Novy Vestnik State News, Eastern Wire Agency and 1 other outlet."),
        (4, 5, "Eastern Wire Agency and 2 other outlets (5 reports)."),
    ],
)  # fmt: skip
def test_relaying_outlets_and_report_count_of_an_origin(
    outlets: int, reports: int, clause: str
) -> None:
    text = grade([official(outlets=outlets, reports=reports)], [], reports=reports).explanation
    assert f"{clause} No independent corroboration." in text


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("party", "Speaker, an official, body or outlet of a party to the conflict (Republic)."),
        ("witness", "Speaker, a first-hand witness."),
        ("documentary", "Speaker, documentation by an independent organisation."),
        ("independent", "Speaker, an independent outlet."),
        ("unknown", "Speaker, an unnamed or unidentified source."),
    ],
)
def test_each_kind_of_origin_in_words(kind: str, words: str) -> None:
    party = "Republic" if kind == "party" else None
    origin = Origin("k", kind, "Speaker", party, ["r1"])
    assert grade([origin], [], reports=1).explanation.startswith(f"1 report, 1 origin: {words} ")


def test_seven_origins_show_six_and_count_the_rest() -> None:
    witnesses = [witness(f"A-{n}") for n in range(1, 8)]
    text = grade(witnesses, [], reports=7).explanation
    assert text.startswith(
        "7 reports, 7 origins: Witness A-1, a first-hand witness; Witness A-2, a first-hand "
        "witness; Witness A-3, a first-hand witness; Witness A-4, a first-hand witness; Witness "
        "A-5, a first-hand witness; Witness A-6, a first-hand witness; and 1 more. "
        "Corroborated by 7 independent origins, 7 of them first-hand. "
    )
    six = grade(witnesses[:6], [], reports=6).explanation
    assert "Witness A-6, a first-hand witness. Corroborated by 6" in six


@pytest.mark.parametrize(
    ("kinds", "sentence"),
    [
        (("party", "unknown"), "No independent corroboration."),
        (("independent",), "Corroborated by 1 independent origin, 0 of them first-hand."),
        (("witness", "party"), "Corroborated by 1 independent origin, 1 of them first-hand."),
        (
            ("independent", "documentary", "witness"),
            "Corroborated by 3 independent origins, 2 of them first-hand.",
        ),
    ],
)
def test_corroboration_sentence(kinds: tuple[str, ...], sentence: str) -> None:
    found = [Origin(f"k{n}", k, f"S{n}", None, [f"r{n}"]) for n, k in enumerate(kinds)]
    assert f". {sentence} No denial found. Grade " in grade(found, [], reports=3).explanation


HALCHENKO = Denial("r2", "Iryna Halchenko", "Republic")
MISSION = Denial("r3", "Joint Civilian Protection Monitoring Mission", None, independent=True)


@pytest.mark.parametrize(
    ("denials", "sentence"),
    [
        ([], "No denial found."),
        ([HALCHENKO], "Denied by Iryna Halchenko (Republic)."),
        ([MISSION], "Denied by Joint Civilian Protection Monitoring Mission."),
        (
            [Denial("r2", "Iryna Halchenko", "Republic", counter_accuses=True), MISSION],
            "Denied and counter-accused by Iryna Halchenko (Republic), denied by Joint Civilian "
            "Protection Monitoring Mission.",
        ),
        ([HALCHENKO, Denial("r5", "Iryna Halchenko", "Republic")], "Denied by Iryna Halchenko "
         "(Republic)."),
        (
            [Denial(f"r{n}", f"Officer {n}", "Republic") for n in range(1, 6)],
            "Denied by Officer 1 (Republic), denied by Officer 2 (Republic), denied by Officer 3 "
            "(Republic), denied by Officer 4 (Republic).",
        ),
    ],
)  # fmt: skip
def test_denials_sentence(denials: list[Denial], sentence: str) -> None:
    text = grade([witness("A-17")], denials, reports=2).explanation
    assert f"1 of them first-hand. {sentence} Grade C" in text


def test_the_grade_sentence_takes_the_words_it_is_given() -> None:
    text = explain(
        [], [], reports=0, reliability="A", credibility="2 (probably true)", standard="reviewed"
    )
    assert text == (
        "0 reports, no identifiable origin. No independent corroboration. No denial found. "
        "Grade A2: source reliability A, credibility 2 (probably true); reviewed."
    )


def test_an_unregistered_outlet_is_named_as_such_and_graded_e() -> None:
    blog = Origin("report:r1", "unregistered", "Odesa Courier", None, ["r1"])
    assert grade([blog], [], reports=1).explanation == (
        "1 report, 1 origin: Odesa Courier, an unregistered outlet (media, unregistered). "
        "No independent corroboration. No denial found. Grade E6: source reliability E, "
        "credibility 6 (cannot be judged); uncorroborated claim."
    )


def test_an_unregistered_outlet_ranks_below_a_party_and_above_an_unknown_source() -> None:
    blog = Origin("report:r1", "unregistered", "Odesa Courier", None, ["r1"])
    unnamed = Origin("report:r2", "unknown", "sources", None, ["r2"])
    assert grade([blog, unnamed], [], reports=2).reliability == "E"
    assert grade([blog, official()], [], reports=2).reliability == "D"


@pytest.mark.parametrize(
    ("unresolved", "sentence"),
    [
        (0, ""),
        (1, " 1 statement by an unresolved speaker was not counted."),
        (2, " 2 statements by unresolved speakers were not counted."),
    ],
)
def test_statements_by_unresolved_speakers_are_said_to_be_left_out(
    unresolved: int, sentence: str
) -> None:
    text = grade([official()], [], reports=3, unresolved=unresolved).explanation
    assert text.startswith(
        "3 reports, 1 origin: Arkady Dobrynets, an official, body or outlet of a party to the"
        " conflict (Northern Coalition)." + sentence + " No independent corroboration."
    )
