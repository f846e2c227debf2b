"""Sketches equal what datasketch computes: signatures bit for bit, overlaps exactly."""

from __future__ import annotations

import random

import numpy as np
from datasketch import MinHash

from corroborate.link.reuse import shingles
from corroborate.link.sketch import SEED, sketch


def _texts(count: int, seed: int = 3) -> list[str]:
    """Texts over a small vocabulary, of varied lengths, some reusing an earlier one."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(60)]
    texts: list[str] = []
    for _ in range(count):
        if texts and rng.random() < 0.3:
            earlier = rng.choice(texts).split()
            cut = rng.randint(len(earlier) // 2, len(earlier))
            texts.append(" ".join(earlier[:cut] + rng.sample(vocabulary, rng.randint(0, 9))))
        else:
            texts.append(" ".join(rng.choices(vocabulary, k=rng.randint(3, 120))))
    return texts


def test_signatures_are_datasketch_minhashes() -> None:
    sets = [shingles(t) for t in _texts(700)]
    sketches = sketch(sets, num_perm=128, min_shingles=8)
    assert len(sets) > 512  # more than one batch
    for index in sketches.eligible.tolist():
        expected = MinHash(num_perm=128, seed=SEED)
        expected.update_batch([s.encode("utf-8") for s in sets[index]])
        assert np.array_equal(sketches.signatures[index], expected.hashvalues)
    too_short = [i for i, s in enumerate(sets) if len(s) < 8]
    assert too_short and not set(too_short) & set(sketches.eligible.tolist())


def test_overlaps_are_exact() -> None:
    sets = [shingles(t) for t in _texts(300)]
    sketches = sketch(sets, num_perm=64, min_shingles=8)
    eligible = sketches.eligible
    first, second = np.meshgrid(eligible, eligible)
    different = first.ravel() != second.ravel()  # a text and itself are never a pair
    first, second = first.ravel()[different], second.ravel()[different]
    counted = sketches.overlap(first, second).tolist()
    pairs = zip(first.tolist(), second.tolist(), strict=True)
    assert counted == [len(sets[a] & sets[b]) for a, b in pairs]
    assert sketches.sizes.tolist() == [len(s) for s in sets]
    # four bytes a signature value, eight a count
    assert sketches.signatures.dtype == np.uint32
    assert sketches.overlap(first, second).dtype == np.int64


def test_no_text_gives_empty_sketches() -> None:
    sketches = sketch([], num_perm=16, min_shingles=8)
    assert sketches.sizes.shape == (0,) and sketches.signatures.shape == (0, 16)
    assert sketches.signatures.dtype == np.uint32
    none = sketches.overlap(sketches.eligible, sketches.eligible)
    assert none.shape == (0,) and none.dtype == np.int64


def test_tokens_number_every_distinct_shingle_once_and_keep_the_shared_ones() -> None:
    """Twenty-five distinct shingles over three texts, numbered 0 to 24; only the five the
    first two share are kept, once in each of them (a yes, not a count)."""
    first = {f"s{n}" for n in range(1, 11)}
    second = {f"s{n}" for n in range(6, 16)}
    third = {f"t{n}" for n in range(1, 11)}
    sketches = sketch([first, second, third], num_perm=16, min_shingles=8)
    tokens = sketches.tokens
    assert tokens.shape == (3, 25) and tokens.dtype == np.bool_
    assert tokens.getnnz(axis=1).tolist() == [5, 5, 0]
    assert sketches.overlap(np.array([0, 0]), np.array([1, 2])).tolist() == [5, 0]
    too_few = sketch([{"a", "b"}], num_perm=16, min_shingles=8)
    assert too_few.tokens.shape == (1, 0) and too_few.eligible.tolist() == []
