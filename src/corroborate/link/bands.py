"""3a(ii). Candidate pairs of texts from their MinHash signatures, by banding, in arrays.

Two indexes of datasketch propose the pairs that text reuse then checks exactly; this
module proposes the very same pairs without building them (their hash tables held a few
hundred keys per text, most of linking's memory):

* ``MinHashLSH(threshold, num_perm)``, whose ``b`` bands of ``r`` rows each: two texts
  are a candidate pair when one band of their signatures is equal;
* ``MinHashLSHEnsemble(threshold, num_perm)`` indexed with every text's signature and
  size: texts are split into size partitions (datasketch's ``optimal_partitions``); a text
  queries each partition with the bands and rows datasketch picks for the ratio of the
  partition's largest size to its own, and meets the partition's texts that agree on one
  of the first ``b`` bands of ``r`` rows.

Pairs are found by sorting band values, never by comparing every pair; a pair is ``(i,
j)``, ``i < j``, encoded as ``i * texts + j``.
"""

from __future__ import annotations

from collections import Counter

import numpy as np
from datasketch import MinHashLSH, MinHashLSHEnsemble
from datasketch.lshensemble_partition import optimal_partitions
from numpy.typing import NDArray

MIX = np.uint64(0x9E3779B97F4A7C15)


def lsh_pairs(
    signatures: NDArray[np.uint32], texts: NDArray[np.int64], *, threshold: float
) -> NDArray[np.int64]:
    """The pairs ``MinHashLSH`` proposes among ``texts`` (rows of ``signatures``)."""
    index = MinHashLSH(threshold=threshold, num_perm=signatures.shape[1])
    found = [_meet(signatures, texts, texts, band * index.r, index.r) for band in range(index.b)]
    return _unique(found)


def ensemble_pairs(
    signatures: NDArray[np.uint32],
    texts: NDArray[np.int64],
    sizes: NDArray[np.int64],
    *,
    threshold: float,
) -> NDArray[np.int64]:
    """The pairs ``MinHashLSHEnsemble`` proposes when every text of ``texts`` is indexed
    with its size and queried with it."""
    if len(texts) < 2:
        return np.zeros(0, np.int64)
    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=signatures.shape[1])
    size = sizes[texts]
    counted = np.array(sorted(Counter(size.tolist()).most_common())).T
    parts = optimal_partitions(counted[0], counted[1], len(ensemble.indexes))
    uppers = np.array([int(upper) for _, upper in parts], dtype=np.int64)
    partition = np.searchsorted(uppers, size, side="left")  # datasketch's walk by size
    found: list[NDArray[np.int64]] = []
    for number, upper in enumerate(uppers):
        indexed = texts[partition == number]
        choice = np.searchsorted(ensemble.xqs, upper / size.astype(np.float64), side="left")
        params = ensemble.params[np.minimum(choice, len(ensemble.params) - 1)]
        for rows in np.unique(params[:, 1]):
            asking = params[:, 1] == rows
            for band in range(int(params[asking, 0].max())):
                queries = texts[asking & (params[:, 0] > band)]
                found.append(_meet(signatures, indexed, queries, band * rows, int(rows)))
    return _unique(found)


def _meet(
    signatures: NDArray[np.uint32],
    indexed: NDArray[np.int64],
    queries: NDArray[np.int64],
    start: int,
    rows: int,
) -> NDArray[np.int64]:
    """Pairs of a query and an indexed text (never itself) equal on columns
    ``start:start + rows``, encoded."""
    columns = slice(start, start + rows)
    keys = _key(signatures[indexed, columns])
    order = np.argsort(keys, kind="stable")
    keys, indexed = keys[order], indexed[order]
    asked = _key(signatures[queries, columns])
    low = np.searchsorted(keys, asked, side="left")
    count = np.searchsorted(keys, asked, side="right") - low
    total = int(count.sum())
    query = np.repeat(queries, count)
    offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    other = indexed[np.repeat(low, count) + offset]
    keep = query != other
    if rows > 2:  # the key mixes more than 64 bits: keep only the pairs truly equal
        keep &= (signatures[query, columns] == signatures[other, columns]).all(axis=1)
    query, other = query[keep], other[keep]
    pairs: NDArray[np.int64] = np.minimum(query, other) * len(signatures)
    pairs += np.maximum(query, other)
    return pairs


def _key(band: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """One number per row of a band, equal for equal rows (and, up to two columns, only
    for equal rows)."""
    key = band[:, 0].astype(np.uint64)
    if band.shape[1] == 2:
        return (key << np.uint64(32)) | band[:, 1].astype(np.uint64)
    for column in range(1, band.shape[1]):
        key = (key * MIX) ^ band[:, column].astype(np.uint64)
    return key


def _unique(found: list[NDArray[np.int64]]) -> NDArray[np.int64]:
    if not found:
        return np.zeros(0, np.int64)
    pairs: NDArray[np.int64] = np.unique(np.concatenate(found))
    return pairs
