"""RFC 9162 §2.1 Merkle algorithms: checked against the RFC's own recursive definitions."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.store import merkle


def _mth(leaves: list[bytes]) -> bytes:
    """MTH(D[n]) exactly as RFC 9162 §2.1.1 defines it."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    if len(leaves) == 1:
        return merkle.leaf_hash(leaves[0])
    k = merkle.split(len(leaves))
    return merkle.node_hash(_mth(leaves[:k]), _mth(leaves[k:]))


def _path(m: int, leaves: list[bytes]) -> list[bytes]:
    """PATH(m, D[n]), RFC 9162 §2.1.3.1."""
    if len(leaves) == 1:
        return []
    k = merkle.split(len(leaves))
    if m < k:
        return [*_path(m, leaves[:k]), _mth(leaves[k:])]
    return [*_path(m - k, leaves[k:]), _mth(leaves[:k])]


def _subproof(m: int, leaves: list[bytes], whole: bool) -> list[bytes]:
    """SUBPROOF(m, D[n], b), RFC 9162 §2.1.4.1."""
    if m == len(leaves):
        return [] if whole else [_mth(leaves)]
    k = merkle.split(len(leaves))
    if m <= k:
        return [*_subproof(m, leaves[:k], whole), _mth(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), _mth(leaves[:k])]


def _tree(size: int) -> tuple[list[bytes], dict[merkle.Node, bytes]]:
    leaves = [hashlib.sha256(str(i).encode()).digest() for i in range(size)]
    builder, nodes = merkle.Builder(), {}
    for data in leaves:
        for node, digest in builder.add(data):
            assert merkle.position(node) == len(nodes)
            nodes[node] = digest
    return leaves, nodes


def _flip(proof: list[bytes], which: int, bit: int) -> list[bytes]:
    changed = list(proof)
    item = bytearray(changed[which % len(changed)])
    item[bit // 8 % 32] ^= 1 << (bit % 8)
    changed[which % len(changed)] = bytes(item)
    return changed


sizes = st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(1, n), st.just(n)))


@settings(max_examples=150, deadline=None)
@given(sizes)
def test_roots_paths_and_proofs_equal_the_rfc_definitions(case: tuple[int, int]) -> None:
    m, n = case
    leaves, nodes = _tree(n)
    assert merkle.range_hash(0, n, nodes) == _mth(leaves)
    assert merkle.resolve(merkle.path_ranges(m - 1, n), nodes) == _path(m - 1, leaves)
    assert merkle.resolve(merkle.proof_ranges(m, n), nodes) == _subproof(m, leaves, True)
    assert len(nodes) == merkle.node_count(n)


@settings(max_examples=150, deadline=None)
@given(sizes, st.integers(0, 64), st.integers(0, 255))
def test_every_proof_verifies_and_any_changed_byte_fails(
    case: tuple[int, int], which: int, bit: int
) -> None:
    m, n = case
    leaves, nodes = _tree(n)
    root, old_root = merkle.range_hash(0, n, nodes), merkle.range_hash(0, m, nodes)
    leaf = merkle.leaf_hash(leaves[m - 1])
    path = merkle.resolve(merkle.path_ranges(m - 1, n), nodes)
    proof = merkle.resolve(merkle.proof_ranges(m, n), nodes)
    assert merkle.verify_inclusion(m - 1, n, leaf, path, root)
    assert merkle.verify_consistency(m, n, old_root, root, proof)
    bad_root = _flip([root], 0, bit)[0]
    bad_old = _flip([old_root], 0, bit)[0]
    assert not merkle.verify_inclusion(m - 1, n, leaf, path, bad_root)
    assert not merkle.verify_inclusion(m - 1, n, _flip([leaf], 0, bit)[0], path, root)
    assert not merkle.verify_consistency(m, n, old_root, bad_root, proof)
    assert not merkle.verify_consistency(m, n, bad_old, root, proof)
    if path:
        assert not merkle.verify_inclusion(m - 1, n, leaf, _flip(path, which, bit), root)
    if proof:
        assert not merkle.verify_consistency(m, n, old_root, root, _flip(proof, which, bit))


@given(sizes)
def test_proofs_stay_logarithmic(case: tuple[int, int]) -> None:
    m, n = case
    bound = n.bit_length() + 1
    assert len(merkle.path_ranges(m - 1, n)) <= bound
    assert len(merkle.proof_ranges(m, n)) <= bound
    assert len(merkle.needed(merkle.proof_ranges(m, n))) <= 2 * bound


