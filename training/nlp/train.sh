#!/usr/bin/env bash
# Train corroborate's English spaCy pipeline (tok2vec + tagger + parser + ner)
# from UD English-EWT and Universal NER EWT, evaluate it on the UD test set and
# install it as package data in src/corroborate/extract/models/nlp_model/.
#
# Usage:  training/nlp/train.sh [DATA_DIR]
#   DATA_DIR  folder holding ud-english-ewt/ and uner-english-ewt/
#             (default: ../shared/data relative to the repository root)
# Environment:
#   PYTHON         interpreter with spacy==3.8.18 (default: .venv/bin/python of
#                  the repository, else `python` on PATH)
#   NLP_BUILD_DIR  scratch folder for merged data, corpora, checkpoints and logs
#                  (default: ${TMPDIR:-/tmp}/corroborate-nlp-build; kept afterwards)
#   NLP_MODEL_DIR  where to install the model (default: src/corroborate/extract/models/nlp_model)
#   NLP_TRAIN_ARGS extra `spacy train` overrides, e.g. "--training.max_steps 50"
#                  for a smoke test (leave unset for the real model)
#
# Runs offline: nothing is downloaded.  CPU-only; about 30-40 min on 2 cores.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="${1:-$ROOT/../shared/data}"
DATA="$(cd "$DATA" && pwd)"
UD="$DATA/ud-english-ewt"
UNER="$DATA/uner-english-ewt"
BUILD="${NLP_BUILD_DIR:-${TMPDIR:-/tmp}/corroborate-nlp-build}"
MODEL_DIR="${NLP_MODEL_DIR:-$ROOT/src/corroborate/extract/models/nlp_model}"

if [[ -n "${PYTHON:-}" ]]; then
  PY="$PYTHON"
elif [[ -x "$ROOT/.venv/bin/python" ]]; then
  PY="$ROOT/.venv/bin/python"
else
  PY="python"
fi

log() { printf '[train.sh %(%H:%M:%S)T] %s\n' -1 "$*"; }

# --- checks -----------------------------------------------------------------
for f in "$UD/en_ewt-ud-train.conllu" "$UD/en_ewt-ud-dev.conllu" "$UD/en_ewt-ud-test.conllu" \
         "$UNER/en_ewt-ud-train.DRAFT-2022-12-02.iob2" "$UNER/en_ewt-ud-dev.iob2" \
         "$UNER/en_ewt-ud-test.iob2"; do
  [[ -f "$f" ]] || { echo "missing input file: $f" >&2; exit 1; }
done
SPACY_VERSION="$("$PY" -c 'import spacy; print(spacy.__version__)')"
[[ "$SPACY_VERSION" == "3.8.18" ]] || { echo "need spacy 3.8.18, found $SPACY_VERSION ($PY)" >&2; exit 1; }
log "python=$PY spacy=$SPACY_VERSION data=$DATA build=$BUILD"

rm -rf "$BUILD/merged" "$BUILD/corpus" "$BUILD/output" "$BUILD/stage"
mkdir -p "$BUILD/merged" "$BUILD/corpus" "$BUILD/output"

# --- 1. merge UNER entity tags into the CoNLL-U MISC column -----------------
# The UNER train file is a pre-release draft: OTH and stray B-O become O.
log "merge UNER tags into CoNLL-U"
"$PY" "$HERE/merge_uner.py" "$UD/en_ewt-ud-train.conllu" \
  "$UNER/en_ewt-ud-train.DRAFT-2022-12-02.iob2" "$BUILD/merged/train.conllu"
for split in dev test; do
  "$PY" "$HERE/merge_uner.py" "$UD/en_ewt-ud-$split.conllu" \
    "$UNER/en_ewt-ud-$split.iob2" "$BUILD/merged/$split.conllu"
done

# --- 2. convert to spaCy's binary format, 10 sentences per doc --------------
log "convert to .spacy"
for split in train dev test; do
  "$PY" -m spacy convert "$BUILD/merged/$split.conllu" "$BUILD/corpus" \
    --converter conllu --n-sents 10
done

