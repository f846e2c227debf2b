"""Inputs for fuzzing the readers: valid documents damaged at random, and documents
generated with each format's structure but random content.

Each builder is a plain function of a ``random.Random``; ``seeded`` turns it into a
hypothesis strategy that draws only the seed. Drawing every choice through hypothesis
cost 20-50 ms an example for these shapes (more than reading them); a seed costs
microseconds, and a failure is still replayed from hypothesis's database and reported
with the exact bytes. What is lost is shrinking, which for damaged documents says little.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import random
import zlib
from collections.abc import Callable

from hypothesis import strategies as st

from tests.builders import EMAIL, html_page, pdf_bytes, warc_bytes

Build = Callable[[random.Random], bytes]


def seeded(build: Build) -> st.SearchStrategy[bytes]:
    return st.integers(0, 2**64 - 1).map(lambda seed: build(random.Random(seed)))


# --- valid documents of each format, to be damaged -------------------------------------

PAGE = html_page("Strike on Kramatorsk", ["The station was struck at dawn, officials said." * 3])
FEED_ITEMS = [
    {"id": "a1", "title": "One", "text": "First item text.", "author": {"name": "Desk"}},
    {"id": "a2", "body": "Second item text.", "published": "2022-04-01", "tags": ["x", 1]},
]
MULTIPART = (
    "From: Desk <desk@example.org>\r\nTo: a@example.net, Group: b@example.net;\r\n"
    "Subject: =?utf-8?q?Statement_=C3=A9?=\r\nDate: Fri, 08 Apr 2022 10:15:00 +0300\r\n"
    'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    "--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    "PHA+VGhlIHN0YXRpb24gd2FzIHN0cnVjay48L3A+\r\n"
    '--b1\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; filename="a.pdf"'
    "\r\n\r\nJVBERi0=\r\n--b1--\r\n"
)
TESTIMONIES = (
    "testimony_id,date,place,witness,language,text\r\n"
    'T-1,2022-04-02,Sloviansk,Witness A,en,"They took my neighbour, then ""my"" brother."\r\n'
    'T-2,2022-04-03,Sloviansk,Witness B,uk,"Мене тримали\nтри дні."\r\n'
)
PAGES = {"https://example.org/a": PAGE, "https://example.org/b": "<p>Short text page</p>"}
SEEDS: dict[str, list[bytes]] = {
    ".txt": [b"Slovyansk residents detained\r\nSecond line.", "Жители Славянска".encode("cp1251")],
    ".md": ["# Title\n\nText — with *marks*.".encode("utf-16")],
    ".html": [PAGE.encode(), b"<html><body><div><p>Tiny</p></div></body></html>"],
    ".pdf": [pdf_bytes(["Detentions in Sloviansk", "were reported."])],
    ".eml": [EMAIL.encode(), MULTIPART.encode()],
    ".json": [json.dumps({"items": FEED_ITEMS}).encode(), json.dumps(FEED_ITEMS).encode()],
    ".jsonl": ["\n".join(json.dumps(item) for item in FEED_ITEMS).encode()],
    ".csv": [TESTIMONIES.encode()],
    ".warc": [warc_bytes(PAGES, compress=False)],
    ".warc.gz": [warc_bytes(PAGES)],
}

TOKENS = [b'"', b",", b"\r\n", b"\n", b"\x00", b"\xff", b"<", b">", b"{", b"}", b"[", b":", b"\\"]
TOKENS += [b"%%EOF", b"obj", b"R", b"WARC/1.0\r\n", b"Content-Length: ", b"\r\n\r\n", b"--b1"]


def damaged(seeds: list[bytes]) -> Build:
    """A seed after one to eight edits: a byte flipped, a cut, an insertion, a chunk
    spliced in from elsewhere in the document (or another seed), a chunk deleted."""

    def build(rnd: random.Random) -> bytes:
        data = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randint(1, 8)):
            rnd.choice(EDITS)(rnd, data, seeds)
        return bytes(data)

    return build


def _flip(rnd: random.Random, data: bytearray, seeds: list[bytes]) -> None:
    if data:
        data[rnd.randrange(len(data))] = rnd.randrange(256)


def _cut(rnd: random.Random, data: bytearray, seeds: list[bytes]) -> None:
    del data[rnd.randint(0, len(data)) :]


def _insert(rnd: random.Random, data: bytearray, seeds: list[bytes]) -> None:
    junk = rnd.choice(TOKENS) if rnd.random() < 0.6 else rnd.randbytes(rnd.randint(1, 16))
    at = rnd.randint(0, len(data))
    data[at:at] = junk


def _splice(rnd: random.Random, data: bytearray, seeds: list[bytes]) -> None:
    donor = rnd.choice(seeds) if rnd.random() < 0.3 else bytes(data)
    start = rnd.randint(0, len(donor))
    at = rnd.randint(0, len(data))
    data[at:at] = donor[start : start + rnd.randint(1, 200)]


def _delete(rnd: random.Random, data: bytearray, seeds: list[bytes]) -> None:
    start = rnd.randint(0, len(data))
    del data[start : start + rnd.randint(1, 64)]


EDITS = [_flip, _cut, _insert, _splice, _delete]


# --- random content ---------------------------------------------------------------------

PUNCTUATION = 'ab <>@,;:"()[]\\.=?\t\r\n\x00é'


def words(rnd: random.Random, most: int = 30) -> str:
    """Text of any code points (lone surrogates and controls included), or of the
    punctuation that parsers of addresses, parameters and quoted fields trip over."""
    size = rnd.randint(0, most)
    if rnd.random() < 0.5:
        return "".join(rnd.choice(PUNCTUATION) for _ in range(size))
    return "".join(chr(_code_point(rnd)) for _ in range(size))


def _code_point(rnd: random.Random) -> int:
    ceiling = rnd.choice([0x80, 0x800, 0x10000, 0x110000])
    return rnd.randrange(ceiling)


def json_value(rnd: random.Random, depth: int = 0) -> object:
    kind = rnd.randrange(4 if depth < 3 else 2)
    if kind == 2:
        return [json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))]
    if kind == 3:
        return {words(rnd, 8): json_value(rnd, depth + 1) for _ in range(rnd.randint(0, 3))}
    if kind == 1:
        return words(rnd)
    number = rnd.choice([rnd.randint(-(2**70), 2**70), rnd.random() * 1e300, float("nan")])
    return rnd.choice([None, True, number, float("-inf")])


def feed_item(rnd: random.Random) -> object:
    keys = ["text", "body", "title", "author", "url", "published", "x"]
    return {rnd.choice(keys): json_value(rnd, 1) for _ in range(rnd.randint(0, 5))}


def json_text(rnd: random.Random, value: object) -> str:
    """``value`` as JSON, or JSON that no ``json.dumps`` writes: a number of 5,000 digits,
    nesting past the interpreter's stack."""
    kind = rnd.randrange(12)
    if kind == 0:
        return '{"text": "words", "n": ' + "9" * 5000 + "}"
    if kind == 1:  # past the stack, or just below its limit (json reads it, cannot write it)
        depth = rnd.choice([100_000, rnd.randint(900, 1000)])
        return '{"text": "words", "x": ' + "[" * depth + "]" * depth + "}"
    return json.dumps(value, ensure_ascii=rnd.random() < 0.5)


