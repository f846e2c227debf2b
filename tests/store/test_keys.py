"""The witness key's refusals and its rotation: what is said, what is left on disk."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from sqlalchemy import insert, text, update

from corroborate.errors import SealingError
from corroborate.settings import Settings
from corroborate.store import Store, keys, schema
from corroborate.store.keys import (
    _write_key,
    key_file,
    open_key,
    recorded_key_id,
    require_key,
    rotate,
)
from corroborate.store.sealing import WitnessKey
from tests.store.test_sealing import NAME, sealed_file


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(key_dir=tmp_path / "keys")


@pytest.fixture
def keyed(store: Store, settings: Settings) -> Store:
    store.witness_key = open_key(store, settings, create=True)
    store.add_ingests([sealed_file((NAME, "They took us away."))], actor="t")
    return store


def test_a_missing_key_names_the_file_it_looked_for(store: Store, settings: Settings) -> None:
    path = key_file(store, settings.key_dir)
    with pytest.raises(SealingError) as caught:
        require_key(store, settings)
    assert str(caught.value) == (
        f"[K001] {path}: witness key missing: set CORROBORATE_KEY or restore the key file"
    )
    assert path.parent == settings.key_dir and path.name.startswith("witness-")


def test_a_key_from_the_environment_is_not_rotated(store: Store, tmp_path: Path) -> None:
    from_env = Settings(key_dir=tmp_path / "keys", witness_key=WitnessKey.generate().encoded())
    with pytest.raises(SealingError) as caught:
        rotate(store, from_env)
    assert str(caught.value) == (
        "[K006] CORROBORATE_KEY: the key comes from CORROBORATE_KEY: "
        "keep it in a key file to rotate it"
    )


def test_a_rotation_names_its_key_file_and_leaves_no_old_pages_on_sqlite(
    keyed: Store, settings: Settings
) -> None:
    done = rotate(keyed, settings)
    assert done.key_file == key_file(keyed, settings.key_dir)
    if keyed.dialect == "sqlite":  # the file is rewritten (VACUUM) and its log emptied
        database = Path(keyed.url.removeprefix("sqlite:///"))
        assert Path(f"{database}-wal").stat().st_size == 0
        with keyed.engine.connect() as conn:
            assert conn.execute(text("PRAGMA freelist_count")).scalar() == 0


def test_a_rotation_that_fails_leaves_the_old_key_in_force(
    keyed: Store, settings: Settings
) -> None:
    old = keyed.witness_key
    assert old is not None
    path = key_file(keyed, settings.key_dir)
    before = path.read_text()
    blob_id = sealed_file((NAME, "They took us away.")).blob_id
    with keyed.engine.begin() as conn:  # a sealed blob no key opens: the rotation stops
        conn.execute(update(schema.blobs).where(schema.blobs.c.id == blob_id).values(data=b"x"))
    with pytest.raises(SealingError, match=r"\[K005\]"):
        rotate(keyed, settings)
    assert path.read_text() == before
    assert not path.with_name(path.name + ".new").exists()
    assert recorded_key_id(keyed) == old.id


def test_a_damaged_key_from_the_environment_is_named_as_such(store: Store, tmp_path: Path) -> None:
    from_env = Settings(key_dir=tmp_path / "keys", witness_key="not base64!")
    with pytest.raises(SealingError) as caught:
        open_key(store, from_env)
    assert str(caught.value) == "[K003] CORROBORATE_KEY: not a base64 key"


def test_a_damaged_key_file_is_named(keyed: Store, settings: Settings) -> None:
    path = key_file(keyed, settings.key_dir)
    path.write_text("not base64!\n")
    with pytest.raises(SealingError) as caught:
        open_key(keyed, settings)
    assert str(caught.value) == f"[K003] {path}: not a base64 key"


def test_a_key_file_that_is_not_ascii_cannot_be_read(keyed: Store, settings: Settings) -> None:
    path = key_file(keyed, settings.key_dir)
    path.write_bytes("clé\n".encode())
    with pytest.raises(SealingError) as caught:
        open_key(keyed, settings)
    assert caught.value.code == "K003" and caught.value.subject == str(path)
    assert caught.value.message.startswith("cannot read the key file ('ascii' codec can't decode")


def test_a_key_file_that_is_a_folder_is_named(store: Store, settings: Settings) -> None:
    path = key_file(store, settings.key_dir)
    path.mkdir(parents=True)
    with pytest.raises(SealingError) as caught:
        open_key(store, settings)
    assert str(caught.value) == (
        f"[K003] {path}: cannot read the key file ([Errno 21] Is a directory: '{path}')"
    )


def test_a_rotation_cut_off_after_its_commit_is_finished_at_the_next_open(
    keyed: Store, settings: Settings
) -> None:
    path = key_file(keyed, settings.key_dir)
    new = WitnessKey.generate()
    path.with_name(path.name + ".new").write_text(new.encoded() + "\n")
    with keyed.engine.begin() as conn:  # the rotation's transaction had recorded the new id
        conn.execute(
            update(schema.secrets)
            .where(schema.secrets.c.name == "witness-key-id")
            .values(value=new.id)
        )
    assert open_key(keyed, settings) == new
    assert path.read_text() == new.encoded() + "\n"
    assert not path.with_name(path.name + ".new").exists()


def test_a_damaged_pending_key_file_is_named(keyed: Store, settings: Settings) -> None:
    path = key_file(keyed, settings.key_dir)
    pending = path.with_name(path.name + ".new")
    pending.write_text("not base64!\n")
    with pytest.raises(SealingError) as caught:
        open_key(keyed, settings)
    assert str(caught.value) == f"[K003] {pending}: not a base64 key"


def test_a_new_key_goes_in_a_private_folder_made_with_its_parents(
    store: Store, tmp_path: Path
) -> None:
    settings = Settings(key_dir=tmp_path / "a" / "b" / "keys")
    key = open_key(store, settings, create=True)
    assert key is not None and key_file(store, settings.key_dir).read_text() == key.encoded() + "\n"
    assert settings.key_dir.stat().st_mode & 0o777 == 0o700
    assert key_file(store, settings.key_dir).stat().st_mode & 0o777 == 0o600  # owner only


def test_a_key_file_is_never_overwritten_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "witness.key"
    path.write_text("kept\n")
    with pytest.raises(SealingError) as caught:
        _write_key(path, WitnessKey.generate(), replace_existing=False)
    assert str(caught.value) == (
        f"[K004] {path}: cannot write the key file ([Errno 17] File exists: '{path}')"
    )
    assert path.read_text() == "kept\n"
    key = WitnessKey.generate()
    _write_key(path, key, replace_existing=True)
    assert path.read_text() == key.encoded() + "\n"


def test_the_key_file_is_named_by_the_first_16_digits_of_the_store_id(
    store: Store, tmp_path: Path
) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(schema.secrets).values(name="store-id", value="fedcba9876543210" * 4))
    assert key_file(store, tmp_path) == tmp_path / "witness-fedcba9876543210.key"


def test_opening_without_create_makes_no_key(store: Store, settings: Settings) -> None:
    assert open_key(store, settings) is None
    assert not key_file(store, settings.key_dir).exists()
    assert recorded_key_id(store) is None


def test_a_key_file_found_is_recorded_only_when_creating(store: Store, settings: Settings) -> None:
    key = WitnessKey.generate()
    _write_key(key_file(store, settings.key_dir), key, replace_existing=False)
    assert open_key(store, settings) == key
    assert recorded_key_id(store) is None
    assert open_key(store, settings, create=True) == key
    assert recorded_key_id(store) == key.id


def test_a_key_file_written_meanwhile_by_another_process_is_not_overwritten(
    store: Store, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = key_file(store, settings.key_dir)
    theirs = WitnessKey.generate()
    _write_key(path, theirs, replace_existing=False)
    monkeypatch.setattr(keys, "_find", lambda path, settings: None)  # looked before it was there
    with pytest.raises(SealingError, match=r"^\[K004\]"):
        open_key(store, settings, create=True)
    assert path.read_text() == theirs.encoded() + "\n"


def test_a_new_key_file_is_logged(
    store: Store, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="corroborate.store.keys"):
        open_key(store, settings, create=True)
    path = key_file(store, settings.key_dir)
    assert [r.getMessage() for r in caplog.records] == [f"witness key created at {path}"]


def test_a_key_that_is_not_the_stores_names_both_ids(keyed: Store, settings: Settings) -> None:
    expected = recorded_key_id(keyed)
    other = WitnessKey.generate()
    path = key_file(keyed, settings.key_dir)
    with pytest.raises(SealingError) as caught:
        open_key(keyed, Settings(key_dir=settings.key_dir, witness_key=other.encoded()))
    assert str(caught.value) == (
        f"[K002] {path}: the witness key {other.id} is not this store's ({expected})"
    )


def test_a_pending_key_file_that_is_not_ascii_is_named_not_a_crash(
    keyed: Store, settings: Settings
) -> None:
    path = key_file(keyed, settings.key_dir)
    pending = path.with_name(path.name + ".new")
    pending.write_bytes("clé\n".encode())
    with pytest.raises(SealingError) as caught:
        open_key(keyed, settings)
    assert caught.value.code == "K003" and caught.value.subject == str(pending)
    assert caught.value.message.startswith("cannot read the key file ('ascii' codec can't decode")


def test_a_key_folder_that_cannot_be_made_is_named_not_a_crash(
    store: Store, tmp_path: Path
) -> None:
    taken = tmp_path / "keys"
    taken.write_text("a file where the key folder should be\n")
    settings = Settings(key_dir=taken)
    path = key_file(store, taken)
    with pytest.raises(SealingError) as caught:
        open_key(store, settings, create=True)
    assert str(caught.value) == (
        f"[K004] {path}: cannot write the key file ([Errno 17] File exists: '{taken}')"
    )


def test_a_rotation_counts_what_it_resealed_and_undoes_a_stray_pending_key(
    keyed: Store, settings: Settings
) -> None:
    """A rotation killed before its commit leaves its pending key file, whose key the store
    never recorded: the next rotation undoes it (opening the key) and goes ahead. Resealed:
    each witness and the phone the two testimony files share once, and each file's name."""
    keyed.add_ingests([sealed_file(("Ivo Sarnak", "The bridge was closed."))], actor="t")
    path = key_file(keyed, settings.key_dir)
    pending = path.with_name(path.name + ".new")
    stray = WitnessKey.generate()
    pending.write_text(stray.encoded() + "\n")
    old = keyed.witness_key
    assert old is not None
    done = rotate(keyed, settings)
    assert (done.old_id, done.identities, done.blobs) == (old.id, 5, 2)
    assert done.new_id not in (old.id, stray.id)
    assert WitnessKey.decode(path.read_text(), subject=str(path)).id == done.new_id
    assert recorded_key_id(keyed) == done.new_id and not pending.exists()
