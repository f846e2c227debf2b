"""Signed checkpoints: the C2SP signed-note form, and each way a checkpoint can be bad."""

from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from corroborate.errors import ConfigError, IntegrityError
from corroborate.store.checkpoint import (
    Checkpoint,
    check_signature,
    parse_body,
    parse_vkey,
    read_note,
    sign,
    verifier_key,
)

ORIGIN = "corroborate/0123456789abcdef0123456789abcdef"
HEAD = "sha256:" + "ab" * 32


@pytest.fixture
def private() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _checkpoint() -> Checkpoint:
    return Checkpoint(ORIGIN, 42, bytes(range(32)), "2026-12-01T10:00:00Z", HEAD)


def _open(text: str, private: Ed25519PrivateKey) -> Checkpoint:
    key = verifier_key(ORIGIN, private.public_key())
    return check_signature(read_note(text, subject="cp"), key, subject="cp")


def test_round_trip_in_the_signed_note_form(private: Ed25519PrivateKey) -> None:
    note = sign(_checkpoint(), private)
    body, _, signature_line = note.partition("\n\n")
    assert body.split("\n") == [
        ORIGIN,
        "42",
        base64.b64encode(bytes(range(32))).decode(),
        "time 2026-12-01T10:00:00Z",
        f"head {HEAD}",
    ]
    raw_key = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = hashlib.sha256(ORIGIN.encode() + b"\n\x01" + raw_key).digest()[:4]
    name, encoded = signature_line.removeprefix("\u2014 ").split(" ")
    assert name == ORIGIN and base64.b64decode(encoded)[:4] == key_id
    assert _open(note, private) == _checkpoint()


def test_verifier_key_round_trips(private: Ed25519PrivateKey) -> None:
    key = verifier_key(ORIGIN, private.public_key())
    assert str(parse_vkey(str(key))) == str(key)
    name, key_id, _ = str(key).split("+", 2)
    assert name == ORIGIN and len(key_id) == 8


@pytest.mark.parametrize("bad", ["", "x+y+z", ORIGIN + "+00000000+AQ==", "no plus signs"])
def test_malformed_verifier_keys_are_config_errors(bad: str) -> None:
    with pytest.raises(ConfigError, match=r"\[C004\]"):
        parse_vkey(bad)


def test_a_verifier_key_with_the_wrong_id_is_refused(private: Ed25519PrivateKey) -> None:
    name, _, encoded = str(verifier_key(ORIGIN, private.public_key())).split("+", 2)
    with pytest.raises(ConfigError, match=r"\[C004\].*key id"):
        parse_vkey(f"{name}+00000000+{encoded}")


def test_a_refused_verifier_key_is_named_by_its_first_forty_characters() -> None:
    text = f"  {ORIGIN}+00000000+AQ==\n"  # one byte, the Ed25519 tag alone
    with pytest.raises(ConfigError) as caught:
        parse_vkey(text)
    assert str(caught.value) == f"[C004] {ORIGIN[:40]}: not a verifier key (not an Ed25519 key)"
    assert caught.value.subject == "corroborate/0123456789abcdef0123456789ab"


def test_a_wrong_key_id_is_named_by_the_first_forty_characters(
    private: Ed25519PrivateKey,
) -> None:
    name, _, encoded = str(verifier_key(ORIGIN, private.public_key())).split("+", 2)
    with pytest.raises(ConfigError) as caught:
        parse_vkey(f" {name}+00000000+{encoded} ")
    assert str(caught.value) == f"[C004] {ORIGIN[:40]}: key id does not match the key"


def test_a_verifier_key_of_33_bytes_with_another_tag_is_refused(
    private: Ed25519PrivateKey,
) -> None:
    raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = verifier_key(ORIGIN, private.public_key()).key_id.hex()
    encoded = base64.b64encode(b"\x02" + raw).decode()
    with pytest.raises(ConfigError) as caught:
        parse_vkey(f"{ORIGIN}+{key_id}+{encoded}")
    assert caught.value.message == "not a verifier key (not an Ed25519 key)"


def test_a_verifier_key_with_a_character_outside_base64_is_refused(
    private: Ed25519PrivateKey,
) -> None:
    name, key_id, encoded = str(verifier_key(ORIGIN, private.public_key())).split("+", 2)
    assert parse_vkey(f"{name}+{key_id}+{encoded}").key_id.hex() == key_id
    with pytest.raises(ConfigError, match=r"\[C004\].*not a verifier key"):
        parse_vkey(f"{name}+{key_id}+{encoded[:8]}*{encoded[8:]}")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "just some text\n",
        f"{ORIGIN}\n42\nAAAA\n\n\u2014 {ORIGIN} AAAAAAAAAA==\n",
        f"{ORIGIN}\nforty\n{base64.b64encode(bytes(32)).decode()}\n\n\u2014 {ORIGIN} AAAAAAAA\n",
        f"{ORIGIN}\n42\n{base64.b64encode(bytes(32)).decode()}\n\n- {ORIGIN} AAAAAAAA\n",
    ],
)
def test_malformed_checkpoints_are_v001(text: str) -> None:
    with pytest.raises(IntegrityError, match=r"\[V001\]"):
        read_note(text, subject="cp")


def test_an_altered_checkpoint_fails_its_signature(private: Ed25519PrivateKey) -> None:
    note = sign(_checkpoint(), private).replace("\n42\n", "\n43\n")
    with pytest.raises(IntegrityError, match=r"\[V002\] cp: signature does not verify"):
        _open(note, private)


