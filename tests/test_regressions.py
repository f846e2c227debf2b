"""Regression tests for defects found in review, one per defect."""

from __future__ import annotations

from datetime import date

import spacy

from corroborate.extract.attribution.quotes import quotation_attributions
from corroborate.extract.facts.amounts import find_amounts
from corroborate.extract.facts.times import find_times
from corroborate.extract.facts.violations import classify
from corroborate.extract.spans import char_span
from corroborate.ids import digest_bytes
from corroborate.link.assemble import link
from corroborate.link.incidents import Mention, cluster
from corroborate.model import Allegation, Attribution, Place, Report, Span, Speaker
from corroborate.results import _is_date, _label


def test_an_invalid_iso_date_is_no_date() -> None:
    [found] = find_times("dated 2022-13-45 in the file", None)
    assert found.value is None


def test_only_real_iso_dates_reach_labels() -> None:
    assert [_is_date(d) for d in ("2022-04-12", "12/04/2022", "2022-13-45", "Tue, 12 Ap")] == [
        True,
        False,
        False,
        False,
    ]
    assert _label(["torture"], None, ["2022-04-12"], []) == "Torture or ill-treatment, April 2022"


def test_a_quotation_keeps_its_closing_mark() -> None:
    doc = spacy.blank("en")('He said: "They shelled the school." Then he left.')
    span = char_span(doc, 9, 35, keep_quotes=True)
    assert span is not None and span.text == '"They shelled the school."'


def test_a_number_before_a_full_stop_is_an_amount() -> None:
    [amount] = find_amounts("Soldiers killed 12.")
    assert amount.low == 12


def test_patterns_match_across_line_breaks_with_true_offsets() -> None:
    text = "They were\n\n  taken   in an unknown\ndirection."
    [(term, match)] = classify(text)
    assert term.code == "enforced_disappearance" and text[match.start() : match.end()].startswith(
        "taken"
    )


def test_accusations_against_two_parties_never_merge_through_a_third_mention() -> None:
    day = date(2022, 4, 12)
    words = frozenset("detained tortured residents basement".split())
    a = Mention(
        types=frozenset({"torture"}), place="Sloviansk", day=day, words=words, accused="Republic"
    )
    b = Mention(types=frozenset({"torture"}), place="Sloviansk", day=day, words=words)
    c = Mention(
        types=frozenset({"torture"}),
        place="Sloviansk",
        day=day,
        words=words,
        accused="Northern Coalition",
    )
    groups = cluster([a, b, c])
    assert not any(0 in g and 2 in g for g in groups)


def test_an_allegation_mentioning_denied_access_still_supports() -> None:
    text = (
        "The monitor said that detainees were tortured and denied access to lawyers in Sloviansk."
    )
    report = Report(
        blob_id=digest_bytes(text.encode()),
        item="",
        source_name="r",
        media_type="text/plain",
        text=text,
    )
    content = "that detainees were tortured and denied access to lawyers in Sloviansk"
    start = text.index(content)
    attribution = Attribution(
        report.id,
        Speaker(Span(4, 11, "monitor"), "monitor"),
        Span(12, 16, "said"),
        Span(start, start + len(content), content),
        False,
    )
    place = Place("Sloviansk", "Sloviansk", 48.87, 37.62, "UA")
    allegation = Allegation(attribution.id, ("torture",), place=place)
    linked = link([report], {report.id: ([attribution], [allegation])}, {report.id: {"Sloviansk"}})
    assert linked.incidents[0].report_stances == {report.id: "supports"}


def test_rubric_labels_with_two_words_are_not_speakers() -> None:
    for text in (
        "Read More: Guard fighters detained residents\n",
        "Editor's note: This story was updated\n",
    ):
        assert quotation_attributions(text, [], [0]) == []


def test_an_official_statement_dated_by_its_speech_joins_the_testimonies_of_the_act() -> None:
    """The Sloviansk detentions were split: testimonies dated them 2-5 April, while officials'
    statements made on 12 April had that day taken for the detentions' (the statement's
    content, as tagged, began at its verb: "said on Tuesday that …"). The day a statement
    was made dates nothing it tells of; with the act undated, the statement joins the
    testimony of the same act at the same place, and the incident shows the act's day."""
    from corroborate.extract.document import allegation_for
    from corroborate.extract.facts.places import find_places
    from corroborate.extract.models.nlp import load_pipeline
    from corroborate.results import build_incidents

    texts = {
        "official.txt": (
            "The governor said on Tuesday that guards had detained and beaten residents of "
            "Sloviansk at checkpoints.",
            "2022-04-12",
        ),
        "witness.txt": (
            "Guards detained and beat residents of Sloviansk at a checkpoint on 3 April.",
            "2022-04-18",
        ),
    }
    reports, statements = [], {}
    for name, (text, day) in texts.items():
        report = Report(digest_bytes(text.encode()), "", name, "text/plain", text, published=day)
        content = text[text.index("said") :] if "said" in text else text
        start = text.index(content)
        speaker = Speaker(Span(0, 12, text[:12]), name)
        said = Attribution(report.id, speaker, None, Span(start, len(text), content), False)
        alleged = allegation_for(load_pipeline()(text), said, find_places(text), day)
        assert alleged is not None
        reports.append(report)
        statements[report.id] = ([said], [alleged])
    days = {r.source_name: statements[r.id][1][0].time for r in reports}
    assert days["official.txt"] is None
    assert days["witness.txt"] is not None and days["witness.txt"].value == "2022-04-03"
    linked = link(reports, statements, {r.id: {"Sloviansk"} for r in reports})
    [incident] = build_incidents(reports, linked)
    assert len(incident["reports"]) == 2
    assert (incident["first_day"], incident["last_day"]) == ("2022-04-03", "2022-04-03")
    assert (incident.get("first_published"), incident.get("last_published")) == (
        "2022-04-12",
        "2022-04-18",
    )
