"""The exception tree: coded one-line messages that survive a trip between processes."""

from __future__ import annotations

import pickle

import pytest

from corroborate.errors import CorroborateError, InputError, IntegrityError, StoreError


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
