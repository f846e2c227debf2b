"""The attribution encoder's forward pass as an ONNX graph, built from the shipped weights.

``encoder.py`` runs one member of the encoder with numpy; ``member_graph`` writes the same
computation, layer for layer, as an ONNX model that ONNX Runtime runs on the CPU with fused
kernels. Nothing is downloaded or trained here: the graph is assembled from the numpy weights
(``encoder_model/weights*.npz``, already dequantised) with the ``onnx`` package.

The graph reads the word-piece embeddings of a padded batch (``words``: batch x width x
hidden; the vocabulary table is shared by all members, so the lookup stays in numpy) and the
number of real pieces in each row (``lengths``), and returns the label scores (``logits``)
and the last hidden states (``hidden``). Its operators are the standard BERT ones in ONNX
Runtime's ``com.microsoft`` domain: ``Attention`` (the fused query-key-value projection, the
scaled dot product and the padding mask), ``SkipLayerNormalization`` (the residual sum, its
bias and the post-layer norm) and ``BiasGelu`` (exact, erf-based GELU), which its dynamic
int8 quantization knows how to quantize.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt
import onnx
from onnx import TensorProto, helper, numpy_helper

MS = "com.microsoft"
OPSET = 17  # LayerNormalization
# written into the cached file's name: a change to the graph below must change it
GRAPH_VERSION = 1


class _Builder:
    """Collects the nodes and initialisers of one graph."""

    def __init__(self) -> None:
        self.nodes: list[onnx.NodeProto] = []
        self.initializers: list[onnx.TensorProto] = []

    def weight(self, name: str, value: npt.NDArray[np.generic]) -> str:
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def node(
        self, op: str, inputs: list[str], output: str, *, domain: str = "", **attrs: Any
    ) -> str:
        self.nodes.append(helper.make_node(op, inputs, [output], output, domain=domain, **attrs))
        return output


def _embeddings(b: _Builder, w: Mapping[str, npt.NDArray[np.float32]], eps: float) -> str:
    """The words plus the positions of the first ``width`` pieces, layer-normalised."""
    width = b.node("Shape", ["words"], "width", start=1, end=2)
    zero = b.weight("zero", np.array([0], dtype=np.int64))
    table = b.weight("embeddings.position", w["embeddings.position"])
    positions = b.node("Slice", [table, zero, width, zero], "positions")
    summed = b.node("Add", ["words", positions], "embedded")
    gain = b.weight("embeddings.norm.gain", w["embeddings.norm.gain"])
    bias = b.weight("embeddings.norm.bias", w["embeddings.norm.bias"])
    return b.node("LayerNormalization", [summed, gain, bias], "layer_input0", axis=-1, epsilon=eps)


def _layer(
    b: _Builder, w: Mapping[str, npt.NDArray[np.float32]], n: int, x: str, *, heads: int, eps: float
) -> str:
    """One post-layer-norm transformer layer: attention, then the feed-forward block."""
    p = f"layer{n}."

    def weights(*names: str) -> list[str]:
        return [b.weight(p + name, w[p + name]) for name in names]

    qkv, qkv_bias = weights("qkv", "qkv.bias")
    context = b.node(
        "Attention", [x, qkv, qkv_bias, "lengths"], p + "context", domain=MS, num_heads=heads
    )
    out, out_bias, gain1, bias1 = weights("out", "out.bias", "norm1.gain", "norm1.bias")
    projected = b.node("MatMul", [context, out], p + "projected")
    attended = b.node(
        "SkipLayerNormalization", [projected, x, gain1, bias1, out_bias], p + "attended",
        domain=MS, epsilon=eps,
    )  # fmt: skip
    up, up_bias, down, down_bias = weights("up", "up.bias", "down", "down.bias")
    raised = b.node("MatMul", [attended, up], p + "raised")
    activated = b.node("BiasGelu", [raised, up_bias], p + "activated", domain=MS)
    lowered = b.node("MatMul", [activated, down], p + "lowered")
    gain2, bias2 = weights("norm2.gain", "norm2.bias")
    return b.node(
        "SkipLayerNormalization", [lowered, attended, gain2, bias2, down_bias],
        f"layer_input{n + 1}", domain=MS, epsilon=eps,
    )  # fmt: skip


def member_graph(
    weights: Mapping[str, npt.NDArray[np.float32]], *, layers: int, heads: int, eps: float
) -> onnx.ModelProto:
    """One member of the encoder, from its dequantised weights, as an ONNX model."""
    b = _Builder()
    x = _embeddings(b, weights, eps)
    for n in range(layers):
        x = _layer(b, weights, n, x, heads=heads, eps=eps)
    b.node("Identity", [x], "hidden")
    classifier = b.weight("classifier", weights["classifier"])
    scores = b.node("MatMul", ["hidden", classifier], "scores")
    bias = b.weight("classifier.bias", weights["classifier.bias"])
    b.node("Add", [scores, bias], "logits")
    size = weights["embeddings.position"].shape[1]
    labels = weights["classifier"].shape[1]
    float_ = TensorProto.FLOAT
    graph = helper.make_graph(
        b.nodes,
        "attribution_encoder",
        [
            helper.make_tensor_value_info("words", float_, ["batch", "width", size]),
            helper.make_tensor_value_info("lengths", TensorProto.INT32, ["batch"]),
        ],
        [
            helper.make_tensor_value_info("logits", float_, ["batch", "width", labels]),
            helper.make_tensor_value_info("hidden", float_, ["batch", "width", size]),
        ],
        b.initializers,
    )
    opsets = [helper.make_opsetid("", OPSET), helper.make_opsetid(MS, 1)]
    model = helper.make_model(graph, opset_imports=opsets, producer_name="corroborate")
    model.ir_version = 8
    return model
