"""The figures the READMEs show are what a run of the sample corpus gives.

``README.md`` ("What you see") shows the counts line and the first rows of the incident table
that ``scripts/demo`` prints, and says how many files the corpus has and how many are broken;
``samples/README.md`` says how many files, readable files and report items there are. The
figures are read from the READMEs here, so a change to either side that is not made on the
other fails.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corroborate.export.results import RunResults
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import WitnessKey

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SAMPLES_README = (ROOT / "samples" / "README.md").read_text(encoding="utf-8")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}


def what_you_see() -> str:
    section = README.split("## What you see", 1)[1].split("\n## ", 1)[0]
    return section.split("```text\n", 1)[1].split("```", 1)[0]


def shown_counts() -> dict[str, int]:
    line = re.search(
        r"^(\d+) reports, (\d+) attributions, (\d+) allegations, (\d+) incidents$",
        what_you_see(),
        re.M,
    )
    assert line, "README.md: no counts line under 'What you see'"
    return dict(
        zip(
            ("reports", "attributions", "allegations", "incidents"),
            map(int, line.groups()),
            strict=True,
        )
    )


def shown_rows() -> list[tuple[str, str, int, int]]:
    rows = re.findall(r"^│ (\w+)\s*│ (.+?)\s*│ (\d+)\s*│ (\d+)\s*│$", what_you_see(), re.M)
    assert rows, "README.md: no incident rows under 'What you see'"
    return [(grade, label, int(reports), int(origins)) for grade, label, reports, origins in rows]


def test_the_figures_are_found_in_the_readmes() -> None:
    """Without the run: the figures can be read, so the slow tests below compare something."""
    assert set(shown_counts()) == {"reports", "attributions", "allegations", "incidents"}
    rows = shown_rows()
    assert len(rows) >= 2 and all(re.fullmatch(r"[A-F][1-6]", grade) for grade, *_ in rows)
    files, broken, total, readable, _items, samples_broken = corpus_figures()
    assert (files, broken) == (total, samples_broken) and readable + broken == files


def corpus_figures() -> tuple[int, int, int, int, int, int]:
    files = re.search(r"training scenario\*\* of (\d+) files", README)
    broken = re.search(r"\((\w+) files are deliberately broken", README)
    samples = re.search(
        r"It has (\d+) files: (\d+) readable report files holding (\d+) report\s+items, plus "
        r"(\d+) deliberately broken files",
        SAMPLES_README,
    )
    assert files and broken and samples, "a README no longer states the corpus figures"
    total, readable, items, samples_broken = map(int, samples.groups())
    return int(files[1]), NUMBERS[broken[1]], total, readable, items, samples_broken


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> RunResults:
    path = tmp_path_factory.mktemp("readme") / "store.db"
    store = Store(f"sqlite:///{path}")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    return run(store, [ROOT / "samples" / "corpus"], settings=Settings(store_url=store.url)).results


@pytest.mark.slow
def test_the_counts_line_is_what_the_demo_prints(sample_run: RunResults) -> None:
    counts = sample_run["counts"]
    assert {key: counts[key] for key in shown_counts()} == shown_counts()


@pytest.mark.slow
def test_the_table_rows_are_the_first_incidents_of_the_demo(sample_run: RunResults) -> None:
    for (grade, label, reports, origins), incident in zip(
        shown_rows(), sample_run["incidents"], strict=False
    ):
        found = incident["grade"]
        assert f"{found['reliability']}{found['credibility']}" == grade, label
        assert incident["label"].startswith(label.rstrip("…")), label
        assert (len(incident["reports"]), len(incident["origins"])) == (reports, origins), label


@pytest.mark.slow
def test_the_corpus_figures_are_what_ingest_finds(sample_run: RunResults) -> None:
    files, broken, total, readable, items, samples_broken = corpus_figures()
    counts = sample_run["counts"]
    assert counts["files_stored"] + counts["files_failed"] == files == total
    assert counts["files_failed"] == broken == samples_broken
    assert (counts["files_stored"], counts["reports"]) == (readable, items)


def quoted_explanation() -> str:
    found = re.search(r'Every grade says why, e\.g\. \*"(.+?) …"\*', README, re.S)
    assert found, "the README no longer quotes an explanation"
    return " ".join(found[1].split())


@pytest.mark.slow
def test_the_quoted_explanation_is_one_the_demo_gives(sample_run: RunResults) -> None:
    quoted = quoted_explanation()
    assert any(i["grade"]["explanation"].startswith(quoted) for i in sample_run["incidents"])
