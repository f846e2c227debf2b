"""A real store with a real run, for the evidence formats (PROV, BagIt, PDF).

Three sample files are ingested and analysed with the parse rules alone (fast): a testimony
table (stored sealed, under a witness key), a wire story and a party's denial. A signing key
is made in the key folder, and an analyst's ``review`` row is appended after the run.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from corroborate.export.context import ExportContext, load_context
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import WitnessKey
from corroborate.store.signing import ensure_keypair

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "corpus"
FILES = (
    "witnesses/dmg-sloviansk-testimonies.csv",
    "wires/black-sea-observer-slovyansk.txt",
    "wires/republic-herald-sloviansk-denial.html",
)


@dataclass(frozen=True, slots=True)
class StoredRun:
    url: str
    key_dir: Path
    witness_key: WitnessKey
    corpus: Path
    reviewed: str  # the report id the analyst's review names

    def open(self, *, with_key: bool = True) -> Store:
        store = Store(self.url)
        store.witness_key = self.witness_key if with_key else None
        return store

    def context(self, store: Store, *, signing: bool = True) -> ExportContext:
        return load_context(store, key_dir=self.key_dir if signing else None)


def build(root: Path) -> StoredRun:
    corpus = root / "corpus"
    for name in FILES:
        (corpus / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / name, corpus / name)
    url, key_dir, key = f"sqlite:///{root / 'store.db'}", root / "keys", WitnessKey.generate()
    ensure_keypair(key_dir)
    store = Store(url)
    store.migrate()
    store.witness_key = key
    results = run(store, [corpus], settings=Settings(store_url=url, fast=True, workers=1)).results
    reviewed = results["incidents"][0]["reports"][0]["id"]
    payload = {"decision": "confirm", "note": "checked against the mission's photographs"}
    store.append_event(actor="analyst-7", action="review", subject=reviewed, payload=payload)
    store.close()
    return StoredRun(url, key_dir, key, corpus, reviewed)
