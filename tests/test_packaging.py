"""A plain ``pip install`` of the built wheel gives a working tool.

The wheel is built from the sdist (as ``python -m build`` does), checked by ``twine``,
installed with the interpreter's bundled pip (no upgrade) and no extras into a fresh
virtual environment, and run from outside the source tree on the sample corpus.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "corroborate"
# what the wheel must carry for the tool to work offline: the models and vocabularies
BUNDLED = (
    "extract/models/nlp_model/config.cfg",
    "extract/models/nlp_model/meta.json",
    "extract/models/nlp_model/LICENSE.md",
    "extract/models/nlp_model/parser/model",
    "extract/models/nlp_model/ner/model",
    "extract/models/nlp_model/tagger/model",
    "extract/models/nlp_model/vocab/strings.json",
    "extract/models/encoder_model/weights.npz",
    "extract/models/encoder_model/weights-1.npz",
    "extract/models/encoder_model/vocab.txt",
    "extract/models/encoder_model/config.json",
    "extract/models/encoder_model/NOTICE",
    "extract/models/cue_model.npz",
    "extract/models/violation_model.npz",
    "link/stance_model.npz",
    "taxonomy/violations/acts.yaml",
    "taxonomy/violations/participants.yaml",
    "taxonomy/violations/patterns.yaml",
    "taxonomy/violations.yaml",
    "taxonomy/places.yaml",
    "taxonomy/sources.yaml",
    "taxonomy/sources/wires.yaml",
    "taxonomy/sources/conflicts.yaml",
    "taxonomy/stances.yaml",
    "taxonomy/reviews.yaml",
    "taxonomy/grading.yaml",
    "taxonomy/parties/countries.yaml",
    "taxonomy/acled.yaml",
    "export/schemas/acled.table-schema.json",
    "export/schemas/schemaorg-context.jsonld",
    "store/migrations/env.py",
    "web/templates/base.html.j2",
    "web/static/web.css",
    "web/static/favicon.svg",
    "web/static/queue.js",
    "web/templates/queue.html.j2",
    "py.typed",
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "corroborate"
    # build from a copy holding only what git tracks, as a clean clone would
    files = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    _run([sys.executable, "-m", "build", "--outdir", str(out), str(source)])
    return out


def _run(
    command: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}{done.stderr[-2000:]}"
    return done


def _wheel(dist: Path) -> Path:
    [wheel] = dist.glob("corroborate-*.whl")
    return wheel


def test_twine_accepts_the_metadata(dist: Path) -> None:
    assert sorted(p.suffix for p in dist.iterdir()) == [".gz", ".whl"]
    _run([sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())])


def test_the_wheel_carries_every_model_and_vocabulary(dist: Path) -> None:
    with zipfile.ZipFile(_wheel(dist)) as wheel:
        sizes = {info.filename: info.file_size for info in wheel.infolist()}
        metadata = wheel.read(next(n for n in sizes if n.endswith(".dist-info/METADATA")))
    for name in BUNDLED:
        assert sizes.get(f"corroborate/{name}") == (PACKAGE / name).stat().st_size, name
    assert sizes["corroborate/extract/models/encoder_model/weights.npz"] > 5_000_000
    text = metadata.decode()
    assert "License-Expression: Apache-2.0 AND CC-BY-SA-4.0 AND MIT" in text
    assert "Requires-Dist: lxml_html_clean" in text and "Requires-Python: <3.14,>=3.11" in text


@pytest.fixture(scope="module")
def venv(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment: the interpreter's own pip, no upgrade, no extras."""
    where = tmp_path_factory.mktemp("venv") / "v"
    # without PYTHONPATH: a source tree on it (with build metadata beside the package) makes
    # pip take the tool for installed and skip the wheel
    env = _clean_env(where)
    _run([_base_python(), "-m", "venv", str(where)], env=env)
    command = [str(where / "bin" / "python"), "-m", "pip", "install", "-q", str(_wheel(dist))]
    _run(command, env=env)
    return where


def _base_python() -> str:
    return str(Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}")


def _clean_env(venv: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CORROBORATE_", "PYTHON"))}
    env.pop("VIRTUAL_ENV", None)
    path = [p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p]
    env["PATH"] = os.pathsep.join([str(venv / "bin"), *path])
    return env


def test_the_installed_tool_runs_the_sample_corpus(venv: Path, tmp_path: Path) -> None:
    env = _clean_env(venv)
    tool = str(venv / "bin" / "corroborate")
    assert _run([tool, "--version"], cwd=tmp_path, env=env).stdout.strip() == "corroborate 0.1.0"
    done = subprocess.run(
        [tool, "run", str(ROOT / "samples" / "corpus"), "-o", "report"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr  # the corpus's three deliberately broken files
    assert "Traceback" not in done.stdout + done.stderr
    results = json.loads((tmp_path / "report" / "results.json").read_text(encoding="utf-8"))
    assert results["counts"]["reports"] == 41 and results["incidents"]
    assert "verified" in _run([tool, "verify"], cwd=tmp_path, env=env).stdout


def test_a_missing_optional_driver_names_its_extra(venv: Path, tmp_path: Path) -> None:
    url = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
    done = subprocess.run(
        [str(venv / "bin" / "corroborate"), "status", "--store", url],
        cwd=tmp_path,
        env=_clean_env(venv),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "[S005]" in line and "pip install 'corroborate[postgres]'" in line


@pytest.mark.skipif(shutil.which("pipx") is None, reason="pipx is not installed here")
def test_pipx_installs_the_wheel(dist: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PIPX_HOME": str(tmp_path / "pipx"), "PIPX_BIN_DIR": str(tmp_path / "bin")}
    _run(["pipx", "install", str(_wheel(dist))], env=env)
    done = _run([str(tmp_path / "bin" / "corroborate"), "--version"], env=env)
    assert done.stdout.strip() == "corroborate 0.1.0"
