"""Stored extractions read back equal to what was stored, and their version names the
models and settings that made them."""

from __future__ import annotations

from pathlib import Path

import pytest

from corroborate.extract import Extraction, Extractor, stored
from corroborate.extract.stored import extraction_version, from_json, to_json
from corroborate.ids import digest_bytes
from corroborate.model import (
    Allegation,
    Amount,
    Attribution,
    Place,
    Report,
    Span,
    Speaker,
    TimeRef,
)

TEXT = (
    "Kharkiv Courier\nPublished: 3 May 2022\n\nThe regional governor Oleh Marchenko said that "
    "artillery of the Northern Coalition shelled the children's hospital in Chuhuiv on 2 May, "
    "killing two patients. Residents said dozens of people were detained in Izium."
)


def test_an_extraction_reads_back_equal() -> None:
    found = Extractor.load(encoder=False).extract(TEXT, published="2022-05-03", report_id="r")
    assert found.attributions and found.allegations
    assert any(g.place for g in found.allegations) and any(g.time for g in found.allegations)
    again, places = from_json(to_json(found, {"Chuhuiv", "Izium"}))
    assert again == found
    assert places == {"Chuhuiv", "Izium"}
    assert to_json(again, places) == to_json(found, ["Izium", "Chuhuiv"])


def test_every_field_reads_back_equal() -> None:
    """Each optional field set and unset, floats and tuples kept as they were."""
    speaker = Speaker(Span(0, 5, "Olena"), "Olena Kovalenko", "mayor", "Republic", True)
    full = Attribution(
        "r", speaker, Span(6, 10, "said"), Span(11, 30, "x"), True, ("A", "B"), certainty=0.43
    )
    bare = Attribution("r", Speaker(Span(0, 0, ""), "someone"), None, Span(1, 2, "y"), False)
    place = Place("Izyum", "Izium", 49.2, 37.25, "UA", "Kharkiv", Span(3, 8, "Izyum"), 706, "UA-63")
    amounts = (Amount(Span(1, 2, "2"), 2.0, 2.0, "people"), Amount(Span(3, 9, "dozens"), 24, None))
    allegations = (
        Allegation(
            full.id,
            ("killing", "attack_civilians"),
            Span(1, 2, "p"),
            Span(3, 4, "v"),
            place,
            TimeRef(Span(5, 6, "t"), "2022-05-02", True),
            amounts,
        ),
        Allegation(bare.id, (), place=Place("Lyman", "Lyman", resolved=False)),
    )
    extraction = Extraction("r", (full, bare), allegations)
    assert from_json(to_json(extraction, ()))[0] == extraction
    assert from_json(to_json(extraction, ()))[0].attributions[0].certainty == 0.43
    failed = Extraction("r", (), (), error="[E004] f: report too long")
    assert from_json(to_json(failed, ()))[0] == failed


def test_the_version_changes_with_the_model_or_a_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CORROBORATE_SOURCES", raising=False)
    monkeypatch.setenv("CORROBORATE_ENCODER", "onnx")
    onnx = extraction_version(fast=False)
    assert onnx == extraction_version(fast=False)
    assert extraction_version(fast=True) != onnx
    monkeypatch.setenv("CORROBORATE_ENCODER", "numpy")
    assert extraction_version(fast=False) != onnx
    assert extraction_version(fast=True) == extraction_version(fast=True)
    extra = tmp_path / "sources.yaml"
    extra.write_text("sources: []\n")
    monkeypatch.setenv("CORROBORATE_SOURCES", str(extra))
    with_extra = extraction_version(fast=True)
    extra.write_text("sources: [] # edited\n")
    assert extraction_version(fast=True) != with_extra


def test_the_version_changes_with_a_bundled_file(monkeypatch: pytest.MonkeyPatch) -> None:
    before = extraction_version(fast=True)
    stored._files_digest.cache_clear()
    monkeypatch.setattr(stored, "VERSIONED", ("extract",))  # as if taxonomy/ had changed
    try:
        assert extraction_version(fast=True) != before
    finally:
        stored._files_digest.cache_clear()


@pytest.mark.slow
def test_an_encoder_extraction_does_not_depend_on_the_batch_it_was_made_in() -> None:
    """An incremental run extracts new reports in batches of their own; a full run batches
    them with others, and the encoder pads each batch's windows to its longest. Both must
    give the same extraction for a kept extraction to equal a fresh one."""
    samples = Path(__file__).resolve().parents[2] / "samples" / "corpus"
    paths = sorted([*samples.rglob("*.txt"), *samples.rglob("*.md")])
    reports = [
        Report(digest_bytes(p.read_bytes()), "", p.name, "text/plain", p.read_text())
        for p in paths
        if "broken" not in p.parts and p.name != "README.md"
    ]
    assert len(reports) >= 8
    extractor = Extractor.load(encoder=True)
    together = list(extractor.extract_reports(reports, batch_size=16))
    alone = [e for r in reports for e in extractor.extract_reports([r])]
    assert sum(len(e.attributions) for e in together) > 0
    assert alone == together
