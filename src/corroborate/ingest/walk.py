"""Find the files an ingest should read: recursive, sorted, hidden entries skipped.

Every other file inside a folder is taken, whatever its format: one that no reader knows
is still evidence, kept unread and listed as skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Found:
    path: Path
    in_folder: bool  # found inside a folder given, rather than named directly


def discover(paths: Iterable[Path], *, exclude: Sequence[Path] = ()) -> Iterator[Found]:
    """Every file under ``paths``, in a stable order; symlinked directories are not followed.

    Files named directly are always yielded. Inside folders, hidden entries and anything at
    or below a path in ``exclude`` are left out.
    """
    excluded = {_real(path) for path in exclude}
    for path in paths:
        if path.is_dir():
            yield from (Found(found, True) for found in _walk(path, excluded))
        else:
            yield Found(path, False)


def _walk(root: Path, excluded: set[str]) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and _real(Path(folder) / d) not in excluded
        )
        for name in sorted(files):
            path = Path(folder) / name
            if not name.startswith(".") and _real(path) not in excluded:
                yield path


def _real(path: Path) -> str:
    return os.path.realpath(path)