def json_lines(rnd: random.Random) -> bytes:
    lines = [_json_line(rnd) for _ in range(rnd.randint(0, 8))]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _json_line(rnd: random.Random) -> str:
    if rnd.random() < 0.2:
        return words(rnd)
    return json_text(rnd, feed_item(rnd) if rnd.random() < 0.6 else json_value(rnd))


def json_feed(rnd: random.Random) -> bytes:
    items = [feed_item(rnd) if rnd.random() < 0.7 else json_value(rnd) for _ in range(6)]
    items = items[: rnd.randint(0, 6)]
    document = rnd.choice([items, {"items": items}, {"entries": items, "text": 1}, items[:1]])
    return json_text(rnd, document).encode("utf-8", "surrogatepass")


def csv_table(rnd: random.Random) -> bytes:
    """A table written by the csv module, then perhaps given a stray quote, as hand-edited
    files have."""
    columns = ["id", "text", "date", "witness", "language", "x"]
    header = [rnd.choice(columns) for _ in range(rnd.randint(1, 5))]
    rows = [[words(rnd) for _ in range(rnd.randint(0, len(header) + 1))] for _ in range(6)]
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows[: rnd.randint(0, 6)]])
    text = out.getvalue()
    for _ in range(rnd.randint(0, 2)):
        at = rnd.randint(0, len(text))
        text = text[:at] + '"' + text[at:]
    return text.encode("utf-8", "surrogatepass")


