"""The ledger as a Merkle tree log, after RFC 9162 (Certificate Transparency v2) §2.1.

Pure algorithms, no I/O. Each ledger row is one leaf (leaf index = ``seq - 1``); its leaf
data is the 32 bytes its chain hash names (``leaf_data``). Hashes are SHA-256 with the RFC's
domain separation: a leaf is ``H(0x00 || data)``, an inner node ``H(0x01 || left || right)``.

A *complete subtree* ``(level, index)`` covers leaves ``[index << level, (index + 1) << level)``.
The store keeps the hash of every complete subtree, numbered in the order an append makes
them (``position``: post-order). Any tree head (MTH), audit path (PATH) or consistency proof
(PROOF) the RFC defines is a fold of O(log n) of those hashes, so a proof reads O(log n) rows:
``path_ranges`` and ``proof_ranges`` say which leaf ranges a proof holds, ``pieces`` which
complete subtrees make up a range, and ``range_hash`` folds them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence

Node = tuple[int, int]  # (level, index) of a complete subtree
Range = tuple[int, int]  # leaves [start, end)
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def leaf_data(chain_hash: str) -> bytes:
    """A ledger row's leaf data: the 32 bytes of its ``sha256:<hex>`` chain hash.

    A damaged hash text (not 64 hex digits) stands as its own UTF-8 bytes, so the
    tree can still be recomputed and shows the damage.
    """
    digits = chain_hash.removeprefix("sha256:")
    try:
        raw = bytes.fromhex(digits)
    except ValueError:
        return chain_hash.encode("utf-8")
    return raw if len(raw) == 32 and chain_hash.startswith("sha256:") else chain_hash.encode()


def split(size: int) -> int:
    """The RFC's k: the largest power of two smaller than ``size`` (``size > 1``)."""
    return 1 << ((size - 1).bit_length() - 1)


def position(node: Node) -> int:
    """Where a complete subtree sits in append order (leaf 0, leaf 1, their parent, …)."""
    level, index = node
    last = ((index + 1) << level) - 1
    return 2 * last - last.bit_count() + level


def node_count(size: int) -> int:
    """How many complete subtrees a tree of ``size`` leaves has."""
    return 2 * size - size.bit_count()


def pieces(start: int, end: int) -> list[Node]:
    """The complete subtrees, largest first, that make up leaves ``[start, end)``.

    ``start`` is aligned to a power of two at least ``end - start``, as for every range the
    RFC's recursion visits.
    """
    found: list[Node] = []
    while start < end:
        level = (end - start).bit_length() - 1
        found.append((level, start >> level))
        start += 1 << level
    return found


def range_hash(start: int, end: int, hashes: Mapping[Node, bytes]) -> bytes:
    """MTH(D[start:end]) from the hashes of its pieces, folded from the right."""
    if start == end:
        return EMPTY_ROOT
    parts = [hashes[node] for node in pieces(start, end)]
    result = parts[-1]
    for part in reversed(parts[:-1]):
        result = node_hash(part, result)
    return result


def path_ranges(index: int, size: int) -> list[Range]:
    """PATH(m, D[n]) (RFC 9162 §2.1.3.1) as the leaf ranges it hashes, leaf to root."""
    if not 0 <= index < size:
        raise ValueError(f"leaf {index} is not in a tree of {size}")
    ranges: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = split(end - start)
        if index - start < k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start += k
    return ranges[::-1]


def proof_ranges(old: int, new: int) -> list[Range]:
    """PROOF(m, D[n]) (RFC 9162 §2.1.4.1) as the leaf ranges it hashes, in proof order."""
    if not 0 < old <= new:
        raise ValueError(f"no consistency proof from {old} to {new}")
    ranges: list[Range] = []
    start, end, whole = 0, new, True
    while old - start < end - start:
        k = split(end - start)
        if old - start <= k:
            ranges.append((start + k, end))
            end = start + k
        else:
            ranges.append((start, start + k))
            start, whole = start + k, False
    if not whole:
        ranges.append((start, end))
    return ranges[::-1]


def needed(ranges: Iterable[Range]) -> set[Node]:
    """Every complete subtree the hashes of these ranges are folded from."""
    return {node for start, end in ranges for node in pieces(start, end)}


def resolve(ranges: Sequence[Range], hashes: Mapping[Node, bytes]) -> list[bytes]:
    return [range_hash(start, end, hashes) for start, end in ranges]


def append_needs(index: int) -> list[Node]:
    """The left siblings that appending leaf ``index`` completes, lowest first."""
    needs: list[Node] = []
    level = 0
    while (index >> level) & 1:
        needs.append((level, (index >> level) - 1))
        level += 1
    return needs


def append_nodes(
    index: int, leaf: bytes, siblings: Mapping[Node, bytes]
) -> list[tuple[Node, bytes]]:
    """The complete subtrees appending leaf ``index`` (its leaf hash given) creates."""
    made: list[tuple[Node, bytes]] = [((0, index), leaf)]
    digest = leaf
    for level, sibling in append_needs(index):
        digest = node_hash(siblings[(level, sibling)], digest)
        made.append(((level + 1, sibling >> 1), digest))
    return made


class Builder:
    """Builds a tree leaf by leaf, keeping only its peaks (one per set bit of the size)."""

    def __init__(self) -> None:
        self.size = 0
        self.peaks: dict[Node, bytes] = {}

    def add(self, data: bytes) -> list[tuple[Node, bytes]]:
        """Append one leaf; returns the complete subtrees it made, in position order."""
        made = append_nodes(self.size, leaf_hash(data), self.peaks)
        for node in append_needs(self.size):
            del self.peaks[node]
        top, digest = made[-1]
        self.peaks[top] = digest
        self.size += 1
        return made

    def root(self) -> bytes:
        return range_hash(0, self.size, self.peaks)


def verify_inclusion(
    index: int, size: int, leaf: bytes, path: Sequence[bytes], root: bytes
) -> bool:
    """RFC 9162 §2.1.3.2: does ``path`` prove leaf hash ``leaf`` at ``index`` under ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and r == root


def verify_consistency(
    old: int, new: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> bool:
    """RFC 9162 §2.1.4.2: does ``proof`` show the tree ``new_root`` extends ``old_root``?"""
    if old == new:
        return not proof and old_root == new_root
    if old == 0:
        return not proof and old_root == EMPTY_ROOT
    if not 0 < old < new or not proof:
        return False
    path = [old_root, *proof] if old & (old - 1) == 0 else list(proof)
    fn, sn = old - 1, new - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == old_root and sr == new_root
