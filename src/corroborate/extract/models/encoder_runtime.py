"""Which engine runs the attribution encoder, and the ONNX Runtime sessions that run it.

``CORROBORATE_ENCODER`` chooses:

- ``onnx`` (the default): ONNX Runtime on the CPU with 32-bit floats; its label scores equal
  the numpy forward pass's to within 1e-4, and its PolNeAR dev scores are the same;
- ``onnx-int8``: the matrix products in 8-bit integers (dynamic quantization, one scale per
  weight column, ``quantize_dynamic``): faster, but on PolNeAR dev half a point of exact F1
  below for source and cue, so not the default;
- ``numpy``: the forward pass written in numpy (``encoder.py``), the reference the graphs are
  tested against, and the fallback where ONNX Runtime has no wheel (an unsupported platform
  or Python): chosen by itself when ``onnxruntime`` cannot be imported.

The graphs are built from the shipped weights (``encoder_graph.py``), once, into
``$XDG_CACHE_HOME/corroborate/`` (or ``~/.cache/corroborate/``), under a name that hashes
the weights, the graph's version and the ``onnx`` and ``onnxruntime`` versions, so an
upgrade builds anew. Where that folder cannot be written they are built in memory at every
start instead (a few seconds). ``CORROBORATE_ENCODER_THREADS`` sets the threads of each
session (default: all cores); the extractor's worker processes set it to their share.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from corroborate.errors import ConfigError

log = logging.getLogger(__name__)

Runtime = Literal["numpy", "onnx", "onnx-int8"]
RUNTIMES: tuple[Runtime, ...] = ("onnx", "onnx-int8", "numpy")
ENV = "CORROBORATE_ENCODER"
THREADS_ENV = "CORROBORATE_ENCODER_THREADS"
Array = npt.NDArray[np.float32]


def chosen_runtime(name: str | None = None) -> Runtime:
    """The runtime named, else ``CORROBORATE_ENCODER``'s, else ONNX Runtime where installed."""
    wanted = (name or os.environ.get(ENV, "")).strip().lower()
    if not wanted:
        return "onnx" if _has_onnxruntime() else "numpy"
    if wanted not in RUNTIMES:
        raise ConfigError(
            32, f"{ENV}={wanted!r} names no encoder runtime (one of: {', '.join(RUNTIMES)})"
        )
    if wanted != "numpy" and not _has_onnxruntime():
        raise ConfigError(33, f"{ENV}={wanted}: onnxruntime is not installed (use numpy)")
    return wanted


def chosen_threads() -> int:
    """``CORROBORATE_ENCODER_THREADS``, else all cores."""
    value = os.environ.get(THREADS_ENV, "").strip()
    if not value:
        return os.cpu_count() or 1
    if not value.isdigit() or int(value) < 1:
        raise ConfigError(1, f"{THREADS_ENV}={value!r} is not a positive integer")
    return int(value)


def _has_onnxruntime() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class OnnxMembers:
    """One ONNX Runtime session per member of the encoder."""

    sessions: tuple[Any, ...]  # onnxruntime.InferenceSession, untyped upstream

    def run(self, member: int, words: Array, lengths: Sequence[int], output: str) -> Array:
        """``output`` ("logits" or "hidden") of one member for a padded batch."""
        feed = {"words": words, "lengths": np.asarray(lengths, dtype=np.int32)}
        result = self.sessions[member].run([output], feed)[0]
        return np.asarray(result, dtype=np.float32)


def load_sessions(
    members: Sequence[Mapping[str, Array]],
    fingerprint: str,
    *,
    runtime: Runtime,
    threads: int,
    shape: Mapping[str, float],
) -> OnnxMembers:
    """Sessions for every member, their graphs read from the cache or built there first.
    ``fingerprint`` identifies the weights; ``shape`` holds layers, heads and eps."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # a waiting thread sleeps instead of spinning: other processes share the cores
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    sessions = []
    for n, weights in enumerate(members):
        model = _model_bytes(weights, f"{fingerprint}-{n}", runtime=runtime, shape=shape)
        sessions.append(ort.InferenceSession(model, options, providers=["CPUExecutionProvider"]))
    return OnnxMembers(tuple(sessions))


def cache_folder() -> Path:
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(home) / "corroborate"


def graph_name(key: str, runtime: Runtime) -> str:
    """The cached file's name: the weights, the graph's and the libraries' versions."""
    import onnx
    import onnxruntime

    from corroborate.extract.models.encoder_graph import GRAPH_VERSION

    versions = f"{GRAPH_VERSION}-{onnx.__version__}-{onnxruntime.__version__}-{runtime}"
    digest = hashlib.sha256(f"{key}-{versions}".encode()).hexdigest()[:16]
    return f"encoder-{digest}-{runtime}.onnx"


def _model_bytes(
    weights: Mapping[str, Array], key: str, *, runtime: Runtime, shape: Mapping[str, float]
) -> bytes:
    path = cache_folder() / graph_name(key, runtime)
    if path.is_file():
        return path.read_bytes()
    data = build_graph(weights, runtime=runtime, shape=shape)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as out:
            out.write(data)
        os.replace(out.name, path)  # whole or absent, when processes build it at once
    except OSError as exc:
        log.warning("encoder graph not cached (%s): built in memory at each start", exc)
    return data


def build_graph(
    weights: Mapping[str, Array], *, runtime: Runtime, shape: Mapping[str, float]
) -> bytes:
    """One member's serialised ONNX model, quantized for ``onnx-int8``."""
    from corroborate.extract.models.encoder_graph import member_graph

    model = member_graph(
        weights, layers=int(shape["layers"]), heads=int(shape["heads"]), eps=shape["eps"]
    )
    if runtime != "onnx-int8":
        return bytes(model.SerializeToString())
    return _quantized(model)


def _quantized(model: Any) -> bytes:
    """Dynamic int8 quantization: weights int8 with a scale per column, activations uint8
    with a scale per call; every MatMul and the attention's projection."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "int8.onnx"
        quantize_dynamic(
            model,
            out,
            per_channel=True,
            weight_type=QuantType.QInt8,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )
        return out.read_bytes()
