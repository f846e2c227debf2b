"""Extraction in batches and in worker processes: the same extractions, in the same order."""

from __future__ import annotations

import pytest

import corroborate.extract as extract
from corroborate.extract import Extraction, Extractor, StageTimes
from corroborate.ids import digest_bytes
from corroborate.model import Report

TEXTS = (
    "The regional governor said on Monday that four civilians were killed in Izium.",
    "Police said the two men were detained at a checkpoint near Kherson on Friday.",
    "“They shelled the market,” a resident told reporters.",
    "The ministry denied that its forces had struck the hospital.",
    "According to the mission, residents were held in the school basement for a week.",
)


def report(text: str, name: str) -> Report:
    return Report(digest_bytes(text.encode()), "", name, "text/plain", text)


def _summary(found: list[Extraction]) -> list[tuple[object, ...]]:
    return [(e.report_id, e.attributions, e.allegations, e.error) for e in found]


@pytest.mark.parametrize("encoder", [True, False])
def test_worker_processes_extract_what_one_process_does(
    encoder: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(extract, "MAX_CHARS", 81)
    items = [report(t, f"r{n}.txt") for n, t in enumerate(TEXTS)]
    items.insert(2, report("The mayor said that the bridge was shelled. " * 3, "long.txt"))
    extractor = Extractor.load(encoder=encoder)
    alone, pooled = StageTimes(), StageTimes()
    one = list(extractor.extract_reports(items, batch_size=2, times=alone))
    two = list(extractor.extract_reports(items, batch_size=2, processes=2, times=pooled))
    assert _summary(one) == _summary(two)
    assert [e.report_id for e in two] == [r.id for r in items]
    assert two[2].error and "E004" in two[2].error and "long.txt" in two[2].error
    assert sum(len(e.attributions) for e in two) >= 4
    for times in (alone, pooled):  # the workers' time is counted too
        assert times.wall["parse"] > 0 and times.cpu["rules"] > 0
        assert (times.wall["encoder"] > 0) == encoder
