"""The golden statement: one official, many ways of naming him, one place in two spellings.

``golden/official-statement.txt`` is written for this project after the structure of a
real news item: every claim must come out attributed to the one official (through "he",
"him", "the colonel general" and his surname), relayed by the state news agency, at one
place despite two spellings, with the violation types it alleges and the bribe range.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.extract import Extraction, Extractor

GOLDEN = Path(__file__).with_name("golden") / "official-statement.txt"
OFFICIAL = "Arkady Dobrynets"


@pytest.fixture(scope="module")
def found() -> Extraction:
    return Extractor.load().extract(GOLDEN.read_text(encoding="utf-8"), published="2022-04-12")


def test_every_claim_is_attributed_to_the_one_official(found: Extraction) -> None:
    claims = [a for a in found.attributions if a.content.text.strip()]
    assert len(claims) >= 6
    assert {a.speaker.canonical for a in claims} == {OFFICIAL}
    mentions = {a.speaker.span.text.lower() for a in claims if a.cue is not None}
    assert {"he", "him", "dobrynets", "the colonel general"} <= mentions


def test_role_and_affiliation_come_from_the_apposition(found: Extraction) -> None:
    speaker = found.attributions[0].speaker
    assert speaker.role is not None and speaker.role.startswith("head of the Northern Coalition")
    assert (
        speaker.affiliation is not None
        and "Humanitarian Response Coordination Centre" in speaker.affiliation
    )


def test_relayed_by_the_state_agency(found: Extraction) -> None:
    assert all(a.via == ("Novy Vestnik State News", "NVSN") for a in found.attributions)


def test_one_place_despite_two_spellings(found: Extraction) -> None:
    places = [g.place for g in found.allegations if g.place]
    assert {p.canonical for p in places} == {"Sloviansk"}
    assert {p.name for p in places} >= {"Slovyansk", "Slavyansk"}


def test_violation_types(found: Extraction) -> None:
    types = {t for g in found.allegations for t in g.violation_types}
    assert types >= {
        "torture",
        "threats",
        "arbitrary_detention",
        "enforced_disappearance",
        "extortion",
        "persecution_opinion",
    }


def test_bribe_range(found: Extraction) -> None:
    amounts = [a for g in found.allegations for a in g.amounts if a.unit == "USD"]
    assert [(a.low, a.high, a.span.text) for a in amounts] == [
        (500, 1000, "from five hundred to one thousand dollars")
    ]


def test_offsets_index_the_text(found: Extraction) -> None:
    text = GOLDEN.read_text(encoding="utf-8")
    for attribution in found.attributions:
        for span in (attribution.content, attribution.cue, attribution.speaker.span):
            if span is not None and span.end > 0:
                assert text[span.start : span.end] == span.text


def test_paragraph_breaks_do_not_hide_the_speaker() -> None:
    """Regression: the blank line before a paragraph is a token the parser may take for the
    verb's subject; the speaker must still be found."""
    text = "First paragraph ends here.\n\nClinton says Sanders cannot give an example.\n"
    [attribution] = Extractor.load().extract(text).attributions
    assert (attribution.speaker.span.text, attribution.cue and attribution.cue.text) == (
        "Clinton",
        "says",
    )


def test_denial_and_evaluative_verbs_take_their_object_as_content() -> None:
    extractor = Extractor.load()
    text = (
        "The Joint Civilian Protection Monitoring Mission condemned "
        "the shelling of the hospital in Kramatorsk."
    )
    [condemned] = extractor.extract(text).attributions
    assert (condemned.cue and condemned.cue.text, condemned.content.text) == (
        "condemned",
        "the shelling of the hospital in Kramatorsk",
    )
    [rejected] = extractor.extract(
        "Colonel Iryna Halchenko rejected the claim that guardsmen tortured residents."
    ).attributions
    assert rejected.speaker.canonical == "Iryna Halchenko"
    assert rejected.content.text == "the claim that guardsmen tortured residents"


def test_a_quotation_over_two_sentences_is_one_content() -> None:
    text = "“We saw them take him away. Nobody has seen him since,” the neighbour said."
    [attribution] = Extractor.load().extract(text).attributions
    assert attribution.content.text == "We saw them take him away. Nobody has seen him since"
    assert attribution.direct


def test_a_relative_who_is_the_person_before_it() -> None:
    text = (
        "Reporters spoke to Serhii Lytvak, the district police chief, "
        "who said that the journalist was detained."
    )
    [attribution] = Extractor.load().extract(text).attributions
    assert attribution.speaker.span.text == "who"  # the span stays as written
    assert attribution.speaker.canonical == "Serhii Lytvak"
    assert attribution.speaker.role == "district police chief"


def test_a_headline_without_a_full_stop_does_not_swallow_the_lead() -> None:
    # regression: in a sample wire story the caps headline ran into the paragraph under it,
    # the general's "said" was lost and "According to him", "He also said" named nobody
    path = (
        Path(__file__).resolve().parents[2]
        / "samples/corpus/wires/black-sea-observer-slovyansk.txt"
    )
    found = Extractor.load().extract(path.read_text(encoding="utf-8")).attributions
    said = next(a for a in found if a.cue is not None and a.cue.text == "said")
    assert said.speaker.canonical == "Arkady Dobrynets"
    assert said.content.text.startswith("that fighters of the Republic’s Volunteer Territorial")
    later = {
        a.speaker.span.text: a.speaker.canonical
        for a in found
        if a.speaker.span.text in ("him", "He")
    }
    assert later == {"him": "Arkady Dobrynets", "He": "Arkady Dobrynets"}
