"""Witness identities sealed at rest: AES-GCM with a key that never enters the database.

When an ingested file carries a protected person (a report whose metadata has one of
``model.IDENTITY_KEYS``), three things are sealed before anything is written:

* each protected value (a witness's name or code, a phone number …) is stored encrypted in
  ``identities`` under a random reference (``sealed:<16 hex>``); the report's metadata keeps
  the reference instead of the value, and the same value always gets the same reference;
* the file's name (it may carry the witness's name) becomes such a reference too, and so
  does every mention of a protected person in the file's stored reports (a testimony that
  says "my name is …", or names another witness): text, title and other metadata;
* the raw bytes are stored encrypted in ``blobs.data``, their blob id (the digest of the
  plaintext) bound in as associated data, and the blob is listed in ``sealed_blobs``.

The ledger vouches for what stays stable under a new key: the stored report rows (with
references), the plaintext blob id and size, and for each identity a salted commitment
(``Identity.digest``) whose salt is itself sealed, so nobody without the key can test a
guessed name against it. ``verify`` checks everything else without the key and, with it,
opens each sealed item and re-hashes it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, insert, select, update

from corroborate.errors import SealingError
from corroborate.ids import canonical_json, make_id
from corroborate.model import CONTACT_KEYS, IDENTITY_KEYS, Report
from corroborate.store import schema
from corroborate.store.mentions import Mentions, Person

Kind = Literal["person", "contact", "source"]
NONCE = 12
OVERHEAD = NONCE + 16  # nonce + GCM tag: a sealed blob is this much longer than its bytes
REF_PREFIX = "sealed:"
REF = re.compile(r"sealed:[0-9a-f]{16}")


@dataclass(frozen=True, slots=True)
class WitnessKey:
    """A 256-bit AES key; its ``id`` (a digest, not the key) is what the store records."""

    secret: bytes = field(repr=False)

    @property
    def id(self) -> str:
        digest = hashlib.sha256(b"corroborate witness key\x00" + self.secret).hexdigest()
        return f"key:{digest[:16]}"

    @classmethod
    def generate(cls) -> WitnessKey:
        return cls(AESGCM.generate_key(bit_length=256))

    @classmethod
    def decode(cls, text: str, *, subject: str) -> WitnessKey:
        try:
            raw = base64.b64decode(text.strip(), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise SealingError(3, "not a base64 key", subject=subject) from exc
        if len(raw) != 32:
            raise SealingError(3, f"a key is 32 bytes, this one {len(raw)}", subject=subject)
        return cls(raw)

    def encoded(self) -> str:
        return base64.b64encode(self.secret).decode("ascii")


def seal_bytes(key: WitnessKey, data: bytes, bound_to: str) -> bytes:
    nonce = os.urandom(NONCE)
    return nonce + AESGCM(key.secret).encrypt(nonce, data, bound_to.encode("utf-8"))


def open_bytes(key: WitnessKey, sealed: bytes, bound_to: str) -> bytes:
    """The plaintext, or ``SealingError`` K005 if it was altered or sealed with another key."""
    try:
        return AESGCM(key.secret).decrypt(sealed[:NONCE], sealed[NONCE:], bound_to.encode())
    except (InvalidTag, ValueError) as exc:
        raise SealingError(
            5,
            "cannot be opened with this key (altered, or sealed with another key)",
            subject=bound_to,
        ) from exc


@dataclass(frozen=True, slots=True)
class Identity:
    """One protected value as sealed: the salt keeps its ledger commitment unguessable."""

    ref: str
    kind: Kind
    value: str
    salt: str = field(repr=False)

    @property
    def digest(self) -> str:
        return make_id("identity", self.ref, self.kind, self.value, self.salt)

    def plaintext(self) -> bytes:
        return canonical_json({"kind": self.kind, "value": self.value, "salt": self.salt}).encode()

    @classmethod
    def new(cls, kind: Kind, value: str) -> Identity:
        return cls(REF_PREFIX + secrets.token_hex(8), kind, value, secrets.token_hex(16))


def normal(value: str) -> str:
    """The form two spellings of one value share: case and spacing ignored."""
    return " ".join(value.split()).casefold()


def kind_of(meta_key: str) -> Kind:
    return "contact" if meta_key in CONTACT_KEYS else "person"


def carries_identities(reports: tuple[Report, ...]) -> bool:
    return any(k in IDENTITY_KEYS and v for r in reports for k, v in r.meta)


# -- sealing an ingest ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SealedIngest:
    """What the store writes for one file: ``stored`` goes in ``blobs.data``; ``commitments``
    (reference -> ``Identity.digest``) into the ingest's ledger row."""

    source: str
    reports: tuple[Report, ...]
    stored: bytes
    commitments: dict[str, str]


