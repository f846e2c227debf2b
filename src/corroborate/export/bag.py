"""``--format bagit``: an evidence package (BagIt, RFC 8493) for a court or an archive.

The bag's payload (``data/``) holds:

* ``files/<sha256 hex><suffix>``: the original bytes of every report of the chosen
  incidents, as received (named by their digest, never by their file name, and with the
  suffix a reader needs to read them again);
* ``ledger.jsonl``: every ledger row up to now, one JSON object a line, as shared
  (``evidence.shared_row``: paths and file names replaced by labels, protected persons
  pseudonymised, such rows marked ``"as_stored": false``);
* ``incidents.jsonl``: the chosen incidents of the run, as the results share them;
* ``checkpoint.txt`` and ``checkpoint.txt.vkey``: a checkpoint of the log signed now, when
  the key folder holds the signing key (``bag-info.txt`` says so when it does not).

Files that carry witnesses are stored sealed; without the witness key their bytes cannot be
read, so they are left out and listed in ``bag-info.txt`` as withheld. With the key they are
included as received: such a bag holds testimonies and must be kept as the store is.

``bagit`` writes the manifests (SHA-256 and SHA-512) and ``bag-info.txt``; the files are
written one at a time, and the library hashes them from disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import bagit

from corroborate.errors import ConfigError, CorroborateError
from corroborate.export.context import ExportContext
from corroborate.export.evidence import (
    Held,
    Sharing,
    chosen,
    file_label,
    held,
    shared_row,
    sharing,
    suffixes,
)
from corroborate.export.formats import Exporter
from corroborate.store import signing
from corroborate.store.transparency import make_checkpoint

CHECKSUMS = ["sha256", "sha512"]


def write(context: ExportContext, out: Path) -> None:
    """Fill ``out`` (new or empty) with the payload, then make it a bag in place."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(45, "a BagIt export needs a new or empty folder", subject=out.name)
    out.mkdir(parents=True, exist_ok=True)
    withheld = _write_files(context, out / "files")
    _write_lines(out / "ledger.jsonl", _ledger(context, sharing(context.store)))
    _write_lines(
        out / "incidents.jsonl", (json.dumps(i, ensure_ascii=False) for i in context.incidents())
    )
    checkpoint = _write_checkpoint(context, out)
    bagit.make_bag(str(out), _bag_info(context, withheld, checkpoint), checksums=CHECKSUMS)


def _write_files(context: ExportContext, folder: Path) -> list[str]:
    """Each report's file once; returns the labels of sealed files left out."""
    folder.mkdir()
    items = list(_by_blob(held(context.store, [r["id"] for r in chosen(context)])))
    suffix = suffixes(context.store, items)
    withheld = []
    for item in items:
        if item.sealed and context.store.witness_key is None:
            withheld.append(file_label(item.blob_id))
            continue
        data = context.store.plain_blob(item.blob_id) or b""
        name = item.blob_id.split(":", 1)[-1] + suffix.get(item.blob_id, "")
        (folder / name).write_bytes(data)
    return withheld


def _by_blob(items: Iterator[Held]) -> Iterator[Held]:
    seen: set[str] = set()
    for item in items:
        if item.blob_id not in seen:
            seen.add(item.blob_id)
            yield item


def _ledger(context: ExportContext, shared: Sharing) -> Iterator[str]:
    for row in context.store.ledger_rows():
        yield json.dumps(shared_row(row, shared), ensure_ascii=False, sort_keys=True)


def _write_lines(path: Path, lines: Iterator[str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        _copy(lines, handle)


def _copy(lines: Iterator[str], handle: IO[str]) -> None:
    for line in lines:
        handle.write(line + "\n")


def _write_checkpoint(context: ExportContext, out: Path) -> str:
    """Sign a checkpoint of the log as it is now, if the key folder has the key; returns
    what ``bag-info.txt`` says of it."""
    key_dir = context.key_dir
    if key_dir is None or not (key_dir / signing.PRIVATE).exists():
        return "none: no checkpoint signing key in the key folder (`corroborate init` makes one)"
    try:
        note, key = make_checkpoint(context.store, key_dir)
    except CorroborateError as exc:
        return f"none: {exc}"
    (out / "checkpoint.txt").write_text(note, encoding="utf-8")
    (out / "checkpoint.txt.vkey").write_text(f"{key}\n", encoding="utf-8")
    return "data/checkpoint.txt (verifier key: data/checkpoint.txt.vkey)"


def _bag_info(context: ExportContext, withheld: list[str], checkpoint: str) -> dict[str, object]:
    info: dict[str, object] = {
        "Bag-Software-Agent": f"corroborate {context.version}",
        "External-Description": "Evidence package: the original bytes of the reports of the "
        "chosen incidents, the ledger rows and a signed checkpoint of the log",
        "Corroborate-Version": context.version,
        "Corroborate-Ledger-Head": context.ledger_head,
        "Corroborate-Exported-At": context.exported_at,
        "Corroborate-Checkpoint": checkpoint,
        "Corroborate-Ledger-Rows": "data/ledger.jsonl; rows marked as_stored false had a "
        "file name replaced by its label: their hash checks through the chain links only",
    }
    if withheld:
        info["Corroborate-Withheld"] = [
            f"{label}: sealed (it carries witnesses) and the witness key is missing"
            for label in withheld
        ]
    return info


EXPORTER = Exporter(
    "bagit",
    "folder",
    "",
    "BagIt evidence package: original bytes, ledger rows, signed checkpoint (SHA-256, SHA-512)",
    write,
)
