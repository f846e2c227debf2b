"""One person, one name across reports: roles seen anywhere hold everywhere."""

from __future__ import annotations

from corroborate.grade.origins import party_of
from corroborate.link.speakers import unify_speakers
from corroborate.model import Attribution, Span, Speaker
from corroborate.taxonomy.registry import registry


def said(
    report_id: str, name: str, role: str | None = None, affiliation: str | None = None
) -> Attribution:
    speaker = Speaker(Span(0, len(name), name), name, role, affiliation)
    return Attribution(report_id, speaker, None, Span(0, 1, report_id), False)


def unified(*attributions: Attribution) -> list[Speaker]:
    """The speakers after unification, in the order given (one report each)."""
    done = unify_speakers({a.report_id: ([a], []) for a in attributions})
    return [done[a.report_id][0][0].speaker for a in attributions]


def party(speaker: Speaker) -> str | None:
    return party_of(speaker.canonical, speaker.role, speaker.affiliation, registry())


def test_a_partys_title_before_a_name_is_a_role_that_holds_in_every_report() -> None:
    titled, full, surname = unified(
        said("r1", "Russian President Vladimir Putin"),
        said("r2", "Vladimir Putin"),
        said("r3", "Putin"),
    )
    assert {s.canonical for s in (titled, full, surname)} == {"Vladimir Putin"}
    assert {s.role for s in (titled, full, surname)} == {"Russian President"}
    assert [party(s) for s in (titled, full, surname)] == ["Russia"] * 3


def test_the_role_is_learnt_whichever_report_comes_first() -> None:
    surname, titled = unified(
        said("r1", "Zelensky"), said("r2", "Ukrainian President Volodymyr Zelensky")
    )
    assert (surname.canonical, surname.role) == ("Volodymyr Zelensky", "Ukrainian President")
    assert party(surname) == party(titled) == "Ukraine"


def test_transliterations_of_one_name_are_one_person() -> None:
    first, second, third = unified(
        said("r1", "Ukrainian President Volodymyr Zelenskyy"),
        said("r2", "Volodymyr Zelensky"),
        said("r3", "Zelenskiy"),
    )
    assert [s.canonical for s in (first, second, third)] == ["Volodymyr Zelenskyy"] * 3
    assert party(third) == "Ukraine"


def test_a_surname_two_people_share_stays_ambiguous() -> None:
    one, other, bare = unified(
        said("r1", "Russian Defence Minister Oleg Marchuk"),
        said("r2", "Ukrainian Foreign Minister Ivan Marchuk"),
        said("r3", "Marchuk"),
    )
    assert (one.canonical, other.canonical, bare.canonical) == (
        "Oleg Marchuk",
        "Ivan Marchuk",
        "Marchuk",
    )
    assert (party(one), party(other), party(bare)) == ("Russia", "Ukraine", None)


def test_a_mentions_own_role_outweighs_a_role_from_another_report() -> None:
    """Registered body > the report's own role text > a role another report gave."""
    own, elsewhere = unified(
        said("r1", "Oleh Tkach", role="Ukrainian-appointed governor"),
        said("r2", "Oleh Tkach", role="Russian-installed mayor"),
    )
    assert (party(own), party(elsewhere)) == ("Ukraine", "Russia")
    assert own.role == "Ukrainian-appointed governor; Russian-installed mayor"
    registered, _ = unified(
        said("r1", "Oleh Tkach", role="Russian-installed mayor", affiliation="Meduza"),
        said("r2", "Oleh Tkach"),
    )
    assert party(registered) is None


def test_a_body_is_never_split_into_a_title_and_a_name() -> None:
    [ministry] = unified(said("r1", "Russian Defence Ministry"))
    assert (ministry.canonical, ministry.role) == ("Russian Defence Ministry", None)
    assert party(ministry) == "Russia"


def test_a_title_joins_the_role_the_speaker_already_had() -> None:
    [speaker] = unified(said("r1", "Russian President Vladimir Putin", "head of state"))
    assert (speaker.canonical, speaker.role) == (
        "Vladimir Putin",
        "Russian President; head of state",
    )


def test_a_one_word_name_keeps_its_roles_and_affiliation_across_reports() -> None:
    """ "Kovalenko" has no full name anywhere: it is profiled under itself, so the role one
    report gives and the affiliation another gives hold in both."""
    first, second = unified(
        said("r1", "Kovalenko", "governor"), said("r2", "Kovalenko", None, "UA")
    )
    assert (first.canonical, first.role, first.affiliation) == ("Kovalenko", "governor", "UA")
    assert (second.canonical, second.role, second.affiliation) == ("Kovalenko", "governor", "UA")


def test_a_description_names_only_a_holder_of_that_role() -> None:
    """A lower-case description is the one full-named person whose role contains it:
    "governor" is Anna Kovalenko's, "spokesman" nobody's (she is not taken for it)."""
    named, governor, spokesman = unified(
        said("r1", "Anna Kovalenko", "regional governor"),
        said("r2", "governor"),
        said("r3", "spokesman"),
    )
    assert named.canonical == governor.canonical == "Anna Kovalenko"
    assert (spokesman.canonical, spokesman.role) == ("spokesman", None)


def test_a_name_of_two_words_is_never_read_as_a_surname() -> None:
    """ "De Vries" folds as the surname of "Pieter Devries" does, but a name of two words is
    a full name of its own: only a one-word name is completed from a surname."""
    full, spaced, bare = unified(
        said("r1", "Pieter Devries"), said("r2", "De Vries"), said("r3", "Devries")
    )
    assert [s.canonical for s in (full, spaced, bare)] == [
        "Pieter Devries",
        "De Vries",
        "Pieter Devries",
    ]
