"""3a(i). Sketches of report texts for text reuse, held as arrays rather than per-text objects.

Each text's shingles (``reuse.shingles``) are hashed once with SHA-1, as datasketch hashes
them; two numbers are read from each digest:

* its first four bytes, the 32-bit value datasketch's ``MinHash`` (scheme ``affine32``)
  permutes, so that a row of ``signatures`` is the ``hashvalues`` of
  ``MinHash(num_perm, seed=SEED)`` updated with the text's shingles, bit for bit
  (``tests/link/test_sketch.py``), and the banding in ``bands`` proposes exactly the pairs
  datasketch's indexes would;
* its next eight bytes, the shingle's identity, from which ``tokens`` holds, per text, the
  shingles it shares with at least one other text: two texts' overlap is counted from it
  exactly (a shingle found in one text only can be in no overlap). Two shingles are taken
  for one only if 64 bits of their digests agree.

Texts are sketched in batches, so that per text nothing is held but a row of each array:
memory grows with the number of shingles, a few bytes each, not with Python objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

import numpy as np
from datasketch import MinHash
from numpy.typing import NDArray
from scipy import sparse

SEED = 7
BATCH = 512  # texts sketched at once: a batch's permuted hashes stay within some 40 MiB
PAIRS = 100_000  # pairs whose overlap is counted at once
DIGEST = np.dtype([("minhash", "<u4"), ("identity", "<u8"), ("rest", "V8")])
PASSES = 8  # the shingles' identities are numbered in this many slices, to bound memory
FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))


@dataclass(frozen=True, slots=True)
class Sketches:
    """Per text (in input order): its number of distinct shingles, its MinHash signature
    (rows of texts with too few shingles are unused) and its shared shingles."""

    sizes: NDArray[np.int64]
    signatures: NDArray[np.uint32]
    tokens: sparse.csr_matrix
    eligible: NDArray[np.int64]  # texts with enough shingles to be compared

    def overlap(self, a: NDArray[np.int64], b: NDArray[np.int64]) -> NDArray[np.int64]:
        """The number of shingles texts ``a[k]`` and ``b[k]`` share, for each ``k``."""
        counts = [
            np.asarray(
                self.tokens[a[i : i + PAIRS]].multiply(self.tokens[b[i : i + PAIRS]]).getnnz(axis=1)
            )
            for i in range(0, len(a), PAIRS)
        ]
        return np.concatenate(counts).astype(np.int64) if counts else np.zeros(0, np.int64)


def sketch(shingle_sets: Iterable[set[str]], *, num_perm: int, min_shingles: int) -> Sketches:
    """Sketches of texts given as their shingle sets (read one batch at a time)."""
    a, b = (np.asarray(p, dtype=np.uint32) for p in MinHash(num_perm, seed=SEED).permutations)
    sizes: list[int] = []
    signatures: list[NDArray[np.uint32]] = []
    identities: list[NDArray[np.uint64]] = []
    for batch in _batches(iter(shingle_sets)):
        sizes += [len(s) for s in batch]
        digests = [_digests(s) if len(s) >= min_shingles else None for s in batch]
        signatures.append(_signatures(digests, a, b))
        identities += [np.sort(d["identity"]) for d in digests if d is not None]
    size = np.asarray(sizes, dtype=np.int64)
    eligible = np.flatnonzero(size >= min_shingles)
    signature = np.concatenate(signatures) if signatures else np.zeros((0, num_perm), np.uint32)
    return Sketches(size, signature, _tokens(identities, eligible, len(sizes)), eligible)


def _batches(sets: Iterator[set[str]]) -> Iterator[list[set[str]]]:
    while batch := list(islice(sets, BATCH)):
        yield batch


def _digests(shingle_set: set[str]) -> NDArray[np.void]:
    joined = b"".join(hashlib.sha1(s.encode("utf-8")).digest() for s in shingle_set)
    return np.frombuffer(joined, dtype=DIGEST)


def _signatures(
    digests: list[NDArray[np.void] | None], a: NDArray[np.uint32], b: NDArray[np.uint32]
) -> NDArray[np.uint32]:
    """datasketch's affine32 MinHash: the MurmurHash3 finalizer, then ``a * h + b`` modulo
    2^32 per permutation, the least value kept."""
    rows = np.full((len(digests), len(a)), np.iinfo(np.uint32).max, dtype=np.uint32)
    present = [i for i, d in enumerate(digests) if d is not None]
    if not present:
        return rows
    parts = [digests[i] for i in present]
    hashes = _fmix(np.concatenate([d["minhash"] for d in parts if d is not None]))
    permuted = a[:, None] * hashes[None, :] + b[:, None]  # a permutation per row: faster
    starts = np.cumsum([0, *[len(d) for d in parts if d is not None][:-1]])
    rows[present] = np.minimum.reduceat(permuted, starts, axis=1).T
    return rows


def _fmix(hashes: NDArray[np.uint32]) -> NDArray[np.uint32]:
    s1, m1, s2, m2 = FMIX
    hashes = hashes ^ (hashes >> s1)
    hashes = hashes * m1
    hashes = hashes ^ (hashes >> s2)
    hashes = hashes * m2
    return hashes ^ (hashes >> s1)


def _tokens(
    identities: list[NDArray[np.uint64]], eligible: NDArray[np.int64], texts: int
) -> sparse.csr_matrix:
    """Texts x shingles found in two texts or more (numbered by their identities)."""
    lengths = np.asarray([len(i) for i in identities], dtype=np.int64)
    flat = np.concatenate(identities) if identities else np.zeros(0, np.uint64)
    identities.clear()
    numbers = _number(flat)
    del flat
    shared = np.bincount(numbers)[numbers] >= 2 if len(numbers) else np.zeros(0, bool)
    owner = np.repeat(np.arange(len(lengths)), lengths)[shared]
    counts = np.zeros(texts, dtype=np.int64)
    counts[eligible] = np.bincount(owner, minlength=len(lengths))
    indptr = np.concatenate([[0], np.cumsum(counts)])
    columns = int(numbers.max()) + 1 if len(numbers) else 0
    data = np.ones(int(shared.sum()), dtype=bool)
    tokens = sparse.csr_matrix((data, numbers[shared], indptr), shape=(texts, columns))
    tokens.sort_indices()
    return tokens


def _number(flat: NDArray[np.uint64]) -> NDArray[np.int32]:
    """Each identity's number among the distinct identities, found one slice of the
    identity range at a time so that no sort holds them all."""
    numbers = np.zeros(len(flat), dtype=np.int32)
    offset = 0
    slices = flat >> np.uint64(64 - 3)
    for part in range(PASSES):
        where = np.flatnonzero(slices == part)
        distinct, inverse = np.unique(flat[where], return_inverse=True)
        numbers[where] = inverse + offset
        offset += len(distinct)
    return numbers
