"""Coreference metrics on hand-checkable examples.

Expected values come from Pradhan et al. (2014, "Scoring coreference partitions of
predicted mentions", the worked example of its section 2) and from the test cases of the
CoNLL reference scorer / LEA scorer (TestCases.README: TC-A-*, TC-L-1, TC-N-1), each
recomputed by hand in the comments.
"""

from __future__ import annotations

import itertools
import random

import pytest
from bench.coref_metrics import (
    b_cubed,
    ceaf_e,
    conll_f1,
    evaluate,
    lea,
    max_assignment,
    muc,
)


def clusters(spec: str) -> list[set[str]]:
    """``"abc defg"`` -> [{a, b, c}, {d, e, f, g}]."""
    return [set(part) for part in spec.split()]


# Pradhan et al. 2014: key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}.
# e is missing from the response, h and i are not in the key.
KEY = clusters("abc defg")
RESPONSE = clusters("ab cd fghi")


def test_muc_worked_example() -> None:
    # recall: {a,b,c} splits into {a,b},{c} -> 3-2 = 1; {d,e,f,g} into {d},{e},{f,g}
    # -> 4-3 = 1; (1+1) / ((3-1)+(4-1)) = 2/5.
    # precision: {a,b} -> 2-1 = 1; {c,d} -> 2-2 = 0; {f,g,h,i} into {f,g},{h},{i}
    # -> 4-3 = 1; (1+0+1) / (1+1+3) = 2/5.
    score = muc(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.4)
    assert score.precision == pytest.approx(0.4)
    assert score.f1 == pytest.approx(0.4)


def test_b_cubed_worked_example() -> None:
    # recall: (2²/3 + 1²/3 + 1²/4 + 2²/4) / 7 = (5/3 + 5/4) / 7 = 5/12
    # precision: (2²/2 + (1²+1²)/2 + 2²/4) / 8 = (2 + 1 + 1) / 8 = 1/2
    score = b_cubed(KEY, RESPONSE)
    assert score.recall == pytest.approx(5 / 12)
    assert score.precision == pytest.approx(0.5)


def test_ceaf_e_worked_example() -> None:
    # φ4: abc-ab 4/5, abc-cd 2/5, defg-cd 2/6, defg-fghi 4/8; the best alignment is
    # abc-ab + defg-fghi = 0.8 + 0.5 = 1.3 (the other, abc-cd + defg-fghi, gives 0.9).
    # recall 1.3/2 = 0.65, precision 1.3/3.
    score = ceaf_e(KEY, RESPONSE)
    assert score.recall == pytest.approx(0.65)
    assert score.precision == pytest.approx(1.3 / 3)


def test_lea_worked_example() -> None:
    # recall: (3·link(ab)/link(abc) + 4·link(fg)/link(defg)) / 7 = (3·1/3 + 4·1/6) / 7
    # precision: (2·1/1 + 2·0 + 4·link(fg)/link(fghi)) / 8 = (2 + 4/6) / 8
    score = lea(KEY, RESPONSE)
    assert score.recall == pytest.approx((1 + 4 / 6) / 7)
    assert score.precision == pytest.approx((2 + 4 / 6) / 8)


def test_conll_is_the_mean_of_muc_b3_ceaf_e() -> None:
    expected = (muc(KEY, RESPONSE).f1 + b_cubed(KEY, RESPONSE).f1 + ceaf_e(KEY, RESPONSE).f1) / 3
    assert conll_f1(KEY, RESPONSE) == pytest.approx(expected)
    assert evaluate(KEY, RESPONSE)["conll_f1"] == pytest.approx(expected, abs=1e-4)


def test_reference_scorer_tc_l_1() -> None:
    # key {ABC} {DEFG}, response {AB} {CD} {FGH}: MUC r = 2/5, p = 2/4 (one link A-B,
    # one F-G of the 1+1+2 response links); LEA r = (3·1/3 + 4·1/6)/7, p = (2 + 0 + 3·1/3)/7.
    key, response = clusters("ABC DEFG"), clusters("AB CD FGH")
    assert muc(key, response).recall == pytest.approx(2 / 5)
    assert muc(key, response).precision == pytest.approx(2 / 4)
    assert lea(key, response).recall == pytest.approx((1 + 4 / 6) / 7)
    assert lea(key, response).precision == pytest.approx(3 / 7)


