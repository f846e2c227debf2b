"""Where a one-file export is written: a file that appears whole or not at all.

Formats write incident by incident into a ``.part`` file beside the target, and it takes the
target's name only once everything is written, so an export that fails half-way (a bad
record, a full disk) leaves no truncated file that could be mistaken for a complete one, and
an earlier export of the same name stays as it was.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from corroborate.errors import ConfigError

Handle = TypeVar("Handle", TextIO, BinaryIO)


@contextlib.contextmanager
def text_file(out: Path, *, newline: str | None = None) -> Iterator[TextIO]:
    """An open UTF-8 text file that becomes ``out`` when the block ends without error."""
    with _whole(out, lambda part: part.open("w", encoding="utf-8", newline=newline)) as handle:
        yield handle


@contextlib.contextmanager
def binary_file(out: Path) -> Iterator[BinaryIO]:
    """An open binary file that becomes ``out`` when the block ends without error."""
    with _whole(out, lambda part: part.open("wb")) as handle:
        yield handle


@contextlib.contextmanager
def _whole(out: Path, opener: Callable[[Path], Handle]) -> Iterator[Handle]:
    part = out.with_name(out.name + ".part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        handle = opener(part)
    except OSError as exc:
        raise _unwritable(out, exc) from exc
    try:
        with handle:
            yield handle
        try:
            os.replace(part, out)
        except OSError as exc:
            raise _unwritable(out, exc) from exc
    finally:
        part.unlink(missing_ok=True)


def _unwritable(out: Path, exc: OSError) -> ConfigError:
    return ConfigError(42, f"cannot write the export ({exc.strerror})", subject=str(out))
