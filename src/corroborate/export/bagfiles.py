"""A bag (BagIt, RFC 8493) written as it goes: every payload file hashed while it is
written, its manifest lines written at once, the tag files at the end.

``bagit.make_bag`` makes a bag of files already on disk: it reads them all back to hash
them and keeps every manifest line in memory until it writes the manifests. Here nothing
is read back and nothing grows with the number of files but the two counts of
``Payload-Oxum``; the ``bagit`` library validates the result (``tests/export/test_bag.py``).
Tag files follow the library's own layout (``bagit.txt``, ``bag-info.txt`` sorted by label,
``manifest-<alg>.txt``, ``tagmanifest-<alg>.txt``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

ALGORITHMS = ("sha256", "sha512")
VERSION = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
_BREAKS = re.compile(r"\r\n|\r|\n")


class BagWriter:
    """Payload files under ``root/data``, manifests beside them, then ``finish``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "data").mkdir(parents=True, exist_ok=True)
        self._manifests = {
            alg: (root / f"manifest-{alg}.txt").open("w", encoding="utf-8", newline="\n")
            for alg in ALGORITHMS
        }
        self.octets = 0
        self.streams = 0

    def add_bytes(self, path: str, data: bytes) -> None:
        """Write ``data/<path>``."""
        with self._open(path) as handle:
            handle.write(data)
        self._record(path, {alg: hashlib.new(alg, data).hexdigest() for alg in ALGORITHMS})
        self.octets += len(data)

    def add_lines(self, path: str, lines: Iterable[str]) -> None:
        """Write ``data/<path>``, one line at a time, hashed as it is written."""
        hashes = [hashlib.new(alg) for alg in ALGORITHMS]
        with self._open(path) as handle:
            for line in lines:
                encoded = (line + "\n").encode("utf-8")
                handle.write(encoded)
                for digest in hashes:
                    digest.update(encoded)
                self.octets += len(encoded)
        self._record(path, {h.name: h.hexdigest() for h in hashes})

    def has(self, path: str) -> bool:
        return (self.root / "data" / path).exists()

    def _open(self, path: str) -> IO[bytes]:
        target = self.root / "data" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        return target.open("xb")

    def _record(self, path: str, digests: Mapping[str, str]) -> None:
        for alg, handle in self._manifests.items():
            handle.write(f"{digests[alg]}  data/{_escaped(path)}\n")
        self.streams += 1

    def finish(self, info: Mapping[str, str | list[str]]) -> None:
        """Close the manifests; write ``bagit.txt``, ``bag-info.txt`` (with
        ``Payload-Oxum``) and the tag manifests."""
        for handle in self._manifests.values():
            handle.close()
        (self.root / "bagit.txt").write_text(VERSION, encoding="utf-8")
        tags = {**info, "Payload-Oxum": f"{self.octets}.{self.streams}"}
        (self.root / "bag-info.txt").write_text(_tag_file(tags), encoding="utf-8")
        names = ["bagit.txt", "bag-info.txt", *(f"manifest-{alg}.txt" for alg in ALGORITHMS)]
        for alg in ALGORITHMS:
            lines = [f"{_file_digest(self.root / n, alg)}  {n}\n" for n in names]
            (self.root / f"tagmanifest-{alg}.txt").write_text("".join(lines), encoding="utf-8")


def _tag_file(tags: Mapping[str, str | list[str]]) -> str:
    """``Label: value`` lines sorted by label, a list as one line per value, line breaks
    inside a value removed (as ``bagit`` writes them)."""
    lines = []
    for label in sorted(tags):
        value = tags[label]
        for text in value if isinstance(value, list) else [value]:
            lines.append(f"{label}: {_BREAKS.sub('', text)}\n")
    return "".join(lines)


def _escaped(path: str) -> str:
    """A manifest path: ``%``, CR and LF percent-encoded (RFC 8493, section 2.1.3)."""
    return path.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _file_digest(path: Path, alg: str) -> str:
    digest = hashlib.new(alg)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()
