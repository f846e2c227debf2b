"""A run's linked statements survive being kept as JSON: decoding gives equal records,
optional parts (no cue, no allegation, no place) and copies included."""

from __future__ import annotations

import json
from dataclasses import replace

from corroborate.ids import canonical_json
from corroborate.link.stored import decode, encode
from corroborate.model import (
    Allegation,
    Amount,
    Copy,
    Incident,
    Linked,
    Place,
    Span,
    Stance,
    Statement,
    TimeRef,
)
from tests.linked import attribution, one_incident, speaker

TEXT = "Officials said soldiers detained two men in Izium on 3 May 2022."


def statement(report_id: str, *, alleged: bool) -> Statement:
    said = attribution(
        report_id,
        speaker("Officials", canonical="officials", role="official", affiliation="UA"),
        TEXT[15:64],
        start=15,
        cue="said" if alleged else None,
        cue_start=10,
        via=("Kyiv Independent",),
    )
    allegation = Allegation(
        said.id,
        ("arbitrary_detention",),
        perpetrator=Span(15, 23, "soldiers"),
        place=Place("Izium", "Izium", 49.2, 37.3, "UA", "Kharkiv Oblast", Span(44, 49, "Izium")),
        time=TimeRef(Span(53, 63, "3 May 2022"), "2022-05-03"),
    )
    return Statement(report_id, said, "supports", allegation if alleged else None)


def test_linked_statements_decode_to_equal_records() -> None:
    statements = [statement("sha256:a", alleged=True), statement("sha256:b", alleged=False)]
    grouped = one_incident(statements)
    assert grouped.report_stances == {"sha256:a": "supports", "sha256:b": "supports"}
    linked = Linked({"sha256:b": Copy("sha256:b", "sha256:a", 0.9, 1.0)}, [grouped])
    kept = canonical_json(encode(linked))
    again = decode(json.loads(kept))
    assert again.copies == linked.copies
    assert again.incidents[0].statements == statements
    assert again.incidents[0].allegations == [statements[0].allegation]
    assert again.incidents[0].report_stances == grouped.report_stances
    assert again.incidents[0].statements[0].attribution.key == statements[0].attribution.key
    assert again.incidents[0].statements[1].attribution.cue is None


def test_stances_decode_as_stances_and_keep_their_words() -> None:
    """Kept as their words ("denies"), read back as ``Stance`` members, not bare strings."""
    denial = Statement("sha256:b", statement("sha256:b", alleged=False).attribution, Stance.DENIES)
    denied = Incident(statements=[denial], report_stances={"sha256:b": Stance.DENIES})
    kept = json.loads(canonical_json(encode(Linked({}, [denied]))))
    assert kept["incidents"][0]["statements"][0]["stance"] == "denies"
    assert kept["incidents"][0]["report_stances"] == {"sha256:b": "denies"}
    again = decode(kept).incidents[0]
    assert type(again.statements[0].stance) is Stance
    assert type(again.report_stances["sha256:b"]) is Stance
    assert again.statements == [denial]


def test_an_allegation_s_amounts_decode_as_amounts() -> None:
    """A tuple of records (an allegation's amounts) reads back as records, each in place."""
    alleged = statement("sha256:a", alleged=True)
    assert alleged.allegation is not None
    amounts = (
        Amount(Span(0, 3, "two"), 2.0, 2.0, "men"),
        Amount(Span(5, 11, "dozens"), 24.0, None),
    )
    counted = replace(alleged, allegation=replace(alleged.allegation, amounts=amounts))
    kept = json.loads(canonical_json(encode(Linked({}, [one_incident([counted])]))))
    assert kept["incidents"][0]["allegations"][0]["amounts"][1] == {
        "span": {"start": 5, "end": 11, "text": "dozens"},
        "low": 24.0,
        "high": None,
        "unit": None,
    }
    again = decode(kept).incidents[0]
    assert again.allegations[0].amounts == amounts
    assert again.statements[0].allegation == counted.allegation
    assert type(again.allegations[0].amounts[0].span) is Span
