"""The stance model's common stems: chosen by frequency, read near the claim and in it."""

from __future__ import annotations

import math

import numpy as np
import pytest

from corroborate.link import stance_features as sf
from corroborate.link import stance_vocabulary as sv

TABLE = sf.idf_table(["bridge shelled", "bridge closed", "hoax"])


@pytest.fixture(autouse=True)
def _no_table_known_yet() -> None:
    """Each test finds its tables' vocabularies itself, not from an earlier test's."""
    sv._KNOWN.clear()


def test_the_commonest_stems_come_first_and_ties_go_by_slot() -> None:
    columns = sv.vocabulary(TABLE).columns
    bridge, shell, close, hoax = (
        sf.bucket(sf.stems(w)[0]) for w in ("bridge", "shelled", "closed", "hoax")
    )
    assert len(columns) == sv.SIZE and columns[bridge] == 0  # in two documents of three
    assert sorted((columns[s], s) for s in (shell, close, hoax)) == [
        (1, min(shell, close, hoax)),
        (2, sorted((shell, close, hoax))[1]),
        (3, max(shell, close, hoax)),
    ]
    assert sv.vocabulary(TABLE) is sv.vocabulary(TABLE.copy())  # found once per table


def test_a_small_table_gives_every_slot_in_order_of_idf() -> None:
    table = np.array([3.0, 1.0, 2.0, 1.0, 5.0])
    assert sv.vocabulary(table).columns == {1: 0, 3: 1, 2: 2, 0: 3, 4: 4}
    assert sv.vocabulary(table).of([4, 9, 1, 4]) == (0, 4)


def test_stems_count_by_the_best_of_the_three_closest_sentences_that_hold_them() -> None:
    cosines = np.array([0.1, 0.5, 0.0, 0.3, 0.2])
    sentences = [(1,), (1, 2), (3,), (2, 4), (7,)]
    row = sv.vocabulary_row((0, 5), cosines, sentences)
    assert len(row) == 2 * sv.SIZE
    expected = {1: 0.5, 2: 0.5, 4: 0.3, 7: 0.2, sv.SIZE: 1.0, sv.SIZE + 5: 1.0}
    assert {n: v for n, v in enumerate(row) if v} == expected  # sentences 0 and 2: not close


def test_a_row_reads_the_common_stems_of_its_closest_sentences_and_of_its_claim() -> None:
    row = sf.row(
        "Bridge shelled", sf.read_text("Bridge shelled. Hoax at the bridge.", TABLE), TABLE
    )
    block = row[-32 - 2 * sv.SIZE : -32]
    columns = sv.vocabulary(TABLE).columns
    bridge, shell, hoax = (
        columns[sf.bucket(sf.stems(w)[0])] for w in ("bridge", "shelled", "hoax")
    )
    b, s = math.log(4 / 3) + 1, math.log(4 / 2) + 1  # "hoax" weighs as "shell"
    second = b * b / (b * b + s * s)  # cosine of "hoax bridge" with "bridge shell"
    assert {n: v for n, v in enumerate(block) if v} == pytest.approx(
        {bridge: 1.0, shell: 1.0, hoax: second, sv.SIZE + bridge: 1.0, sv.SIZE + shell: 1.0}
    )


def test_sentences_equally_close_to_the_claim_are_taken_in_their_order() -> None:
    # twenty sentences, eleven of them tied as closest: the first three of those count
    cosines = np.array([0.2, 0.2, 0.5, 0.2, 0.5, 0.5, 0.2, 0.5, 0.2, 0.5] + [0.2, 0.5] * 5)
    sentences = [(n,) for n in range(20)]
    row = sv.vocabulary_row((), cosines, sentences)
    assert {n: v for n, v in enumerate(row) if v} == {2: 0.5, 4: 0.5, 5: 0.5}


def test_each_table_has_its_own_vocabulary() -> None:
    first, second = np.array([1.0, 2.0, 3.0]), np.array([3.0, 2.0, 1.0])
    assert sv.vocabulary(first).columns == {0: 0, 1: 1, 2: 2}
    assert sv.vocabulary(second).columns == {2: 0, 1: 1, 0: 2}
