"""Golden extraction: each ``golden/<case>/input.txt`` against its ``expected.jsonl``, exactly.

One line per attribution, in text order, with the allegations it carries: an extra
attribution fails as surely as a missing one. The expected files are the specification,
reviewed line by line; where today's extraction is wrong the correct line is kept, and
``xfail.txt`` beside it names that line and why: the case is then an expected failure, while
every other line must still match exactly (and a known-wrong line that comes right fails, to
be taken off the list). Victims' spans are not pinned here. To review and
accept an intended change: ``CORROBORATE_ACCEPT_GOLDEN=1 pytest tests/extract/test_golden.py``
rewrites the expected files, and ``git diff tests/extract/golden`` shows what changed
(``golden/README.md``).
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from corroborate.extract import Extraction, Extractor
from corroborate.model import Allegation, Attribution

GOLDEN = Path(__file__).with_name("golden")
CASES = sorted(path.name for path in GOLDEN.iterdir() if (path / "input.txt").exists())
PUBLISHED = "2022-04-12"  # every case is read as published on this day
ACCEPT = os.environ.get("CORROBORATE_ACCEPT_GOLDEN") == "1"


@pytest.fixture(scope="module")
def extracted() -> dict[str, Extraction]:
    extractor = Extractor.load()
    return {
        case: extractor.extract(
            (GOLDEN / case / "input.txt").read_text(encoding="utf-8"), published=PUBLISHED
        )
        for case in CASES
    }


def allegation_line(allegation: Allegation) -> dict[str, Any]:
    return {
        "types": list(allegation.violation_types),
        "place": allegation.place.canonical if allegation.place else None,
        "perpetrator": allegation.perpetrator.text if allegation.perpetrator else None,
        "time": allegation.time.value if allegation.time else None,
        "amounts": [[a.span.text, a.low, a.high, a.unit] for a in allegation.amounts],
    }


def attribution_line(attribution: Attribution, found: Extraction) -> str:
    speaker = attribution.speaker
    line = {
        "speaker": speaker.canonical,
        "as": speaker.span.text,
        "role": speaker.role,
        "affiliation": speaker.affiliation,
        "cue": attribution.cue.text if attribution.cue else None,
        "content": attribution.content.text,
        "direct": attribution.direct,
        "via": list(attribution.via),
        "allegations": [
            allegation_line(g) for g in found.allegations if g.attribution_id == attribution.id
        ],
    }
    return json.dumps(line, ensure_ascii=False)


def lines(found: Extraction) -> list[str]:
    ordered = sorted(found.attributions, key=lambda a: (a.content.start, a.content.end))
    return [attribution_line(a, found) for a in ordered]


def known_wrong(case: str) -> dict[int, str]:
    """``xfail.txt``: ``<line of expected.jsonl>: <why today's extraction gets it wrong>``."""
    path = GOLDEN / case / "xfail.txt"
    if not path.exists():
        return {}
    entries = (line.split(":", 1) for line in path.read_text(encoding="utf-8").splitlines())
    return {int(number): reason.strip() for number, reason in entries}


def diff(expected: list[str], found: list[str]) -> str:
    lines = difflib.unified_diff(expected, found, "expected.jsonl", "extracted", lineterm="", n=0)
    return "\n".join(lines)


@pytest.mark.parametrize("case", CASES)
def test_golden_case(extracted: dict[str, Extraction], case: str) -> None:
    found = lines(extracted[case])
    path = GOLDEN / case / "expected.jsonl"
    known = known_wrong(case)
    if ACCEPT:
        old = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
        kept = [
            old[n - 1] if n in known and len(old) == len(found) else line
            for n, line in enumerate(found, 1)
        ]
        path.write_text("".join(f"{line}\n" for line in kept), encoding="utf-8")
    expected = path.read_text(encoding="utf-8").splitlines()
    wrong = [n for n, (e, f) in enumerate(zip(expected, found, strict=False), 1) if e != f]
    if len(found) != len(expected) or set(wrong) - set(known):
        pytest.fail(
            f"{case}: extraction differs from expected.jsonl (- expected, + extracted):\n"
            f"{diff(expected, found)}\nIf the change is intended: CORROBORATE_ACCEPT_GOLDEN=1 "
            "pytest tests/extract/test_golden.py, then review git diff tests/extract/golden",
            pytrace=False,
        )
    fixed = sorted(set(known) - set(wrong))
    assert not fixed, f"{case}: lines {fixed} are now right; remove them from xfail.txt"
    if known:
        pytest.xfail("; ".join(f"line {n}: {reason}" for n, reason in sorted(known.items())))


@pytest.mark.parametrize("case", CASES)
def test_offsets_index_the_text(extracted: dict[str, Extraction], case: str) -> None:
    text = (GOLDEN / case / "input.txt").read_text(encoding="utf-8")
    for attribution in extracted[case].attributions:
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
