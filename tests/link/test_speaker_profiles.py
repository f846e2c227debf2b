"""One speaker, one name and one profile across reports."""

from __future__ import annotations

from corroborate.link.speakers import unify_speakers
from corroborate.model import Attribution, Span, Speaker


def said(
    report_id: str, name: str, role: str | None = None, affiliation: str | None = None
) -> Attribution:
    return Attribution(
        report_id,
        Speaker(Span(0, len(name), name), name, role, affiliation),
        Span(0, 4, "said"),
        Span(10, 20, f"statement in {report_id}"),
        False,
    )


def unified(*attributions: Attribution) -> list[tuple[str, str | None, str | None]]:
    """(name, role, affiliation) of each attribution after unification, in order."""
    statements = {a.report_id: ([a], []) for a in attributions}
    out = unify_speakers(statements)
    return [
        (s.canonical, s.role, s.affiliation)
        for a in attributions
        for s in [out[a.report_id][0][0].speaker]
    ]


def test_a_surname_is_the_one_full_name_that_ends_with_it() -> None:
    assert unified(said("r1", "Iryna Halchenko"), said("r2", "Halchenko")) == [
        ("Iryna Halchenko", None, None),
        ("Iryna Halchenko", None, None),
    ]


def test_full_names_of_three_and_four_words_are_matched_by_their_last_word() -> None:
    assert unified(said("r1", "Arkady Petrovych Dobrynets"), said("r2", "Dobrynets"))[1][0] == (
        "Arkady Petrovych Dobrynets"
    )
    assert unified(said("r1", "Olena Maria Kovalenko Sych"), said("r2", "Sych"))[1][0] == (
        "Olena Maria Kovalenko Sych"
    )


def test_five_words_or_lower_case_words_are_no_full_name() -> None:
    mission = "Joint Civilian Protection Monitoring Mission"
    assert unified(said("r1", mission), said("r2", "Mission"))[1][0] == "Mission"
    assert unified(said("r1", "Iryna von Halchenko"), said("r2", "Halchenko"))[1][0] == (
        "Halchenko"
    )


def test_a_surname_two_full_names_end_with_stays_as_it_is() -> None:
    names = unified(
        said("r1", "Iryna Halchenko"), said("r2", "Oksana Halchenko"), said("r3", "Halchenko")
    )
    assert [n for n, _, _ in names] == ["Iryna Halchenko", "Oksana Halchenko", "Halchenko"]


def test_roles_from_every_report_are_joined_once_each() -> None:
    assert unified(
        said("r1", "Iryna Halchenko", "spokesperson"),
        said("r2", "Halchenko", "colonel"),
        said("r3", "Iryna Halchenko", "spokesperson"),
        said("r4", "Iryna Halchenko"),
    ) == [
        ("Iryna Halchenko", "spokesperson; colonel", None),
        ("Iryna Halchenko", "colonel; spokesperson", None),  # its own role comes first
        ("Iryna Halchenko", "spokesperson; colonel", None),
        ("Iryna Halchenko", "spokesperson; colonel", None),
    ]


def test_the_first_affiliation_fills_in_where_none_is_given_and_a_given_one_stays() -> None:
    assert unified(
        said("r1", "Halchenko"),
        said("r2", "Iryna Halchenko", affiliation="General Staff"),
        said("r3", "Iryna Halchenko", affiliation="Ministry of Defence"),
    ) == [
        ("Iryna Halchenko", None, "General Staff"),
        ("Iryna Halchenko", None, "General Staff"),
        ("Iryna Halchenko", None, "Ministry of Defence"),
    ]


def test_a_lower_case_title_of_five_letters_or_more_names_the_one_person_holding_it() -> None:
    holder = said("r1", "Arkady Dobrynets", "Chief of the district police; head of the centre")
    assert unified(holder, said("r2", "chief"))[1][0] == "Arkady Dobrynets"
    assert unified(holder, said("r2", "head"))[1][0] == "head"  # four letters: too vague


def test_a_capitalised_speaker_is_a_name_not_a_title() -> None:
    holder = said("r1", "Arkady Dobrynets", "Colonel General; head of the centre")
    assert unified(holder, said("r2", "Colonel General"))[1][0] == "Colonel General"
