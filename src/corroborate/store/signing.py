"""The checkpoint signing key: an Ed25519 pair kept in ``settings.key_dir``, never in the store.

Someone who can rewrite the database should not also be able to sign for it, so the
private key lives in a file (PKCS#8 PEM, mode 0600) beside, not inside, the store; the
public key (SubjectPublicKeyInfo PEM) is what a third party is handed, as a verifier key.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)

from corroborate.errors import ConfigError

PRIVATE = "checkpoint.key"
PUBLIC = "checkpoint.pub"


def ensure_keypair(key_dir: Path) -> tuple[Path, bool]:
    """Make the key pair unless it exists; returns the private key's path and whether it is new."""
    private_path = key_dir / PRIVATE
    if private_path.exists():
        return private_path, False
    try:
        key_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        private = Ed25519PrivateKey.generate()
        pem = private.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
        _write_new(private_path, pem, 0o600)
        public = private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        (key_dir / PUBLIC).write_bytes(public)
    except OSError as exc:
        raise ConfigError(
            3, f"cannot write the checkpoint key: {exc}", subject=str(key_dir)
        ) from exc
    return private_path, True


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` with ``mode`` from the start, so the key is never readable by others."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def load_private(key_dir: Path) -> Ed25519PrivateKey:
    path = key_dir / PRIVATE
    try:
        key = load_pem_private_key(_read(path), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise ConfigError(3, f"damaged key file ({exc})", subject=str(path)) from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise ConfigError(3, "not an Ed25519 private key", subject=str(path))
    return key


def load_public(key_dir: Path) -> Ed25519PublicKey:
    path = key_dir / PUBLIC
    try:
        key = load_pem_public_key(_read(path))
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise ConfigError(3, f"damaged key file ({exc})", subject=str(path)) from exc
    if not isinstance(key, Ed25519PublicKey):
        raise ConfigError(3, "not an Ed25519 public key", subject=str(path))
    return key


def _read(path: Path) -> bytes:
    if not path.exists():
        raise ConfigError(
            2, "no checkpoint key here; run `corroborate init` to make one", subject=str(path)
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(3, f"cannot read the key: {exc}", subject=str(path)) from exc
