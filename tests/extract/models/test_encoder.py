"""The attribution encoder: its arithmetic, its span decoding, the shipped model, and the
ONNX Runtime graphs that run it, against the numpy forward pass."""

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

from corroborate.errors import ConfigError, ExtractionError
from corroborate.extract.models import encoder_runtime
from corroborate.extract.models.encoder import (
    BUNDLED,
    CLS,
    PIECES_PER_BATCH,
    SEP,
    Encoder,
    _batches,
    _erf,
    _spans,
    load_encoder,
    viterbi,
)
from corroborate.extract.models.wordpiece import Piece


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
    import corroborate.extract.attribution.tagger as tagger

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


SENTENCES = (
    "The regional governor said on Monday that four civilians were killed in Izium.",
    "“We did not shell the market,” a ministry spokesman told reporters, adding that the"
    " claims were false.",
    "According to the monitoring mission, residents were detained in the village school"
    " for three days and questioned about their relatives.",
)


@pytest.fixture(scope="module")
def engines() -> dict[str, Encoder]:
    return {rt: Encoder.load(runtime=rt, threads=1) for rt in ("numpy", "onnx", "onnx-int8")}


def _windows(encoder: Encoder) -> list[list[int]]:
    return [[CLS, *(p.id for p in encoder.wordpiece.encode(t)), SEP] for t in SENTENCES]


def test_the_onnx_graph_computes_the_numpy_forward_pass(engines: dict[str, Encoder]) -> None:
    numpy, onnx = engines["numpy"], engines["onnx"]
    rows = _windows(numpy)
    for member in (0, 1):  # the stated tolerance: 1e-4 in label scores and hidden states
        for ours, theirs in zip(onnx.logits(rows, member), numpy.logits(rows, member), strict=True):
            assert np.abs(ours - theirs).max() < 1e-4
        hidden, reference = onnx.hidden(rows, member), numpy.hidden(rows, member)
        for n, row in enumerate(rows):
            assert np.abs(hidden[n, : len(row)] - reference[n, : len(row)]).max() < 1e-4
    assert onnx.tag(list(SENTENCES)) == numpy.tag(list(SENTENCES))
    assert np.abs(onnx.embed(list(SENTENCES)) - numpy.embed(list(SENTENCES))).max() < 1e-5


def test_the_int8_graph_labels_as_the_fp32_one_does(engines: dict[str, Encoder]) -> None:
    fp32, int8 = engines["onnx"], engines["onnx-int8"]
    rows = _windows(fp32)
    exact, approximate = fp32.log_probabilities(rows), int8.log_probabilities(rows)
    same = [a.argmax(-1) == b.argmax(-1) for a, b in zip(exact, approximate, strict=True)]
    assert float(np.concatenate(same).mean()) >= 0.95  # of the pieces, the likeliest label
    assert max(float(np.abs(a - b).mean()) for a, b in zip(exact, approximate, strict=True)) < 0.2
    [plain] = int8.tag(list(SENTENCES[:1]))
    assert plain == fp32.tag(list(SENTENCES[:1]))[0]


def test_graphs_are_built_once_into_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engines: dict[str, Encoder]
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = Encoder.load(runtime="onnx", threads=1)
    files = sorted((tmp_path / "corroborate").glob("encoder-*-onnx.onnx"))
    assert len(files) == 2  # one graph per member
    assert not list((tmp_path / "corroborate").glob("*.part"))

    def refuse(*args: object, **kwargs: object) -> bytes:
        raise AssertionError("built again")

    monkeypatch.setattr(encoder_runtime, "build_graph", refuse)
    cached = Encoder.load(runtime="onnx", threads=1)
    rows = _windows(built)
    for a, b in zip(cached.logits(rows, 1), built.logits(rows, 1), strict=True):
        assert np.array_equal(a, b)


def test_an_unwritable_cache_builds_the_graphs_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    [found] = Encoder.load(runtime="onnx", threads=1).tag(list(SENTENCES[:1]))
    assert ("CUE", 22, 26) in found


def test_the_runtime_is_chosen_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(encoder_runtime.ENV, raising=False)
    assert encoder_runtime.chosen_runtime() == "onnx"
    monkeypatch.setenv(encoder_runtime.ENV, "numpy")
    assert encoder_runtime.chosen_runtime() == "numpy"
    monkeypatch.setenv(encoder_runtime.ENV, "torch")
    with pytest.raises(ConfigError, match=r"C032.*CORROBORATE_ENCODER='torch'"):
        encoder_runtime.chosen_runtime()
    monkeypatch.setenv(encoder_runtime.THREADS_ENV, "two")
    with pytest.raises(ConfigError, match=r"C001.*CORROBORATE_ENCODER_THREADS"):
        encoder_runtime.chosen_threads()


def test_without_onnxruntime_numpy_runs_the_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_runtime, "_has_onnxruntime", lambda: False)
    monkeypatch.delenv(encoder_runtime.ENV, raising=False)
    assert encoder_runtime.chosen_runtime() == "numpy"
    monkeypatch.setenv(encoder_runtime.ENV, "onnx")
    with pytest.raises(ConfigError, match=r"C033.*onnxruntime is not installed"):
        encoder_runtime.chosen_runtime()


@settings(max_examples=80, deadline=None)
@given(st.lists(st.integers(1, 254), max_size=60))
def test_windows_are_batched_by_length_within_the_budget(lengths: list[int]) -> None:
    jobs = [(n, 0, width) for n, width in enumerate(sorted(lengths))]
    batches = _batches(jobs)
    assert [job for batch in batches for job in batch] == jobs
    for batch in batches:
        assert batch and len(batch) * (batch[-1][2] + 2) <= PIECES_PER_BATCH
