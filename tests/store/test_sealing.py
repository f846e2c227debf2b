"""Witness identities sealed at rest: unreadable without the key, verifiable with or without
it, and re-encrypted by a rotation that leaves nothing under the old key."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import select, update

from corroborate.errors import SealingError
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.settings import Settings
from corroborate.store import IngestRecord, Store, schema, verify
from corroborate.store.keys import key_file, open_key, recorded_key_id, rotate
from corroborate.store.sealing import (
    REF,
    Identity,
    WitnessKey,
    identities,
    identity_kinds,
    is_sealed,
    key_ids,
    normal,
    open_bytes,
    seal_bytes,
    sealed_blob_ids,
)

NAME, PHONE = "Zabelina Oksvetta", "+380 67 555 0199"
SOURCE = "/home/monitor/zabelina_oksvetta_interview.csv"


def sealed_file(*rows: tuple[str, str]) -> IngestRecord:
    """A testimony CSV: one report per ``(witness, text)`` row, a phone on the first."""
    body = "witness,phone,text\n" + "".join(f"{w},{PHONE},{t}\n" for w, t in rows)
    data, blob_id = body.encode(), digest_bytes(body.encode())
    reports = tuple(
        Report(
            blob_id=blob_id,
            item=f"row:{n}",
            source_name=SOURCE,
            media_type="text/csv",
            text=text,
            meta=(("witness", witness), ("phone", PHONE), ("place", "Lyman")),
        )
        for n, (witness, text) in enumerate(rows, start=2)
    )
    return IngestRecord(blob_id, data, SOURCE, reports)


def news() -> IngestRecord:
    data = b"Soldiers detained residents of Lyman, the mayor said."
    blob_id = digest_bytes(data)
    report = Report(blob_id, "", "news.txt", "text/plain", data.decode())
    return IngestRecord(blob_id, data, "news.txt", (report,))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(key_dir=tmp_path / "keys")


@pytest.fixture
def keyed(store: Store, settings: Settings) -> Store:
    store.witness_key = open_key(store, settings, create=True)
    store.add_ingests(
        [sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again.")), news()],
        actor="t",
    )
    return store


def test_stored_metadata_holds_references_and_the_names_open_with_the_key(keyed: Store) -> None:
    testimonies = [r for r in keyed.reports() if r.media_type == "text/csv"]
    metas = [dict(r.meta) for r in testimonies]
    assert all(REF.fullmatch(m["witness"]) and REF.fullmatch(m["phone"]) for m in metas)
    assert metas[0]["witness"] == metas[1]["witness"], "one witness, one reference"
    assert metas[0]["place"] == "Lyman"
    assert all(REF.fullmatch(r.source_name) for r in testimonies)
    assert keyed.witness_key is not None
    with keyed.engine.connect() as conn:
        opened = identities(conn, keyed.witness_key)
    assert opened[metas[0]["witness"]].value == NAME
    assert opened[metas[0]["phone"]].kind == "contact"
    assert opened[testimonies[0].source_name].value == SOURCE


def test_the_raw_testimony_is_stored_encrypted(keyed: Store) -> None:
    record = sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again."))
    stored = keyed.blob(record.blob_id)
    assert stored is not None and NAME.encode() not in stored and b"took us" not in stored
    assert keyed.blob(news().blob_id) == news().data


def test_no_ledger_row_names_the_witness(keyed: Store) -> None:
    rows = " ".join(row.payload for row in keyed.ledger_rows())
    assert "oksvetta" not in rows.casefold() and "0199" not in rows
    ingest = json.loads(next(keyed.ledger_rows()).payload)
    assert len(ingest["identities"]) == 3  # the name, the phone, the file's name


def test_verify_checks_sealed_items_with_the_key_and_counts_them_without(keyed: Store) -> None:
    with_key = verify(keyed)
    assert with_key.ok and with_key.sealed == 4 and with_key.sealed_note.endswith("with key")
    keyed.witness_key = None
    without = verify(keyed)
    assert without.ok, without.findings
    assert without.sealed == 4 and without.sealed_note == "sealed, not checked: no key"


def test_a_sealed_identity_swapped_by_someone_with_the_key_is_named(keyed: Store) -> None:
    key = keyed.witness_key
    assert key is not None
    with keyed.engine.begin() as conn:
        ref = conn.execute(
            select(schema.identities.c.ref).where(schema.identities.c.kind == "person")
        ).scalar_one()
        fake = replace(identities(conn, key)[ref], value="Somebody Else")
        conn.execute(
            update(schema.identities)
            .where(schema.identities.c.ref == ref)
            .values(sealed=seal_bytes(key, fake.plaintext(), ref))
        )
    assert {f.kind for f in verify(keyed).findings} == {"identity-altered"}


def test_a_damaged_sealed_blob_is_named_with_the_key(keyed: Store) -> None:
    blob_id = sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again.")).blob_id
    stored = keyed.blob(blob_id)
    assert stored is not None
    with keyed.engine.begin() as conn:
        conn.execute(
            update(schema.blobs)
            .where(schema.blobs.c.id == blob_id)
            .values(data=stored[:-1] + bytes([stored[-1] ^ 1]))
        )
    assert {(f.kind, f.subject) for f in verify(keyed).findings} == {("blob-altered", blob_id)}


def test_a_testimony_without_a_key_is_refused(store: Store) -> None:
    store.witness_key = None
    with pytest.raises(SealingError, match=r"^\[K001\]"):
        store.add_ingests([sealed_file((NAME, "text"))], actor="t")
    assert store.counts()["blobs"] == 0


def test_a_key_that_is_not_the_stores_is_refused(keyed: Store, settings: Settings) -> None:
    other = WitnessKey.generate().encoded()
    with pytest.raises(SealingError, match=r"^\[K002\]"):
        open_key(keyed, Settings(key_dir=settings.key_dir, witness_key=other))


def test_the_key_file_is_private_and_the_store_keeps_only_its_id(
    keyed: Store, settings: Settings
) -> None:
    path = key_file(keyed, settings.key_dir)
    assert path.stat().st_mode & 0o777 == 0o600
    key = WitnessKey.decode(path.read_text(), subject="test")
    assert recorded_key_id(keyed) == key.id
    with keyed.engine.connect() as conn:
        values = list(conn.execute(select(schema.secrets.c.value)).scalars())
    assert key.encoded() not in values


def test_rotation_reseals_everything_and_verify_passes(keyed: Store, settings: Settings) -> None:
    old = keyed.witness_key
    assert old is not None
    done = rotate(keyed, settings)
    assert (done.old_id, done.identities, done.blobs) == (old.id, 3, 1)
    new = open_key(keyed, settings)
    assert new is not None and new.id == done.new_id != old.id
    keyed.witness_key = new
    assert verify(keyed).ok
    with keyed.engine.connect() as conn:
        assert {row.key_id for row in conn.execute(select(schema.identities))} == {new.id}
        assert identities(conn, new)
        with pytest.raises(SealingError, match="K005"):
            identities(conn, old)
    keyed.witness_key = None
    assert verify(keyed).ok


def test_rotation_leaves_no_old_ciphertext_in_the_sqlite_file(
    sqlite_url: str, settings: Settings
) -> None:
    store = Store(sqlite_url)
    store.migrate()
    store.witness_key = open_key(store, settings, create=True)
    store.add_ingests([sealed_file((NAME, "They took us away."))], actor="t")
    with store.engine.connect() as conn:
        old = [bytes(r.sealed) for r in conn.execute(select(schema.identities))]
        sealed_ids = list(conn.execute(select(schema.sealed_blobs.c.blob_id)).scalars())
    old += [store.blob(blob_id) or b"" for blob_id in sealed_ids]
    rotate(store, settings)
    store.close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    on_disk = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert old and not [c for c in old if c[12:40] in on_disk]


def test_an_interrupted_rotation_is_undone_or_finished(keyed: Store, settings: Settings) -> None:
    path = key_file(keyed, settings.key_dir)
    stray = path.with_name(path.name + ".new")
    stray.write_text(WitnessKey.generate().encoded())
    assert open_key(keyed, settings) == keyed.witness_key and not stray.exists()


def test_the_database_file_holds_no_witness_name(sqlite_url: str, settings: Settings) -> None:
    store = Store(sqlite_url)
    store.migrate()
    store.witness_key = open_key(store, settings, create=True)
    store.add_ingests([sealed_file((NAME, "They took us away."))], actor="t")
    store.close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    on_disk = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*")).lower()
    for part in ("zabelina", "oksvetta", "555 0199", "/home/monitor"):
        assert part.encode() not in on_disk


def test_every_sealed_blob_and_identity_is_counted(keyed: Store) -> None:
    second = sealed_file(("Pavlo Hrynko", "We hid in the cellar."))
    keyed.add_ingests([second], actor="t")
    # two sealed blobs; identities: name, phone and file name of the first file, then a
    # new name and the second file's name (the phone is the same value, one reference)
    assert verify(keyed).sealed == 2 + 3 + 2
    keyed.witness_key = None
    assert verify(keyed).sealed == 7


def test_a_sealed_blob_of_the_wrong_length_is_named_without_the_key(keyed: Store) -> None:
    blob_id = sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again.")).blob_id
    stored = keyed.blob(blob_id)
    assert stored is not None
    with keyed.engine.begin() as conn:
        conn.execute(
            update(schema.blobs).where(schema.blobs.c.id == blob_id).values(data=stored[:-1])
        )
    keyed.witness_key = None
    assert [(f.kind, f.subject) for f in verify(keyed).findings] == [("blob-altered", blob_id)]


def test_a_sealed_blob_reads_back_plain_only_with_the_key(keyed: Store) -> None:
    record = sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again."))
    assert keyed.plain_blob(record.blob_id) == record.data
    keyed.witness_key = None
    with pytest.raises(SealingError, match=r"^\[K001\] sha256:[0-9a-f]+: witness key missing"):
        keyed.plain_blob(record.blob_id)


def test_sealed_identities_missing_or_never_ledgered_are_named(keyed: Store) -> None:
    key = keyed.witness_key
    assert key is not None
    with keyed.engine.begin() as conn:
        ref = conn.execute(
            select(schema.identities.c.ref).where(schema.identities.c.kind == "contact")
        ).scalar_one()
        conn.execute(schema.identities.delete().where(schema.identities.c.ref == ref))
        conn.execute(
            schema.identities.insert().values(
                ref="sealed:00000000000000ff", kind="person", key_id=key.id, sealed=b"x" * 40
            )
        )
    expected = [
        (
            "identity-unledgered",
            "sealed:00000000000000ff",
            "sealed identity never recorded in the ledger",
        ),
        ("identity-missing", ref, "recorded in the ledger but not stored"),
    ]
    assert [(f.kind, f.subject, f.detail) for f in verify(keyed).findings] == expected
    keyed.witness_key = None  # none of this needs the key
    assert [(f.kind, f.subject, f.detail) for f in verify(keyed).findings] == expected


def test_a_damaged_identity_is_named_only_with_the_key(keyed: Store) -> None:
    with keyed.engine.begin() as conn:
        ref = conn.execute(
            select(schema.identities.c.ref).where(schema.identities.c.kind == "contact")
        ).scalar_one()
        conn.execute(
            update(schema.identities).where(schema.identities.c.ref == ref).values(sealed=b"y" * 40)
        )
    assert [(f.kind, f.subject, f.detail) for f in verify(keyed).findings] == [
        ("identity-altered", ref, "sealed identity differs from the ledger's")
    ]
    keyed.witness_key = None
    assert verify(keyed).ok


def test_rotation_moves_every_sealed_blob_to_the_new_key(keyed: Store, settings: Settings) -> None:
    old = keyed.witness_key
    assert old is not None
    with keyed.engine.connect() as conn:
        assert key_ids(conn) == {old.id}
    done = rotate(keyed, settings)
    with keyed.engine.connect() as conn:
        assert key_ids(conn) == {done.new_id}
        assert set(conn.execute(select(schema.sealed_blobs.c.key_id)).scalars()) == {done.new_id}


def test_each_sealed_identity_is_known_by_its_kind_without_the_key(keyed: Store) -> None:
    testimony = next(r for r in keyed.reports() if r.media_type == "text/csv")
    meta = dict(testimony.meta)
    with keyed.engine.connect() as conn:
        kinds = identity_kinds(conn)
    assert kinds[meta["witness"]] == "person" and kinds[meta["phone"]] == "contact"
    assert kinds[testimony.source_name] == "source"
    assert len(kinds) == 3


def unread(data: bytes, reader: str) -> IngestRecord:
    blob_id = digest_bytes(data)
    return IngestRecord(blob_id, data, "t.csv", (), reader=reader, code="I004", error="bad row")


def test_an_unreadable_testimony_table_is_sealed_all_the_same(store: Store) -> None:
    assert store.witness_key is not None
    data = f"witness,text\n{NAME},They took us\x00".encode()
    record = unread(data, "csv")
    store.add_ingests([record], actor="t")
    stored = store.blob(record.blob_id)
    assert stored is not None and len(stored) == len(data) + 28 and NAME.encode() not in stored
    assert store.plain_blob(record.blob_id) == data
    with store.engine.connect() as conn:
        assert is_sealed(conn, record.blob_id)
        assert key_ids(conn) == {store.witness_key.id}  # no identity, one sealed blob
        assert identity_kinds(conn) == {}
    assert verify(store).ok


def test_an_unreadable_file_of_another_reader_is_kept_plain(store: Store) -> None:
    record = unread(b"%PDF-1.7 damaged", "pdf")
    store.add_ingests([record], actor="t")
    assert store.blob(record.blob_id) == b"%PDF-1.7 damaged"
    with store.engine.connect() as conn:
        assert not is_sealed(conn, record.blob_id) and key_ids(conn) == set()


def test_every_mention_in_title_text_and_other_metadata_becomes_the_reference(store: Store) -> None:
    body = b"witness,text\nIvan Sealed,Ivan Sealed saw the column\n"
    blob_id = digest_bytes(body)
    report = Report(
        blob_id=blob_id,
        item="row:2",
        source_name="statements.csv",
        media_type="text/csv",
        text="Ivan Sealed saw the column.",
        title="Statement of Ivan Sealed",
        meta=(("witness", "Ivan Sealed"), ("note", "ask Ivan Sealed again")),
    )
    store.add_ingests([IngestRecord(blob_id, body, "statements.csv", (report,))], actor="t")
    stored = next(iter(store.reports()))
    ref = dict(stored.meta)["witness"]
    assert REF.fullmatch(ref), "a reference is never rewritten, though a name is a word of it"
    assert stored.text == f"{ref} saw the column."
    assert stored.title == f"Statement of {ref}"
    assert dict(stored.meta)["note"] == f"ask {ref} again"


def test_a_second_sealed_file_is_recorded_as_sealed_too(keyed: Store) -> None:
    first = sealed_file((NAME, "They took us away."), ("zabelina oksvetta", "Again."))
    second = sealed_file(("Petro Lastivka", "We hid in the cellar."))
    keyed.add_ingests([second], actor="t")
    with keyed.engine.connect() as conn:
        assert sealed_blob_ids(conn) == {first.blob_id, second.blob_id}


def test_people_only_leaves_the_file_names_out(keyed: Store) -> None:
    assert keyed.witness_key is not None
    with keyed.engine.connect() as conn:
        everyone = identities(conn, keyed.witness_key)
        people = identities(conn, keyed.witness_key, people=True)
    assert sorted(i.kind for i in everyone.values()) == ["contact", "person", "source"]
    assert sorted((i.kind, i.value) for i in people.values()) == [
        ("contact", PHONE),
        ("person", NAME),
    ]


def test_two_spellings_of_a_name_share_one_normal_form() -> None:
    assert normal("  Zabelina \t OKSVETTA\n") == "zabelina oksvetta"


def test_a_new_identity_has_a_16_digit_reference_and_a_32_digit_salt() -> None:
    identity = Identity.new("person", NAME)
    assert re.fullmatch(r"sealed:[0-9a-f]{16}", identity.ref)
    assert re.fullmatch(r"[0-9a-f]{32}", identity.salt)


def test_bytes_sealed_under_another_key_are_refused_by_name() -> None:
    sealed = seal_bytes(WitnessKey.generate(), b"testimony", "sha256:ab")
    with pytest.raises(SealingError) as caught:
        open_bytes(WitnessKey.generate(), sealed, "sha256:ab")
    assert str(caught.value) == (
        "[K005] sha256:ab: cannot be opened with this key (altered, or sealed with another key)"
    )


def test_a_witness_key_that_is_not_32_bytes_of_base64_is_refused_by_name() -> None:
    key = WitnessKey.generate().encoded()
    assert WitnessKey.decode(f" {key}\n", subject="k").encoded() == key
    with pytest.raises(SealingError) as garbled:
        WitnessKey.decode(key[:10] + "*" + key[10:], subject="CORROBORATE_KEY")
    assert str(garbled.value) == "[K003] CORROBORATE_KEY: not a base64 key"
    with pytest.raises(SealingError) as short:
        WitnessKey.decode(base64.b64encode(bytes(16)).decode(), subject="/keys/w.key")
    assert str(short.value) == "[K003] /keys/w.key: a key is 32 bytes, this one 16"