def test_reference_scorer_tc_a_2_missing_mentions() -> None:
    # key {a} {bc} {def}, response {a} {de}: B³ r = 7/18, p = 1; MUC r = 1/3, p = 1;
    # CEAF-e common = 1 + 4/5, r = 1.8/3, p = 1.8/2; LEA r = (1 + 3·1/3)/6, p = 1.
    key, response = clusters("a bc def"), clusters("a de")
    assert b_cubed(key, response).recall == pytest.approx(7 / 18)
    assert b_cubed(key, response).precision == pytest.approx(1.0)
    assert muc(key, response).recall == pytest.approx(1 / 3)
    assert muc(key, response).precision == pytest.approx(1.0)
    assert ceaf_e(key, response).recall == pytest.approx(0.6)
    assert ceaf_e(key, response).precision == pytest.approx(0.9)
    assert lea(key, response).recall == pytest.approx(2 / 6)
    assert lea(key, response).precision == pytest.approx(1.0)


def test_perfect_response_scores_one() -> None:
    key = clusters("a bc def")
    for metric in (muc, b_cubed, ceaf_e, lea):
        score = metric(key, [set(c) for c in key])
        assert (score.recall, score.precision, score.f1) == (1.0, 1.0, 1.0)
    assert conll_f1(key, key) == pytest.approx(1.0)


def test_all_singletons_response() -> None:
    # TC-A-10: key {a} {bc} {def}, response all singletons. No response links, so MUC
    # is 0 (0/0 precision counts as 0); B³ r = (1 + 2·1/2 + 3·1/3)/6 = 1/2, p = 1;
    # CEAF-e: a-a 1, bc-b 2/3, def-d 2/4 -> 13/6, r = 13/18, p = 13/36;
    # LEA: only {a} is resolved, r = p = 1/6.
    key = clusters("a bc def")
    response = [{m} for m in "abcdef"]
    assert muc(key, response).f1 == 0.0
    assert b_cubed(key, response).recall == pytest.approx(0.5)
    assert b_cubed(key, response).precision == pytest.approx(1.0)
    assert ceaf_e(key, response).recall == pytest.approx(13 / 18)
    assert ceaf_e(key, response).precision == pytest.approx(13 / 36)
    assert lea(key, response).recall == pytest.approx(1 / 6)
    assert lea(key, response).precision == pytest.approx(1 / 6)


def test_all_in_one_response() -> None:
    # TC-A-11: response {abcdef}. MUC r = 3/3, p = 3/5; B³ r = 1, p = (1+4+9)/36 = 7/18;
    # LEA r = (0 + 2·1 + 3·1)/6, p = link(a..f∩·) = (0+1+3)/15.
    key = clusters("a bc def")
    response = [set("abcdef")]
    assert muc(key, response).recall == pytest.approx(1.0)
    assert muc(key, response).precision == pytest.approx(3 / 5)
    assert b_cubed(key, response).recall == pytest.approx(1.0)
    assert b_cubed(key, response).precision == pytest.approx(7 / 18)
    assert lea(key, response).recall == pytest.approx(5 / 6)
    assert lea(key, response).precision == pytest.approx(4 / 15)


def test_singleton_key_and_response() -> None:
    # TC-N-1: no links anywhere, so MUC is 0 by convention, the others are perfect.
    key = [{m} for m in "abcdef"]
    assert muc(key, key).f1 == 0.0
    assert b_cubed(key, key).f1 == 1.0
    assert ceaf_e(key, key).f1 == 1.0
    assert lea(key, key).f1 == 1.0


def test_empty_clusterings() -> None:
    assert conll_f1([], []) == 0.0
    assert evaluate([], [{"a"}])["b3"]["precision"] == 0.0


def _brute_force(matrix: list[list[float]]) -> float:
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        matrix = [list(column) for column in zip(*matrix, strict=True)]
        rows, cols = cols, rows
    return max(
        sum(matrix[i][j] for i, j in enumerate(chosen))
        for chosen in itertools.permutations(range(cols), rows)
    )


def test_max_assignment_matches_brute_force() -> None:
    rng = random.Random(7)
    for _ in range(200):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        matrix = [[rng.choice([0.0, rng.random()]) for _ in range(cols)] for _ in range(rows)]
        assert max_assignment(matrix) == pytest.approx(_brute_force(matrix))


def test_max_assignment_prefers_the_global_optimum() -> None:
    # greedy would take 0.9 and then 0.1; the optimum is 0.8 + 0.8
    assert max_assignment([[0.9, 0.8], [0.8, 0.1]]) == pytest.approx(1.6)
