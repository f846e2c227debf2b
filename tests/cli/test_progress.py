"""A run's progress: the ingest bar, then one bar per stage with its own count, so that each
stage's time remaining is estimated from that stage's own pace."""

from __future__ import annotations

import io

from rich.console import Console

from corroborate.cli.render import RunProgress


def test_each_stage_has_a_bar_of_its_own() -> None:
    console = Console(file=io.StringIO(), force_terminal=False)
    with RunProgress(console, console) as progress:
        progress.total(3)
        progress.stage("extract", 0, 40)
        progress.stage("extract", 16, 40)
        progress.stage("link", 0, 1)
        progress.stage("link", 1, 1)
        progress.stage("grade", 0, 1)
        tasks = {t.description: (t.completed, t.total) for t in progress.progress.tasks}
    assert tasks == {
        "ingesting": (0, 3),
        "extracting": (16, 40),
        "linking": (1, 1),
        "grading": (0, 1),
    }
