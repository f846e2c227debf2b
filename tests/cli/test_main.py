"""The installed entry point turns project errors into one stderr line and exit 1."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_error_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "corroborate", "status", "--store", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error [S002] sqlite:///")
