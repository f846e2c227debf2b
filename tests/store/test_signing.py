"""The checkpoint key pair: made once, outside the store, private half readable by its owner."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

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


def test_the_key_folder_is_private_and_the_public_half_is_pem(tmp_path: Path) -> None:
    key_dir = tmp_path / "new" / "keys"
    keys.ensure_keypair(key_dir)
    assert stat.S_IMODE(key_dir.stat().st_mode) == 0o700
    public = (key_dir / "checkpoint.pub").read_bytes()
    assert public.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    assert (key_dir / "checkpoint.key").read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----\n")


def test_an_existing_key_folder_is_used_as_it_is(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    path, made = keys.ensure_keypair(tmp_path)
    assert made and path == tmp_path / "checkpoint.key"
    assert (tmp_path / "checkpoint.pub").exists()


def test_a_key_that_cannot_be_written_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ConfigError) as caught:
        keys.ensure_keypair(blocker / "keys")
    assert caught.value.code == "C003"
    assert caught.value.message.startswith("cannot write the checkpoint key: ")
    assert caught.value.subject == str(blocker / "keys")


def test_a_key_of_another_kind_is_refused(tmp_path: Path) -> None:
    other = ec.generate_private_key(ec.SECP256R1())
    (tmp_path / "checkpoint.key").write_bytes(
        other.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    )
    (tmp_path / "checkpoint.pub").write_bytes(
        other.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
    )
    with pytest.raises(ConfigError) as private:
        keys.load_private(tmp_path)
    with pytest.raises(ConfigError) as public:
        keys.load_public(tmp_path)
    assert str(private.value) == f"[C003] {tmp_path / 'checkpoint.key'}: not an Ed25519 private key"
    assert str(public.value) == f"[C003] {tmp_path / 'checkpoint.pub'}: not an Ed25519 public key"


def test_a_key_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    (tmp_path / "checkpoint.key").mkdir()
    with pytest.raises(ConfigError) as caught:
        keys.load_private(tmp_path)
    assert caught.value.code == "C003"
    assert caught.value.message.startswith("cannot read the key: ")
    assert caught.value.subject == str(tmp_path / "checkpoint.key")


def test_missing_keys_name_their_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        keys.load_public(tmp_path)
    assert str(caught.value) == (
        f"[C002] {tmp_path / 'checkpoint.pub'}: no checkpoint key here; "
        "run `corroborate init` to make one"
    )


def test_damaged_key_files_say_so(tmp_path: Path) -> None:
    (tmp_path / "checkpoint.key").write_bytes(b"not a key")
    (tmp_path / "checkpoint.pub").write_bytes(b"not a key")
    with pytest.raises(ConfigError) as private:
        keys.load_private(tmp_path)
    with pytest.raises(ConfigError) as public:
        keys.load_public(tmp_path)
    assert private.value.message.startswith("damaged key file (")
    assert public.value.message.startswith("damaged key file (")
