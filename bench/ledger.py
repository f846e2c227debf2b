"""The ledger as a Merkle tree log: append rate, and proof sizes and times, by log size.

A fresh SQLite store grows to 10^4, 10^5 and 10^6 ledger rows of ingest-like payloads. Most
rows are bulk-inserted (``bulk``): sealed by ``chain.seal`` with their Merkle nodes made by
``merkle.Builder``, the functions the append path runs, 50,000 rows per transaction. The
last ``--appends`` rows of each stage go through the store's own append path
(``Store._append``: ledger row, Merkle nodes, chain head), in one transaction, for the
append rate at that size. At each size the stored tree is checked against a recomputation
(up to 10^5), then measured: the root, inclusion proofs (RFC 9162 PATH) for random leaves
and consistency proofs (PROOF) from random earlier sizes: entries, bytes, time to compute
from the stored nodes and time to verify.

    python bench/ledger.py [--sizes 10000,100000,1000000] [--samples 200] [--appends 1000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, select, update

from bench.common import peak_rss_mib, write_result
from corroborate.ids import canonical_json
from corroborate.store import Store, merkle, schema, tree
from corroborate.store.chain import seal
from corroborate.store.core import _now
from corroborate.store.log_checks import check_tree

BATCH = 50_000
CHECK_UP_TO = 100_000


def append(store: Store, start: int, end: int) -> float:
    """Append rows ``start + 1 .. end`` through ``Store._append``, one transaction; seconds."""
    started = time.perf_counter()
    with store.engine.begin() as conn:
        for n in range(start, end):
            store._append(
                conn, actor="bench", action="ingest", subject=_blob(n), payload=_payload(n)
            )
    return time.perf_counter() - started


def bulk(store: Store, start: int, end: int) -> float:
    """Rows ``start + 1 .. end`` sealed and hashed as an append does, inserted in bulk."""
    started = time.perf_counter()
    with store.engine.connect() as conn:
        builder = merkle.Builder()
        builder.size, builder.peaks = start, tree.read_nodes(conn, merkle.pieces(0, start))
    prev = store.head()[1]
    for first in range(start, end, BATCH):
        rows, nodes = [], []
        for n in range(first, min(first + BATCH, end)):
            row = seal(
                seq=n + 1,
                at=_now(),
                actor="bench",
                action="ingest",
                subject=_blob(n),
                payload=canonical_json(_payload(n)),
                prev_hash=prev,
            )
            rows.append(asdict(row))
            nodes += [
                {"pos": merkle.position(node), "hash": digest}
                for node, digest in builder.add(merkle.leaf_data(row.hash))
            ]
            prev = row.hash
        with store.engine.begin() as conn:
            conn.execute(insert(schema.ledger), rows)
            conn.execute(insert(schema.merkle_nodes), nodes)
            conn.execute(update(schema.chain_head).values(seq=rows[-1]["seq"], hash=prev))
    return time.perf_counter() - started


def _blob(n: int) -> str:
    return "sha256:" + hashlib.sha256(str(n).encode()).hexdigest()


def _payload(n: int) -> dict[str, Any]:
    report = "sha256:" + hashlib.sha256(f"report {n}".encode()).hexdigest()
    return {
        "blob_id": _blob(n),
        "size": 2000 + n % 997,
        "source": f"feeds/d{n:07d}.txt",
        "reports": [{"id": report, "digest": _blob(-n)}],
    }


def _grow(store: Store, done: int, size: int, appends: int) -> dict[str, Any]:
    middle = max(done, size - appends)
    bulk_s, append_s = bulk(store, done, middle), append(store, middle, size)
    stage = {
        "bulk_rows": middle - done,
        "bulk_rows_per_s": round((middle - done) / bulk_s, 1) if middle > done else None,
        "appended_rows": size - middle,
        "appends_per_s": round((size - middle) / append_s, 1),
    }
    if size <= CHECK_UP_TO:
        started = time.perf_counter()
        assert not check_tree(store, None, lambda _stage: None).findings
        stage["tree_check_seconds"] = round(time.perf_counter() - started, 2)
    return stage


def measure(store: Store, size: int, samples: int, rng: random.Random) -> dict[str, Any]:
    with store.engine.connect() as conn:
        started = time.perf_counter()
        root = tree.root(conn, size)
        root_ms = (time.perf_counter() - started) * 1000
        inclusion = [_inclusion(conn, rng.randrange(size), size, root) for _ in range(samples)]
        consistency = [
            _consistency(conn, rng.randrange(1, size), size, root) for _ in range(samples)
        ]
    return {
        "rows": size,
        "root_ms": round(root_ms, 3),
        "inclusion": _summary(inclusion),
        "consistency": _summary(consistency),
    }


def _inclusion(conn: Any, index: int, size: int, root: bytes) -> tuple[int, float, float]:
    chain_hash = conn.execute(
        select(schema.ledger.c.hash).where(schema.ledger.c.seq == index + 1)
    ).scalar_one()
    started = time.perf_counter()
    path = tree.inclusion(conn, index, size)
    computed = time.perf_counter()
    leaf = merkle.leaf_hash(merkle.leaf_data(chain_hash))
    assert merkle.verify_inclusion(index, size, leaf, path, root)
    return len(path), computed - started, time.perf_counter() - computed


def _consistency(conn: Any, old: int, size: int, root: bytes) -> tuple[int, float, float]:
    old_root = tree.root(conn, old)
    started = time.perf_counter()
    proof = tree.consistency(conn, old, size)
    computed = time.perf_counter()
    assert merkle.verify_consistency(old, size, old_root, root, proof)
    return len(proof), computed - started, time.perf_counter() - computed


def _summary(runs: list[tuple[int, float, float]]) -> dict[str, Any]:
    entries = [r[0] for r in runs]
    return {
        "entries_mean": round(statistics.mean(entries), 2),
        "entries_max": max(entries),
        "bytes_max": 32 * max(entries),
        "compute_ms_mean": round(statistics.mean(r[1] for r in runs) * 1000, 3),
        "compute_ms_p95": round(sorted(r[1] for r in runs)[int(len(runs) * 0.95)] * 1000, 3),
        "verify_ms_mean": round(statistics.mean(r[2] for r in runs) * 1000, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--appends", type=int, default=1000)
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(12)
    stages: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ledger.db"
        store = Store(f"sqlite:///{path}")
        store.migrate()
        append(store, 0, 1)  # the first row makes the chain head
        done = 1
        for size in sizes:
            stage = _grow(store, done, size, args.appends)
            stage |= measure(store, size, args.samples, rng)
            files = [path, path.with_name(path.name + "-wal")]
            stage["db_mib"] = round(sum(f.stat().st_size for f in files if f.exists()) / 2**20, 1)
            stages.append(stage)
            print(json.dumps(stage), flush=True)
            done = size
        store.close()
    figures = {
        "batch_rows": BATCH,
        "samples": args.samples,
        "stages": stages,
        "peak_memory": peak_rss_mib(),
    }
    out = write_result("ledger", figures)
    print(json.dumps(figures, indent=2))
    print(f"written to {out}")


if __name__ == "__main__":
    main()
