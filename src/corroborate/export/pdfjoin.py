"""Joining a dossier's parts into one PDF file as they are read, with its outline.

fpdf2 holds a document in memory until it is written, so the dossier is laid out in parts,
each written to a temporary file (``dossier.py``). The parts are then copied one after
another into the output, one part open at a time (read with ``pikepdf``, on qpdf): every
object of a part is written out at once under a new number, its streams as they are stored
(still compressed), and the part is closed before the next is opened. What the join keeps
is a number per page and per object (the page tree's kids and the cross-reference table).

Why not qpdf's own page copying (``Pdf.pages.extend``): qpdf holds the whole output's
object graph in memory until it saves it (stream data excepted), about 11 KiB a page of
the dossier (measured: 7,560 pages joined from 40 parts took 124 MiB), so memory grew with
the dossier again.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import pikepdf

_Numbers = dict[tuple[int, int], int]


class _Writer:
    """A PDF file written object by object, each numbered as it is given."""

    def __init__(self, out: BinaryIO, reserved: int) -> None:
        self.out = out
        self.digest = hashlib.sha256()
        self.offsets = array("Q", [0] * (reserved + 1))  # object 0 is the free head
        self.at = 0
        self._put(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _put(self, data: bytes) -> None:
        self.out.write(data)
        self.digest.update(data)
        self.at += len(data)

    def new(self) -> int:
        self.offsets.append(0)
        return len(self.offsets) - 1

    def object(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self.offsets[number] = self.at
        self._put(b"%d 0 obj\n" % number + body)
        if stream is not None:
            self._put(b"\nstream\n" + stream + b"\nendstream")
        self._put(b"\nendobj\n")

    def close(self, root: int, info: int) -> None:
        xref = self.at
        self._put(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for first in range(1, len(self.offsets), 1000):
            lines = self.offsets[first : first + 1000]
            self._put(b"".join(b"%010d 00000 n \n" % offset for offset in lines))
        ident = self.digest.hexdigest()[:32].encode()
        trailer = b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n" % (
            len(self.offsets),
            root,
            info,
            ident,
            ident,
        )
        self._put(trailer + b"startxref\n%d\n%%%%EOF\n" % xref)


def _dump(value: object, numbers: _Numbers) -> bytes:
    """A direct object as PDF syntax, its references renumbered through ``numbers``."""
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return b"%d 0 R" % numbers[value.objgen]
    if isinstance(value, pikepdf.Dictionary):
        return _pairs(value.items(), numbers)
    if isinstance(value, pikepdf.Array):
        return b"[" + b" ".join(_dump(item, numbers) for item in value) + b"]"
    if isinstance(value, pikepdf.Object):  # a name or a string
        return bytes(value.unparse())
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if value is None:
        return b"null"
    if isinstance(value, int | Decimal):
        return str(value).encode()
    raise TypeError(f"not a PDF object: {value!r}")


def _body(found: pikepdf.Object, numbers: _Numbers) -> bytes:
    """An indirect object's own body (not a reference to it)."""
    if isinstance(found, pikepdf.Dictionary):
        return _pairs(found.items(), numbers)
    if isinstance(found, pikepdf.Array):
        return b"[" + b" ".join(_dump(item, numbers) for item in found) + b"]"
    return bytes(found.unparse(resolved=True))


def _pairs(pairs: Iterable[tuple[str, object]], numbers: _Numbers, extra: bytes = b"") -> bytes:
    """A dictionary of ``pairs`` (and ``extra``, written as it is) as PDF syntax."""
    body = b"".join(
        bytes(pikepdf.Name(key).unparse()) + b" " + _dump(value, numbers) + b" "
        for key, value in pairs
    )
    return b"<<" + body + extra + b">>"


