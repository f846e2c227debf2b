"""The tagged attributions beside the rules: speakers from the tagger or the parse, which
attributions stand, and what the rules add (``extract/attribution/combine.py``,
``speaker_phrase.py``)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from corroborate.extract import Extractor
from corroborate.extract.attribution.arbitration import Weights
from corroborate.extract.attribution.combine import (
    _plausible,
    _relative_pronoun,
    _relays_a_parsed_statement,
    _speakerless,
    _undergoes,
    _with_parsed_source,
    _with_trailing_modifier,
    combine,
)
from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.attribution.tagger import Tagged
from corroborate.extract.certainty import Evidence
from corroborate.model import Span


@pytest.fixture(autouse=True)
def _names_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests give the tagger spans by offsets into the text as written, and check the
    rules that read them: the parse reads the names as written too (``extract/blind.py``)."""
    monkeypatch.setenv("CORROBORATE_NAME_BLIND", "0")


def test_a_tagged_source_loses_its_lead_in() -> None:
    text = "On 12 April 2022 the regional prosecutor announced that 12 detainees were freed."
    speakers = [a.speaker.span.text for a in Extractor.load().extract(text).attributions]
    assert speakers and all(not s.startswith(("On", "12", "April")) for s in speakers)


def test_a_speaker_is_never_taken_from_another_sentence() -> None:
    text = (
        "Press Freedom Watch East, which first raised the alarm, said it had seen no evidence "
        "supporting either claim. A neighbour reported seeing two men push a man into a van."
    )
    found = Extractor.load().extract(text).attributions
    said = [a for a in found if a.cue is not None and a.cue.text == "said"]
    assert said and all("neighbour" not in a.speaker.span.text for a in said)


def test_a_tagged_attribution_without_source_takes_the_speaker_from_the_parse() -> None:
    doc = Extractor.load().nlp(
        "Olena Marchenko of the Kramatorsk Monitor wrote that shelters were full."
    )
    text = doc.text
    cue = text.index("wrote")
    content = text.index("that shelters")
    bare = Tagged(
        None, Span(cue, cue + 5, "wrote"), (Span(content, len(text) - 1, text[content:-1]),)
    )
    found = _with_parsed_source(doc, bare)
    assert found.source is not None and found.source.text.startswith("Olena Marchenko")
    # a cue's offsets are widened to whole words ("wrote " ends inside no word)
    loose = Tagged(None, Span(cue, cue + 6, "wrote "), bare.content)
    assert _with_parsed_source(doc, loose).source == found.source


def test_a_parsed_speaker_inside_the_tagged_content_is_not_taken() -> None:
    text = "Olena Marchenko wrote that shelters were full."
    doc = Extractor.load().nlp(text)
    cue = text.index("wrote")
    bare = Tagged(None, Span(cue, cue + 5, "wrote"), (Span(0, len(text) - 1, text[:-1]),))
    assert _with_parsed_source(doc, bare) == bare


@pytest.mark.parametrize(
    ("source", "cue", "plausible"),
    [("Speaker", "said", False), ("A", "said", False), ("The mayor", ":", False),
     ("The mayor", "said", True), ("I", "accept", True),  # the writer speaks
     (None, "said", False), ("X", "said", False), ("EU", "said", True)],
)  # fmt: skip
def test_tagger_only_attributions_need_a_worded_cue_and_a_real_speaker(
    source: str | None, cue: str, plausible: bool
) -> None:
    speaker = Span(0, len(source), source) if source is not None else None
    tagged = Tagged(speaker, Span(20, 20 + len(cue), cue), (Span(30, 40, "x"),))
    assert _plausible(tagged) is plausible


