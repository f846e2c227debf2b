#!/usr/bin/env bash
# Train the attribution tagger (SOURCE / CUE / CONTENT spans) from PolNeAR's training split
# and install it, stripped of every corpus string, in src/corroborate/extract/attribution_model.
#
# Usage:  training/attribution/train.sh [POLNEAR_DIR]
#   POLNEAR_DIR  default: ../shared/data/polnear relative to the repository root
# Environment:
#   ATTR_BUILD_DIR   scratch folder (default: ${TMPDIR:-/tmp}/corroborate-attribution-build)
#   ATTR_TRAIN_ARGS  extra `spacy train` overrides ("--training.max_steps 50" for a smoke test)
#   ATTR_MODEL_DIR   where to install (default: src/corroborate/extract/attribution_model)
#
# Offline, CPU only; about 15-20 minutes on 2 cores. The dev split is never read.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DATA="$(cd "${1:-$ROOT/../shared/data/polnear}" && pwd)"
BUILD="${ATTR_BUILD_DIR:-${TMPDIR:-/tmp}/corroborate-attribution-build}"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
mkdir -p "$BUILD"
"$PY" "$HERE/corpus.py" "$DATA" "$BUILD"
# shellcheck disable=SC2086
"$PY" -m spacy train "$HERE/config.cfg" --output "$BUILD/model" \
  --paths.train "$BUILD/fit.spacy" --paths.dev "$BUILD/held.spacy" --nlp.batch_size 64 \
  ${ATTR_TRAIN_ARGS:-}
"$PY" "$HERE/package.py" "$BUILD/model/model-best" \
  "${ATTR_MODEL_DIR:-$ROOT/src/corroborate/extract/attribution_model}"
