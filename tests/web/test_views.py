"""What the pages compute: statements grouped by speaker with wire copies folded, and a
report's text cut into marked segments."""

from __future__ import annotations

from typing import Any, cast

from hypothesis import given
from hypothesis import strategies as st

from corroborate.export.results import IncidentJSON
from corroborate.web.views import grouped_statements, highlighted


def said(report: str, speaker: str, content: str, stance: str = "supports") -> dict[str, Any]:
    return {
        "id": f"s-{report}-{speaker}",
        "verdict": None,
        "report_id": report,
        "speaker": speaker,
        "party": None,
        "stance": stance,
        "content": content,
        "types": [],
        "time": None,
    }


def incident(reports: dict[str, str | None], statements: list[dict[str, Any]]) -> IncidentJSON:
    refs = [{"id": rid, "copy_of": copy_of} for rid, copy_of in reports.items()]
    return cast(IncidentJSON, {"reports": refs, "statements": statements})


def test_wire_copies_fold_into_the_original_s_row() -> None:
    reports: dict[str, str | None] = {"wire": None, **{f"copy{n}": "wire" for n in range(6)}}
    reports["own"] = None
    statements = [said("wire", "the ministry", "troops shelled the market")]
    statements += [said(f"copy{n}", "the ministry", "troops shelled the market") for n in range(6)]
    statements += [said("own", "a resident", "the market burned")]
    statements += [said("own", "the ministry", "no troops were there", "denies")]
    groups = grouped_statements(incident(reports, statements))
    assert [g.speaker for g in groups] == ["the ministry", "a resident"]
    ministry = groups[0].statements
    assert [(s.content, len(s.copies)) for s in ministry] == [
        ("troops shelled the market", 6),
        ("no troops were there", 0),
    ]


def test_a_copy_that_says_something_else_keeps_its_own_row() -> None:
    statements = [said("wire", "a medic", "two were hurt"), said("copy", "a medic", "ten died")]
    groups = grouped_statements(incident({"wire": None, "copy": "wire"}, statements))
    assert [(s.content, s.copies) for s in groups[0].statements] == [
        ("two were hurt", []),
        ("ten died", []),
    ]


def test_speaker_and_content_are_marked_where_they_occur() -> None:
    text = "The governor said that the bridge was hit at dawn. The army denied it."
    statements = [said("r", "The governor", "the bridge was hit at dawn")]
    segments = highlighted(text, statements)
    assert [(s.text, s.kind) for s in segments] == [
        ("The governor", "speaker"),
        (" said that ", ""),
        ("the bridge was hit at dawn", "content"),
        (". The army denied it.", ""),
    ]


words = st.text(alphabet="ab <>&\"'.", max_size=40)


@given(words, st.lists(st.tuples(words, words), max_size=4))
def test_segments_rebuild_the_text_without_overlap(text: str, pairs: list[tuple[str, str]]) -> None:
    segments = highlighted(text, [said("r", speaker, content) for speaker, content in pairs])
    assert "".join(s.text for s in segments) == text
    assert all(s.text for s in segments)
    assert all(s.kind in {"", "speaker", "content"} for s in segments)
