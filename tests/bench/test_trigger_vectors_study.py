"""The study's pieces (bench/trigger_vectors_study.py): the argument evidence, the ROC AUC
and the nested choice, on values worked out by hand."""

from __future__ import annotations

from bench.trigger_vectors_study import _auc, apart_arguments, nested, shared_arguments

ARGUMENTS = [frozenset({"polic", "suspect"}), frozenset({"suspect"}), frozenset({"crash"})]


def test_arguments_count_only_where_both_mentions_name_some() -> None:
    shared = shared_arguments([*ARGUMENTS, frozenset()], 2.0)
    assert shared(0, 1) == 1.0  # Jaccard 1/2, times 2
    assert shared(0, 2) == 0.0
    assert shared(0, 3) == 0.0
    apart = apart_arguments([*ARGUMENTS, frozenset()], 0.5)
    assert apart(0, 1) == 0.0
    assert apart(1, 2) == -0.5
    assert apart(2, 3) == 0.0


def test_auc_counts_pairs_ranked_right_and_ties_half() -> None:
    assert _auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert _auc([0.1], [0.9]) == 0.0
    assert _auc([0.5, 0.9], [0.5]) == 0.75  # one tie (1/2) and one win, over two pairs


def test_nested_scores_each_fold_with_the_row_best_on_the_others() -> None:
    rows = [
        {"use": "none", "fold_conll_f1": [0.5, 0.5, 0.5, 0.5, 0.5]},
        {"use": "score:x", "fold_conll_f1": [0.9, 0.6, 0.6, 0.6, 0.6]},
        {"use": "score:y", "fold_conll_f1": [0.1, 0.1, 0.1, 0.1, 0.1]},
    ]
    # score:x is best on any four folds; fold 0 is then read at 0.9, the others at 0.6
    assert nested(rows) == {"none": 0.5, "score:x": 0.66, "score:y": 0.5}
