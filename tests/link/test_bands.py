"""Banding proposes exactly the pairs datasketch's indexes propose."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

from corroborate.link.bands import ensemble_pairs, lsh_pairs
from corroborate.link.reuse import shingles
from corroborate.link.sketch import SEED, sketch
from tests.link.test_sketch import _texts


def _minhashes(sets: list[set[str]], eligible: list[int], num_perm: int) -> dict[int, MinHash]:
    found = {}
    for index in eligible:
        minhash = MinHash(num_perm=num_perm, seed=SEED)
        minhash.update_batch([s.encode("utf-8") for s in sets[index]])
        found[index] = minhash
    return found


def _decoded(pairs: np.ndarray, texts: int) -> set[tuple[int, int]]:
    return {(p // texts, p % texts) for p in pairs.tolist()}


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.3, 128), (0.5, 64), (0.2, 32)])
def test_lsh_pairs_are_datasketch_lsh_candidates(threshold: float, num_perm: int) -> None:
    sets = [shingles(t) for t in _texts(400, seed=5)]
    sketches = sketch(sets, num_perm=num_perm, min_shingles=8)
    minhashes = _minhashes(sets, sketches.eligible.tolist(), num_perm)
    index = MinHashLSH(threshold=threshold, num_perm=num_perm)
    expected = set()
    for key, minhash in minhashes.items():
        expected |= {(int(other), key) for other in index.query(minhash)}
        index.insert(str(key), minhash)
    found = lsh_pairs(sketches.signatures, sketches.eligible, threshold=threshold)
    assert expected and _decoded(found, len(sets)) == expected


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.4, 128), (0.6, 64)])
def test_ensemble_pairs_are_datasketch_ensemble_candidates(threshold: float, num_perm: int) -> None:
    sets = [shingles(t) for t in _texts(400, seed=9)]
    sketches = sketch(sets, num_perm=num_perm, min_shingles=8)
    minhashes = _minhashes(sets, sketches.eligible.tolist(), num_perm)
    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm)
    ensemble.index([(str(i), m, len(sets[i])) for i, m in minhashes.items()])
    expected = {
        (min(int(other), i), max(int(other), i))
        for i, minhash in minhashes.items()
        for other in ensemble.query(minhash, len(sets[i]))
        if int(other) != i
    }
    found = ensemble_pairs(
        sketches.signatures, sketches.eligible, sketches.sizes, threshold=threshold
    )
    assert expected and _decoded(found, len(sets)) == expected


def test_fewer_than_two_texts_make_no_pair() -> None:
    sketches = sketch([shingles(" ".join(f"w{n}" for n in range(30)))], num_perm=16, min_shingles=8)
    assert (
        len(ensemble_pairs(sketches.signatures, sketches.eligible, sketches.sizes, threshold=0.4))
        == 0
    )
    assert len(lsh_pairs(sketches.signatures, sketches.eligible, threshold=0.3)) == 0


def test_two_texts_alike_make_their_one_pair_and_one_text_an_empty_integer_array() -> None:
    words = " ".join(f"w{n}" for n in range(30))
    sets = [shingles(words), shingles(words)]
    sketches = sketch(sets, num_perm=16, min_shingles=8)
    found = ensemble_pairs(sketches.signatures, sketches.eligible, sketches.sizes, threshold=0.4)
    assert found.tolist() == [0 * 2 + 1] and found.dtype == np.int64
    one = sketch(sets[:1], num_perm=16, min_shingles=8)
    alone = ensemble_pairs(one.signatures, one.eligible, one.sizes, threshold=0.4)
    assert alone.tolist() == [] and alone.dtype == np.int64