def test_wrong_sizes_and_indices_fail() -> None:
    leaves, nodes = _tree(5)
    root = merkle.range_hash(0, 5, nodes)
    path = merkle.resolve(merkle.path_ranges(2, 5), nodes)
    leaf = merkle.leaf_hash(leaves[2])
    assert not merkle.verify_inclusion(3, 5, leaf, path, root)
    assert not merkle.verify_inclusion(5, 5, leaf, path, root)
    assert not merkle.verify_consistency(6, 5, root, root, [])
    assert not merkle.verify_consistency(3, 5, root, root, [])
    assert merkle.verify_consistency(5, 5, root, root, [])
    assert merkle.verify_consistency(0, 5, merkle.EMPTY_ROOT, root, [])


def test_leaf_data_is_the_chain_hash_bytes() -> None:
    digest = hashlib.sha256(b"row").hexdigest()
    assert merkle.leaf_data(f"sha256:{digest}") == bytes.fromhex(digest)
    assert merkle.leaf_data("sha256:zz") == b"sha256:zz"


def test_positions_follow_append_order() -> None:
    assert [merkle.position(n) for n in [(0, 0), (0, 1), (1, 0), (0, 2), (0, 3), (1, 1)]] == [
        0,
        1,
        2,
        3,
        4,
        5,
    ]
    assert merkle.position((2, 0)) == 6 and merkle.node_count(4) == 7


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()


LEAVES = [_sha(b"\x00" + bytes([n])) for n in range(3)]  # leaf hashes of data 0, 1, 2


def test_leaves_and_nodes_are_hashed_with_their_one_byte_prefix() -> None:
    assert merkle.leaf_hash(b"\x02") == LEAVES[2]
    assert merkle.node_hash(LEAVES[0], LEAVES[1]) == _sha(b"\x01" + LEAVES[0] + LEAVES[1])


def test_a_builder_of_three_leaves_has_the_rfc_root() -> None:
    builder = merkle.Builder()
    for n in range(3):
        builder.add(bytes([n]))
    expected = _sha(b"\x01" + _sha(b"\x01" + LEAVES[0] + LEAVES[1]) + LEAVES[2])
    assert builder.root() == expected


def test_leaf_data_is_the_hash_bytes_only_for_a_whole_sha256_hash() -> None:
    assert merkle.leaf_data("sha256:" + "ab" * 32) == bytes([0xAB]) * 32
    assert merkle.leaf_data("ab" * 32) == ("ab" * 32).encode()  # no sha256: prefix
    assert merkle.leaf_data("sha256:abcd") == b"sha256:abcd"  # two bytes, not 32


def test_there_is_no_consistency_proof_from_an_empty_tree() -> None:
    with pytest.raises(ValueError, match=r"^no consistency proof from 0 to 5$"):
        merkle.proof_ranges(0, 5)


def test_from_an_empty_tree_only_the_empty_root_and_no_proof_are_consistent() -> None:
    root = merkle.range_hash(0, 1, {(0, 0): LEAVES[0]})
    assert merkle.verify_consistency(0, 1, merkle.EMPTY_ROOT, root, [])
    assert not merkle.verify_consistency(0, 1, LEAVES[1], root, [])
    assert not merkle.verify_consistency(0, 1, merkle.EMPTY_ROOT, root, [LEAVES[0]])


def test_a_proof_or_path_one_hash_too_long_fails() -> None:
    hashes = {(0, n): LEAVES[n] for n in range(3)} | {(1, 0): merkle.node_hash(*LEAVES[:2])}
    root = merkle.range_hash(0, 3, hashes)
    path = merkle.resolve(merkle.path_ranges(1, 3), hashes)
    assert merkle.verify_inclusion(1, 3, LEAVES[1], path, root)
    assert not merkle.verify_inclusion(1, 3, LEAVES[1], [*path, LEAVES[0]], root)
    old_root = merkle.range_hash(0, 2, hashes)
    proof = merkle.resolve(merkle.proof_ranges(2, 3), hashes)
    assert merkle.verify_consistency(2, 3, old_root, root, proof)
    assert not merkle.verify_consistency(2, 3, old_root, root, [*proof, LEAVES[0]])


def test_a_leaf_index_equal_to_the_size_is_in_no_tree() -> None:
    assert not merkle.verify_inclusion(1, 1, LEAVES[0], [], LEAVES[0])