# --- 3. train (dev set selects model-best and drives early stopping) --------
log "train (config: $HERE/config.cfg)"
START=$(date +%s)
"$PY" -m spacy train "$HERE/config.cfg" --output "$BUILD/output" \
  --paths.train "$BUILD/corpus/train.spacy" --paths.dev "$BUILD/corpus/dev.spacy" \
  ${NLP_TRAIN_ARGS:-} 2>&1 | tee "$BUILD/train.log"
TRAIN_SECONDS=$(( $(date +%s) - START ))
log "training took ${TRAIN_SECONDS}s"

# --- 4. evaluate model-best on the UD test set (UNER test entities) ---------
log "evaluate on UD EWT test"
"$PY" -m spacy evaluate "$BUILD/output/model-best" "$BUILD/corpus/test.spacy" \
  --output "$BUILD/test_scores.json"

# --- 5. package: clean meta/config, copy into the Python package ------------
log "package into $MODEL_DIR"
"$PY" - "$BUILD/output/model-best" "$BUILD/test_scores.json" "$BUILD/stage" \
  "$TRAIN_SECONDS" <<'PY'
import json
import sys
from pathlib import Path

import spacy
from spacy.util import load_config

best, scores_path, stage = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
train_seconds = int(sys.argv[4])
scores = json.loads(scores_path.read_text())

nlp = spacy.load(best)
meta = nlp.meta
meta.update(
    name="corroborate_en",
    version="0.1.0",
    description=(
        "English tagger (PTB tags), dependency parser (UD labels) and named-entity "
        "recogniser (PER/ORG/LOC) for corroborate. Trained with spaCy "
        f"{spacy.__version__} from UD English-EWT and Universal NER EWT "
        "(training/nlp/train.sh). No pretrained vectors."
    ),
    author="corroborate contributors",
    email="",
    url="",
    license="CC BY-SA 4.0",
    sources=[
        {
            "name": "Universal Dependencies English Web Treebank (UD_English-EWT)",
            "url": "https://github.com/UniversalDependencies/UD_English-EWT",
            "license": "CC BY-SA 4.0",
            "author": "Universal Dependencies contributors; texts (c) Google, Yahoo, UPenn and others",
        },
        {
            "name": "Universal NER English-EWT (UNER v1; train: draft 2022-12-02)",
            "url": "https://github.com/UniversalNER/UNER_English-EWT",
            "license": "CC BY-SA 4.0",
            "author": "Mayhew et al., NAACL 2024",
        },
    ],
)
# Test-set accuracy replaces the dev scores that training wrote.
meta["performance"] = {
    k: scores[k]
    for k in ("token_acc", "tag_acc", "dep_uas", "dep_las", "sents_f",
              "ents_p", "ents_r", "ents_f", "ents_per_type")
    if k in scores
}
meta["evaluation"] = {
    "data": "UD English-EWT test (2,077 sentences, 25,094 words) with Universal NER "
            "EWT test entities; raw text in, spaCy tokenisation, 10-sentence documents",
    "scorer": "spaCy 3.8 Scorer: tag_acc on PTB tags, UAS/LAS excluding punctuation, "
              "exact-span entity P/R/F",
    "training_seconds": train_seconds,
}
nlp.meta = meta
nlp.to_disk(stage)

# Drop references to the (temporary) training corpora from the shipped config.
cfg = load_config(stage / "config.cfg")
cfg["paths"]["train"] = None
cfg["paths"]["dev"] = None
cfg.to_disk(stage / "config.cfg")

# Sanity check: the staged copy loads and annotates.
doc = spacy.load(stage)("Ivan Petrov told TASS on Monday that shelling hit Sloviansk.")
print("staged model ok:", [(e.text, e.label_) for e in doc.ents])
PY

mkdir -p "$MODEL_DIR"
# Replace the previous model but keep hand-written files (LICENSE.md).
find "$MODEL_DIR" -mindepth 1 -maxdepth 1 ! -name LICENSE.md -exec rm -rf {} +
cp -R "$BUILD/stage/." "$MODEL_DIR/"
log "model size: $(du -sh "$MODEL_DIR" | cut -f1)"
log "done; test scores in $BUILD/test_scores.json, log in $BUILD/train.log"