def test_a_statement_in_two_pieces_is_one_attribution_then_its_continuation() -> None:
    """Each piece carries its own words; only the first carries the cue's verb, so the
    statement is counted once."""
    text = "“The cells were full,” the monitor said. “Nobody was charged.”"
    doc = Extractor.load().nlp(text)

    def at(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    tagged = Tagged(
        at("the monitor"), at("said"), (at("The cells were full"), at("Nobody was charged"))
    )
    found = combine(doc, [], [tagged])
    assert [(r.content.text, r.lemma, r.direct) for r in found] == [
        ("The cells were full", "say", True),
        ("Nobody was charged", "", True),
    ]


def test_a_banner_in_brackets_is_not_part_of_the_speaker() -> None:
    text = (
        "[FICTIONAL TRAINING SCENARIO — sample corpus]\n\nThe Republic’s General Staff on "
        "Wednesday rejected Coalition allegations that its fighters tortured residents."
    )
    [found] = Extractor.load().extract(text).attributions
    assert found.speaker.span.text == "The Republic’s General Staff"


def test_a_denial_reports_its_object_not_the_sentence_before() -> None:
    text = (
        "Assessment: DMG confirms civilian deaths and damage to protected civilian objects. "
        "The Republic attributes the strike to the Coalition’s 3rd Northern Assault Brigade; "
        "the Coalition denies any strike on Kramatorsk and says a Republic air-defence missile "
        "fell on the district."
    )
    denials = [
        a for a in Extractor.load().extract(text).attributions if a.cue and a.cue.text == "denies"
    ]
    assert [a.content.text for a in denials] == ["any strike on Kramatorsk"]


def test_a_place_at_the_end_of_the_sentence_stays_with_the_tagged_content() -> None:
    doc = Extractor.load().nlp("The mission condemned the shelling of the hospital in Kramatorsk.")
    text = doc.text
    start = text.index("the shelling")
    cut = Span(start, text.index(" in Kramatorsk"), "the shelling of the hospital")
    assert _with_trailing_modifier(doc, cut).text == "the shelling of the hospital in Kramatorsk"
    assert (
        _with_trailing_modifier(doc, Span(start, start + 12, "the shelling")).end == len(text) - 1
    )
    later = Extractor.load().nlp("The mission condemned the shelling of the hospital, then left.")
    first = Span(start, start + 12, "the shelling")  # the phrase does not end the sentence
    assert _with_trailing_modifier(later, first) == first


def test_the_passive_subject_of_a_tagged_cue_is_no_speaker() -> None:
    text = "Detainees paid bribes to be released, while others were threatened with transfer."
    found = Extractor.load().extract(text).attributions
    assert all(a.speaker.span.text != "others" for a in found)


def test_a_subject_the_parse_calls_passive_without_a_was_still_speaks() -> None:
    # regression: after a dash the parse read "Hnatyuk boasted" as a passive, and the tagged
    # attribution was dropped as one whose speaker undergoes the verb
    from spacy.tokens import Doc

    nlp = Extractor.load().nlp
    words = ["others", "were", "threatened"]
    passive = Doc(nlp.vocab, words, heads=[2, 2, 2], deps=["nsubj:pass", "aux:pass", "ROOT"])
    misread = Doc(nlp.vocab, ["Hnatyuk", "boasted"], heads=[1, 1], deps=["nsubj:pass", "ROOT"])
    assert _undergoes(passive, Span(0, 6, "others"), Span(12, 22, "threatened"))
    assert not _undergoes(misread, Span(0, 7, "Hnatyuk"), Span(8, 15, "boasted"))


def test_a_tagged_relay_is_the_outlet_chain_not_a_statement_of_the_outlet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import corroborate.extract.attribution.tagger as tagger

    text = "He claimed that residents were tortured. This claim was reported by TASS."

    def tagged(texts: list[str]) -> list[list[tuple[str, int, int]]]:
        def at(label: str, words: str) -> tuple[str, int, int]:
            start = text.index(words)
            return (label, start, start + len(words))

        return [
            [
                at("SOURCE", "He"),
                at("CUE", "claimed"),
                at("CONTENT", "that residents were tortured"),
                at("CONTENT", "This claim"),
                at("CUE", "reported by"),
                at("SOURCE", "TASS"),
            ]
            for _ in texts
        ]

    monkeypatch.setattr(tagger, "tag_texts", tagged)
    found = Extractor.load().extract(text).attributions
    assert [a.speaker.span.text for a in found] == ["He"]
    assert found[0].via == ("TASS",)


def test_what_an_outlet_published_is_its_own_statement(monkeypatch: pytest.MonkeyPatch) -> None:
    # regression: a short content after a relay verb was read as the outlet chain
    import corroborate.extract.attribution.tagger as tagger

    text = "Donbas Watch first published the drone video on Friday."

    def tagged(texts: list[str]) -> list[list[tuple[str, int, int]]]:
        def at(label: str, words: str) -> tuple[str, int, int]:
            return (label, text.index(words), text.index(words) + len(words))

        return [
            [at("SOURCE", "Donbas Watch"), at("CUE", "first published"), at("CONTENT", "the video")]
            for _ in texts
        ]

    text = text.replace("drone ", "")
    monkeypatch.setattr(tagger, "tag_texts", tagged)
    found = Extractor.load().extract(text).attributions
    assert [(a.speaker.span.text, a.content.text) for a in found] == [("Donbas Watch", "the video")]


def test_a_heading_before_a_colon_does_not_swallow_the_statements_after_it() -> None:
    text = (
        "The Long Wait: It was during her term that the bridge was rebuilt. In recent weeks, the"
        " regional governor said she favoured a second crossing."
    )
    found = Extractor.load().extract(text).attributions
    said = [a for a in found if a.cue is not None and a.cue.text == "said"]
    assert [a.speaker.span.text for a in said] == ["the regional governor"]
    assert not any(a.content.start <= said[0].cue.start < a.content.end for a in found)


@pytest.mark.parametrize(
    ("text", "speaker", "canonical"),
    [
        # regression: the date went with the lead-ins, its preposition stayed ("… Staff on")
        (
            "The Coalition’s Ministry of Defence on Thursday denied firing rockets at"
            " Kramatorsk two days ago.",
            "The Coalition’s Ministry of Defence",
            "Coalition’s Ministry of Defence",
        ),
        # regression: a bracket opened in the speaker was left open; an aside is no name
        (
            "The Coalition side (Dobrynets, via Novy Vestnik) says more than 1,200 residents"
            " of Lyman were evacuated “at their own request”.",
            "The Coalition side (Dobrynets, via Novy Vestnik)",
            "Coalition side",
        ),
        # a bracket closed right after the speaker's last word is the speaker's
        (
            "Taras Hnatyuk, chairman of Civic Watch (a volunteer monitoring group), tweeted that"
            " the rally was empty.",
            "Taras Hnatyuk, chairman of Civic Watch (a volunteer monitoring group)",
            "Taras Hnatyuk",
        ),
        # a comparison after a comma is no part of the name
        (
            "The foreign minister, like the president, has said the talks failed.",
            "The foreign minister",
            "foreign minister",
        ),
        # so is what the speaker was doing
        (
            "Mr. Hnatyuk, standing at the memorial, said the monument tells a story.",
            "Mr. Hnatyuk",
            "Hnatyuk",
        ),
    ],
)
def test_a_speaker_ends_on_a_word_of_its_own(text: str, speaker: str, canonical: str) -> None:
    found = Extractor.load().extract(text).attributions
    assert found and found[0].speaker.span.text == speaker
    assert found[0].speaker.canonical == canonical


def test_the_one_quoted_as_saying_is_the_speaker() -> None:
    # regression: "was quoted" is passive, and its subject was dropped as one who undergoes it
    text = (
        "“No units of the Northern Coalition carried out fire missions against Kramatorsk on"
        " 26 April,” spokesperson Major General Oleg Savranov was quoted as saying."
    )
    found = Extractor.load().extract(text).attributions
    assert [a.speaker.canonical for a in found] == ["Oleg Savranov"]
    assert found[0].content.text.startswith("No units of the Northern Coalition")


def test_a_statement_relayed_inside_another_keeps_its_own_speaker() -> None:
    # regression: the tagger reads the whole sentence as the agency's; the ministry's denial
    # inside it (its "denied" mis-tagged as an adjective) was lost
    text = (
        "The Coalition’s Ministry of Defence on Thursday denied firing rockets at Kramatorsk,"
        " according to Novy Vestnik State News."
    )
    found = Extractor.load().extract(text).attributions
    denial = [a for a in found if a.cue is not None and a.cue.text == "denied"]
    assert [a.speaker.canonical for a in denial] == ["Coalition’s Ministry of Defence"]
    assert denial[0].content.text == "firing rockets at Kramatorsk"


def test_a_denial_and_an_accusation_in_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    # regression: the tagger's content ended on "and", and the accusation, with no source of
    # its own in the sentence, was lost
    import corroborate.extract.attribution.tagger as tagger

    text = (
        "On 13 April Colonel Iryna Halchenko of the Republic’s General Staff denied the"
        " allegations and accused Coalition forces of abuses in the Izium area."
    )

    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    class Fixed:
        def tag(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
            return [
                [
                    ("SOURCE", *at("Colonel Iryna Halchenko of the Republic’s General Staff")),
                    ("CUE", *at("denied")),
                    ("CONTENT", *at("the allegations and")),
                    ("CUE", *at("accused")),
                    ("CONTENT", *at("Coalition forces of abuses in the Izium area")),
                ]
            ]

        def tag_with_roles(self, texts: list[str]) -> list[tuple[list[Any], list[Any]]]:
            return [(spans, []) for spans in self.tag(texts)]  # no word probabilities

    monkeypatch.setattr(tagger, "load_encoder", lambda: Fixed())
    found = Extractor.load().extract(text).attributions
    assert [
        (a.speaker.canonical, a.cue.text if a.cue else None, a.content.text) for a in found
    ] == [
        ("Iryna Halchenko", "denied", "the allegations"),
        ("Iryna Halchenko", "accused", "Coalition forces of abuses in the Izium area"),
    ]


def test_a_rank_before_the_speaker_keeps_the_statement_in_its_sentence() -> None:
    text = (
        "Residents said they were held in School No. 2 for weeks. According to Capt. Melnyk,"
        " the guards beat the men every night. He said relatives were told to pay."
    )
    found = Extractor.load().extract(text).attributions
    by_content = {
        a.content.text: (a.speaker.canonical, a.cue.text if a.cue else None) for a in found
    }
    assert by_content["the guards beat the men every night"] == ("Capt. Melnyk", "According to")
    assert by_content["relatives were told to pay"] == ("Capt. Melnyk", "said")


def test_a_description_that_ends_the_sentence_stays_with_the_tagged_content() -> None:
    text = "The Mission is concerned about journalist Denys Horobets, missing since 14 May."
    doc = Extractor.load().nlp(text)
    start = text.index("journalist")
    cut = Span(start, text.index(","), "journalist Denys Horobets")
    assert (
        _with_trailing_modifier(doc, cut).text == "journalist Denys Horobets, missing since 14 May"
    )
    # a description that holds a clause or a comma of its own is left out
    for text in (
        "The Mission is concerned about journalist Denys Horobets, missing since May, the "
        "monitors said.",
        "The Mission is concerned about journalist Denys Horobets, missing since the raid on "
        "his flat that police ordered.",
    ):
        doc = Extractor.load().nlp(text)
        start = text.index("journalist")
        cut = Span(start, text.index(","), "journalist Denys Horobets")
        assert _with_trailing_modifier(doc, cut) == cut, text
    # a clause of its own after the comma is not part of the content
    text = "Residents described the shelling of the market, the mayor said."
    doc = Extractor.load().nlp(text)
    start = text.index("the shelling")
    cut = Span(start, text.index(","), "the shelling of the market")
    assert _with_trailing_modifier(doc, cut) == cut


def test_a_description_ending_in_a_letter_keeps_it() -> None:
    """Only the sentence's final punctuation is dropped from the description: the camp's
    letter (one token with its full stop, "X.") stays."""
    text = "The Mission is concerned about journalist Denys Horobets, held at Camp X."
    doc = Extractor.load().nlp(text)
    start = text.index("journalist")
    cut = Span(start, text.index(","), "journalist Denys Horobets")
    found = _with_trailing_modifier(doc, cut).text
    assert found.startswith("journalist Denys Horobets, held at Camp X"), found
    # a word of one letter is no punctuation, wherever it stands in the description
    text = "The Mission is concerned about journalist Denys Horobets, held in Block X since May."
    doc = Extractor.load().nlp(text)
    cut = Span(start, text.index(","), "journalist Denys Horobets")
    found = _with_trailing_modifier(doc, cut).text
    assert found == "journalist Denys Horobets, held in Block X since May"


def test_a_monitors_concern_for_a_missing_journalist_is_an_allegation() -> None:
    # regression: the content stopped at the name, and "missing" with it went
    text = "The Mission is concerned about journalist Denys Horobets, missing since 14 May."
    result = Extractor.load().extract(text)
    [found] = result.attributions
    assert found.content.text.endswith("missing since 14 May")
    assert any("enforced_disappearance" in a.violation_types for a in result.allegations)


def test_a_statement_relayed_by_an_outlet_is_the_speakers_via_the_outlet() -> None:
    text = (
        "According to Ukrinform, the bridge in Izium was shelled overnight.\n"
        "The ministry said, as reported by TASS, that four detainees were tortured.\n"
    )
    found = Extractor.load().extract(text).attributions[-1]
    assert (found.speaker.canonical, found.cue and found.cue.text) == ("ministry", "said")
    assert found.content.text == "that four detainees were tortured"
    assert "TASS" in found.via


def test_a_tagged_relative_pronoun_speaks_for_its_antecedent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import corroborate.extract.attribution.tagger as tagger

    text = "Monitors met Olena Marchenko, who sketched beatings in the Izium police station."

    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    class Fixed:
        def tag(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
            return [
                [
                    ("SOURCE", *at("who")),
                    ("CUE", *at("sketched")),
                    ("CONTENT", *at("beatings in the Izium police station")),
                ]
            ]

        def tag_with_roles(self, texts: list[str]) -> list[tuple[list[Any], list[Any]]]:
            return [(spans, []) for spans in self.tag(texts)]  # no word probabilities

    monkeypatch.setattr(tagger, "load_encoder", lambda: Fixed())
    found = [
        (a.speaker.span.text, a.speaker.canonical)
        for a in Extractor.load().extract(text).attributions
        if a.cue is not None and a.cue.text == "sketched"
    ]
    assert found == [("who", "Olena Marchenko")]


@pytest.mark.parametrize(
    ("text", "relative"),
    [
        ("Monitors met Olena Marchenko, who described the raid.", True),
        ("Who described the raid?", False),  # no noun before it to stand for
    ],
)
def test_a_relative_pronoun_needs_a_noun_to_stand_for(text: str, relative: bool) -> None:
    doc = Extractor.load().nlp(text)
    start = text.lower().index("who")
    assert _relative_pronoun(doc, Span(start, start + 3, text[start : start + 3])) is relative


def test_a_rule_statement_around_tagged_ones_does_not_swallow_them() -> None:
    # regression: "according to its own records" at the end took the whole sentence as its
    # content, tagged statements included, and was kept beside them
    text = (
        "The auditors reported that the ministry holds 14 depots near the front; the agency"
        " holds 9 more, and the audit says the ministry ''lists 212 storage sites in the border"
        " regions, according to its own records.''"
    )
    found = Extractor.load().extract(text).attributions
    assert [a.speaker.span.text for a in found] == ["The auditors", "the audit"]


def test_a_tagged_content_is_not_stretched_over_the_next_statement(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # regression: "…'s plan, promising to …" was read as a description of the plan, and the
    # promise went into the first statement
    import corroborate.extract.attribution.tagger as tagger

    text = (
        "Mrs. Bilyk has backed Mr. Hnatyuk's cautious plan, promising to finish and extend his"
        " repairs."
    )

    def at(words: str) -> tuple[int, int]:
        return text.index(words), text.index(words) + len(words)

    class Fixed:
        def tag(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
            return [
                [
                    ("SOURCE", *at("Mrs. Bilyk")),
                    ("CUE", *at("has backed")),
                    ("CONTENT", *at("Mr. Hnatyuk's cautious plan")),
                    ("CUE", *at("promising")),
                    ("CONTENT", *at("to finish and extend his repairs")),
                ]
            ]

        def tag_with_roles(self, texts: list[str]) -> list[tuple[list[Any], list[Any]]]:
            return [(spans, []) for spans in self.tag(texts)]  # no word probabilities

    monkeypatch.setattr(tagger, "load_encoder", lambda: Fixed())
    found = Extractor.load().extract(text).attributions
    assert [(a.cue.text if a.cue else None, a.content.text) for a in found] == [
        ("has backed", "Mr. Hnatyuk's cautious plan"),
        ("promising", "to finish and extend his repairs"),
    ]


@pytest.mark.parametrize(
    ("text", "cue", "speakerless"),
    [
        ("The truce is expected to collapse within a week.", "is expected", True),
        ("Local officials seem confident that the bridge will reopen.", "seem confident", True),
        ("The claim was reported by TASS on Monday.", "was reported by", False),
        ("The mayor said the bridge fell.", "said", False),
        ("The mayor has confirmed the strike on the depot.", "has confirmed", False),
        ("The mayor is saying the bridge fell.", "is saying", False),
        ("The verdict was widely expected to stand.", "was widely expected", True),
        ("The strike was by all accounts confirmed.", "was by all accounts confirmed", False),
    ],
)
def test_a_passive_or_raising_cue_takes_no_speaker_from_the_parse(
    text: str, cue: str, speakerless: bool
) -> None:
    doc = Extractor.load().nlp(text)
    start = text.index(cue)
    span = doc.char_span(start, start + len(cue))
    assert span is not None and _speakerless(span) is speakerless
    bare = Tagged(
        None, Span(start, start + len(cue), cue), (Span(len(text) - 6, len(text) - 1, "x"),)
    )
    if speakerless:
        assert _with_parsed_source(doc, bare).source is None


@pytest.mark.parametrize(
    ("text", "source", "cue", "speaker"),
    [
        (
            "Governor Hnatyuk, who knew that the talks would stall, told his aides to find"
            " another route.",
            "who",
            "told",
            "Governor Hnatyuk",
        ),
        (
            "One of the nurses who signed the petition called the director a coward.",
            "who signed the petition",
            "called",
            "One of the nurses",
        ),
        ("The mission spoke to Olena Marchenko, who said her son was taken.", "who", "said", "who"),
    ],
)
def test_a_relative_pronoun_before_the_main_verb_gives_way_to_its_antecedent(
    text: str, source: str, cue: str, speaker: str
) -> None:
    from corroborate.extract.attribution.combine import _main_clause_subject

    def at(words: str) -> Span:
        start = text.index(words)
        return Span(start, start + len(words), words)

    doc = Extractor.load().nlp(text)
    assert _main_clause_subject(doc, at(source), at(cue)).text == speaker


def test_a_possessive_is_no_part_of_the_speaker(monkeypatch: pytest.MonkeyPatch) -> None:
    import corroborate.extract.attribution.tagger as tagger

    text = "Mr. Tkachenko's record on protecting field hospitals is mixed."

    def tagged(texts: list[str]) -> list[list[tuple[str, int, int]]]:
        def at(label: str, words: str) -> tuple[str, int, int]:
            return (label, text.index(words), text.index(words) + len(words))

        return [
            [
                at("SOURCE", "Mr. Tkachenko's"),
                at("CUE", "record on protecting"),
                at("CONTENT", "field hospitals"),
            ]
            for _ in texts
        ]

    monkeypatch.setattr(tagger, "tag_texts", tagged)
    found = Extractor.load().extract(text).attributions
    assert [a.speaker.span.text for a in found] == ["Mr. Tkachenko"]


def test_the_antecedent_of_a_relative_pronoun_is_its_whole_phrase() -> None:
    from corroborate.extract.attribution.combine import _main_clause_subject

    text = (
        "Halyna Bondar, 61, of Druzhkivka, Donetsk region, who watched the convoy, said it moved"
        " her."
    )
    doc = Extractor.load().nlp(text)
    who, said = text.index("who"), text.index("said")
    found = _main_clause_subject(doc, Span(who, who + 3, "who"), Span(said, said + 4, "said"))
    assert found.text == "Halyna Bondar, 61, of Druzhkivka, Donetsk region"


@pytest.mark.parametrize(
    ("text", "source", "cue", "content", "kept"),
    [
        (
            "They were backed by the regional council.",
            "the regional council",
            "were backed by",
            "They",
            False,
        ),
        ("Justice delivered the verdict.", "Justice", "delivered", "the", False),
        ("The ministry denied it.", "The ministry", "denied", "it", True),
        ("The ministry denied the report.", "The ministry", "denied", "the report", True),
    ],
)
def test_a_content_of_one_function_word_says_nothing(
    text: str, source: str, cue: str, content: str, kept: bool
) -> None:
    from corroborate.extract.attribution.combine import _wordless

    def at(words: str) -> Span:
        return Span(text.index(words), text.index(words) + len(words), words)

    doc = Extractor.load().nlp(text)
    assert _wordless(doc, Tagged(at(source), at(cue), (at(content),))) is not kept


def _at(start: int, end: int) -> Span:
    return Span(start, end, "x" * (end - start))


def _raw(speaker: Span, cue: Span) -> RawAttribution:
    return RawAttribution(speaker, -1, cue, _at(200, 210), False, "say", 0)


RELAYED = (_at(0, 20), _at(50, 80))  # a tagged statement in two pieces
TAGGED = Tagged(_at(100, 110), _at(90, 94), RELAYED)


@pytest.mark.parametrize(
    ("contents", "tagged_cue", "source", "raw", "relays"),
    [
        # another speaker and cue between the pieces: the statement is theirs
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(25, 35), _at(36, 40)), True),
        # ... also between the last two of three pieces
        ((_at(0, 20), _at(30, 40), _at(60, 80)), TAGGED.cue, TAGGED.source,
         _raw(_at(45, 50), _at(51, 55)), True),
        # one piece is no split statement
        (RELAYED[:1], TAGGED.cue, TAGGED.source, _raw(_at(2, 8), _at(9, 12)), False),
        # the cue outside the pieces' hull
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(25, 35), _at(85, 89)), False),
        # the speaker outside it
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(85, 89), _at(36, 40)), False),
        # the tagger's own cue
        (RELAYED, _at(36, 40), TAGGED.source, _raw(_at(25, 35), _at(36, 40)), False),
        # the tagger's own speaker
        (RELAYED, TAGGED.cue, _at(25, 35), _raw(_at(25, 35), _at(36, 40)), False),
        # a statement reported inside one piece
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(2, 8), _at(9, 12)), False),
        # the speaker inside a piece, the cue between the pieces: still theirs
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(2, 8), _at(25, 30)), True),
        # the cue inside a piece, the speaker between them
        (RELAYED, TAGGED.cue, TAGGED.source, _raw(_at(25, 30), _at(2, 8)), True),
    ],
)  # fmt: skip
def test_a_split_statement_around_a_parsed_speaker_and_cue_is_theirs(
    contents: tuple[Span, ...], tagged_cue: Span, source: Span, raw: RawAttribution, relays: bool
) -> None:
    tagged = Tagged(source, tagged_cue, contents)
    assert _relays_a_parsed_statement(tagged, source, contents, [raw]) is relays


