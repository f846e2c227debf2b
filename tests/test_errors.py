"""The exception tree: coded one-line messages that survive a trip between processes."""

from __future__ import annotations

import ast
import pickle
import re
from pathlib import Path

import pytest

from corroborate import errors
from corroborate.errors import CorroborateError, InputError, IntegrityError, StoreError

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "corroborate"
DOCS = ROOT / "docs" / "errors.md"


def test_message_is_coded_and_names_the_subject() -> None:
    error = InputError(3, "truncated PDF (no %%EOF trailer)", subject="report.pdf")
    assert str(error) == "[I003] report.pdf: truncated PDF (no %%EOF trailer)"
    assert error.code == "I003"


def test_errors_pickle_for_worker_processes() -> None:
    for error in (
        InputError(4, "x", subject="a.pdf"),
        StoreError(1, "y"),
        IntegrityError(2, "z", subject="s"),
    ):
        copy = pickle.loads(pickle.dumps(error))
        assert (
            type(copy) is type(error) and str(copy) == str(error) and copy.subject == error.subject
        )


def test_every_error_is_a_corroborate_error() -> None:
    assert issubclass(InputError, CorroborateError) and issubclass(StoreError, CorroborateError)


def test_corroborate_fast_is_read_and_checked() -> None:
    from corroborate.errors import ConfigError
    from corroborate.settings import Settings

    assert Settings.from_env({"CORROBORATE_FAST": "1"}).fast is True
    assert Settings.from_env({}).fast is False
    with pytest.raises(ConfigError, match=r"C001.*CORROBORATE_FAST"):
        Settings.from_env({"CORROBORATE_FAST": "yes"})


def raised_codes() -> dict[str, set[str]]:
    """Every code the package raises (``SomeError(12, ...)``), with the files raising it."""
    classes = {
        name: cls
        for name, cls in vars(errors).items()
        if isinstance(cls, type) and issubclass(cls, errors.CorroborateError)
    }
    found: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            cls = classes.get(node.func.id)
            first = node.args[0] if node.args else None
            if cls and isinstance(first, ast.Constant) and isinstance(first.value, int):
                code = f"{cls.prefix}{first.value:03d}"
                found.setdefault(code, set()).add(path.relative_to(PACKAGE).as_posix())
    return found


def test_every_raised_code_is_documented_once() -> None:
    rows = re.findall(r"^\| ([A-Z]\d{3}) \|", DOCS.read_text(encoding="utf-8"), re.MULTILINE)
    twice = sorted(code for code in set(rows) if rows.count(code) > 1)
    assert not twice, f"documented more than once in docs/errors.md: {twice}"
    missing = {code: files for code, files in raised_codes().items() if code not in rows}
    assert not missing, f"raised but not in docs/errors.md: {missing}"
