"""Every reader, fuzzed: on any bytes, ``read()`` returns a ``Read`` or raises ``InputError``.

Three kinds of input per registered suffix: (a) arbitrary bytes; (b) valid documents of the
format (built in ``inputs.py``), then damaged (bytes flipped, cut, inserted, spliced,
deleted); (c) inputs generated with the format's structure (JSON lines of random values,
CSV rows with stray quotes, WARC records with random headers, e-mails with random headers
and MIME parts). The property: a ``Read`` whose reports have words and storable text and
whose skipped items are coded one-line errors, or a coded one-line ``InputError`` naming
the file; never any other exception.

The slow tests run 2,500 to 7,000 examples per reader (``BUDGET``, with the time each
takes); with ``-n 2`` the module takes about 70 s of wall time on two idle cores.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import READERS, Blob, Read, read, reader_name
from tests.ingest import inputs
from tests.ingest.inputs import SEEDS, Build, seeded

CODE = re.compile(r"I\d{3}")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check(name: str, data: bytes) -> None:
    """The property every reader keeps, whatever ``data`` is."""
    try:
        found = read(Blob(digest_bytes(data), name, data, 1 << 20))
    except InputError as error:
        _assert_coded_one_line(error, name)
        return
    assert isinstance(found, Read) and found.reports
    for report in found.reports:
        assert any(ch.isalnum() for ch in report.text)
        for value in [*report.fields().values(), *(part for kv in report.meta for part in kv)]:
            assert not isinstance(value, str) or _storable(value), ascii(value)
    for error in found.skipped:
        _assert_coded_one_line(error, name)


def _storable(value: str) -> bool:
    """Text PostgreSQL and SQLite take: UTF-8 encodable (no lone surrogate), no NUL."""
    value.encode("utf-8")
    return "\x00" not in value


def _assert_coded_one_line(error: InputError, name: str) -> None:
    assert CODE.fullmatch(error.code), error
    assert str(error).startswith(f"[{error.code}] {name}: "), error
    assert not CONTROL.search(str(error)), repr(str(error))


def fuzz(strategy: st.SearchStrategy[bytes], name: str, examples: int) -> None:
    """Run ``check`` on ``examples`` inputs drawn from ``strategy``, read as ``name``."""

    @settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(strategy)
    def property_holds(data: bytes) -> None:
        check(name, data)

    property_holds()


# --- budgets: examples per reader, and the tests ----------------------------------------

# Examples per reader: (arbitrary bytes, damaged documents, generated documents), each split
# evenly among the reader's suffixes. Measured, CPU seconds for the whole budget, one core:
# text 7 + 4; html 4 + 19 (trafilatura extracts every page that still decodes, ~19 ms);
# pdf 2 + 9 (~3 ms, most damage is found before pypdf reads a page); email 2 + 7 + 7;
# json 4 + 4 + 8; jsonl 4 + 5 + 12 (nesting past the stack); csv 5 + 4 + 5; warc 4 + 10 + 6.
# About 135 s in all, so about 70 s of wall time with -n 2 on two otherwise idle cores.
BUDGET = {
    "text": (3000, 1500, 0),
    "html": (1500, 1000, 0),
    "pdf": (2000, 3000, 0),
    "email": (2000, 2000, 2000),
    "json": (2000, 1500, 2000),
    "jsonl": (2000, 1500, 2000),
    "csv": (2000, 1500, 3000),
    "warc": (2000, 2000, 3000),
}
STRUCTURED: dict[str, Build] = {
    ".eml": inputs.email,
    ".json": inputs.json_feed,
    ".jsonl": inputs.json_lines,
    ".csv": inputs.csv_table,
    ".warc": inputs.warc_records,
}


def _share(suffix: str, kind: int, suffixes: list[str]) -> int:
    """A suffix's share of its reader's budget for one kind of input."""
    name = reader_name(f"x{suffix}")
    siblings = [other for other in suffixes if reader_name(f"x{other}") == name]
    return max(1, BUDGET[name][kind] // len(siblings))


@pytest.mark.slow
@pytest.mark.parametrize("suffix", sorted(READERS))
def test_arbitrary_bytes(suffix: str) -> None:
    fuzz(st.binary(max_size=4096), f"fuzz{suffix}", _share(suffix, 0, sorted(READERS)))


@pytest.mark.slow
@pytest.mark.parametrize("suffix", sorted(SEEDS))
def test_damaged_documents(suffix: str) -> None:
    build = inputs.damaged(SEEDS[suffix])
    fuzz(seeded(build), f"damaged{suffix}", _share(suffix, 1, sorted(SEEDS)))


@pytest.mark.slow
@pytest.mark.parametrize("suffix", sorted(STRUCTURED))
def test_generated_documents(suffix: str) -> None:
    fuzz(seeded(STRUCTURED[suffix]), f"made{suffix}", _share(suffix, 2, sorted(STRUCTURED)))


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_arbitrary_bytes_quick(suffix: str) -> None:
    """A few examples for every suffix, for runs that leave the slow tests out."""
    fuzz(st.binary(max_size=512), f"quick{suffix}", 25)