def _at(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span(start, start + len(words), words)


def test_a_tagged_statement_without_a_source_takes_its_speaker_from_the_parse() -> None:
    text = "The school was hit. Olena Marchenko wrote that shelters were full."
    doc = Extractor.load().nlp(text)
    bare = Tagged(None, _at(text, "wrote"), (_at(text, "that shelters were full"),))
    [found] = combine(doc, [], [bare])
    assert found.speaker.text == "Olena Marchenko"
    assert found.speaker.start <= doc[found.speaker_head].idx < found.speaker.end
    assert (found.sentence, found.lemma, found.content.text) == (
        1,
        "write",
        "that shelters were full",
    )


def test_a_cue_with_no_known_verb_is_named_by_its_words() -> None:
    text = "The mayor went on record that the bridge was closed."
    doc = Extractor.load().nlp(text)
    tagged = Tagged(
        _at(text, "The mayor"), _at(text, "went on record"), (_at(text, "the bridge was closed"),)
    )
    [found] = combine(doc, [], [tagged])
    assert (found.lemma, found.sentence) == ("went on record", 0)


def test_an_attribution_left_out_does_not_stop_the_ones_after_it() -> None:
    """A passive's subject ("were told"), a field label ("Speaker") and a wordless content
    are each left out, and the statement after them is still read."""
    text = (
        "Residents were told that the bridge would close. Speaker: the shelling went on. "
        "The monitor said all. The mayor said that the school was hit."
    )
    doc = Extractor.load().nlp(text)
    tagged = [
        Tagged(
            _at(text, "Residents"), _at(text, "told"), (_at(text, "that the bridge would close"),)
        ),
        Tagged(_at(text, "Speaker"), _at(text, ":"), (_at(text, "the shelling went on"),)),
        Tagged(_at(text, "The monitor"), _at(text, "said"), (_at(text, "all"),)),
        Tagged(
            _at(text, "The mayor"),
            _at(text, "said", text.index("The mayor")),
            (_at(text, "that the school was hit"),),
        ),
    ]
    found = combine(doc, [], tagged)
    assert [(r.speaker.text, r.content.text) for r in found] == [
        ("The mayor", "that the school was hit")
    ]


def test_a_rule_attribution_s_speaker_loses_its_lead_in() -> None:
    text = "On Tuesday the mayor said that the school was hit."
    doc = Extractor.load().nlp(text)
    speaker, cue = _at(text, "On Tuesday the mayor"), _at(text, "said")
    raw = RawAttribution(speaker, 3, cue, _at(text, "that the school was hit"), False, "say", 0)
    [found] = combine(doc, [raw], [])
    assert (found.speaker.text, found.content.text) == ("the mayor", "that the school was hit")


def test_a_source_of_lead_ins_only_is_left_out_and_the_next_statement_read() -> None:
    """ "2022" is a date, no speaker: trimmed of its lead-ins nothing is left."""
    text = "In 2022 reported that the bridge fell. The mayor said that the school was hit."
    doc = Extractor.load().nlp(text)
    tagged = [
        Tagged(_at(text, "2022"), _at(text, "reported"), (_at(text, "that the bridge fell"),)),
        Tagged(_at(text, "The mayor"), _at(text, "said"), (_at(text, "that the school was hit"),)),
    ]
    found = combine(doc, [], tagged)
    assert [(r.speaker.text, r.content.text) for r in found] == [
        ("The mayor", "that the school was hit")
    ]


def _transcript(
    speaker: str, cue: str, weights: Weights | None = None, evidence: Evidence | None = None
) -> list[tuple[str, str, str]]:
    """A rule attribution ``speaker cue …`` whose content holds a tagged statement, combined."""
    text = f"{speaker}{cue} The mayor said that the school was hit."
    doc = Extractor.load().nlp(text)
    content = _at(text, "The mayor said that the school was hit")
    raw = RawAttribution(_at(text, speaker), 0, _at(text, cue.strip()), content, False, "say", 0)
    tagged = Tagged(
        _at(text, "The mayor"), _at(text, "said"), (_at(text, "that the school was hit"),)
    )
    found = combine(doc, [raw], [tagged], weights=weights, evidence=evidence)
    return [(r.speaker.text, r.cue.text, r.content.text) for r in found]


def test_a_speaker_labelled_in_a_transcript_keeps_the_statement_it_holds() -> None:
    """ "HNATYUK: The mayor said …": the label's speaker says all of it, the mayor's statement
    inside it is the mayor's."""
    assert _transcript("HNATYUK", ":") == [
        ("HNATYUK", ":", "The mayor said that the school was hit"),
        ("The mayor", "said", "that the school was hit"),
    ]


@pytest.mark.parametrize(("speaker", "cue"), [("The Long Wait", ":"), ("NATO", " said")])
def test_a_heading_or_a_cue_in_words_does_not_take_a_tagged_statement_in(
    speaker: str, cue: str
) -> None:
    """Only a transcript's capitalised label signs what follows: a heading before a colon,
    or a speaker in capitals with a cue in words, loses to the tagged statement."""
    assert _transcript(speaker, cue) == [("The mayor", "said", "that the school was hit")]


def test_a_tagged_statement_cut_around_a_parsed_one_gives_way_to_it() -> None:
    """The tagger read the whole sentence as the agency's, in two pieces around the
    general's name and cue; the statement is the general's, which the agency carried."""
    text = (
        "The head of the centre, Colonel General Dobrynets, said on Tuesday that the bridge"
        " fell, according to Novy Vestnik."
    )
    doc = Extractor.load().nlp(text)
    pieces = (_at(text, "The head of the centre"), _at(text, "that the bridge fell"))
    tagged = Tagged(_at(text, "Novy Vestnik"), _at(text, "according to"), pieces)
    general = RawAttribution(
        _at(text, "Colonel General Dobrynets"), 7, _at(text, "said"), pieces[1], False, "say", 0
    )
    found = combine(doc, [general], [tagged])
    assert [(r.speaker.text, r.cue.text, r.content.text) for r in found] == [
        ("Colonel General Dobrynets", "said", "that the bridge fell")
    ]


def _weights(readers: dict[str, float], shapes: dict[str, float]) -> Weights:
    return Weights({"encoder": 0.0, "rules": 0.0, "quotations": 0.0} | readers, shapes, 0.0, 0.0)


HEADING = [("The Long Wait", ":", "The mayor said that the school was hit")]


@pytest.mark.parametrize(
    ("weights", "kept"),
    [
        (None, [("The mayor", "said", "that the school was hit")]),  # the weights shipped
        (_weights({"rules": 1.0}, {}), HEADING),  # the rules' reader above the encoder's
        (_weights({}, {"label": 1.0}), HEADING),  # the rule's shape (a label) weighed up
        (_weights({}, {"encoder": -1.0}), HEADING),  # the encoder's shape weighed down
    ],
)
def test_the_weights_given_decide_which_reading_stands(
    weights: Weights | None, kept: list[tuple[str, str, str]]
) -> None:
    """The heading's rule attribution and the tagged statement inside it conflict (a heading
    holds no statements): whichever the weights given score first stands, and on a tie the
    encoder's, proposed first."""
    assert _transcript("The Long Wait", ":", weights) == kept


def test_the_encoder_s_word_roles_given_count_where_the_weights_weigh_them() -> None:
    """Word roles that read "The Long Wait" as a speaker, the colon as its cue and the rest as
    what it said agree wholly with the heading's rule attribution (1.0) and a third with the
    tagged statement (its content only): weighed by agreement alone, the rule's reading stands;
    without the roles the two tie and the encoder's, proposed first, stands."""
    text = "The Long Wait: The mayor said that the school was hit."
    colon = text.index(":")
    roles = [
        (m.start(), m.end(), *((1.0, 0.0, 0.0) if m.start() < colon else (0.0, 1.0, 0.0)
                               if m.start() == colon else (0.0, 0.0, 1.0)))
        for m in re.finditer(r"\w+|[^\w\s]", text)
    ]  # fmt: skip
    by_agreement = Weights({"encoder": 0.0, "rules": 0.0, "quotations": 0.0}, {}, 1.0, 0.0)
    evidence = Evidence.of([], roles)
    assert _transcript("The Long Wait", ":", by_agreement, evidence) == HEADING
    assert _transcript("The Long Wait", ":", by_agreement) == [
        ("The mayor", "said", "that the school was hit")
    ]
