"""Readers raise only InputError on arbitrary bytes, whatever the suffix."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corroborate.errors import InputError
from corroborate.ids import digest_bytes
from corroborate.ingest.readers import READERS, Blob, read_blob
from corroborate.ingest.readers.pdf import reflowed
from tests.builders import EMAIL, pdf_bytes, warc_bytes

SEEDS = {
    ".pdf": pdf_bytes(["A line of text"]),
    ".eml": EMAIL.encode(),
    ".warc.gz": warc_bytes({"https://e.org/": "<html><body><p>Some text here</p></body></html>"}),
    ".json": b'{"items": [{"text": "x"}]}',
    ".csv": b"id,text\n1,hello\n",
}


def _read(name: str, data: bytes) -> None:
    try:
        reports = read_blob(Blob(digest_bytes(data), name, data, 1 << 20))
    except InputError as error:
        assert error.code.startswith("I") and "\n" not in str(error)
    else:
        assert all(report.text.strip() for report in reports)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(suffix=st.sampled_from(sorted(READERS)), data=st.binary(max_size=2048))
def test_arbitrary_bytes(suffix: str, data: bytes) -> None:
    _read(f"fuzz{suffix}", data)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(suffix=st.sampled_from(sorted(SEEDS)), data=st.data())
def test_mutated_valid_documents(suffix: str, data: st.DataObject) -> None:
    seed = bytearray(SEEDS[suffix])
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(seed) - 1))
        seed[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(seed)))
    _read(f"mutant{suffix}", bytes(seed[:cut]))


@given(st.text(alphabet=st.sampled_from("ab .\n-1"), max_size=400))
def test_pdf_reflow_turns_line_breaks_into_spaces_only(text: str) -> None:
    out = reflowed(text)
    assert len(out) == len(text)
    assert all(a == b or (a, b) == ("\n", " ") for a, b in zip(text, out, strict=True))
