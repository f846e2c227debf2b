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

The bag is written as it goes (``bagfiles.BagWriter``): each file is hashed (SHA-256 and
SHA-512) while it is written and its manifest lines written at once; the reports are read
a batch at a time from an index spooled to disk (``spool.ReportIndex``), so nothing held
grows with the number of reports. The ``bagit`` library validates the result.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from corroborate.errors import ConfigError, CorroborateError
from corroborate.export.bagfiles import BagWriter
from corroborate.export.context import ExportContext
from corroborate.export.evidence import (
    Sharing,
    file_label,
    held,
    shared_row,
    sharing,
    suffixes,
)
from corroborate.export.formats import Exporter
from corroborate.export.spool import ReportIndex
from corroborate.store import signing
from corroborate.store.transparency import make_checkpoint


def write(context: ExportContext, out: Path) -> None:
    """Write the payload into ``out`` (new or empty), hashing each file as it is written,
    then the tag files."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ConfigError(45, "a BagIt export needs a new or empty folder", subject=out.name)
    bag = BagWriter(out)
    withheld = _write_files(context, bag)
    bag.add_lines("ledger.jsonl", _ledger(context, sharing(context.store)))
    bag.add_lines(
        "incidents.jsonl", (json.dumps(i, ensure_ascii=False) for i in context.incidents())
    )
    checkpoint = _write_checkpoint(context, bag)
    bag.finish(_bag_info(context, withheld, checkpoint))


def _write_files(context: ExportContext, bag: BagWriter) -> list[str]:
    """Each report's file once, a batch of reports at a time; returns the labels of sealed
    files left out."""
    withheld = []
    with ReportIndex(context.incidents(), details=False) as index:
        for batch in index.ids():
            items = [item for item in held(context.store, batch) if index.first_time(item.blob_id)]
            suffix = suffixes(context.store, items)
            for item in items:
                if item.sealed and context.store.witness_key is None:
                    withheld.append(file_label(item.blob_id))
                    continue
                data = context.store.plain_blob(item.blob_id) or b""
                name = item.blob_id.split(":", 1)[-1] + suffix.get(item.blob_id, "")
                bag.add_bytes(f"files/{name}", data)
    return withheld


def _ledger(context: ExportContext, shared: Sharing) -> Iterator[str]:
    for row in context.store.ledger_rows():
        yield json.dumps(shared_row(row, shared), ensure_ascii=False, sort_keys=True)


def _write_checkpoint(context: ExportContext, bag: BagWriter) -> str:
    """Sign a checkpoint of the log as it is now, if the key folder has the key; returns
    what ``bag-info.txt`` says of it."""
    key_dir = context.key_dir
    if key_dir is None or not (key_dir / signing.PRIVATE).exists():
        return "none: no checkpoint signing key in the key folder (`corroborate init` makes one)"
    try:
        note, key = make_checkpoint(context.store, key_dir)
    except CorroborateError as exc:
        return f"none: {exc}"
    bag.add_bytes("checkpoint.txt", note.encode("utf-8"))
    bag.add_bytes("checkpoint.txt.vkey", f"{key}\n".encode())
    return "data/checkpoint.txt (verifier key: data/checkpoint.txt.vkey)"


def _bag_info(
    context: ExportContext, withheld: list[str], checkpoint: str
) -> dict[str, str | list[str]]:
    info: dict[str, str | list[str]] = {
        "Bag-Software-Agent": f"corroborate {context.version}",
        "External-Description": "Evidence package: the original bytes of the reports of the "
        "chosen incidents, the ledger rows and a signed checkpoint of the log",
        "Bagging-Date": context.exported_at[:10],
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
