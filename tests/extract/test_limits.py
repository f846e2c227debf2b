"""Reports too long to extract: a clear coded error, never a crash, and a run goes on."""

from __future__ import annotations

import pytest

import corroborate.extract as extract
from corroborate.errors import ExtractionError
from corroborate.extract import Extractor
from corroborate.ids import digest_bytes
from corroborate.model import Report


def report(text: str, *, source_name: str) -> Report:
    return Report(digest_bytes(text.encode()), "", source_name, "text/plain", text)


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(extract, "MAX_CHARS", 80)
    return 80


def test_a_text_over_the_limit_is_refused_with_e004(small_limit: int) -> None:
    with pytest.raises(ExtractionError) as caught:
        Extractor.load().extract("The mayor said the bridge was shelled. " * 5, report_id="r1")
    assert caught.value.code == "E004"
    assert "r1" in str(caught.value) and "split" in str(caught.value)


def test_many_reports_go_on_past_one_too_long(small_limit: int) -> None:
    short = report("The mayor said that the bridge was shelled.", source_name="short.txt")
    long = report("The mayor said that the bridge was shelled. " * 5, source_name="long.txt")
    found = list(Extractor.load().extract_reports([long, short]))
    assert [e.report_id for e in found] == [long.id, short.id]
    assert found[0].attributions == () and found[0].error and "E004" in found[0].error
    assert "long.txt" in found[0].error
    assert found[1].error is None and found[1].attributions
