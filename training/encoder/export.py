"""Export a fine-tuned checkpoint (``train.py``) to ``src/corroborate/extract/models/encoder_model``.

Matrices are stored as 8-bit integers with a float32 scale per output column (per row for the
vocabulary), vectors as float32; the token-type embedding is folded into the positions. Before
writing, two checks: the project's WordPiece (``corroborate.extract.models.wordpiece``) must give the
reference tokeniser's ids and offsets on every training text, and the numpy forward pass
(``corroborate.extract.models.encoder``) must agree with the torch model's labels on held-out
windows (the agreement is printed; below 99.5% the export fails).

With ``--append`` the checkpoint becomes one more member of the encoder already in OUT_DIR (a
model fine-tuned alike from another seed: ``corroborate.extract.models.encoder`` averages the members'
label log-probabilities): its weights go to ``weights-N.npz``, without the vocabulary
embeddings when they are those of the first member (they are frozen in training), and
``config.json`` lists it.

    python training/encoder/export.py CHECKPOINT MODEL_DIR POLNEAR_DIR OUT_DIR [--append]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModelForTokenClassification

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).parent))

import train  # noqa: E402

from corroborate.extract.models.encoder import Encoder  # noqa: E402
from corroborate.extract.models.wordpiece import WordPiece  # noqa: E402


def quantised(matrix: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """Symmetric int8 with one scale per slice along ``axis`` (kept dimension)."""
    peak = np.abs(matrix).max(axis=axis, keepdims=True)
    scale = np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)
    return np.round(matrix / scale).astype(np.int8), scale


def arrays(model: torch.nn.Module, layers: int) -> dict[str, np.ndarray]:
    s = {k: v.detach().float().numpy() for k, v in model.state_dict().items()}
    out: dict[str, np.ndarray] = {}

    def matrix(name: str, value: np.ndarray) -> None:  # value: (in, out) for x @ value
        out[name + ".q"], out[name + ".s"] = quantised(value, axis=0)

    e = "bert.embeddings."
    out["embeddings.word.q"], out["embeddings.word.s"] = quantised(
        s[e + "word_embeddings.weight"], axis=1
    )
    out["embeddings.position"] = (
        s[e + "position_embeddings.weight"] + s[e + "token_type_embeddings.weight"][0]
    )
    out["embeddings.norm.gain"] = s[e + "LayerNorm.weight"]
    out["embeddings.norm.bias"] = s[e + "LayerNorm.bias"]
    for n in range(layers):
        p, q = f"bert.encoder.layer.{n}.", f"layer{n}."
        a = p + "attention.self."
        matrix(
            q + "qkv",
            np.concatenate([s[a + k + ".weight"].T for k in ("query", "key", "value")], axis=1),
        )
        out[q + "qkv.bias"] = np.concatenate(
            [s[a + k + ".bias"] for k in ("query", "key", "value")]
        )
        matrix(q + "out", s[p + "attention.output.dense.weight"].T)
        out[q + "out.bias"] = s[p + "attention.output.dense.bias"]
        out[q + "norm1.gain"] = s[p + "attention.output.LayerNorm.weight"]
        out[q + "norm1.bias"] = s[p + "attention.output.LayerNorm.bias"]
        matrix(q + "up", s[p + "intermediate.dense.weight"].T)
        out[q + "up.bias"] = s[p + "intermediate.dense.bias"]
        matrix(q + "down", s[p + "output.dense.weight"].T)
        out[q + "down.bias"] = s[p + "output.dense.bias"]
        out[q + "norm2.gain"] = s[p + "output.LayerNorm.weight"]
        out[q + "norm2.bias"] = s[p + "output.LayerNorm.bias"]
    matrix("classifier", s["classifier.weight"].T)
    out["classifier.bias"] = s["classifier.bias"]
    return out


def main() -> None:
    checkpoint, model_dir, root, out = (Path(a) for a in sys.argv[1:5])
    append = "--append" in sys.argv[5:]
    train.check(model_dir)
    reference = train.tokenizer(model_dir)
    ours = WordPiece.from_file(model_dir / "vocab.txt")
    texts = sorted((root / "data" / "train" / "text").glob("*.txt"))
    for path in texts:
        text = path.read_text("utf-8")
        enc = reference.encode(text, add_special_tokens=False)
        mine = ours.encode(text)
        if list(enc.ids) != [p.id for p in mine] or [tuple(o) for o in enc.offsets] != [
            (p.start, p.end) for p in mine
        ]:
            raise SystemExit(f"{path}: WordPiece differs from the reference tokeniser")
    print(f"WordPiece: identical ids and offsets on {len(texts)} documents")
    model = AutoModelForTokenClassification.from_pretrained(checkpoint).eval()
    config = model.config
    weights = arrays(model, config.num_hidden_layers)
    if append:
        settings = json.loads((out / "config.json").read_text("utf-8"))
        members = settings.get("members", ["weights.npz"])
        with np.load(out / members[0], allow_pickle=False) as first:
            if all(
                np.array_equal(first[k], weights[k])
                for k in ("embeddings.word.q", "embeddings.word.s")
            ):
                del weights["embeddings.word.q"], weights["embeddings.word.s"]
        name = f"weights-{len(members)}.npz"
        np.savez_compressed(out / name, **weights)
        settings["members"] = [*members, name]
    else:
        out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(out / "weights.npz", **weights)
        shutil.copyfile(model_dir / "vocab.txt", out / "vocab.txt")
        settings = {
            "labels": [config.id2label[i] for i in range(config.num_labels)],
            "layers": config.num_hidden_layers,
            "heads": config.num_attention_heads,
            "eps": config.layer_norm_eps,
            "window": train.WINDOW,
            "stride": train.STRIDE,
            "base": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0)",
            "trained_on": "PolNeAR v1.0.0 training split",
            "members": ["weights.npz"],
        }
    (out / "config.json").write_text(json.dumps(settings, indent=1) + "\n")
    encoder = Encoder.load(out)
    member = len(encoder.members) - 1
    docs = train.corpus(reference, root)
    held = [w for d in docs[int(len(docs) * 0.9) :] for w in train.windows(d)][:64]
    same = total = 0
    with torch.no_grad():
        for i in range(0, len(held), 16):
            rows = [ids for ids, _ in held[i : i + 16]]
            theirs = model(**_padded(rows)).logits.argmax(-1).numpy()
            for n, scores in enumerate(encoder.logits(rows, member)):
                same += int((scores.argmax(-1) == theirs[n, : len(rows[n])]).sum())
                total += len(rows[n])
    agreement = same / total
    print(
        f"numpy int8 forward (member {member + 1} of {len(encoder.members)}) agrees with torch"
        f" on {agreement:.2%} of {total} pieces"
    )
    if agreement < 0.995:
        raise SystemExit("the exported encoder disagrees with the checkpoint")


def _padded(rows: list[list[int]]) -> dict[str, torch.Tensor]:
    width = max(len(r) for r in rows)
    ids = torch.zeros((len(rows), width), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for n, r in enumerate(rows):
        ids[n, : len(r)] = torch.tensor(r)
        mask[n, : len(r)] = 1
    return {"input_ids": ids, "attention_mask": mask}


if __name__ == "__main__":
    main()