def seal_ingest(
    conn: Connection,
    key: WitnessKey | None,
    *,
    blob_id: str,
    data: bytes,
    source: str,
    reports: tuple[Report, ...],
) -> SealedIngest:
    """Seal a file's identities, name and bytes; a file without identities passes as it is."""
    if not carries_identities(reports):
        return SealedIngest(source, reports, data, {})
    if key is None:
        raise SealingError(
            1,
            "witness key missing: set CORROBORATE_KEY or restore the key file "
            "(`corroborate init` makes one for a new store)",
            subject="testimony",
        )
    known = {(i.kind, normal(i.value)): i for i in identities(conn, key, people=True).values()}
    new: list[Identity] = []

    def ref_for(kind: Kind, value: str) -> str:
        if (kind, normal(value)) not in known:
            new.append(Identity.new(kind, value))
            known[(kind, normal(value))] = new[-1]
        return known[(kind, normal(value))].ref

    with_refs = [_with_refs(r, ref_for) for r in reports]
    named = Identity.new("source", source)
    new.append(named)
    mentions = Mentions(
        [
            Person(i.ref, (i.value,), i.kind == "contact")
            for i in known.values()
            if i.kind != "source"
        ]
    )
    sealed = tuple(_redacted(r, mentions, named.ref) for r in with_refs)
    _write(conn, key, new, blob_id)
    commitments = {i.ref: i.digest for i in new}
    return SealedIngest(named.ref, sealed, seal_bytes(key, data, blob_id), commitments)


def _with_refs(report: Report, ref_for: Callable[[Kind, str], str]) -> Report:
    meta = tuple(
        (k, ref_for(kind_of(k), v) if k in IDENTITY_KEYS and v else v) for k, v in report.meta
    )
    return replace(report, meta=meta)


def _redacted(report: Report, mentions: Mentions, source: str) -> Report:
    """The report as stored: every protected person it mentions (in its text, title or other
    metadata) written as their reference; the file's own bytes keep the original, sealed."""
    meta = tuple((k, v if k in IDENTITY_KEYS else mentions.replace(v)) for k, v in report.meta)
    title = mentions.replace(report.title) if report.title else report.title
    text = mentions.replace(report.text)
    return replace(report, source_name=source, text=text, title=title, meta=meta)


def _write(conn: Connection, key: WitnessKey, new: list[Identity], blob_id: str) -> None:
    for identity in new:
        conn.execute(
            insert(schema.identities).values(
                ref=identity.ref,
                kind=identity.kind,
                key_id=key.id,
                sealed=seal_bytes(key, identity.plaintext(), identity.ref),
            )
        )
    already = select(schema.sealed_blobs.c.blob_id).where(schema.sealed_blobs.c.blob_id == blob_id)
    if conn.execute(already).first() is None:
        conn.execute(insert(schema.sealed_blobs).values(blob_id=blob_id, key_id=key.id))


# readers of formats that carry witness identities (testimony tables): a file of theirs
# that could not be read may still name witnesses in its bytes
WITNESS_READERS = frozenset({"csv"})


