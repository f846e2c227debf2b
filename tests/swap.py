"""The sample corpus with every party, person and outlet swapped for its counterpart, in
every format it comes in, and the source registry swapped the same way.

``SWAPS`` pairs each name with its counterpart; ``swap`` exchanges them all at once, so
swapping twice gives the text back. Files are rewritten in their own format: text-based
formats as UTF-8 text, web archives record by record (lengths and digests recomputed), PDFs
stream by stream (names are plain text in their content streams), JSON feeds value by value
(in the raw text an escape such as ``\\n`` hides the start of the name after it).
``check_pdf`` makes sure a rewritten PDF reads as the swapped text of the original.
"""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path
from typing import Any

import pypdf
from pypdf.generic import DecodedStreamObject, NameObject
from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter

from corroborate.taxonomy.registry import Registry, _merge, bundled_documents

# each pair once; both directions are swapped. Counterparts never occur in the corpus.
SWAPS = (
    # parties (the registry's names follow: "Northern Coalition" <-> "Northern Republic")
    ("Coalition", "Republic"),
    ("COALITION", "REPUBLIC"),
    # the parties' outlets
    ("Novy Vestnik State News", "Republic Herald"),
    ("Novy Vestnik", "Herald"),
    ("NVSN", "RH"),
    ("Новый Вестник", "Республиканский Вестник"),
    # the parties' people
    ("Arkady", "Iryna"),
    ("Dobrynets", "Halchenko"),
    ("Oleg", "Taras"),
    ("Savranov", "Moroz"),
    ("Valentina", "Andrii"),
    ("Oreshkina", "Sokil"),
    ("Serhii", "Lev"),
    ("Lytvak", "Zarubin"),
    ("Аркадий", "Ирина"),
    # independent outlets and people, among themselves
    ("Eastern Wire Agency", "Frontline Digest"),
    ("EWA", "FD"),
    ("Steppe Daily", "Black Sea Observer"),
    ("Danube Courier", "Continental Post"),
    ("Pavlo", "Marta"),
    ("Hrytsenko", "Ilchenko"),
    ("Denys", "Liudmyla"),
    ("Horobets", "Shvets"),
)
COUNTERPART = {a: b for a, b in SWAPS} | {b: a for a, b in SWAPS}
PATTERN = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(n) for n in sorted(COUNTERPART, key=len, reverse=True))
    + r")(?![\w-])"
)


def swap(text: str) -> str:
    """``text`` with every name exchanged for its counterpart at once."""
    return PATTERN.sub(lambda m: COUNTERPART[m.group()], text)


def swapped_registry() -> Registry:
    """The bundled source registry with the names swapped: each party's bodies and outlets
    now belong to the other."""
    return _merge(bundled_documents(swap), extension=None)


def swap_file(source: Path, target: Path) -> None:
    """Write ``source`` swapped to ``target``, in its own format."""
    data = source.read_bytes()
    if source.suffix == ".pdf":
        try:
            target.write_bytes(_swap_pdf(data))
        except pypdf.errors.PyPdfError:  # the deliberately truncated PDF stays truncated
            target.write_bytes(data)
    elif source.name.endswith(".warc.gz"):
        target.write_bytes(_swap_warc(gzip.decompress(data), gzipped=True))
    elif source.suffix == ".warc":
        target.write_bytes(_swap_warc(data, gzipped=False))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:  # the deliberately broken bytes stay broken
            target.write_bytes(data)
            return
        if source.suffix in (".json", ".jsonl"):
            swapped = _swap_json(text, lines=source.suffix == ".jsonl")
        else:
            swapped = swap(text)
        target.write_text(swapped, encoding="utf-8", newline="")


def _swap_json(text: str, *, lines: bool) -> str:
    """A JSON document (or one per line) with the names swapped in its decoded strings, keys
    and values alike; text that does not parse (the deliberately malformed feed) is left to
    the plain-text swap."""
    try:
        if lines:
            return "".join(
                json.dumps(_swap_value(json.loads(line)), ensure_ascii=False) + "\n"
                for line in text.splitlines()
                if line.strip()
            )
        return json.dumps(_swap_value(json.loads(text)), ensure_ascii=False, indent=2) + "\n"
    except json.JSONDecodeError:
        return swap(text)


def _swap_value(value: Any) -> Any:
    if isinstance(value, str):
        return swap(value)
    if isinstance(value, list):
        return [_swap_value(v) for v in value]
    if isinstance(value, dict):
        return {swap(k): _swap_value(v) for k, v in value.items()}
    return value


def swap_corpus(source: Path, target: Path) -> Path:
    for path in sorted(source.rglob("*")):
        if path.is_file():
            out = target / path.relative_to(source)
            out.parent.mkdir(parents=True, exist_ok=True)
            swap_file(path, out)
    return target


def _swap_warc(data: bytes, *, gzipped: bool) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for record in ArchiveIterator(io.BytesIO(data)):
        body = swap(record.content_stream().read().decode("utf-8")).encode("utf-8")
        http = record.http_headers
        if http is not None and http.get_header("Content-Length"):
            http.replace_header("Content-Length", str(len(body)))
        headers = [
            (k, v)
            for k, v in record.rec_headers.headers
            if k not in ("Content-Length", "WARC-Block-Digest", "WARC-Payload-Digest")
        ]
        record.rec_headers.headers = headers
        new = writer.create_warc_record(
            record.rec_headers.get_header("WARC-Target-URI") or "",
            record.rec_type,
            payload=io.BytesIO(body),
            warc_headers=record.rec_headers,
            http_headers=http,
        )
        writer.write_record(new)
    return out.getvalue()


def _swap_pdf(data: bytes) -> bytes:
    """Names in a PDF's content streams are literal strings of ASCII letters, so they are
    swapped in the decoded streams (Latin-1 keeps every other byte as it is)."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    writer = pypdf.PdfWriter(clone_from=reader)
    for page in writer.pages:
        contents = page.get_contents()
        if contents is None:
            continue
        stream = DecodedStreamObject()
        stream.set_data(swap(contents.get_data().decode("latin-1")).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    if reader.metadata:
        writer.add_metadata({k: swap(str(v)) for k, v in reader.metadata.items()})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def check_pdf(original: Path, swapped: Path) -> bool:
    """Whether the swapped PDF reads as the original's text swapped (no name was split
    across two strings of a content stream)."""
    return pdf_text(swapped.read_bytes()) == swap(pdf_text(original.read_bytes()))