def test_a_forged_signature_fails(private: Ed25519PrivateKey) -> None:
    note = sign(_checkpoint(), private)
    body, _, line = note.partition("\n\n")
    name, encoded = line.removeprefix("\u2014 ").split(" ")
    raw = bytearray(base64.b64decode(encoded))
    raw[10] ^= 1
    forged = f"{body}\n\n\u2014 {name} {base64.b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(IntegrityError, match=r"\[V002\]"):
        _open(forged, private)


def test_a_checkpoint_signed_by_another_key_names_both(private: Ed25519PrivateKey) -> None:
    note = sign(_checkpoint(), Ed25519PrivateKey.generate())
    with pytest.raises(IntegrityError, match=r"\[V003\] cp: signed by corroborate/.*not by"):
        _open(note, private)


def test_a_note_with_two_other_signatures_names_each_by_its_four_byte_id(
    private: Ed25519PrivateKey,
) -> None:
    second, wanted = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    note = sign(_checkpoint(), private)
    first_id = verifier_key(ORIGIN, private.public_key()).key_id
    second_id = verifier_key("witness.example", second.public_key()).key_id
    extra = base64.b64encode(second_id + second.sign(b"anything")).decode()
    note += f"\u2014 witness.example {extra}\n"
    key = verifier_key("auditor", wanted.public_key())
    with pytest.raises(IntegrityError) as caught:
        check_signature(read_note(note, subject="cp"), key, subject="cp")
    assert caught.value.message == (
        f"signed by {ORIGIN}+{first_id.hex()}, witness.example+{second_id.hex()}, "
        f"not by the expected key auditor+{key.key_id.hex()}"
    )
    assert len(first_id.hex()) == len(second_id.hex()) == 8


ROOT_TEXT = base64.b64encode(bytes(range(32))).decode()


def test_an_extension_value_may_hold_spaces() -> None:
    body = f"{ORIGIN}\n42\n{ROOT_TEXT}\ntime 2026-12-01 10:00:00Z\nhead {HEAD}\n"
    assert parse_body(body, subject="cp").time == "2026-12-01 10:00:00Z"


@pytest.mark.parametrize(
    "body",
    [
        f"{ORIGIN}\n42\n*{ROOT_TEXT}\ntime t\nhead {HEAD}\n",  # a character outside base64
        f"{ORIGIN}\n42\n{base64.b64encode(bytes(31)).decode()}\ntime t\nhead {HEAD}\n",
        f"\n42\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n",  # no log id
    ],
)
def test_a_body_with_a_bad_root_or_no_log_id_is_v001(body: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        parse_body(body, subject="cp")
    assert caught.value.code == "V001" and caught.value.subject == "cp"


SIGNED = f"{ORIGIN}\n42\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n\n"
SIG = base64.b64encode(b"\x01\x02\x03\x04" + b"s" * 60).decode()  # key id and signature


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "not a signed checkpoint (no signature lines)"),
        # the last line of a note ends with a newline
        (f"{SIGNED}\u2014 {ORIGIN} {SIG}", "not a signed checkpoint (no signature lines)"),
        # a signature line starts with an em dash and a space
        (
            f"{SIGNED}- {ORIGIN} {SIG}\n",
            f"malformed signature line {f'- {ORIGIN} {SIG}'[:40]!r}",
        ),
        # a signature line names its signer
        (f"{SIGNED}\u2014 {SIG}\n", f"malformed signature line {f'— {SIG}'[:40]!r}"),
        # a character outside base64, in a signature that would be long enough without it
        (
            f"{SIGNED}\u2014 {ORIGIN} AAAA*AAAA\n",
            f"malformed signature line {f'— {ORIGIN} AAAA*AAAA'[:40]!r}",
        ),
        # four bytes: a key id without a signature
        (
            f"{SIGNED}\u2014 {ORIGIN} AQIDBA==\n",
            f"malformed signature line {f'— {ORIGIN} AQIDBA=='[:40]!r}",
        ),
    ],
)  # fmt: skip
def test_each_malformed_note_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        read_note(text, subject="cp")
    assert str(caught.value) == f"[V001] cp: {message}"


def test_a_signature_of_five_bytes_and_a_signer_named_with_spaces_are_read() -> None:
    note = read_note(f"{SIGNED}\u2014 witness of record AQIDBAU=\n", subject="cp")
    assert note.signatures == (("witness of record", b"\x01\x02\x03\x04\x05"),)
    assert note.checkpoint == Checkpoint(ORIGIN, 42, bytes(range(32)), "t", HEAD)


BAD_SIZE = "malformed checkpoint body (bad size or root)"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (f"{ORIGIN}\n042\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n", BAD_SIZE),  # not as written
        (f"{ORIGIN}\n-1\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n", BAD_SIZE),
        (f"{ORIGIN}\n42\n{ROOT_TEXT}\ntime t\n", "malformed checkpoint body ('head')"),
        (f"{ORIGIN}\n42\n{ROOT_TEXT}\ntime t\nhead sha256:AB\n", "malformed checkpoint head line"),
    ],
)  # fmt: skip
def test_each_malformed_body_says_what_is_wrong(body: str, message: str) -> None:
    with pytest.raises(IntegrityError) as caught:
        parse_body(body, subject="cp")
    assert str(caught.value) == f"[V001] cp: {message}"


def test_an_empty_log_has_a_checkpoint_of_size_zero() -> None:
    body = f"{ORIGIN}\n0\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n"
    assert parse_body(body, subject="cp").size == 0


def test_a_note_with_a_malformed_body_names_its_subject() -> None:
    text = f"{ORIGIN}\n042\n{ROOT_TEXT}\ntime t\nhead {HEAD}\n\n\u2014 {ORIGIN} {SIG}\n"
    with pytest.raises(IntegrityError) as caught:
        read_note(text, subject="cp")
    assert str(caught.value) == f"[V001] cp: {BAD_SIZE}"
