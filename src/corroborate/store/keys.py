"""Where the witness key lives, how a store finds it, and how it is replaced.

The key never enters the database. It is ``CORROBORATE_KEY`` (base64) when set, else the
file ``<key_dir>/witness-<store id>.key`` (mode 0600), one per store, which ``init`` makes
when the store has no key yet. The store records only the key's id (``WitnessKey.id``), so
a wrong key is refused (K002) instead of sealing new witnesses under a second key.

``rotate`` writes the new key beside the old one (``….key.new``), re-encrypts every sealed
item in one transaction that also records the new id, then moves the new file over the
old one. A crash before the commit leaves the old key in force (the stray ``.new`` file is
removed at the next open); a crash after it is finished at the next open, which sees that
the store records the new file's id.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, delete, insert, select

from corroborate.errors import SealingError
from corroborate.settings import Settings
from corroborate.store import schema
from corroborate.store.core import Store
from corroborate.store.sealing import WitnessKey, reseal

log = logging.getLogger(__name__)
KEY_ID = "witness-key-id"  # the name under which ``secrets`` keeps the key's id


def key_file(store: Store, key_dir: Path) -> Path:
    return key_dir / f"witness-{store.secret('store-id')[:16]}.key"


def open_key(store: Store, settings: Settings, *, create: bool = False) -> WitnessKey | None:
    """The store's witness key, or ``None`` when there is none here; with ``create``, a store
    that has no key yet gets one (a new key file)."""
    path = key_file(store, settings.key_dir)
    expected = recorded_key_id(store)
    _finish_rotation(path, expected)
    key = _find(path, settings)
    if key is not None and expected is not None and key.id != expected:
        raise SealingError(
            2, f"the witness key {key.id} is not this store's ({expected})", subject=str(path)
        )
    if key is None and create and expected is None:
        key = WitnessKey.generate()
        _write_key(path, key, replace_existing=False)
        log.info("witness key created at %s", path)
    if key is not None and expected is None and create:
        _record(store, key)
    return key


def require_key(store: Store, settings: Settings) -> WitnessKey:
    key = open_key(store, settings)
    if key is None:
        raise SealingError(
            1,
            "witness key missing: set CORROBORATE_KEY or restore the key file",
            subject=str(key_file(store, settings.key_dir)),
        )
    return key


def recorded_key_id(store: Store) -> str | None:
    with store.engine.connect() as conn:
        return _recorded(conn)


def _recorded(conn: Connection) -> str | None:
    query = select(schema.secrets.c.value).where(schema.secrets.c.name == KEY_ID)
    found = conn.execute(query).scalar()
    return None if found is None else str(found)


def _find(path: Path, settings: Settings) -> WitnessKey | None:
    if settings.witness_key:
        return WitnessKey.decode(settings.witness_key, subject="CORROBORATE_KEY")
    if not path.exists():
        return None
    return _read_key(path)


def _read_key(path: Path) -> WitnessKey:
    try:
        text = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        raise SealingError(3, f"cannot read the key file ({exc})", subject=str(path)) from exc
    return WitnessKey.decode(text, subject=str(path))


def _write_key(path: Path, key: WitnessKey, *, replace_existing: bool) -> None:
    flags = os.O_WRONLY | os.O_CREAT | (os.O_TRUNC if replace_existing else os.O_EXCL)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.encoded() + "\n")
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as exc:
        raise SealingError(4, f"cannot write the key file ({exc})", subject=str(path)) from exc


def _record(store: Store, key: WitnessKey) -> None:
    with store.engine.begin() as conn:
        _set_recorded(conn, key)


def _set_recorded(conn: Connection, key: WitnessKey) -> None:
    conn.execute(delete(schema.secrets).where(schema.secrets.c.name == KEY_ID))
    conn.execute(insert(schema.secrets).values(name=KEY_ID, value=key.id))


def _pending(path: Path) -> Path:
    return path.with_name(path.name + ".new")


def _finish_rotation(path: Path, expected: str | None) -> None:
    """A rotation interrupted after its commit is completed; one interrupted before, undone."""
    pending = _pending(path)
    if not pending.exists():
        return
    new = _read_key(pending)
    if new.id == expected:
        os.replace(pending, path)
    else:
        pending.unlink()


@dataclass(frozen=True, slots=True)
class Rotation:
    old_id: str
    new_id: str
    identities: int
    blobs: int
    key_file: Path


def rotate(store: Store, settings: Settings) -> Rotation:
    """Re-encrypt everything sealed under a new key and retire the old one, atomically."""
    if settings.witness_key:
        raise SealingError(
            6,
            "the key comes from CORROBORATE_KEY: keep it in a key file to rotate it",
            subject="CORROBORATE_KEY",
        )
    old = require_key(store, settings)
    new, path = WitnessKey.generate(), key_file(store, settings.key_dir)
    _write_key(_pending(path), new, replace_existing=True)
    try:
        with store.engine.begin() as conn:
            counts = reseal(conn, old, new)
            _set_recorded(conn, new)
    except BaseException:
        _pending(path).unlink(missing_ok=True)
        raise
    os.replace(_pending(path), path)
    _compact(store)
    return Rotation(old.id, new.id, counts[0], counts[1], path)


def _compact(store: Store) -> None:
    """SQLite keeps overwritten pages in free lists and the write-ahead log: rewrite the
    file and empty the log, so no ciphertext under the retired key stays on disk."""
    if store.dialect != "sqlite":
        return
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