def _copy(part: pikepdf.Pdf, writer: _Writer, tree: int) -> list[int]:
    """Write every object ``part``'s pages use, the pages under ``tree``; the new numbers
    of its pages, in order. (Its catalog, page tree, outline and information are not.)"""
    used = _used(part)
    numbers = {objgen: writer.new() for objgen in used}
    for objgen, found in used.items():
        if isinstance(found, pikepdf.Stream):
            raw = found.read_raw_bytes()
            pairs = [(k, v) for k, v in found.stream_dict.items() if k != "/Length"]
            head = _pairs(pairs, numbers, b"/Length %d" % len(raw))
            writer.object(numbers[objgen], head, raw)
        elif _is_page(found):
            pairs = [(k, v) for k, v in found.items() if k != "/Parent"]
            writer.object(numbers[objgen], _pairs(pairs, numbers, b"/Parent %d 0 R" % tree))
        else:
            writer.object(numbers[objgen], _body(found, numbers))
    return [numbers[page.obj.objgen] for page in part.pages]


def _used(part: pikepdf.Pdf) -> dict[tuple[int, int], pikepdf.Object]:
    """The indirect objects reachable from the pages (not through their ``/Parent``)."""
    found: dict[tuple[int, int], pikepdf.Object] = {}
    waiting: list[pikepdf.Object] = [page.obj for page in part.pages]
    while waiting:
        item = waiting.pop()
        if item.objgen not in found:
            found[item.objgen] = item
            waiting.extend(_references(item, top=True))
    return found


def _references(item: object, *, top: bool = False) -> Iterator[pikepdf.Object]:
    """The indirect objects ``item`` names directly or through its direct parts."""
    if not isinstance(item, pikepdf.Object):
        return
    if item.is_indirect and not top:
        yield item
        return
    if isinstance(item, pikepdf.Stream):
        item = item.stream_dict
    if isinstance(item, pikepdf.Dictionary):
        for key, value in item.items():
            if not (key == "/Parent" and _is_page(item)):
                yield from _references(value)
    elif isinstance(item, pikepdf.Array):
        for value in item:
            yield from _references(value)


def _is_page(found: pikepdf.Object) -> bool:
    return isinstance(found, pikepdf.Dictionary) and found.get("/Type") == "/Page"


def join(parts: Sequence[Path], out: BinaryIO, outline: Iterable[tuple[str, int]]) -> int:
    """Write ``parts`` one after another to ``out`` with ``outline`` (title, page number
    from 1) as its bookmarks and the first part's document information; the pages written."""
    kids = array("Q")
    writer = _Writer(out, reserved=4)
    catalog, tree, bookmarks, info = 1, 2, 3, 4
    for path in parts:
        with pikepdf.open(path) as part:
            if path == parts[0]:
                writer.object(info, _pairs(part.docinfo.items(), {}))
            kids.extend(_copy(part, writer, tree))
    listed = b" ".join(b"%d 0 R" % kid for kid in kids)
    writer.object(tree, b"<</Type /Pages /Count %d /Kids [%s]>>" % (len(kids), listed))
    _outline(writer, bookmarks, outline, kids)
    body = b"<</Type /Catalog /Pages %d 0 R /Outlines %d 0 R /PageMode /UseOutlines>>"
    writer.object(catalog, body % (tree, bookmarks))
    writer.close(catalog, info)
    return len(kids)


def _outline(
    writer: _Writer, root: int, items: Iterable[tuple[str, int]], kids: Sequence[int]
) -> None:
    """The bookmarks, one level, each leading to the top of its page, written as they come
    (numbered one after another, so each knows its neighbours' numbers)."""
    given = iter(items)
    current, first, number = next(given, None), 0, 0
    while current is not None:
        following = next(given, None)
        number = writer.new()
        first = first or number
        title, page = current
        links = b"/Parent %d 0 R" % root
        links += b" /Prev %d 0 R" % (number - 1) if number != first else b""
        links += b" /Next %d 0 R" % (number + 1) if following is not None else b""
        name = bytes(pikepdf.String(title).unparse())
        dest = b"/Dest [%d 0 R /XYZ null null null]" % kids[page - 1]
        writer.object(number, b"<</Title " + name + b" " + links + b" " + dest + b">>")
        current = following
    count = number - first + 1 if first else 0
    ends = b"/First %d 0 R /Last %d 0 R " % (first, number) if first else b""
    writer.object(root, b"<</Type /Outlines " + ends + b"/Count %d>>" % count)
