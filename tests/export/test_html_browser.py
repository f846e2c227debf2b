"""The report in a real browser: headless Chromium, offline, from ``file://``.

``scripts/services`` installs Chromium (``scripts/browser``), so a missing browser is a
failure, not a skip. The screenshot is decoded here with zlib and struct (no imaging
library) to check that it has the window's size and is not blank.
"""

from __future__ import annotations

import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from corroborate.export.html import write_report
from corroborate.export.pseudonyms import Pseudonyms
from corroborate.export.results import RunResults
from tests.export.conftest import SLOVIANSK_LABEL

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
WIDTH, HEIGHT = 1280, 2000
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--window-size={WIDTH},{HEIGHT}",
]


def _chromium(tmp_path: Path, *args: str) -> str:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run scripts/browser (scripts/services calls it)")
    profile = f"--user-data-dir={tmp_path / 'profile'}"
    done = subprocess.run(
        [str(CHROMIUM), *FLAGS, profile, *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _chunks(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos = 8
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        yield data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + size]
        pos += 12 + size


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def _unfilter(kind: int, line: bytes, prev: bytearray, bpp: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    if kind == 0:
        return bytearray(line)
    if kind == 2:
        return bytearray((x + y) & 255 for x, y in zip(line, prev, strict=True))
    out = bytearray(line)
    for i in range(len(out)):
        a = out[i - bpp] if i >= bpp else 0
        if kind == 1:
            out[i] = (out[i] + a) & 255
        elif kind == 3:
            out[i] = (out[i] + (a + prev[i]) // 2) & 255
        else:
            out[i] = (out[i] + _paeth(a, prev[i], prev[i - bpp] if i >= bpp else 0)) & 255
    return out


def decode_png(data: bytes) -> tuple[int, int, list[bytearray], int]:
    """Width, height, unfiltered rows and bytes per pixel of an 8-bit RGB or RGBA PNG."""
    chunks = list(_chunks(data))
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert depth == 8 and colour in (2, 6), f"unexpected PNG depth {depth} colour {colour}"
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    stride, prev, rows = width * bpp, bytearray(width * bpp), []
    for y in range(height):
        start = y * (stride + 1)
        prev = _unfilter(raw[start], raw[start + 1 : start + 1 + stride], prev, bpp)
        rows.append(prev)
    return width, height, rows, bpp


def _grey_spread(rows: list[bytearray], bpp: int) -> tuple[float, int]:
    """Variance of brightness over a pixel sample, and how many distinct colours it has."""
    sample = [
        (row[i], row[i + 1], row[i + 2]) for row in rows[::8] for i in range(0, len(row), 8 * bpp)
    ]
    grey = [(r + g + b) / 3 for r, g, b in sample]
    mean = sum(grey) / len(grey)
    return sum((v - mean) ** 2 for v in grey) / len(grey), len(set(sample))


@pytest.fixture
def page(make_results: Callable[..., RunResults], tmp_path: Path) -> Path:
    return write_report(make_results(), tmp_path / "report", pseudonyms=Pseudonyms("k"))


def test_screenshot_has_the_window_size_and_is_not_blank(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(tmp_path, f"--screenshot={shot}", page.as_uri())
    assert shot.exists(), "Chromium wrote no screenshot"
    width, height, rows, bpp = decode_png(shot.read_bytes())
    assert (width, height) == (WIDTH, HEIGHT)
    variance, colours = _grey_spread(rows, bpp)
    assert variance > 100, f"screenshot looks blank (brightness variance {variance:.1f})"
    assert colours > 20, f"screenshot has only {colours} colours"


def test_dom_has_the_incidents_and_figures(page: Path, tmp_path: Path) -> None:
    dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
    assert SLOVIANSK_LABEL in dom
    assert dom.count("<svg") == 1 + 3 + 2  # the map, three chains, two timelines
    assert '<div class="toolbar">' in dom  # the inline script ran and showed the toolbar