def seal_unread(conn: Connection, key: WitnessKey, blob_id: str, data: bytes) -> bytes:
    """The bytes of an unreadable testimony file, sealed as a readable one's would be: no
    reader found its witnesses, but they may be in it all the same."""
    conn.execute(insert(schema.sealed_blobs).values(blob_id=blob_id, key_id=key.id))
    return seal_bytes(key, data, blob_id)


def is_sealed(conn: Connection, blob_id: str) -> bool:
    query = select(schema.sealed_blobs.c.blob_id).where(schema.sealed_blobs.c.blob_id == blob_id)
    return conn.execute(query).first() is not None


# -- reading ----------------------------------------------------------------------------


def identity_kinds(conn: Connection) -> dict[str, str]:
    """Reference -> kind of every sealed identity; needs no key."""
    query = select(schema.identities.c.ref, schema.identities.c.kind)
    return {row.ref: row.kind for row in conn.execute(query)}


def identity_rows(conn: Connection, *, people: bool = False) -> Iterator[tuple[str, str, bytes]]:
    """``(ref, key_id, sealed)`` of every identity (``people``: persons and contacts only,
    not file names), as stored."""
    query = select(schema.identities).order_by(schema.identities.c.ref)
    if people:
        query = query.where(schema.identities.c.kind != "source")
    for row in conn.execute(query):
        yield row.ref, row.key_id, bytes(row.sealed)


def open_identity(key: WitnessKey, ref: str, sealed: bytes) -> Identity:
    plain = open_bytes(key, sealed, ref)
    fields = json.loads(plain)
    return Identity(ref, fields["kind"], fields["value"], fields["salt"])


def identities(conn: Connection, key: WitnessKey, *, people: bool = False) -> dict[str, Identity]:
    """Every sealed identity (``people``: persons and contacts only), opened with ``key``."""
    rows = identity_rows(conn, people=people)
    return {ref: open_identity(key, ref, sealed) for ref, _, sealed in rows}


def sealed_blob_ids(conn: Connection) -> set[str]:
    return set(conn.execute(select(schema.sealed_blobs.c.blob_id)).scalars())


def key_ids(conn: Connection) -> set[str]:
    """The ids of every key something in the store is sealed with (one, after a rotation)."""
    found = set(conn.execute(select(schema.identities.c.key_id).distinct()).scalars())
    return found | set(conn.execute(select(schema.sealed_blobs.c.key_id).distinct()).scalars())


# -- rotation ---------------------------------------------------------------------------


def reseal(conn: Connection, old: WitnessKey, new: WitnessKey) -> tuple[int, int]:
    """Re-encrypt every identity and sealed blob from ``old`` to ``new``, in the caller's
    transaction; return how many identities and blobs."""
    rows = list(identity_rows(conn))
    for ref, _, sealed in rows:
        plain = open_bytes(old, sealed, ref)
        conn.execute(
            update(schema.identities)
            .where(schema.identities.c.ref == ref)
            .values(sealed=seal_bytes(new, plain, ref), key_id=new.id)
        )
    blob_ids = sorted(sealed_blob_ids(conn))
    for blob_id in blob_ids:
        _reseal_blob(conn, blob_id, old, new)
    return len(rows), len(blob_ids)


def _reseal_blob(conn: Connection, blob_id: str, old: WitnessKey, new: WitnessKey) -> None:
    stored = conn.execute(select(schema.blobs.c.data).where(schema.blobs.c.id == blob_id)).scalar()
    plain = open_bytes(old, bytes(stored or b""), blob_id)
    conn.execute(
        update(schema.blobs)
        .where(schema.blobs.c.id == blob_id)
        .values(data=seal_bytes(new, plain, blob_id))
    )
    conn.execute(
        update(schema.sealed_blobs)
        .where(schema.sealed_blobs.c.blob_id == blob_id)
        .values(key_id=new.id)
    )
