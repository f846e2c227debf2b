"""The numpy attribution encoder: its arithmetic, its span decoding, the shipped model."""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.errors import ExtractionError
from corroborate.extract.encoder import BUNDLED, Encoder, _erf, _spans, load_encoder, viterbi
from corroborate.extract.wordpiece import Piece


def test_erf_matches_the_standard_library() -> None:
    xs = np.linspace(-6, 6, 2001, dtype=np.float32)
    ours = _erf(xs)
    assert max(abs(float(o) - math.erf(float(x))) for o, x in zip(ours, xs, strict=True)) < 1e-6


def test_labels_become_spans_of_whole_words() -> None:
    # "he said that" : he=SOURCE, said=CUE, "that" is two pieces of one word, both CONTENT
    pieces = [Piece(1, 0, 0, 2), Piece(2, 1, 3, 7), Piece(3, 2, 8, 10), Piece(4, 2, 10, 12)]
    labels = ["B-SOURCE", "B-CUE", "B-CONTENT", "O"]  # a later piece follows its word's first
    assert _spans(pieces, labels) == [("SOURCE", 0, 2), ("CUE", 3, 7), ("CONTENT", 8, 12)]


def test_an_inside_label_after_another_role_opens_a_span() -> None:
    pieces = [Piece(1, 0, 0, 2), Piece(2, 1, 3, 5), Piece(3, 2, 6, 8)]
    assert _spans(pieces, ["I-CONTENT", "I-CONTENT", "B-CONTENT"]) == [
        ("CONTENT", 0, 5),
        ("CONTENT", 6, 8),
    ]


LABELS = ("O", "B-SOURCE", "I-SOURCE", "B-CUE", "I-CUE", "B-CONTENT", "I-CONTENT")


def _valid(path: list[int]) -> bool:
    previous = "O"
    for k in path:
        label = LABELS[k]
        if label.startswith("I-") and (previous == "O" or previous[2:] != label[2:]):
            return False
        previous = label
    return True


def test_viterbi_never_opens_a_span_with_an_inside_label() -> None:
    # word by word the likeliest labels are O, I-CONTENT, I-CONTENT: invalid; the best valid
    # sequence makes the second word open the content
    scores = np.log(
        np.array(
            [
                [0.9, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01],
                [0.3, 0.01, 0.01, 0.01, 0.01, 0.26, 0.40],
                [0.1, 0.01, 0.01, 0.01, 0.01, 0.06, 0.80],
            ],
            dtype=np.float32,
        )
    )
    assert [LABELS[k] for k in viterbi(scores, LABELS)] == ["O", "B-CONTENT", "I-CONTENT"]
    assert viterbi(scores[:0], LABELS) == []


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.floats(-8.0, 0.0, allow_nan=False), min_size=7, max_size=7),
        min_size=1,
        max_size=4,
    )
)
def test_viterbi_finds_the_best_valid_sequence(rows: list[list[float]]) -> None:
    scores = np.array(rows, dtype=np.float32)
    path = viterbi(scores, LABELS)
    assert _valid(path)
    best = max(
        sum(float(scores[t, k]) for t, k in enumerate(p))
        for p in itertools.product(range(len(LABELS)), repeat=len(rows))
        if _valid(list(p))
    )
    assert sum(float(scores[t, k]) for t, k in enumerate(path)) == pytest.approx(best, abs=1e-4)


def test_a_missing_encoder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match=r"E003.*attribution encoder"):
        Encoder.load(tmp_path / "nowhere")


def test_a_damaged_encoder_is_a_clear_error(tmp_path: Path) -> None:
    for name in ("config.json", "vocab.txt"):
        (tmp_path / name).write_bytes((BUNDLED / name).read_bytes())
    (tmp_path / "weights.npz").write_bytes((BUNDLED / "weights.npz").read_bytes()[:5000])
    with pytest.raises(ExtractionError, match=r"E003.*attribution encoder"):
        Encoder.load(tmp_path)


def test_the_shipped_encoder_tags_a_plain_attribution() -> None:
    text = "The regional governor said on Monday that four civilians were killed in Izium."
    [found] = load_encoder().tag([text])
    roles = {label: text[start:end] for label, start, end in found}
    assert roles["SOURCE"] == "The regional governor"
    assert roles["CUE"] == "said"
    assert "four civilians were killed in Izium" in roles["CONTENT"]


