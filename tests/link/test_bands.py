"""Banding proposes exactly the pairs datasketch's indexes propose."""

from __future__ import annotations

import random

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH, MinHashLSHEnsemble

from corroborate.link import bands
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


def _ensemble_candidates(
    sets: list[set[str]], eligible: list[int], threshold: float, num_perm: int
) -> set[tuple[int, int]]:
    """The pairs datasketch's LSH Ensemble proposes for the eligible sets, each once."""
    minhashes = _minhashes(sets, eligible, num_perm)
    ensemble = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm)
    ensemble.index([(str(i), m, len(sets[i])) for i, m in minhashes.items()])
    return {
        (min(int(other), i), max(int(other), i))
        for i, minhash in minhashes.items()
        for other in ensemble.query(minhash, len(sets[i]))
        if int(other) != i
    }


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
    expected = _ensemble_candidates(sets, sketches.eligible.tolist(), threshold, num_perm)
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


def test_only_texts_truly_equal_on_a_band_meet() -> None:
    """Bands of two columns are keyed by both 32-bit values side by side: rows 0 and 1 would
    share a key mixed as wider bands are (282855539 and 3254070612 times the mixing constant
    agree in their top 32 bits, and the second column cancels the rest), and rows 3 and 4
    differ only in the top bit of their first column. Only rows 0 and 2 meet."""
    two = np.array(
        [
            [282855539, 1952605551],
            [3254070612, 1901684708],
            [282855539, 1952605551],
            [0x80000001, 7],
            [1, 7],
        ],
        dtype=np.uint32,
    )
    texts = np.arange(5)
    assert sorted(set(bands._meet(two, texts, texts, 0, 2).tolist())) == [0 * 5 + 2]
    # three columns whose mixed keys all collide: the pairs are checked column by column,
    # and the one pair truly equal is kept whatever else collided with it
    three = np.array(
        [[1, 835103846, 4106407279], [1, 2163181889, 4055486436], [1, 835103846, 4106407279]],
        dtype=np.uint32,
    )
    keys = bands._key(three).tolist()
    assert keys[0] == keys[1] == keys[2]
    texts = np.arange(3)
    assert sorted(set(bands._meet(three, texts, texts, 0, 3).tolist())) == [0 * 3 + 2]


def test_texts_a_hundred_and_fifty_times_smaller_than_a_partition_query_it_as_datasketch() -> None:
    """Texts of 8 to 60 shingles cut from one of 3,000: against that partition their size
    ratio passes datasketch's largest (e^5), whose parameters they then take."""
    rng = random.Random(0)
    words = [f"s{n}" for n in range(3000)]
    sets = [set(words), set(words[:2000])]
    for k in range(12):
        start, size = rng.randrange(0, 2900), rng.choice([8, 9, 10, 12, 15, 20, 40, 60])
        sets.append(set(words[start : start + size]) | ({f"x{k}"} if k % 3 == 0 else set()))
    sketches = sketch(sets, num_perm=128, min_shingles=8)
    expected = _ensemble_candidates(sets, sketches.eligible.tolist(), 0.4, 128)
    found = ensemble_pairs(sketches.signatures, sketches.eligible, sketches.sizes, threshold=0.4)
    assert expected and _decoded(found, len(sets)) == expected
