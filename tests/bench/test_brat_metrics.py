"""The PolNeAR brat reader and the attribution metrics, on small texts written here."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from bench.brat import (
    Counts,
    Relation,
    add_scores,
    exact_counts,
    first_annotator_files,
    normalise,
    overlap_counts,
    parse_ann,
    relation,
    score_document,
    token_ids,
    tokenise,
)
from bench.eval_attribution import predictions

TEXT = 'Mayor Jane Doe said, "The bridge will reopen in May." Critics disagree.'


def at(phrase: str, text: str = TEXT) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


SOURCE = at("Mayor Jane Doe")
CUE = at("said")
CONTENT = at('"The bridge will reopen in May."')
GOLD = relation(SOURCE, CUE, CONTENT)


def test_parse_ann_roles_discontinuous_spans_and_missing_source() -> None:
    ann = "\n".join(
        [
            "T1\tSource 0 14\tMayor Jane Doe",
            "T2\tCue 15 19\tsaid",
            "T3\tContent 21 37;38 53\tThe bridge will reopen in May.",
            "T4\tAttribution 15 19\tsaid",
            "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
            "#1\tAnnotatorNotes T1\ta note",
            "T5\tCue 62 70\tdisagree",
            "T6\tContent 54 61\tCritics",
            "T7\tContent 10 12\tx",
            "T8\tAttribution 62 70\tdisagree",
            "E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7",
            "E3\tAttribution-no-source:T8 ",
            "continuation of a span text",
        ]
    )
    assert parse_ann(ann) == [
        Relation(source=((0, 14),), cue=((15, 19),), content=((21, 37), (38, 53))),
        Relation(source=(), cue=((62, 70),), content=((10, 12), (54, 61))),
    ]


def test_first_annotator_file_per_document() -> None:
    names = ["b_x_9f.ann", "a_2c.ann", "a_1d.ann", "b_x_0e.ann", "notes.txt"]
    assert first_annotator_files(names) == {"a": "a_1d.ann", "b_x": "b_x_0e.ann"}


def test_normalise_strips_whitespace_and_punctuation_per_fragment() -> None:
    assert normalise(TEXT, (CONTENT,)) == (at("The bridge will reopen in May"),)
    assert normalise(TEXT, ((14, 21),)) == (CUE,)  # ' said, ' -> 'said'
    assert normalise(TEXT, ((19, 22),)) == ((19, 22),)  # punctuation only: kept as it is
    assert normalise(TEXT, (CUE, (19, 22))) == (CUE,)  # a punctuation fragment is dropped
    first, second = at('"The bridge '), at("will reopen in May.")
    assert normalise(TEXT, (first, second)) == (at("The bridge"), at("will reopen in May"))


def test_tokens_inside_fragments() -> None:
    tokens = tokenise(TEXT)
    assert len(tokens.starts) == 17  # 13 words, comma, two quotes, two full stops
    assert token_ids(tokens, (SOURCE,)) == {0, 1, 2}
    assert token_ids(tokens, ((1, 14),)) == {1, 2}  # "ayor" is not a whole token


def test_counts_micro_average() -> None:
    total = Counts(1, 2, 1, 4) + Counts(1, 2, 2, 4)
    assert (total.precision, total.recall) == (0.5, 0.375)
    assert total.f1 == pytest.approx(2 * 0.5 * 0.375 / 0.875)
    assert Counts().f1 == 0.0


def test_perfect_prediction_scores_one_everywhere() -> None:
    scores = score_document(TEXT, [GOLD], [GOLD])
    for metric, by_role in scores.items():
        for role, counts in by_role.items():
            assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), (metric, role)


def test_exact_match_after_normalisation() -> None:
    pred = relation(at("Mayor Jane Doe said"), at(" said,"), at("The bridge will reopen in May"))
    exact = score_document(TEXT, [GOLD], [pred])["exact"]
    assert exact["source"].f1 == 0.0
    assert exact["cue"].f1 == 1.0
    assert exact["content"].f1 == 1.0


def test_exact_matching_is_one_to_one() -> None:
    span = ((0, 5),)
    counts = exact_counts([span, span], [span])
    assert (counts.precision, counts.recall) == (0.5, 1.0)


def test_disjoint_prediction_scores_zero() -> None:
    pred = relation(at("Critics"), at("disagree"), at("Critics disagree"))
    scores = score_document(TEXT, [GOLD], [pred])
    for metric in ("exact", "overlap", "citron_exact", "citron_overlap", "relation"):
        for counts in scores[metric].values():
            assert counts.f1 == 0.0


def test_half_overlapping_content() -> None:
    # gold content tokens: The bridge will reopen in May (6, after normalisation)
    half = relation(SOURCE, CUE, at("The bridge will"))  # 3 tokens, all inside gold
    overlap = score_document(TEXT, [GOLD], [half])["overlap"]["content"]
    assert (overlap.precision, overlap.recall) == (1.0, 0.5)
    assert overlap.f1 == pytest.approx(2 / 3)
    # 'will reopen in May." Critics disagree': 8 tokens, 4 of them shared with gold
    shifted = relation(SOURCE, CUE, at('will reopen in May." Critics disagree'))
    overlap = score_document(TEXT, [GOLD], [shifted])["overlap"]["content"]
    assert overlap.precision == pytest.approx(4 / 8)
    assert overlap.recall == pytest.approx(4 / 6)


def test_overlap_pairs_one_to_one_by_jaccard() -> None:
    gold = [frozenset({0, 1, 2, 3}), frozenset({10, 11})]
    pred = [frozenset({0, 1, 2, 3, 10})]  # best Jaccard with the first gold span (4/5)
    counts = overlap_counts(pred, gold)
    assert (counts.pred_hits, counts.pred, counts.gold) == (4, 5, 6)


def test_citron_overlap_sums_all_pairs() -> None:
    other = relation(at("Critics"), at("disagree"), at("The bridge will reopen in May"))
    scores = score_document(TEXT, [GOLD], [GOLD, other])
    assert scores["overlap"]["content"].precision == 0.5  # one-to-one: 6 of 12 tokens
    assert scores["citron_overlap"]["content"].precision == 1.0  # 12 of 12 tokens
    assert scores["citron_overlap"]["content"].recall == 2.0  # Citron's all-pairs sum


def test_citron_exact_needs_overlapping_cue_and_counts_missing_sources_equal() -> None:
    no_source = relation(None, CUE, CONTENT)
    scores = score_document(TEXT, [no_source], [no_source])
    assert scores["citron_exact"]["source"].f1 == 1.0
    moved = relation(None, at("disagree"), CONTENT)
    assert score_document(TEXT, [no_source], [moved])["citron_exact"]["content"].f1 == 0.0
    assert score_document(TEXT, [no_source], [moved])["exact"]["content"].f1 == 1.0


def test_relation_matching() -> None:
    def rel_f1(gold: Relation, pred: Relation) -> float:
        return score_document(TEXT, [gold], [pred])["relation"]["all"].f1

    partial = relation(at("Jane"), at("said"), at("reopen in May"))
    assert rel_f1(GOLD, partial) == 1.0
    assert rel_f1(GOLD, relation(at("Critics"), CUE, CONTENT)) == 0.0  # wrong source
    assert rel_f1(GOLD, relation(SOURCE, at("Critics"), CONTENT)) == 0.0  # wrong cue
    assert rel_f1(GOLD, relation(SOURCE, CUE, at("Critics disagree"))) == 0.0  # wrong content
    assert rel_f1(GOLD, relation(None, CUE, CONTENT)) == 0.0  # source missing
    no_source = relation(None, CUE, CONTENT)
    assert rel_f1(no_source, no_source) == 1.0  # both lack a source
    assert rel_f1(no_source, GOLD) == 0.0


def test_relation_matching_is_one_to_one_and_maximal() -> None:
    second_cue = at("disagree")
    gold = [GOLD, relation(SOURCE, second_cue, at("Critics"))]
    wide = relation(SOURCE, (CUE[0], second_cue[1]), (CONTENT[0], at("Critics")[1]))
    narrow = relation(SOURCE, CUE, CONTENT)  # matches the first gold relation only
    counts = score_document(TEXT, gold, [wide, narrow])["relation"]["all"]
    assert (counts.pred_hits, counts.pred, counts.gold) == (2, 2, 2)
    counts = score_document(TEXT, gold, [wide, wide])["relation"]["all"]
    assert counts.pred_hits == 2
    counts = score_document(TEXT, [GOLD], [narrow, narrow])["relation"]["all"]
    assert (counts.precision, counts.recall) == (0.5, 1.0)


def test_add_scores_sums_documents() -> None:
    one = score_document(TEXT, [GOLD], [GOLD])
    none = score_document(TEXT, [GOLD], [])
    total = add_scores(one, none)
    assert total["exact"]["content"].precision == 1.0
    assert total["exact"]["content"].recall == 0.5
    assert total["relation"]["all"].gold == 2


def _attribution(speaker: tuple[int, int], cue: tuple[int, int] | None,
                 content: tuple[int, int], direct: bool = False) -> SimpleNamespace:  # fmt: skip
    def span(s: tuple[int, int]) -> SimpleNamespace:
        return SimpleNamespace(start=s[0], end=s[1])

    return SimpleNamespace(
        speaker=SimpleNamespace(span=span(speaker)),
        cue=span(cue) if cue else None,
        content=span(content),
        direct=direct,
    )


def test_a_continuation_is_a_further_fragment_of_its_speakers_content() -> None:
    # “A,” he said. “B.”
    result = SimpleNamespace(
        attributions=[
            _attribution((5, 7), (8, 12), (1, 2), True),
            _attribution((5, 7), None, (16, 17)),
        ]
    )
    assert predictions(result) == [Relation(((5, 7),), ((8, 12),), ((1, 2), (16, 17)))]


def test_a_cue_inside_another_quotation_is_left_out_as_polnear_is_univocal() -> None:
    outer = _attribution((40, 43), (44, 48), (1, 35), True)
    inner = _attribution((1, 2), (3, 8), (9, 30))  # “I think …,” she said
    reported = _attribution((50, 55), (56, 60), (61, 70))
    relations = predictions(SimpleNamespace(attributions=[inner, outer, reported]))
    assert [r.cue for r in relations] == [((44, 48),), ((56, 60),)]


def test_a_cue_inside_reported_content_is_left_out_too() -> None:
    outer = _attribution((0, 2), (3, 7), (13, 60))  # he said that officials claimed …
    inner = _attribution((13, 22), (23, 30), (31, 60))
    relations = predictions(SimpleNamespace(attributions=[outer, inner]))
    assert [r.cue for r in relations] == [((3, 7),)]
