"""A small transformer encoder that tags attribution spans.

``encoder_model/`` holds a 6-layer, 384-wide BERT encoder (all-MiniLM-L6-v2, Apache-2.0)
fine-tuned by ``training/encoder/`` on PolNeAR's training split to label every word piece
O, B- or I- SOURCE, CUE or CONTENT, with weights stored as 8-bit integers and a scale per
output column (per row for the vocabulary). The forward pass below is the standard BERT one
(post-layer-norm, exact GELU), in numpy: the reference, and the fallback where ONNX Runtime
is not installed. Otherwise ONNX Runtime runs the same pass from a graph built out of these
weights (``encoder_graph``, ``encoder_runtime``); no deep-learning framework is needed.

``encoder_model/`` may hold several such models, fine-tuned alike from different seeds (the
``members`` of its configuration, each a weights file; the vocabulary embeddings, frozen in
training, are stored once): the label log-probabilities of the members are averaged, which
labels more accurately than any one of them.

A document is cut into overlapping windows of ``window`` pieces; every piece takes its label
scores from the window in which it lies farthest from an edge. A word is labelled by its first
piece; the labels of a document's words are the most probable sequence in which every I-
label follows a B- or I- label of its role (Viterbi), and spans are read off them as whole
words.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from corroborate.errors import ExtractionError
from corroborate.extract.models.encoder_runtime import (
    OnnxMembers,
    Runtime,
    chosen_runtime,
    chosen_threads,
    load_sessions,
)
from corroborate.extract.models.wordpiece import Piece, WordPiece

BUNDLED = Path(__file__).with_name("encoder_model")
CLS, SEP = 101, 102
BATCH = 16
PIECES_PER_BATCH = 4096  # windows of like length are batched up to this many pieces

Array = npt.NDArray[np.float32]
# a word's offsets and the probability of each role for it: SOURCE, CUE, CONTENT
WordRoles = tuple[int, int, float, float, float]
ROLES = ("SOURCE", "CUE", "CONTENT")


def _f32(values: Any) -> Array:
    """The values as float32, without a copy where they are already."""
    return np.asarray(values, dtype=np.float32)


def _erf(x: Array) -> Array:
    """erf to within 1.5e-7 (Abramowitz and Stegun 7.1.26)."""
    sign = np.sign(x)
    a = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * a)
    poly = np.zeros_like(t)
    for coefficient in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly = (poly + coefficient) * t
    return _f32(sign * (1.0 - poly * np.exp(-a * a)))


def _gelu(x: Array) -> Array:
    return _f32(0.5 * x * (1.0 + _erf(x * np.float32(0.7071067811865476))))


def _layer_norm(x: Array, gain: Array, bias: Array, eps: float) -> Array:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return _f32((x - mean) / np.sqrt(var + eps) * gain + bias)


def _softmax(x: Array) -> Array:
    e = np.exp(x - x.max(-1, keepdims=True))
    return _f32(e / e.sum(-1, keepdims=True))


def _dequantised(data: dict[str, npt.NDArray[np.generic]]) -> dict[str, Array]:
    out: dict[str, Array] = {}
    for key, value in data.items():
        if key.endswith(".q"):
            name = key[:-2]
            scale = data[name + ".s"].astype(np.float32)
            out[name] = value.astype(np.float32) * scale
        elif not key.endswith(".s"):
            out[key] = value.astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class Encoder:
    """The tokeniser, the weights and the labels of a fine-tuned encoder, and the engine that
    runs it: ONNX Runtime sessions (``onnx``), or numpy where ``onnx`` is None."""

    wordpiece: WordPiece
    members: tuple[dict[str, Array], ...]  # the weights of each model, averaged
    labels: tuple[str, ...]
    layers: int
    heads: int
    eps: float
    window: int
    stride: int
    runtime: Runtime = "numpy"
    onnx: OnnxMembers | None = None

    @classmethod
    def load(cls, path: Path = BUNDLED, *, runtime: Runtime = "numpy", threads: int = 1) -> Encoder:
        try:
            config = json.loads((path / "config.json").read_text("utf-8"))
            names = config.get("members", ["weights.npz"])
            members = _load_members(path, names)
            wordpiece = WordPiece.from_file(path / "vocab.txt")
            shape = {k: float(config[k]) for k in ("layers", "heads", "eps")}
            onnx = None
            if runtime != "numpy":
                key = _fingerprint(path, ["config.json", *names])
                onnx = load_sessions(members, key, runtime=runtime, threads=threads, shape=shape)
            return cls(
                wordpiece,
                tuple(members),
                tuple(config["labels"]),
                int(config["layers"]),
                int(config["heads"]),
                float(config["eps"]),
                int(config["window"]),
                int(config["stride"]),
                runtime,
                onnx,
            )
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            raise ExtractionError(
                3, f"cannot load the attribution encoder ({exc})".splitlines()[0], subject=str(path)
            ) from exc

    def log_probabilities(self, windows: Sequence[Sequence[int]]) -> list[Array]:
        """Label log-probabilities for each window of piece ids (with [CLS] and [SEP]), one
        row a piece: the mean over the members."""
        per_member = [
            [_log_softmax(scores) for scores in self.logits(windows, member)]
            for member in range(len(self.members))
        ]
        if len(per_member) == 1:
            return per_member[0]
        return [_f32(np.mean(rows, axis=0)) for rows in zip(*per_member, strict=True)]

    def logits(self, windows: Sequence[Sequence[int]], member: int = 0) -> list[Array]:
        """One member's label scores for each window of piece ids (with [CLS] and [SEP]), one
        row a piece."""
        if self.onnx is not None:
            scores = self.onnx.run(member, *self._words(windows), "logits")
        else:
            w = self.members[member]
            scores = self.hidden(windows, member) @ w["classifier"] + w["classifier.bias"]
        return [scores[n, : len(row)] for n, row in enumerate(windows)]

    def embed(self, texts: Sequence[str]) -> Array:
        """One vector per text: the first member's last hidden states, averaged over the
        text's pieces (its first window only) and scaled to unit length."""
        vectors = []
        for i in range(0, len(texts), BATCH):
            rows = [
                [CLS, *(p.id for p in self.wordpiece.encode(t)[: self.window]), SEP]
                for t in texts[i : i + BATCH]
            ]
            x = self.hidden(rows)
            for n, row in enumerate(rows):
                mean = x[n, 1 : len(row) - 1].mean(0) if len(row) > 2 else x[n, 0]
                vectors.append(mean / max(float(np.linalg.norm(mean)), 1e-6))
        return _f32(np.stack(vectors)) if vectors else np.zeros((0, 0), dtype=np.float32)

    def _words(self, windows: Sequence[Sequence[int]]) -> tuple[Array, list[int]]:
        """The vocabulary embeddings of a batch of windows, padded, and the windows' lengths."""
        width = max(len(ids) for ids in windows)
        ids = np.zeros((len(windows), width), dtype=np.int64)
        for n, row in enumerate(windows):
            ids[n, : len(row)] = row
        return self.members[0]["embeddings.word"][ids], [len(row) for row in windows]

    def hidden(self, windows: Sequence[Sequence[int]], member: int = 0) -> Array:
        """One member's last hidden states for a batch of windows of piece ids, padded."""
        words, lengths = self._words(windows)
        if self.onnx is not None:
            return self.onnx.run(member, words, lengths, "hidden")
        w = self.members[member]
        width = words.shape[1]
        keep = np.arange(width)[None, :] < np.array(lengths)[:, None]
        x = words + w["embeddings.position"][:width]
        x = _layer_norm(x, w["embeddings.norm.gain"], w["embeddings.norm.bias"], self.eps)
        mask = np.where(keep, 0.0, -1e9).astype(np.float32)[:, None, None, :]
        batch, size = x.shape[0], x.shape[2]
        depth = size // self.heads
        for n in range(self.layers):
            p = f"layer{n}."
            qkv = x @ w[p + "qkv"] + w[p + "qkv.bias"]
            q, k, v = (
                qkv[..., i * size : (i + 1) * size]
                .reshape(batch, width, self.heads, depth)
                .transpose(0, 2, 1, 3)
                for i in range(3)
            )
            scores = _softmax(_f32(q @ k.transpose(0, 1, 3, 2)) * np.float32(depth**-0.5) + mask)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, size)
            x = _layer_norm(
                _f32(x + context @ w[p + "out"] + w[p + "out.bias"]),
                w[p + "norm1.gain"], w[p + "norm1.bias"], self.eps,
            )  # fmt: skip
            hidden = _gelu(x @ w[p + "up"] + w[p + "up.bias"])
            x = _layer_norm(
                _f32(x + hidden @ w[p + "down"] + w[p + "down.bias"]),
                w[p + "norm2.gain"], w[p + "norm2.bias"], self.eps,
            )  # fmt: skip
        return x

    def tag(self, texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
        """(label, start, end) of every SOURCE, CUE and CONTENT span in each text."""
        return [spans for spans, _ in self.tag_with_roles(texts)]

    def tag_with_roles(
        self, texts: Sequence[str]
    ) -> list[tuple[list[tuple[str, int, int]], list[WordRoles]]]:
        """``tag``'s spans of each text, and the probability of each role for every word
        (``word_roles``): what the extraction's certainty reads (``extract/certainty.py``)."""
        encoded = [self.wordpiece.encode(text) for text in texts]
        jobs = [
            (d, lo, hi) for d, pieces in enumerate(encoded) for lo, hi in self._cuts(len(pieces))
        ]
        jobs.sort(key=lambda job: job[2] - job[1])
        best = [np.zeros((len(p), len(self.labels)), dtype=np.float32) for p in encoded]
        margin: list[npt.NDArray[np.int64]] = [np.full(len(p), -1, dtype=np.int64) for p in encoded]
        for chunk in _batches(jobs):
            rows = [[CLS, *(p.id for p in encoded[d][lo:hi]), SEP] for d, lo, hi in chunk]
            for (d, lo, hi), scores in zip(chunk, self.log_probabilities(rows), strict=True):
                here = np.arange(lo, hi)
                edge = np.minimum(here - lo, hi - 1 - here)
                better = edge > margin[d][lo:hi]
                best[d][lo:hi][better] = scores[1:-1][better]
                margin[d][lo:hi][better] = edge[better]
        return [
            (_spans(pieces, self._decode(pieces, scores)), word_roles(pieces, scores, self.labels))
            for pieces, scores in zip(encoded, best, strict=True)
        ]

    def _decode(self, pieces: list[Piece], scores: Array) -> list[str]:
        """A label for every piece: the best BIO-valid sequence over the words' first pieces;
        later pieces of a word are labelled O (``_spans`` gives them their word's label)."""
        firsts = [i for i, p in enumerate(pieces) if i == 0 or p.word != pieces[i - 1].word]
        labels = ["O"] * len(pieces)
        for i, k in zip(firsts, viterbi(scores[firsts], self.labels), strict=True):
            labels[i] = self.labels[k]
        return labels

    def _cuts(self, length: int) -> list[tuple[int, int]]:
        cuts, start = [], 0
        while start < length:
            cuts.append((start, min(length, start + self.window)))
            if start + self.window >= length:
                break
            start += self.stride
        return cuts


def _batches(jobs: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Windows (document, first piece, end), sorted by length, cut into batches of at most
    ``PIECES_PER_BATCH`` pieces: windows of many documents together, little padding."""
    out: list[list[tuple[int, int, int]]] = []
    for job in jobs:
        width = job[2] - job[1] + 2
        if not out or (len(out[-1]) + 1) * width > PIECES_PER_BATCH:
            out.append([])
        out[-1].append(job)
    return out


def _load_members(path: Path, names: Sequence[str]) -> list[dict[str, Array]]:
    members: list[dict[str, Array]] = []
    for name in names:
        with np.load(path / name, allow_pickle=False) as data:
            weights = _dequantised({k: data[k] for k in data.files})
        if members and "embeddings.word" not in weights:  # stored once, shared
            weights["embeddings.word"] = members[0]["embeddings.word"]
        members.append(weights)
    return members


def _fingerprint(path: Path, names: Sequence[str]) -> str:
    """A digest of the model's files: the key of the graphs built from them."""
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (path / name).read_bytes())
    return digest.hexdigest()


def _log_softmax(x: Array) -> Array:
    shifted = x - x.max(-1, keepdims=True)
    return _f32(shifted - np.log(np.exp(shifted).sum(-1, keepdims=True)))


def viterbi(scores: Array, labels: Sequence[str]) -> list[int]:
    """The label indices, one per row of ``scores`` (log-probabilities), of the most probable
    sequence in which no I- label opens a span or follows another role's label."""
    if len(scores) == 0:
        return []
    inside = [label.startswith("I-") for label in labels]
    allowed = np.array(
        [
            [
                not inside[j] or (labels[i] != "O" and labels[i][2:] == labels[j][2:])
                for j in range(len(labels))
            ]
            for i in range(len(labels))
        ]
    )
    barred = np.float32(-1e9)
    step = np.where(allowed, np.float32(0.0), barred)
    total = np.where(inside, barred, np.float32(0.0)) + scores[0]
    back = np.zeros(scores.shape, dtype=np.int64)
    for t in range(1, len(scores)):
        candidates = total[:, None] + step
        back[t] = candidates.argmax(0)
        total = candidates.max(0) + scores[t]
    path = [int(total.argmax())]
    for t in range(len(scores) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return path[::-1]


def word_roles(pieces: list[Piece], scores: Array, labels: Sequence[str]) -> list[WordRoles]:
    """Each word's offsets and its probability of being part of a source, a cue or a content
    (B- and I- summed), read off its first piece: the members' mean log-probabilities
    normalised again, rounded to three places."""
    if not pieces:
        return []
    firsts = [i for i, p in enumerate(pieces) if i == 0 or p.word != pieces[i - 1].word]
    ends = [pieces[j - 1].end for j in firsts[1:]] + [pieces[-1].end]
    rows = np.exp(scores[firsts] - scores[firsts].max(-1, keepdims=True))
    rows = rows / rows.sum(-1, keepdims=True)
    member = np.array([[label[2:] == role for label in labels] for role in ROLES], dtype=np.float32)
    roles = np.round((rows @ member.T).astype(np.float64), 3).tolist()
    return [
        (pieces[i].start, end, role[0], role[1], role[2])
        for i, end, role in zip(firsts, ends, roles, strict=True)
    ]


def _spans(pieces: list[Piece], labels: list[str]) -> list[tuple[str, int, int]]:
    """Spans of whole words from piece labels: a word follows its first piece; B- opens a
    span, I- continues one of its role (or opens one after another role or O)."""
    out: list[tuple[str, int, int]] = []
    role: str | None = None
    previous_word = -1
    for piece, label in zip(pieces, labels, strict=True):
        if piece.word == previous_word:
            if role is not None:
                out[-1] = (role, out[-1][1], piece.end)
            continue
        previous_word = piece.word
        kind, _, name = label.partition("-")
        if kind == "O":
            role = None
        elif kind == "I" and role == name:
            out[-1] = (role, out[-1][1], piece.end)
        else:
            role = name
            out.append((name, piece.start, piece.end))
    return out


def load_encoder(path: Path = BUNDLED) -> Encoder:
    """The shipped encoder, loaded once per process, run by the runtime that
    ``CORROBORATE_ENCODER`` names (see ``encoder_runtime``) with its threads."""
    # the process id is in the key: a forked worker must not use its parent's sessions
    return _loaded(path, chosen_runtime(), chosen_threads(), os.getpid())


@cache
def _loaded(path: Path, runtime: Runtime, threads: int, _process: int) -> Encoder:
    return Encoder.load(path, runtime=runtime, threads=threads)
