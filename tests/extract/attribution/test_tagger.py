"""The learned attribution tagger: its spans, and grouping them into attributions."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corroborate.extract import Extractor
from corroborate.extract.attribution.tagger import Tagged, relations, tagged_spans
from corroborate.model import Span


def spans(text: str, *parts: tuple[str, str]) -> list[tuple[str, Span]]:
    found, position = [], 0
    for label, words in parts:
        start = text.index(words, position)
        found.append((label, Span(start, start + len(words), words)))
        position = start + len(words)
    return found


def test_a_statement_split_by_its_cue_is_one_attribution_in_two_pieces() -> None:
    text = "“The cells were full,” the monitor said. “Nobody was charged.”"
    tagged = spans(
        text,
        ("CONTENT", "The cells were full"),
        ("SOURCE", "the monitor"),
        ("CUE", "said"),
        ("CONTENT", "Nobody was charged"),
    )
    [found] = relations(text, tagged)
    assert found.source is not None and found.source.text == "the monitor"
    assert [c.text for c in found.content] == ["The cells were full", "Nobody was charged"]


def test_spans_go_to_the_nearest_cue_and_never_across_paragraphs() -> None:
    text = "Olena said the school was hit. Petro told us the bridge fell.\n\nThe mayor"
    tagged = spans(
        text,
        ("SOURCE", "Olena"),
        ("CUE", "said"),
        ("CONTENT", "the school was hit"),
        ("SOURCE", "Petro"),
        ("CUE", "told"),
        ("CONTENT", "the bridge fell"),
        ("SOURCE", "The mayor"),
    )
    found = relations(text, tagged)
    assert [
        (r.source.text if r.source else None, r.cue.text, r.content[0].text) for r in found
    ] == [
        ("Olena", "said", "the school was hit"),
        ("Petro", "told", "the bridge fell"),
    ]


def test_fragments_with_untagged_words_between_are_one_content() -> None:
    text = "The monitor said a man who recently left was detained.\n\nLater more came."
    tagged = spans(
        text,
        ("SOURCE", "The monitor"),
        ("CUE", "said"),
        ("CONTENT", "a man who"),
        ("CONTENT", "left was detained"),
        ("CONTENT", "Later more came"),
    )
    [found] = relations(text, tagged)
    assert [c.text for c in found.content] == ["a man who recently left was detained"]


def test_a_cue_without_content_is_no_attribution() -> None:
    text = "The mayor said."
    assert relations(text, spans(text, ("SOURCE", "The mayor"), ("CUE", "said"))) == []


def test_no_cue_no_attribution() -> None:
    text = "The cells were full."
    assert relations(text, spans(text, ("CONTENT", "The cells were full"))) == []


def test_the_shipped_tagger_finds_a_plain_attribution() -> None:
    text = "The regional governor said that two shelters were destroyed in the night."
    spans = tagged_spans(Extractor.load().nlp(text))
    assert {label for label, _ in spans} == {"SOURCE", "CUE", "CONTENT"}
    [found] = relations(text, spans)
    assert isinstance(found, Tagged) and found.cue.text == "said"


@st.composite
def tagged_texts(draw: st.DrawFn) -> tuple[str, list[tuple[str, Span]]]:
    """A text of words and paragraph breaks, with non-overlapping labelled spans on it."""
    words = draw(
        st.lists(st.sampled_from(["said", "we", "the", "mayor", "\n", "shelled"]), max_size=60)
    )
    text = " ".join(words)
    bounds = sorted(draw(st.sets(st.integers(0, len(text)), max_size=20)))
    spans = []
    for start, end in zip(bounds[::2], bounds[1::2], strict=False):
        if end > start:
            label = draw(st.sampled_from(["SOURCE", "CUE", "CONTENT"]))
            spans.append((label, Span(start, end, text[start:end])))
    return text, spans


@given(tagged_texts())
def test_grouping_uses_each_tagged_span_once_and_in_its_role(
    case: tuple[str, list[tuple[str, Span]]],
) -> None:
    text, spans = case
    found = relations(text, spans)
    by_label = {
        label: {s for lab, s in spans if lab == label} for label in ("SOURCE", "CUE", "CONTENT")
    }
    cues = [r.cue for r in found]
    contents = [c for r in found for c in r.content]
    sources = [r.source for r in found if r.source is not None]
    assert set(cues) <= by_label["CUE"] and len(cues) == len(set(cues))
    # a content is one tagged content span, or several joined over untagged words
    content_starts = {s.start for s in by_label["CONTENT"]}
    content_ends = {s.end for s in by_label["CONTENT"]}
    assert all(c.start in content_starts and c.end in content_ends for c in contents)
    assert all(
        not (a.start < b.end and b.start < a.end)
        for i, a in enumerate(contents)
        for b in contents[i + 1 :]
    )
    for c in contents:
        pieces = sorted(
            (s for s in by_label["CONTENT"] if c.start <= s.start and s.end <= c.end),
            key=lambda s: s.start,
        )
        gaps = [text[a.end : b.start] for a, b in pairwise(pieces)]
        assert all("\n" not in gap for gap in gaps)  # joined only within a paragraph
        inner = [s for lab, s in spans if lab != "CONTENT" and c.start <= s.start < c.end]
        assert not inner  # never joined across a source or a cue
    assert set(sources) <= by_label["SOURCE"] and len(sources) == len(set(sources))
    assert all(r.content for r in found)
    for r in found:
        for piece in (*r.content, *([r.source] if r.source else [])):
            between = text[min(piece.end, r.cue.end) : max(piece.start, r.cue.start)]
            assert "\n" not in between  # never across a paragraph break


def test_a_tagged_span_never_crosses_a_line_break(monkeypatch: pytest.MonkeyPatch) -> None:
    # regression: the encoder reads a line break as a space, so a headline's content ran on
    # into the first paragraph ("…hit by a missile\n\nThe ministry's forces did not…")
    import corroborate.extract.attribution.tagger as tagger

    text = "Ministry: school hit by a missile\n\nThe forces did not strike, the general said."
    headline_end = text.index("\n")

    class Fixed:
        def tag(self, texts: list[str]) -> list[list[tuple[str, int, int]]]:
            return [[("CONTENT", 10, text.index(",")), ("CUE", text.index("said"), len(text) - 1)]]

        def tag_with_roles(self, texts: list[str]) -> list[tuple[list[Any], list[Any]]]:
            return [(spans, []) for spans in self.tag(texts)]  # no word probabilities

    monkeypatch.setattr(tagger, "load_encoder", lambda: Fixed())
    [found] = tagger.tag_texts([text])
    assert found == [
        ("CONTENT", 10, headline_end),
        ("CONTENT", headline_end + 2, text.index(",")),
        ("CUE", text.index("said"), len(text) - 1),
    ]


def test_the_sample_headline_does_not_run_into_its_paragraph() -> None:
    text = (
        "Coalition defence ministry: Kramatorsk school hit by Republic air-defence missile\n\n"
        "The Coalition’s armed forces did not strike Kramatorsk two days ago, the spokesperson"
        " for the Coalition’s Ministry of Defence, Major General Oleg Savranov, said on Thursday."
    )
    found = Extractor.load().extract(text).attributions
    assert [(a.speaker.canonical, a.content.text) for a in found] == [
        ("Oleg Savranov", "The Coalition’s armed forces did not strike Kramatorsk two days ago")
    ]


def test_a_source_ending_on_a_preposition_goes_on_into_the_next() -> None:
    text = "Staff at City Hospital No. 3 in Kramatorsk say they had seconds to move patients."
    spans = [
        ("SOURCE", Span(0, 31, text[:31])),
        ("SOURCE", Span(32, 42, "Kramatorsk")),
        ("CUE", Span(43, 46, "say")),
        ("CONTENT", Span(47, len(text) - 1, text[47:-1])),
    ]
    [found] = relations(text, spans)
    assert found.source is not None and found.source.text == text[:42]
    # a source that ends on a word of its own is not joined to the next
    spans[0] = ("SOURCE", Span(0, 28, text[:28]))
    [found] = relations(text, spans)
    assert found.source is not None and found.source.text == "Kramatorsk"


def test_the_opening_word_of_the_next_sentence_is_not_content() -> None:
    text = "The general alleged systematic torture in the town. His statement was republished."
    tagged = spans(
        text,
        ("SOURCE", "The general"),
        ("CUE", "alleged"),
        ("CONTENT", "systematic torture in the town"),
        ("CONTENT", "His"),
    )
    [found] = relations(text, tagged)
    assert [c.text for c in found.content] == ["systematic torture in the town"]


def test_a_second_verb_joined_by_and_has_the_first_ones_speaker() -> None:
    text = "Colonel Halchenko denied the allegations and accused Coalition forces of abuses."
    tagged = spans(
        text,
        ("SOURCE", "Colonel Halchenko"),
        ("CUE", "denied"),
        ("CONTENT", "the allegations"),
        ("CUE", "accused"),
        ("CONTENT", "Coalition forces of abuses"),
    )
    first, second = relations(text, tagged)
    assert first.source == second.source and second.source is not None
    assert second.source.text == "Colonel Halchenko"


def test_a_participle_after_a_comma_has_the_first_verbs_speaker() -> None:
    text = "The governor told reporters that the bridge fell, adding that two people died."
    tagged = spans(
        text,
        ("SOURCE", "The governor"),
        ("CUE", "told"),
        ("CONTENT", "that the bridge fell"),
        ("CUE", "adding"),
        ("CONTENT", "that two people died"),
    )
    told, adding = relations(text, tagged)
    assert told.source == adding.source and adding.source is not None
    assert (adding.source.text, adding.cue.text) == ("The governor", "adding")


def test_a_cue_left_without_content_takes_the_one_after_it() -> None:
    # regression: both contents lay nearer "saying", "told" kept none and was dropped
    text = (
        "The governor told the council that she wants the bridge rebuilt by spring, saying that"
        " the ferry carries too few trucks."
    )
    tagged = spans(
        text,
        ("SOURCE", "The governor"),
        ("CUE", "told"),
        ("CONTENT", "that she wants the bridge rebuilt by spring"),
        ("CUE", "saying"),
        ("CONTENT", "that the ferry carries too few trucks"),
    )
    told, saying = relations(text, tagged)
    assert (told.cue.text, [c.text for c in told.content]) == (
        "told",
        ["that she wants the bridge rebuilt by spring"],
    )
    assert [c.text for c in saying.content] == ["that the ferry carries too few trucks"]
    assert told.source == saying.source and saying.source is not None


def test_a_cue_keeps_its_contents_when_a_tagged_span_stands_between() -> None:
    text = "Reporters asked the aide, who said the school was hit and the bridge fell."
    tagged = spans(
        text,
        ("CUE", "asked"),
        ("SOURCE", "the aide"),
        ("CUE", "said"),
        ("CONTENT", "the school was hit"),
        ("CONTENT", "the bridge fell"),
    )
    [said] = relations(text, tagged)
    assert said.cue.text == "said"
    assert [c.text for c in said.content] == ["the school was hit and the bridge fell"]


def test_a_span_goes_to_the_cue_of_its_own_sentence_before_a_nearer_one() -> None:
    text = "According to Capt. Melnyk, the guards beat the men every night. He said so."
    tagged = spans(
        text,
        ("CUE", "According to"),
        ("SOURCE", "Capt. Melnyk"),
        ("CONTENT", "the guards beat the men every night"),
        ("SOURCE", "He"),
        ("CUE", "said"),
        ("CONTENT", "so"),
    )
    sentences = [0, text.index("He")]
    found = relations(text, tagged, sentences)
    assert [
        (r.source.text if r.source else None, r.cue.text, r.content[0].text) for r in found
    ] == [
        ("Capt. Melnyk", "According to", "the guards beat the men every night"),
        ("He", "said", "so"),
    ]
    # by distance alone the content is two characters nearer "said" than "According to"
    assert [r.cue.text for r in relations(text, tagged)] == ["said"]


def test_a_relay_set_inside_a_statement_leaves_the_content_to_its_speaker() -> None:
    text = "The ministry said, as reported by TASS, that four detainees were tortured."
    tagged = spans(
        text,
        ("SOURCE", "The ministry"),
        ("CUE", "said"),
        ("CUE", "reported by"),
        ("SOURCE", "TASS"),
        ("CONTENT", "that four detainees were tortured"),
    )
    [found] = relations(text, tagged)
    assert found.source is not None and found.source.text == "The ministry"
    assert (found.cue.text, found.content[0].text) == ("said", "that four detainees were tortured")
    # at the head of a sentence the outlet is the one who reports
    text = "As reported by TASS, three civilians were killed."
    tagged = spans(
        text, ("CUE", "reported by"), ("SOURCE", "TASS"), ("CONTENT", "three civilians were killed")
    )
    [found] = relations(text, tagged)
    assert found.source is not None and found.source.text == "TASS"


@pytest.mark.parametrize(
    "text",
    [
        "“The shelter was hit twice,” said the mayor, adding that two people died there.",
        "The mayor called it “a deliberate strike,” adding that two people died there.",
    ],
)
def test_a_participle_after_a_quotation_or_a_speaker_keeps_the_speaker(text: str) -> None:
    tagged = [
        (label, Span(text.index(words), text.index(words) + len(words), words))
        for label, words in (
            ("CONTENT", "The shelter was hit twice" if "twice" in text else "a deliberate strike"),
            ("SOURCE", "the mayor" if "said" in text else "The mayor"),
            ("CUE", "said" if "said" in text else "called"),
            ("CUE", "adding"),
            ("CONTENT", "that two people died there"),
        )
    ]
    first, adding = relations(text, sorted(tagged, key=lambda item: item[1].start))
    assert adding.cue.text == "adding" and adding.source == first.source


def test_a_statement_set_out_below_a_colon_is_the_paragraph_after_it() -> None:
    text = "The governor added:\n\nThe shelling of Kramatorsk must stop. Nobody is safe.\n\nNext."
    tagged = spans(text, ("SOURCE", "The governor"), ("CUE", "added"))
    [found] = relations(text, tagged)
    assert [c.text for c in found.content] == [
        "The shelling of Kramatorsk must stop. Nobody is safe."
    ]
    assert (
        relations(
            "The governor added.\n\nNext.",
            spans("The governor added.", ("SOURCE", "The governor"), ("CUE", "added")),
        )
        == []
    )


@pytest.mark.parametrize(
    ("text", "words", "whole"),
    [
        (
            "Commander Iryna Bilyk-Savchuk said so.",
            "Commander Iryna Bilyk",
            "Commander Iryna Bilyk-Savchuk",
        ),
        ("Some human-rights lawyers say so.", "rights lawyers", "human-rights lawyers"),
        ("The mayor - and only he - said so.", "The mayor", "The mayor"),
    ],
)
def test_a_tagged_span_takes_in_the_whole_of_a_hyphenated_word(
    text: str, words: str, whole: str
) -> None:
    from corroborate.extract.attribution.tagger import _whole_words

    start = text.index(words)
    _, lo, hi = _whole_words(text, "SOURCE", start, start + len(words))
    assert text[lo:hi] == whole


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        (
            "The general described the raid as a “regrettable error,” but declined to name the"
            " unit.",
            "described",
            "declined to name",
        ),
        (
            "“We kept the bridge,” the general said, without once stopping to count the losses.",
            "said",
            "without once stopping to count",
        ),
    ],
)
def test_a_second_verb_after_a_quotation_keeps_the_speaker(
    text: str, first: str, second: str
) -> None:
    def at(label: str, words: str) -> tuple[str, Span]:
        start = text.index(words)
        return label, Span(start, start + len(words), words)

    contents = {
        "described": ["the raid as a “regrettable error", "the unit"],
        "said": ["We kept the bridge", "the losses"],
    }[first]
    tagged = sorted(
        [
            at("SOURCE", "The general" if first == "described" else "the general"),
            at("CUE", first),
            at("CONTENT", contents[0]),
            at("CUE", second),
            at("CONTENT", contents[1]),
        ],
        key=lambda item: item[1].start,
    )
    one, two = relations(text, tagged)
    assert two.cue.text == second and two.source == one.source and two.source is not None


def test_a_participle_opening_its_sentence_takes_the_speaker_after_it() -> None:
    text = "It was quiet. Citing a leaked report, the governor accused the army of shelling."
    tagged = spans(
        text,
        ("CUE", "Citing"),
        ("CONTENT", "a leaked report"),
        ("SOURCE", "the governor"),
        ("CUE", "accused"),
        ("CONTENT", "the army of shelling"),
    )
    starts = [0, text.index("Citing")]
    citing, accused = relations(text, tagged, starts)
    assert citing.source is not None and citing.source == accused.source
    # not when the participle is inside a sentence that has its own subject before it
    text = "Troops left, citing a leaked report; the governor accused the army of shelling."
    tagged = spans(
        text,
        ("CUE", "citing"),
        ("CONTENT", "a leaked report"),
        ("SOURCE", "the governor"),
        ("CUE", "accused"),
        ("CONTENT", "the army of shelling"),
    )
    assert relations(text, tagged, [0])[0].source is None


def test_a_closing_according_to_is_the_source_of_the_sentence_before_it() -> None:
    text = (
        "It was dark. Investigators have said the logs stay sealed, according to the detainees'"
        " lawyers."
    )
    tagged = spans(
        text,
        ("SOURCE", "Investigators"),
        ("CUE", "have said"),
        ("CONTENT", "the logs stay sealed"),
        ("CUE", "according to"),
        ("SOURCE", "the detainees' lawyers"),
    )
    starts = [0, text.index("Investigators")]
    found = relations(text, tagged, starts)
    outer = [t for t in found if t.cue.text == "according to"]
    assert [c.text for c in outer[0].content] == ["Investigators have said the logs stay sealed"]
    # inside a quotation the words are the quoted speaker's: no statement is made of them
    text = "He said: “the logs stay sealed, according to the lawyers.”"
    tagged = spans(text, ("CUE", "according to"), ("SOURCE", "the lawyers"))
    assert relations(text, tagged, [0]) == []


def test_a_that_clause_goes_to_the_cue_before_it_not_to_a_nearer_one_after() -> None:
    # regression: in a wire story's lead the clause after the general's "said on Tuesday"
    # went to the agency's closing "according to", two characters away, and the general's
    # statement was lost
    text = (
        "The head of the centre, Colonel General Smith, said on Tuesday that guards had"
        " detained residents of the town, according to Reuters."
    )
    tagged = spans(
        text,
        ("SOURCE", "The head of the centre, Colonel General Smith"),
        ("CUE", "said"),
        ("CONTENT", "that guards had detained residents of the town"),
        ("CUE", "according to"),
        ("SOURCE", "Reuters"),
    )
    said, according = relations(text, tagged)
    assert said.cue.text == "said"
    assert [c.text for c in said.content] == ["that guards had detained residents of the town"]
    assert according.cue.text == "according to"
    assert all(
        c.text != "that guards had detained residents of the town" for c in according.content
    )


def test_a_content_without_that_still_goes_to_the_nearest_cue() -> None:
    text = "Guards detained residents of the town, the mayor said on Tuesday. He added more."
    tagged = spans(
        text,
        ("CONTENT", "Guards detained residents of the town"),
        ("SOURCE", "the mayor"),
        ("CUE", "said"),
        ("SOURCE", "He"),
        ("CUE", "added"),
        ("CONTENT", "more"),
    )
    said, added = relations(text, tagged)
    assert [c.text for c in said.content] == ["Guards detained residents of the town"]
    assert [c.text for c in added.content] == ["more"]
