"""Signed checkpoints: a tree head an outsider can keep, as a C2SP signed note.

A checkpoint is plain text in the C2SP ``tlog-checkpoint`` form, signed as a C2SP
``signed-note`` with Ed25519::

    corroborate/3f9a01c2…            log id: this store's log (C2SP calls it the origin)
    42                               tree size: ledger rows covered
    qL0sR2…=                         root hash (RFC 9162 MTH), base64
    time 2026-12-01T10:00:00Z        extension lines: when it was made, and
    head sha256:9c1e…                the chain hash of row #42
                                     (blank line)
    — corroborate/3f9a01c2… Ab12…==  key name, base64(key id ‖ Ed25519 signature)

The signature covers the body, every byte up to and including its last newline. The key
id is the first four bytes of SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key); a verifier key
is written ``<name>+<key id, hex>+<base64(0x01 ‖ public key)>``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from corroborate.errors import ConfigError, IntegrityError

ED25519 = b"\x01"
DASH = "\u2014 "
_HEAD = re.compile(r"sha256:[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    log_id: str
    size: int
    root: bytes
    time: str
    head: str

    def body(self) -> str:
        root = base64.b64encode(self.root).decode()
        return f"{self.log_id}\n{self.size}\n{root}\ntime {self.time}\nhead {self.head}\n"


@dataclass(frozen=True, slots=True)
class VerifierKey:
    name: str
    key_id: bytes
    public: Ed25519PublicKey

    def __str__(self) -> str:
        raw = base64.b64encode(ED25519 + _raw(self.public)).decode()
        return f"{self.name}+{self.key_id.hex()}+{raw}"


def verifier_key(name: str, public: Ed25519PublicKey) -> VerifierKey:
    return VerifierKey(name, key_id(name, public), public)


def key_id(name: str, public: Ed25519PublicKey) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + ED25519 + _raw(public)).digest()[:4]


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(Encoding.Raw, PublicFormat.Raw)


def parse_vkey(text: str) -> VerifierKey:
    """A verifier key ``name+keyid+base64``; anything else is a ``ConfigError``."""
    try:
        name, hex_id, encoded = text.strip().split("+", 2)
        raw = base64.b64decode(encoded, validate=True)
        if raw[:1] != ED25519 or len(raw) != 33:
            raise ValueError("not an Ed25519 key")
        key = verifier_key(name, Ed25519PublicKey.from_public_bytes(raw[1:]))
    except (ValueError, binascii.Error) as exc:
        raise ConfigError(4, f"not a verifier key ({exc})", subject=text.strip()[:40]) from exc
    if key.key_id.hex() != hex_id.lower():
        raise ConfigError(4, "key id does not match the key", subject=text.strip()[:40])
    return key


def sign(checkpoint: Checkpoint, private: Ed25519PrivateKey) -> str:
    """The signed note: the body, a blank line, one signature line by the log's key."""
    body = checkpoint.body()
    key = verifier_key(checkpoint.log_id, private.public_key())
    signature = base64.b64encode(key.key_id + private.sign(body.encode())).decode()
    return f"{body}\n{DASH}{key.name} {signature}\n"


@dataclass(frozen=True, slots=True)
class Note:
    """A checkpoint as read from its text, before its signature is checked."""

    checkpoint: Checkpoint
    body: str
    signatures: tuple[tuple[str, bytes], ...]


def read_note(text: str, *, subject: str) -> Note:
    """Split a signed note and read its checkpoint body; malformed text is ``[V001]``."""
    body, signatures = _split(text, subject)
    return Note(parse_body(body, subject=subject), body, tuple(signatures))


def check_signature(note: Note, key: VerifierKey, *, subject: str) -> Checkpoint:
    """The checkpoint, once ``key``'s signature on it verifies (``[V002]``, ``[V003]``)."""
    signature = _signature_by(note.signatures, key, subject)
    try:
        key.public.verify(signature, note.body.encode())
    except InvalidSignature as exc:
        raise IntegrityError(
            2, "signature does not verify: the checkpoint was altered or forged", subject=subject
        ) from exc
    return note.checkpoint


def _split(text: str, subject: str) -> tuple[str, list[tuple[str, bytes]]]:
    body, sep, tail = text.rpartition("\n\n")
    lines = tail.splitlines()
    if not sep or not text.endswith("\n") or not lines:
        raise IntegrityError(1, "not a signed checkpoint (no signature lines)", subject=subject)
    signatures = []
    for line in lines:
        name, _, encoded = line.removeprefix(DASH).rpartition(" ")
        try:
            raw = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raw = b""
        if not line.startswith(DASH) or not name or len(raw) < 5:
            raise IntegrityError(1, f"malformed signature line {line[:40]!r}", subject=subject)
        signatures.append((name, raw))
    return body + "\n", signatures


def _signature_by(
    signatures: tuple[tuple[str, bytes], ...], key: VerifierKey, subject: str
) -> bytes:
    for name, raw in signatures:
        if name == key.name and raw[:4] == key.key_id:
            return raw[4:]
    names = ", ".join(f"{name}+{raw[:4].hex()}" for name, raw in signatures)
    raise IntegrityError(
        3,
        f"signed by {names}, not by the expected key {key.name}+{key.key_id.hex()}",
        subject=subject,
    )


def parse_body(body: str, *, subject: str) -> Checkpoint:
    """Origin, size, root and the ``time``/``head`` extension lines of a checkpoint body."""
    lines = body.removesuffix("\n").split("\n")
    extensions = dict(line.partition(" ")[::2] for line in lines[3:])
    try:
        log_id, size_text, root_text = lines[:3]
        size, root = int(size_text), base64.b64decode(root_text, validate=True)
        if str(size) != size_text or size < 0 or len(root) != 32 or not log_id:
            raise ValueError("bad size or root")
        checkpoint = Checkpoint(log_id, size, root, extensions["time"], extensions["head"])
    except (ValueError, KeyError, binascii.Error) as exc:
        raise IntegrityError(1, f"malformed checkpoint body ({exc})", subject=subject) from exc
    if not _HEAD.fullmatch(checkpoint.head):
        raise IntegrityError(1, "malformed checkpoint head line", subject=subject)
    return checkpoint
