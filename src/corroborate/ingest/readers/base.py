"""What every reader shares: the input it gets, the limits it obeys, text decoding.

A reader is a pure function ``(Blob) -> list[Report] | Read`` that raises only
``InputError``. A reader of many items (feed lines, table rows, archive records) gathers
them with ``Gathered``: a bad item is skipped and named, and only a blob with no readable
item at all is refused.
Codes used by readers (``docs/errors.md`` lists them all):

I001 oversize file · I002 binary content, not text · I003 undecodable text encoding ·
I004 damaged PDF · I005 unsupported format · I006 malformed JSON feed · I007 malformed CSV ·
I008 malformed e-mail · I009 damaged web archive · I010 no text found ·
I011 expansion limit exceeded (decompression bomb) · I013 encrypted PDF · I014 unparseable HTML
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ParamSpec

from charset_normalizer import from_bytes

from corroborate.errors import InputError
from corroborate.model import Report

MAX_CHAOS = 0.15
MAX_CONTROL_RATIO = 0.02
P = ParamSpec("P")
MAX_NAMED_SKIPS = 1000  # a feed of a million bad lines is named by its first thousand
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(message: str) -> str:
    """A message that stays one line on a terminal and in a log: control characters
    quoted from the input (a header's tab, a NUL, a line separator) are escaped."""
    return CONTROL.sub(lambda found: found.group().encode("unicode_escape").decode(), message)


@dataclass(frozen=True, slots=True)
class Blob:
    """Raw bytes to read, where they came from, and the limits that apply."""

    blob_id: str
    source: str
    data: bytes
    max_expanded_bytes: int = 256 * 1024 * 1024

    def fail(self, code: int, message: str) -> InputError:
        return InputError(code, one_line(message), subject=self.source)


@dataclass(frozen=True, slots=True)
class Read:
    """What a reader made of one blob: its reports, and the items it had to skip.

    A feed or table with some malformed items keeps its good ones; each skipped item is a
    coded ``InputError`` naming it (``line 7``, ``row 12``). A blob with no readable item
    at all is not a ``Read``: the reader raises instead.
    """

    reports: tuple[Report, ...]
    skipped: tuple[InputError, ...] = ()


Reader = Callable[[Blob], "list[Report] | Read"]


@dataclass(slots=True)
class Gathered:
    """Reports and skipped items of one blob, gathered item by item into a ``Read``.

    Each skipped item is named (``line 7: malformed JSON (…)``) up to ``MAX_NAMED_SKIPS``;
    past that one last entry counts the rest, so a hostile file cannot fill memory with
    errors.
    """

    blob: Blob
    reports: list[Report] = field(default_factory=list)
    skipped: list[InputError] = field(default_factory=list)
    unnamed: int = 0

    def attempt(
        self, label: str, make: Callable[P, Report], *args: P.args, **kwargs: P.kwargs
    ) -> None:
        """Keep the report ``make(*args)`` builds, or skip the item, naming it by ``label``."""
        try:
            self.reports.append(make(*args, **kwargs))
        except InputError as error:
            self.skip(label, error)

    def skip(self, label: str, error: InputError) -> None:
        if len(self.skipped) < MAX_NAMED_SKIPS:
            self.skipped.append(self.blob.fail(_number(error), f"{label}: {error.message}"))
        else:
            self.unnamed += 1

    def read(self, *, empty: str) -> Read:
        """The ``Read``; raises the first item's error if no item was readable, or
        I010 with ``empty`` if there was no item at all."""
        skipped = self.skipped + self._count_of_unnamed()
        if self.reports:
            return Read(tuple(self.reports), tuple(skipped))
        if not skipped:
            raise self.blob.fail(10, empty)
        first, more = skipped[0], len(self.skipped) - 1 + self.unnamed
        also = f" (and {more} more skipped)" if more else ""
        raise self.blob.fail(_number(first), f"{first.message}{also}")

    def _count_of_unnamed(self) -> list[InputError]:
        if not self.unnamed:
            return []
        message = f"{self.unnamed} more items skipped, not named (limit {MAX_NAMED_SKIPS})"
        return [self.blob.fail(_number(self.skipped[-1]), message)]


def _number(error: InputError) -> int:
    return int(error.code[1:])


def decode_text(blob: Blob, data: bytes | None = None) -> tuple[str, str]:
    """Decode bytes to text, returning ``(text, encoding)``; newlines become ``\\n``.

    UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are; anything else
    must be recognised confidently by charset-normalizer, or it is refused rather than
    turned into mojibake.
    """
    raw = blob.data if data is None else data
    text, encoding = _decode(blob, raw)
    _refuse_binary(blob, text)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _decode(blob: Blob, raw: bytes) -> tuple[str, str]:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise blob.fail(3, f"invalid UTF-16 at byte {exc.start}") from exc
    if b"\x00" in raw[:65536]:
        raise blob.fail(2, "binary content, not text (NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    best = from_bytes(raw[:1_000_000]).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise blob.fail(3, f"not valid UTF-8 (byte {first_bad}) and no other encoding fits")
    try:
        return raw.decode(best.encoding, errors="strict"), best.encoding
    except (UnicodeDecodeError, LookupError) as exc:  # detected on the first megabyte only
        raise blob.fail(3, f"not valid {best.encoding} past the first megabyte") from exc


def _refuse_binary(blob: Blob, text: str) -> None:
    sample = text[:100_000]
    if not sample:
        return
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    if controls / len(sample) > MAX_CONTROL_RATIO:
        raise blob.fail(2, f"binary content, not text ({controls} control characters)")


def require_text(blob: Blob, text: str, what: str = "document") -> str:
    """Insist on some words (an empty report helps nobody); drop trailing whitespace only,
    so character offsets into a plain-text report are offsets into the file's text."""
    if not any(ch.isalnum() for ch in text):
        raise blob.fail(10, f"no text found in {what}")
    return text.rstrip()
