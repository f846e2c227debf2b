"""Find the files an ingest should read: recursive, sorted, hidden entries skipped."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from corroborate.ingest.readers import supported


def discover(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under ``paths``, in a stable order; symlinked directories are not followed.

    Files named directly are always yielded (an unsupported one then fails visibly);
    inside directories only files with a registered reader are taken.
    """
    for path in paths:
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and supported(name):
                yield Path(folder) / name
