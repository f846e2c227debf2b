"""Where a protected person is mentioned (``store/mentions.py``), each case written out."""

from __future__ import annotations

from corroborate.store.mentions import (
    Mentions,
    Person,
    contact_patterns,
    name_patterns,
)


def test_a_value_of_generic_words_names_nobody() -> None:
    for value in ("Anonymous", "a local resident", "two witnesses", "Mrs", "", "  "):
        assert name_patterns(value) == []
    assert Mentions([Person("W-1", ("one of the villagers",))]).pattern is None


def test_a_full_name_in_any_joining_case_or_title_and_each_part_alone() -> None:
    mentions = Mentions([Person("W-1", ("Maren Tolvik",))])
    text = (
        "Mrs Maren Tolvik said so; maren_tolvik_interview.txt; MAREN.TOLVIK; "
        "Dr. Tolvik; Maren  Tolvik; Maren-Tolvik; Marenka; Tolviks"
    )
    assert mentions.replace(text) == (
        "W-1 said so; W-1_interview.txt; W-1; W-1; W-1; W-1; Marenka; Tolviks"
    )


def test_a_part_of_one_letter_a_number_or_a_generic_word_is_not_replaced_alone() -> None:
    mentions = Mentions([Person("W-2", ("Ivo 7 the elder",))])
    assert mentions.replace("Ivo 7 the elder; Ivo; 7; the; elder; J") == (
        "W-2; W-2; 7; the; W-2; J"
    )
    assert Mentions([Person("W-3", ("J Sarnak",))]).replace("J; Sarnak; J Sarnak") == (
        "J; W-3; W-3"
    )
    two = Mentions([Person("W-4", ("Li Xu",))])  # two letters are enough
    assert two.replace("Li Xu; Li; Xu; L; X") == "W-4; W-4; W-4; L; X"


def test_punctuation_around_a_names_parts_is_no_part_of_them() -> None:
    mentions = Mentions([Person("W-5", ('Sarnak, Ivo ("Xi")',))])
    # "Sarnak, Ivo" is two mentions: a comma does not join a name's parts
    assert mentions.replace("Sarnak met Ivo and Xi; Sarnak, Ivo") == (
        "W-5 met W-5 and W-5; W-5, W-5"
    )
    assert mentions.replace("Sarnak Ivo Xi") == "W-5"


def test_a_witness_code_with_its_hyphen_written_any_way() -> None:
    mentions = Mentions([Person("P-1", ("L-04",))])
    assert mentions.replace("L-04, L04, l_04, L 04, L–04; not L-045 or XL-04") == (
        "P-1, P-1, P-1, P-1, P-1; not L-045 or XL-04"
    )


def test_a_contact_with_its_separators_optional() -> None:
    assert contact_patterns("--") == []
    mentions = Mentions([Person("C-1", ("+380 44 123 4567",), contact=True)])
    text = "call +380441234567 or +380 (44) 123-4567 or 380441234567, not +3804412345678"
    assert mentions.replace(text) == "call C-1 or C-1 or 380441234567, not +3804412345678"
    mail = Mentions([Person("C-2", ("m.t@example.org",), contact=True)])
    assert mail.replace("write to M.T@Example.org today") == "write to C-2 today"


def test_the_longest_mention_wins_and_each_match_gets_its_own_persons_code() -> None:
    mentions = Mentions(
        [Person("W-1", ("Ivo",)), Person("W-2", ("Ivo Sarnak",)), Person("W-3", ("Olek",))]
    )
    assert mentions.replace("Ivo Sarnak met Ivo and Olek; Sarnak") == "W-2 met W-1 and W-3; W-2"
    found = mentions.pattern
    assert found is not None
    assert [mentions.code_of(m) for m in found.finditer("olek, IVO SARNAK")] == ["W-3", "W-2"]


def test_no_person_no_pattern_and_the_text_unchanged() -> None:
    mentions = Mentions([])
    assert mentions.pattern is None and mentions.replace("Maren Tolvik") == "Maren Tolvik"
