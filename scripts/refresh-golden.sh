#!/usr/bin/env bash
# Refreshes the golden files under tests/golden/ from the current build of
# the sbd command line. Review the diff (git diff tests/golden), then commit.
#
#   scripts/refresh-golden.sh            # every engine with a tests/golden/<engine>/models.txt
#   SBD_BIN=path/to/sbd scripts/refresh-golden.sh sam
#
# Golden files prove stability, not correctness: the external checkers
# (cfn-lint, the SAM translator, ...) run in tests/python.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
corpus=${SBD_CORPUS_DIR:-$root/../shared/corpus}
sbd=${SBD_BIN:-}
if [[ -z "$sbd" ]]; then
  for preset in default release asan; do
    if [[ -x "$root/build/$preset/tools/sbd/sbd" ]]; then sbd=$root/build/$preset/tools/sbd/sbd; break; fi
  done
fi
[[ -n "$sbd" && -x "$sbd" ]] || { echo "refresh-golden: no sbd binary (build it, or set SBD_BIN)" >&2; exit 2; }

# The files of each engine's output kept as golden files (starter code has
# its own tests; its templates would make every golden diff noisy).
golden_files() {
  case "$1" in
    sam) echo "template.yaml README.md samconfig.toml .gitignore" ;;
    serverless) echo "serverless.yml README.md package.json .gitignore" ;;
    *) echo "README.md" ;;
  esac
}

engines=("$@")
if [[ ${#engines[@]} -eq 0 ]]; then
  for manifest in "$root"/tests/golden/*/models.txt; do engines+=("$(basename "$(dirname "$manifest")")"); done
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for engine in "${engines[@]}"; do
  manifest=$root/tests/golden/$engine/models.txt
  [[ -f "$manifest" ]] || { echo "refresh-golden: no $manifest" >&2; exit 2; }
  while read -r name model; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    case "$model" in
      corpus/*) path=$corpus/${model#corpus/} ;;
      *) path=$root/$model ;;
    esac
    out=$tmp/$engine/$name
    if ! "$sbd" build "$path" --engine "$engine" -o "$out" 2>"$tmp/log"; then
      cat "$tmp/log" >&2
      echo "refresh-golden: sbd build $model --engine $engine failed" >&2
      exit 1
    fi
    dest=$root/tests/golden/$engine/$name
    rm -rf "$dest"
    mkdir -p "$dest"
    for f in $(golden_files "$engine"); do cp "$out/$f" "$dest/$f"; done
    echo "refreshed tests/golden/$engine/$name"
  done <"$manifest"
done
