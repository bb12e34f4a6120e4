#!/usr/bin/env bash
# The main job on the bundled example: installs what is missing, builds sbd,
# then validates examples/photo-share.yaml and generates its AWS SAM
# application into out/photo-share/ (and a diagram of it).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/bootstrap.sh
cmake --preset default >/dev/null
cmake --build --preset default --target sbd_cli
SBD=build/default/tools/sbd/sbd
MODEL=${1:-examples/photo-share.yaml}
OUT=${2:-out/photo-share}

echo "== sbd validate $MODEL"
"$SBD" validate "$MODEL"
echo "== sbd build $MODEL --engine sam -o $OUT"
"$SBD" build "$MODEL" --engine sam -o "$OUT" --force
echo "== sbd diagram $MODEL --format svg -o $OUT/architecture.svg"
"$SBD" diagram "$MODEL" --format svg -o "$OUT/architecture.svg" --force
echo
echo "Generated:"
(cd "$OUT" && find . -type f | sort | sed 's|^\./|  |')