HTTP_TYPES = ["text/html; charset=utf-8", "text/plain", "text/html; charset=bogus", "image/png"]
RECORD_TYPES = ["response", "resource", "request", "revisit", "warcinfo", "metadata", "x"]
URIS = ["https://e.org/a", "<http://e.org/b>", "http://[e.org/", "dns:e.org", None]


def warc_records(rnd: random.Random) -> bytes:
    """Records with random types, URIs, lengths, HTTP headers and payload encodings, one
    gzip member each or uncompressed."""
    records = [_warc_record(rnd) for _ in range(rnd.randint(1, 3))]
    if rnd.random() < 0.5:
        return b"".join(gzip.compress(record) for record in records)
    return b"".join(records)


def _warc_record(rnd: random.Random) -> bytes:
    block = rnd.choice([_http_block, lambda r: PAGE.encode(), lambda r: r.randbytes(64)])(rnd)
    return _warc_headers(rnd, len(block)) + block + b"\r\n\r\n"


def _http_block(rnd: random.Random) -> bytes:
    body = rnd.choice([PAGE.encode(), b"plain words here", b"\x00\xff", b""])
    encoding = rnd.choice(["", "gzip", "deflate", "br", "identity", "x"])
    if encoding in ("gzip", "deflate") and rnd.random() < 0.5:
        body = gzip.compress(body) if encoding == "gzip" else zlib.compress(body)
    headers = [f"Content-Type: {rnd.choice([*HTTP_TYPES, words(rnd)])}"]
    headers += [f"Content-Encoding: {encoding}"] if encoding else []
    if rnd.random() < 0.4:
        headers.append("Transfer-Encoding: chunked")
        body = b"%x\r\n" % len(body) + body + rnd.choice([b"\r\n0\r\n\r\n", b"", b"\r\nzz\r\n"])
    status = rnd.choice(["HTTP/1.1 200 OK", "HTTP/1.0", "", "junk", words(rnd)])
    head = "\r\n".join([status, *headers, "", ""])
    return head.encode("utf-8", "surrogatepass") + body


def _warc_headers(rnd: random.Random, length: int) -> bytes:
    headers = [rnd.choice(["WARC/1.0", "WARC/1.1", "WARC/0.9", "ARC", ""])]
    headers.append(f"WARC-Type: {rnd.choice(RECORD_TYPES)}")
    uri = rnd.choice(URIS)
    headers += [f"WARC-Target-URI: {uri}"] if uri else []
    headers.append(f"WARC-Date: {rnd.choice(['2022-04-08T10:00:00Z', words(rnd)])}")
    shown = rnd.choice([str(length), str(length + 7), "-1", "x", "99999999", None])
    headers += [f"Content-Length: {shown}"] if shown else []
    headers += [f"{words(rnd, 10)}: {words(rnd)}" for _ in range(rnd.randint(0, 2))]
    return ("\r\n".join(headers) + "\r\n\r\n").encode("utf-8", "surrogatepass")


EMAIL_HEADERS = ["From", "To", "Cc", "Subject", "Date", "Message-ID", "Organization"]
MIME_HEADERS = ["Content-Type", "Content-Transfer-Encoding", "Content-Disposition"]
MIME_VALUES = [
    "text/plain; charset=utf-8",
    "text/plain; charset=x-unknown",
    "text/html",
    'multipart/alternative; boundary="b1"',
    "multipart/mixed",
    "message/rfc822",
    "base64",
    "quoted-printable",
    "8bit",
    'attachment; filename="=?utf-8?b?w6k=?="',
    "=?utf-8?q?broken=ZZ?= <a@b>",
    "Group: a@b, c@d;",
    'a@b, "c" <d@e',
]
BODIES = ["Plain body words.", "PGI+Ym9sZDwvYj4=", "=C3=A9t=E9 words", MULTIPART, "--b1\r\n"]


def email(rnd: random.Random) -> bytes:
    """Messages with random header values (address lists with stray groups, encoded
    words, broken parameters) and bodies that may or may not be the parts they claim."""
    names = [rnd.choice(EMAIL_HEADERS + MIME_HEADERS) for _ in range(rnd.randint(0, 8))]
    lines = [f"{name}: {rnd.choice([*MIME_VALUES, words(rnd)])}" for name in names]
    body = rnd.choice([*BODIES, words(rnd, 200)])
    return "\r\n".join([*lines, "", body]).encode("utf-8", "surrogatepass")
