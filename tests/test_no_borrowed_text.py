"""No text of the PolNeAR corpus in the repository.

The extraction rules were developed against PolNeAR (news articles annotated with
attributions), which carries no licence: its sentences, names and headings may be read at
run time from ``../shared/data`` but never copied here, and the examples in comments,
docstrings and tests are invented. This test keeps that true without shipping any PolNeAR
text: where the corpus is present (``CORROBORATE_POLNEAR``, default
``/work/shared/data/polnear``), every text file of the repository is scanned for a run of
``RUN`` words shared with an article, case and punctuation aside; without the corpus it
skips.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = Path(os.environ.get("CORROBORATE_POLNEAR", "/work/shared/data/polnear"))
RUN = 8  # words: shorter shared runs are mostly common English ("at the end of the")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
PLAIN = str.maketrans({"‘": "'", "’": "'", "ʼ": "'", "`": "'"})
SKIPPED_DIRS = frozenset({
    ".git", ".venv", "venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    ".hypothesis", "node_modules", "build", "dist",
})  # fmt: skip
LARGEST = 20 * 1024 * 1024  # bytes: larger files are data, not text we wrote
# stock formulas of news writing, which any report may use and the samples do
STOCK = frozenset({"did not respond to a request for comment"})


def words(text: str) -> list[str]:
    """The text's words, lower-cased, with curly apostrophes made straight."""
    return WORD.findall(text.translate(PLAIN).lower())


def runs(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """(position, hash) of every run of ``RUN`` consecutive words."""
    for i in range(len(tokens) - RUN + 1):
        yield i, hash(" ".join(tokens[i : i + RUN]))


def corpus_runs(root: Path) -> set[int]:
    """The hashes of every run of words in the corpus's articles (never the words)."""
    found: set[int] = set()
    for path in sorted(root.rglob("*.txt")):
        found.update(h for _, h in runs(words(path.read_text(encoding="utf-8", errors="replace"))))
    return found


def text_files(root: Path) -> Iterator[Path]:
    """The repository's files that decode as UTF-8 text, caches and environments aside."""
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if any(p in SKIPPED_DIRS or p.endswith(".egg-info") for p in parts[:-1]):
            continue
        if not path.is_file() or path.stat().st_size > LARGEST:
            continue
        with path.open("rb") as file:
            binary = b"\0" in file.read(8192)
        if not binary:
            yield path


def shared_runs(path: Path, corpus: set[int]) -> Iterator[tuple[int, str]]:
    """(line, words) of each run in the file that the corpus also holds, one per line."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return
    tokens: list[str] = []
    lines: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        found = words(line)
        tokens.extend(found)
        lines.extend([number] * len(found))
    reported: set[int] = set()
    for i, h in runs(tokens):
        run = " ".join(tokens[i : i + RUN])
        if h in corpus and lines[i] not in reported and run not in STOCK:
            reported.add(lines[i])
            yield lines[i], run


@pytest.fixture(scope="module")
def corpus() -> set[int]:
    articles = POLNEAR / "data"
    if not articles.is_dir():
        pytest.skip(f"PolNeAR not found at {POLNEAR} (set CORROBORATE_POLNEAR)")
    return corpus_runs(articles)


def test_no_run_of_words_is_shared_with_polnear(corpus: set[int]) -> None:
    shared = [
        f"{path.relative_to(ROOT)}:{line}: {run!r}"
        for path in text_files(ROOT)
        for line, run in shared_runs(path, corpus)
    ]
    assert not shared, (
        f"{len(shared)} runs of {RUN} words are PolNeAR's; write an example of your own:\n"
        + "\n".join(shared[:50])
    )


def test_a_shared_run_is_named_by_the_line_it_starts_on(tmp_path: Path) -> None:
    corpus = {h for _, h in runs(words("One two three four five six seven eight nine."))}
    path = tmp_path / "note.md"
    path.write_text("Intro line.\nSo: one two THREE,\nfour five six seven eight.\n")
    assert list(shared_runs(path, corpus)) == [(2, "one two three four five six seven eight")]
    assert words("It’s the ‘Mayor’s’ — view") == ["it's", "the", "mayor's", "view"]