def test_the_shipped_encoder_holds_weights_and_the_base_vocabulary_only() -> None:
    files = {p.name for p in BUNDLED.iterdir()}
    assert files == {"weights.npz", "weights-1.npz", "vocab.txt", "config.json", "NOTICE"}
    config = json.loads((BUNDLED / "config.json").read_text("utf-8"))
    assert config["members"] == ["weights.npz", "weights-1.npz"]
    with np.load(BUNDLED / "weights-1.npz", allow_pickle=False) as second:
        # the frozen vocabulary embeddings are the first member's, stored once
        assert not any(k.startswith("embeddings.word") for k in second.files)
        assert all(second[k].dtype.kind in "if" for k in second.files)
    vocab = hashlib.sha256((BUNDLED / "vocab.txt").read_bytes()).hexdigest()
    assert vocab == "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
    with np.load(BUNDLED / "weights.npz", allow_pickle=False) as weights:
        assert all(weights[k].dtype.kind in "if" for k in weights.files)


def test_members_label_by_their_mean_log_probability(tmp_path: Path) -> None:
    for name in ("config.json", "vocab.txt", "weights.npz"):
        (tmp_path / name).write_bytes((BUNDLED / name).read_bytes())
    with np.load(BUNDLED / "weights.npz", allow_pickle=False) as first:
        second = {k: first[k] for k in first.files if not k.startswith("embeddings.word")}
    second["classifier.bias"] = second["classifier.bias"] + np.linspace(-2, 2, 7).astype(
        np.float32
    )  # another member: the same layers, a different head
    np.savez(tmp_path / "weights-1.npz", **second)
    config = json.loads((tmp_path / "config.json").read_text("utf-8"))
    config["members"] = ["weights.npz", "weights-1.npz"]
    (tmp_path / "config.json").write_text(json.dumps(config), "utf-8")
    pair = Encoder.load(tmp_path)
    assert len(pair.members) == 2
    # the vocabulary embeddings are stored once and shared
    assert pair.members[1]["embeddings.word"] is pair.members[0]["embeddings.word"]
    rows = [
        [101, *(p.id for p in pair.wordpiece.encode("the mayor said the bridge was shelled")), 102]
    ]
    one, two = pair.logits(rows, 0)[0], pair.logits(rows, 1)[0]
    assert not np.allclose(one, two)

    def log_softmax(x: np.ndarray) -> np.ndarray:
        shifted = x - x.max(-1, keepdims=True)
        return shifted - np.log(np.exp(shifted).sum(-1, keepdims=True))

    expected = (log_softmax(one) + log_softmax(two)) / 2
    assert np.allclose(pair.log_probabilities(rows)[0], expected, atol=1e-5)


def test_long_texts_are_tagged_in_overlapping_windows() -> None:
    sentence = "The mayor said that the bridge was shelled. "
    text = sentence * 120  # about 1,200 pieces: several windows
    [found] = load_encoder().tag([text])
    cues = [text[s:e] for label, s, e in found if label == "CUE"]
    assert len(cues) >= 110 and set(cues) == {"said"}


def _no_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    import corroborate.extract.tagger as tagger

    def refuse(*args: object) -> None:
        raise AssertionError("the encoder ran")

    monkeypatch.setattr(tagger, "load_encoder", refuse)


def test_fast_extraction_never_runs_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    from corroborate.extract import Extractor

    _no_encoder(monkeypatch)
    text = "The regional governor said that four civilians were killed in Izium."
    fast = Extractor.load(encoder=False)
    [found] = fast.extract(text).attributions
    assert found.speaker.span.text == "The regional governor"
    with pytest.raises(AssertionError, match="the encoder ran"):
        Extractor.load().extract(text)


def test_extract_fast_on_the_command_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from corroborate.cli.app import app

    _no_encoder(monkeypatch)
    report = tmp_path / "r.txt"
    report.write_text("The mayor said that the bridge was shelled.", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "--fast", "--format", "jsonl", str(report)])
    assert result.exit_code == 0, result.output
    assert '"cue": {"text": "said"' in result.stdout
