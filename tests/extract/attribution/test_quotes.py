"""Quotation-first attributions, read from punctuation (no parser needed)."""

from __future__ import annotations

from corroborate.extract.attribution.quotes import quotation_attributions
from corroborate.model import Span


def found(text: str, taken: list[Span] | None = None) -> list[tuple[str, str, str]]:
    return [
        (r.speaker.text, r.cue.text, r.content.text)
        for r in quotation_attributions(text, taken or [], [0])
    ]


def test_quote_then_speaker_then_cue() -> None:
    text = "“The checkpoint was closed all week,” the field monitor told reporters."
    assert found(text) == [("the field monitor", "told", "The checkpoint was closed all week")]


def test_quote_then_cue_then_speaker() -> None:
    text = "“We counted eleven bodies,” said Marta Ilchenko, a field monitor."
    assert found(text) == [("Marta Ilchenko", "said", "We counted eleven bodies")]


def test_quotes_already_attributed_are_skipped() -> None:
    text = "“We counted eleven bodies,” said Marta Ilchenko."
    assert found(text, [Span(1, 25, text[1:25])]) == []


def test_plain_quotation_marks_and_no_cue() -> None:
    assert found('"No one was detained," he said.') == [("he", "said", "No one was detained")]
    assert found("“A quotation with no speaker at all.”") == []


def test_headline_with_a_colon_and_an_embedded_tweet() -> None:
    assert found("Dobrynets: Guard Fighters Tortured Residents\n") == [
        ("Dobrynets", ":", "Guard Fighters Tortured Residents")
    ]
    tweet = "The checkpoint is closed again today — Marta Ilchenko (@mi_monitor) May 3"
    assert found(tweet) == [
        ("Marta Ilchenko (@mi_monitor)", "—", "The checkpoint is closed again today")
    ]


def test_a_colon_inside_a_sentence_is_not_a_headline() -> None:
    assert found("The mission listed three points: access, safety and records.") == []


def test_field_labels_before_a_colon_are_not_speakers() -> None:
    assert found("Speaker: Colonel Iryna Halchenko, spokesperson of the General Staff\n") == []
    assert found("Subject: Statement on the strike in Kramatorsk\n") == []
