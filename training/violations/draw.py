"""Draw the Wikipedia event samples for the violation reader: training, held-out v2 and v3.

Source: the Global-Conflicts/global-conflicts repository at commit 6124ff5b (its
``data/10years_export/<id>.txt`` files, Wikipedia Current events portal items, CC BY-SA 4.0),
read from a bare git copy. Every id of ``bench/data/violations_heldout.jsonl`` (v1) is left
out; of the rest, in id order, ``random.Random(SEED).sample`` picks 500: the first 200 are
held-out v2, the next 300 the training sample. A second draw (``SEED_MORE``), made once v2's
figures had been read, leaves all of those out and picks 400 more: the first 200 are
held-out v3, the next 200 more training items. Trailing source citations, the
parenthesised groups at the end of an item, are cut.

    python training/violations/draw.py MIRROR_GIT_DIR            # print the drawn items
    python training/violations/draw.py MIRROR_GIT_DIR --verify   # check the labelled files

The labelled files (``types`` added by hand, see README.md) are
``bench/data/violations_heldout_v2.jsonl``, ``..._v3.jsonl``,
``training/violations/wiki_train.jsonl`` and ``wiki_train_more.jsonl``;
``--verify`` checks that their ids and texts are exactly this draw.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMIT = "6124ff5b55552bc4e250df297c3b5ac0b41323da"
FOLDER = "data/10years_export/"
SEED = 1402
V1 = ROOT / "bench" / "data" / "violations_heldout.jsonl"
V2 = ROOT / "bench" / "data" / "violations_heldout_v2.jsonl"
TRAIN = ROOT / "training" / "violations" / "wiki_train.jsonl"
SIZES = {"v2": 200, "train": 300}
# the second draw, made after v2's figures had been read: a fresh held-out set (v3) and more
# training items, from what the first draw left
SEED_MORE = 1430
SIZES_MORE = {"v3": 200, "train_more": 200}
V3 = ROOT / "bench" / "data" / "violations_heldout_v3.jsonl"
TRAIN_MORE = ROOT / "training" / "violations" / "wiki_train_more.jsonl"
_CITATIONS = re.compile(r"(?:[\s,]*\([^()]*\))+[\s,]*$")


def _git(git_dir: str, *args: str) -> str:
    out = subprocess.run(["git", "-C", git_dir, *args], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def clean(text: str) -> str:
    return " ".join(_CITATIONS.sub("", text.strip()).split())


def draw(git_dir: str) -> dict[str, list[dict[str, str]]]:
    names = _git(git_dir, "ls-tree", "--name-only", COMMIT, FOLDER).split()
    taken = {json.loads(line)["id"] for line in V1.read_text(encoding="utf-8").splitlines()}
    ids = sorted(Path(n).stem for n in names if n.endswith(".txt"))
    pool = [i for i in ids if i not in taken]
    chosen = random.Random(SEED).sample(pool, sum(SIZES.values()))
    items = [
        {"id": i, "text": clean(_git(git_dir, "show", f"{COMMIT}:{FOLDER}{i}.txt"))} for i in chosen
    ]
    return {
        "v2": sorted(items[: SIZES["v2"]], key=lambda x: x["id"]),
        "train": sorted(items[SIZES["v2"] :], key=lambda x: x["id"]),
    }


def draw_more(
    git_dir: str, first: dict[str, list[dict[str, str]]]
) -> dict[str, list[dict[str, str]]]:
    """The second draw: v3 and more training items, none of v1, v2 or the first training
    sample."""
    names = _git(git_dir, "ls-tree", "--name-only", COMMIT, FOLDER).split()
    taken = {json.loads(line)["id"] for line in V1.read_text(encoding="utf-8").splitlines()}
    taken |= {item["id"] for items in first.values() for item in items}
    pool = [i for i in sorted(Path(n).stem for n in names if n.endswith(".txt")) if i not in taken]
    chosen = random.Random(SEED_MORE).sample(pool, sum(SIZES_MORE.values()))
    items = [
        {"id": i, "text": clean(_git(git_dir, "show", f"{COMMIT}:{FOLDER}{i}.txt"))} for i in chosen
    ]
    return {
        "v3": sorted(items[: SIZES_MORE["v3"]], key=lambda x: x["id"]),
        "train_more": sorted(items[SIZES_MORE["v3"] :], key=lambda x: x["id"]),
    }


def verify(samples: dict[str, list[dict[str, str]]]) -> int:
    bad = 0
    for name, path in (("v2", V2), ("train", TRAIN), ("v3", V3), ("train_more", TRAIN_MORE)):
        if not path.exists():
            print(f"{path.name}: not written yet", file=sys.stderr)
            continue
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
        got = [(r["id"], r["text"]) for r in rows]
        want = [(r["id"], r["text"]) for r in samples[name]]
        if got != want:
            print(f"{path.name}: differs from the draw", file=sys.stderr)
            bad += 1
    return bad


def main(argv: list[str]) -> int:
    samples = draw(argv[0])
    samples |= draw_more(argv[0], samples)
    if "--verify" in argv:
        return 1 if verify(samples) else 0
    for name, items in samples.items():
        for item in items:
            print(json.dumps({"set": name, **item}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
