"""Checkpoints and proofs end to end, on both backends: what an outsider can rely on."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import insert

from corroborate.errors import IntegrityError, NotFound
from corroborate.store import Store, merkle, schema, signing, verify
from corroborate.store.checkpoint import Checkpoint
from corroborate.store.transparency import (
    log_id,
    make_checkpoint,
    own_key,
    prove_report,
    read_checkpoint,
)
from tests.store.tampering import remove_last_ingest, rewrite_row
from tests.store.test_store import filled, record

DOCS = Path(__file__).resolve().parents[2] / "docs" / "evidence.md"


@pytest.fixture
def key_dir(tmp_path: Path) -> Path:
    signing.ensure_keypair(tmp_path / "keys")
    return tmp_path / "keys"


def _checkpoint(store: Store, key_dir: Path) -> tuple[Checkpoint, str]:
    note, _key = make_checkpoint(store, key_dir)
    return read_checkpoint(store, note, own_key(store, key_dir), subject="cp"), note


def _kinds(store: Store, checkpoint: Checkpoint | None = None) -> list[str]:
    return [finding.kind for finding in verify(store, checkpoint=checkpoint).findings]


def test_a_checkpoint_holds_after_legitimate_appends(store: Store, key_dir: Path) -> None:
    filled(store, 3)
    checkpoint, _ = _checkpoint(store, key_dir)
    assert checkpoint.size == 3 and checkpoint.head == store.head()[1]
    assert _kinds(store, checkpoint) == []
    store.add_ingests([record("later news")], actor="a")
    store.append_event(actor="analyst", action="confirm", subject="x", payload={})
    result = verify(store, checkpoint=checkpoint)
    assert result.ok and result.checkpoint_size == 3 and result.head_seq == 5


def test_removing_the_last_ingest_fails_only_against_a_checkpoint(
    store: Store, key_dir: Path
) -> None:
    filled(store, 3)
    checkpoint, _ = _checkpoint(store, key_dir)
    remove_last_ingest(store)
    assert verify(store).ok  # consistent removal: the chain alone cannot tell
    findings = verify(store, checkpoint=checkpoint).findings
    assert [(f.kind, f.subject) for f in findings] == [("checkpoint-truncated", "checkpoint #3")]
    assert "ledger holds 2: rows #3..#3 were removed" in findings[0].detail
    store.add_ingests([record("a replacement"), record("and another")], actor="a")
    assert _kinds(store, checkpoint) == ["checkpoint-rewritten"]


def test_rewriting_an_old_row_fails_against_a_checkpoint(store: Store, key_dir: Path) -> None:
    filled(store, 4)
    checkpoint, _ = _checkpoint(store, key_dir)
    rewrite_row(store, 1, actor="someone else")
    assert verify(store).ok
    assert _kinds(store, checkpoint) == ["checkpoint-rewritten"]


def test_a_rewrite_that_leaves_the_nodes_is_named_by_plain_verify(store: Store) -> None:
    filled(store, 4)
    rewrite_row(store, 2, rebuild_nodes=False, actor="someone else")
    findings = verify(store).findings
    assert [f.kind for f in findings] == ["merkle-altered"]
    assert findings[0].subject == "merkle level 0 index 1"


def test_a_checkpoint_of_another_store_is_refused(
    store: Store, key_dir: Path, tmp_path: Path
) -> None:
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    other.migrate()
    note, _ = make_checkpoint(other, key_dir)
    with pytest.raises(IntegrityError, match=r"\[V004\] cp: checkpoint of another store"):
        read_checkpoint(store, note, own_key(store, key_dir), subject="cp")


def test_an_inclusion_proof_verifies_against_today_and_a_checkpoint(
    store: Store, key_dir: Path
) -> None:
    records = filled(store, 5)
    checkpoint, note = _checkpoint(store, key_dir)
    store.add_ingests([record("after the checkpoint")], actor="a")
    target = records[2].reports[1]
    for proof, root in (
        (prove_report(store, target.id[7:20]), None),
        (prove_report(store, target.id, checkpoint=checkpoint, note=note), checkpoint.root),
    ):
        assert proof["report_id"] == target.id and proof["leaf_index"] == 2
        leaf = merkle.leaf_hash(bytes.fromhex(proof["leaf_data"]))
        path = [bytes.fromhex(p) for p in proof["audit_path"]]
        held = root or bytes.fromhex(proof["root"])
        assert merkle.verify_inclusion(2, proof["tree_size"], leaf, path, held)
    assert proof["tree_size"] == 5 and proof["checkpoint"] == note


def test_proving_a_report_newer_than_the_checkpoint_or_unknown_fails(
    store: Store, key_dir: Path
) -> None:
    filled(store, 2)
    checkpoint, _ = _checkpoint(store, key_dir)
    later = record("after the checkpoint")
    store.add_ingests([later], actor="a")
    with pytest.raises(IntegrityError, match=r"\[V006\].*ledger #3, after the checkpoint"):
        prove_report(store, later.reports[0].id, checkpoint=checkpoint)
    with pytest.raises(NotFound, match=r"\[N001\]"):
        prove_report(store, "ffffffff")
    with pytest.raises(NotFound, match=r"\[N002\]"):
        prove_report(store, "sha256:")


def test_an_earlier_head_is_accepted_and_named(store: Store) -> None:
    filled(store, 2)
    seq, head = store.head()
    filled_more = record("more")
    store.add_ingests([filled_more], actor="a")
    for written in (head, head.removeprefix("sha256:"), f"{seq}:{head}", head.upper()[7:]):
        result = verify(store, expect_head=written)
        assert result.ok and result.expected_head_seq == 2, written
    assert verify(store, expect_head=store.head()[1]).expected_head_seq == 3
    for never in ("sha256:" + "1" * 64, f"1:{head}", "1" * 64):
        assert [f.kind for f in verify(store, expect_head=never).findings] == ["ledger-head"]


def _snippet(name: str) -> str:
    found = re.search(rf"```python\n(# {name}:.*?)```", DOCS.read_text(), re.S)
    assert found, f"no {name} snippet in {DOCS}"
    return found.group(1)


def test_the_documented_snippets_check_a_proof_and_a_signature(
    store: Store, key_dir: Path, tmp_path: Path
) -> None:
    records = filled(store, 6)
    note, key = make_checkpoint(store, key_dir)
    checkpoint = read_checkpoint(store, note, key, subject="cp")
    proof = prove_report(store, records[4].reports[0].id, checkpoint=checkpoint, note=note)
    files = {
        "check_proof.py": _snippet("check_proof.py"),
        "check_signature.py": _snippet("check_signature.py"),
        "proof.json": json.dumps(proof),
        "cp.txt": note,
        "cp.txt.vkey": f"{key}\n",
        "bad.json": json.dumps(proof | {"audit_path": [proof["audit_path"][0][::-1]]}),
        "forged.txt": note.replace("\n6\n", "\n7\n"),
    }
    for name, content in files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args], cwd=tmp_path, capture_output=True, text=True, check=False
        )

    held = run("check_proof.py", "proof.json", "cp.txt")
    assert held.returncode == 0 and "proof holds" in held.stdout, held.stderr
    assert run("check_proof.py", "bad.json", "cp.txt").returncode != 0
    signed = run("check_signature.py", "cp.txt", "cp.txt.vkey")
    assert signed.returncode == 0 and "signature holds" in signed.stdout, signed.stderr
    assert run("check_signature.py", "forged.txt", "cp.txt.vkey").returncode != 0


def test_a_report_at_the_checkpoint_itself_is_proved_to_it(store: Store, key_dir: Path) -> None:
    records = filled(store, 2)
    checkpoint, _ = _checkpoint(store, key_dir)
    last = records[1].reports[0]  # vouched for by ledger row #2, the checkpoint's last
    proof = prove_report(store, last.id, checkpoint=checkpoint)
    assert (proof["leaf_index"], proof["tree_size"]) == (1, 2)
    assert "checkpoint" not in proof  # no note given, none written


def test_refusals_name_the_report_asked_for(store: Store, key_dir: Path) -> None:
    filled(store, 2)
    checkpoint, _ = _checkpoint(store, key_dir)
    later = record("after the checkpoint")
    store.add_ingests([later], actor="a")
    wanted = later.reports[0].id
    with pytest.raises(IntegrityError) as newer:
        prove_report(store, wanted, checkpoint=checkpoint)
    assert (
        str(newer.value) == f"[V006] {wanted}: vouched for by ledger #3, after the checkpoint (#2)"
    )
    with pytest.raises(NotFound) as unknown:
        prove_report(store, "ffffffff")
    assert str(unknown.value) == "[N001] ffffffff: no report with this id or prefix"
    with pytest.raises(NotFound) as several:
        prove_report(store, "sha256:")
    assert str(several.value) == (
        "[N002] sha256:: more than one report has this prefix; give more of it"
    )


@pytest.mark.parametrize("prefix", ["%", "_", "sha256:%"])
def test_a_prefix_with_a_like_wildcard_matches_only_itself(store: Store, prefix: str) -> None:
    filled(store, 2)
    with pytest.raises(NotFound, match=r"\[N001\]"):
        prove_report(store, prefix)


def test_a_checkpoint_whose_root_the_stored_tree_does_not_give_is_refused(
    store: Store, key_dir: Path
) -> None:
    records = filled(store, 2)
    checkpoint, _ = _checkpoint(store, key_dir)
    forged = replace(checkpoint, root=bytes(32))
    with pytest.raises(IntegrityError) as caught:
        prove_report(store, records[0].reports[0].id, checkpoint=forged)
    assert str(caught.value) == (
        "[V005] the stored tree no longer matches tree head #2; run `corroborate verify`"
    )


def test_the_log_id_is_the_origin_and_the_first_32_digits_of_the_stored_secret(
    store: Store,
) -> None:
    with store.engine.begin() as conn:
        conn.execute(insert(schema.secrets).values(name="log-id", value="0123456789" * 6 + "abcd"))
    assert log_id(store) == "corroborate/01234567890123456789012345678901"


def test_a_checkpoint_is_stamped_with_its_time_in_utc(store: Store, key_dir: Path) -> None:
    filled(store, 1)
    note, _key = make_checkpoint(store, key_dir)
    time_line = note.split("\n")[3]
    assert re.fullmatch(r"time \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", time_line), time_line


def test_a_refused_checkpoint_is_named_by_the_subject_given(store: Store, key_dir: Path) -> None:
    filled(store, 1)
    note, key = make_checkpoint(store, key_dir)
    with pytest.raises(IntegrityError) as garbled:
        read_checkpoint(store, "not a checkpoint", key, subject="kept.txt")
    assert str(garbled.value).startswith("[V001] kept.txt: ")
    altered = note.replace("\n1\n", "\n2\n", 1)
    with pytest.raises(IntegrityError) as forged:
        read_checkpoint(store, altered, key, subject="kept.txt")
    assert str(forged.value) == (
        "[V002] kept.txt: signature does not verify: the checkpoint was altered or forged"
    )
