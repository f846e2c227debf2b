"""The checkpoint key pair: made once, outside the store, private half readable by its owner."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from corroborate.errors import ConfigError
from corroborate.store import signing as keys


def test_keypair_is_made_once_with_a_private_mode(tmp_path: Path) -> None:
    key_dir = tmp_path / "keys"
    path, made = keys.ensure_keypair(key_dir)
    assert made and path == key_dir / "checkpoint.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    first = path.read_bytes()
    assert keys.ensure_keypair(key_dir) == (path, False)
    assert path.read_bytes() == first
    public = keys.load_private(key_dir).public_key()
    assert public == keys.load_public(key_dir)


def test_a_missing_key_says_run_init(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[C002\].*corroborate init"):
        keys.load_private(tmp_path)
    with pytest.raises(ConfigError, match=r"\[C002\]"):
        keys.load_public(tmp_path)


def test_a_damaged_key_file_is_named(tmp_path: Path) -> None:
    keys.ensure_keypair(tmp_path)
    (tmp_path / "checkpoint.key").write_text("-----BEGIN PRIVATE KEY-----\nnope\n")
    (tmp_path / "checkpoint.pub").write_bytes(b"\x00garbage")
    with pytest.raises(ConfigError, match=r"\[C003\].*checkpoint.key"):
        keys.load_private(tmp_path)
    with pytest.raises(ConfigError, match=r"\[C003\].*checkpoint.pub"):
        keys.load_public(tmp_path)
