"""Extraction of many reports: in batches, in this process or in worker processes.

A batch of reports is parsed name-blind (``blind``: two ``nlp.pipe`` calls), tagged by the
attribution encoder in one call (the windows of all its documents together, sorted by
length, so that a batch of windows needs little padding), then read by the rules report by
report. Each stage's wall and CPU time is added to a ``StageTimes``, so a long run can say
where its time went.

With several processes, each worker does all of this for its own batches: the parse, the
encoder and the rules all scale with the cores. A worker's encoder runs on its share of the
cores (``CORROBORATE_ENCODER_THREADS``: cores / processes), so that N workers on N cores do
not fight over them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from spacy.language import Language

from corroborate.extract.attribution.tagger import tag_docs
from corroborate.extract.blind import parse
from corroborate.extract.document import Extraction, extract_doc
from corroborate.extract.models.encoder import load_encoder
from corroborate.extract.models.encoder_runtime import THREADS_ENV
from corroborate.extract.voices import add_voices
from corroborate.model import Report

STAGES = ("parse", "encoder", "rules")


@dataclass(slots=True)
class StageTimes:
    """Seconds spent per stage: wall clock, and CPU time of the process that ran it."""

    wall: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall[stage] += time.perf_counter() - wall
            self.cpu[stage] += time.process_time() - cpu

    def add(self, other: StageTimes) -> None:
        for stage in STAGES:
            self.wall[stage] += other.wall[stage]
            self.cpu[stage] += other.cpu[stage]


def extract_batch(
    nlp: Language, reports: Sequence[Report], *, encoder: bool, times: StageTimes
) -> list[Extraction]:
    """Parse, tag and read a batch of reports, in this process."""
    with times.timing("parse"):
        docs = parse(nlp, [r.text for r in reports], batch_size=max(1, len(reports)))
    if encoder:
        with times.timing("encoder"):
            tag_docs(docs)
    found = []
    with times.timing("rules"):
        for report, doc in zip(reports, docs, strict=True):
            extraction = extract_doc(
                doc, report_id=report.id, published=report.published, encoder=encoder
            )
            found.append(add_voices(doc, report, extraction))
    return found


def extract_in_processes(
    nlp: Language,
    batches: Sequence[Sequence[Report]],
    *,
    encoder: bool,
    processes: int,
    times: StageTimes,
) -> Iterator[list[Extraction]]:
    """Each batch's extractions, in order, from ``processes`` worker processes."""
    threads = max(1, (os.cpu_count() or 1) // processes)
    # fork shares the loaded pipeline with the workers; elsewhere fork is unsafe
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(processes, _start, (nlp, encoder, threads)) as pool:
        for found, spent in pool.imap(_work, [list(b) for b in batches]):
            times.add(spent)
            yield found


_worker: dict[str, object] = {}  # this worker's pipeline and options, set by _start


def _start(nlp: Language, encoder: bool, threads: int) -> None:
    os.environ[THREADS_ENV] = str(threads)
    _worker.update(nlp=nlp, encoder=encoder)
    if encoder:
        load_encoder()  # its sessions, once per worker, before the first batch


def _work(reports: list[Report]) -> tuple[list[Extraction], StageTimes]:
    nlp = _worker["nlp"]
    assert isinstance(nlp, Language)
    times = StageTimes()
    return extract_batch(nlp, reports, encoder=bool(_worker["encoder"]), times=times), times
