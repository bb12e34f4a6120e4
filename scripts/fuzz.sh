#!/usr/bin/env bash
# Runs the libFuzzer harnesses of tests/fuzz for a given time each.
#
#   scripts/fuzz.sh [-t SECONDS] [-p PARALLEL] [-b BUILD_DIR] [harness ...]
#
#   -t SECONDS   time per harness (default 60)
#   -p N         harnesses run at the same time (default 1, at most 2)
#   -b DIR       build folder (default build/fuzz; configured with clang,
#                ASan, UBSan and libFuzzer if it does not exist)
#   -n           do not build (run the harnesses as they are)
#   harness      fuzz_read_yaml fuzz_read_json fuzz_read_export fuzz_pipeline
#                (default: all four)
#
# Seeds come from the shared corpus (../shared/corpus: the browser exports and
# a sample of the SAM templates) and tests/fixtures (YAML models, and the same
# models converted to JSON for the JSON reader). The growing corpus is kept
# in BUILD_DIR/corpus/<harness>, crashes in BUILD_DIR/artifacts/<harness>/,
# the log in BUILD_DIR/logs/<harness>.log, and one summary line per run
# (harness, seconds, executions, crashes) is appended to
# BUILD_DIR/logs/summary.tsv. Every run is under `nice -n 19`. Exit status:
# 0 when no harness found anything, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
seconds=60
parallel=1
build="$here/build/fuzz"
no_build=0
while getopts "t:p:b:nh" opt; do
  case "$opt" in
    t) seconds="$OPTARG" ;;
    p) parallel="$OPTARG" ;;
    b) build="$OPTARG" ;;
    n) no_build=1 ;;
    h) sed -n '2,23p' "$0"; exit 0 ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if (( parallel < 1 || parallel > 2 )); then echo "fuzz.sh: -p must be 1 or 2 (the machine is shared)" >&2; exit 2; fi
harnesses=("$@")
if (( ${#harnesses[@]} == 0 )); then
  harnesses=(fuzz_read_yaml fuzz_read_json fuzz_read_export fuzz_pipeline)
fi
corpus_root="${SBD_CORPUS_DIR:-$here/../shared/corpus}"

if (( ! no_build )) && [[ ! -f "$build/build.ninja" ]]; then
  CC=clang CXX=clang++ cmake -S "$here" -B "$build" -G Ninja -DSBD_FUZZ=ON -DSBD_BUILD_TESTS=OFF \
    -DSBD_BUILD_TOOLS=OFF -DSBD_BUILD_C_API=OFF -DSBD_INSTALL=OFF -DSBD_BUILD_BENCHMARKS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_FLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -Wno-unknown-warning-option'
fi
if (( ! no_build )); then nice -n 19 cmake --build "$build" -j1 --target "${harnesses[@]}"; fi

# --- seeds ---------------------------------------------------------------
seeds="$build/seeds"
# Refreshed in place, never removed: a harness that is still running (another
# invocation of this script) may read them.
mkdir -p "$seeds/yaml" "$seeds/json" "$seeds/export"
find "$here/tests/fixtures" -name '*.yaml' -print0 | while IFS= read -r -d '' f; do
  cp "$f" "$seeds/yaml/$(echo "${f#$here/tests/fixtures/}" | tr '/' '_')"
done
if [[ -d "$corpus_root/sam" ]]; then
  # Every eighth SAM template (sorted): CloudFormation YAML with short tags.
  find "$corpus_root/sam" -name template.yaml | sort | awk 'NR % 8 == 1' | while read -r f; do
    cp "$f" "$seeds/yaml/sam_$(basename "$(dirname "$f")").yaml"
  done
fi
if [[ -d "$corpus_root/sbd-examples" ]]; then
  cp "$corpus_root"/sbd-examples/*.json "$seeds/export/"
fi
cp "$here"/tests/fuzz/seeds/*/* "$seeds/yaml/" 2>/dev/null || true
python3 - "$seeds/yaml" "$seeds/json" <<'PY'
import json, pathlib, sys, yaml
src, dst = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
for f in sorted(src.glob("*.yaml")):
    try:
        doc = yaml.safe_load(f.read_text())
    except Exception:
        continue  # SAM short tags, deliberately broken fixtures
    if isinstance(doc, dict) and "sbd" in doc:
        (dst / (f.stem + ".json")).write_text(json.dumps(doc, indent=1, default=str))
PY

seed_dirs() {
  case "$1" in
    fuzz_read_yaml) echo "$seeds/yaml" ;;
    fuzz_read_json) echo "$seeds/json" ;;
    fuzz_read_export) echo "$seeds/export $seeds/json" ;;
    fuzz_pipeline) echo "$seeds/yaml $seeds/json $seeds/export" ;;
  esac
}
dict_of() {
  case "$1" in
    fuzz_read_json|fuzz_read_export) echo "$here/tests/fuzz/json.dict" ;;
    *) echo "$here/tests/fuzz/yaml.dict" ;;
  esac
}

mkdir -p "$build/logs"
run_one() {
  local h="$1"
  local corpus="$build/corpus/$h" artifacts="$build/artifacts/$h/" log="$build/logs/$h.log"
  mkdir -p "$corpus" "$artifacts"
  local before after
  before=$(find "$artifacts" -type f | wc -l)
  # shellcheck disable=SC2046
  # -fork=1 with -ignore_crashes: one finding does not end the run; each
  # crash, timeout or out-of-memory input is saved in $artifacts.
  # -timeout is wall-clock time: generous, since the runs are niced on a
  # shared machine (replay a timeout-* file to see its real cost).
  nice -n 19 "$build/tests/fuzz/$h" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -max_len=16384 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -artifact_prefix="$artifacts" -dict="$(dict_of "$h")" \
    "$corpus" $(seed_dirs "$h") >"$log" 2>&1 || true
  after=$(find "$artifacts" -type f | wc -l)
  local execs
  # The fork mode's progress lines: "#EXECUTIONS: cov: ... time: ...".
  execs=$(grep -o '^#[0-9]*:' "$log" | tr -d '#:' | tail -1)
  printf '%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$h" "$seconds" "${execs:-?}" "$((after - before))" \
    >>"$build/logs/summary.tsv"
  echo "$h: ${seconds}s, ${execs:-?} executions, $((after - before)) new crash files (log: $log)"
  (( after == before ))
}

status=0
pids=()
for h in "${harnesses[@]}"; do
  run_one "$h" &
  pids+=($!)
  if (( ${#pids[@]} >= parallel )); then
    wait "${pids[0]}" || status=1
    pids=("${pids[@]:1}")
  fi
done
for p in "${pids[@]}"; do wait "$p" || status=1; done
exit $status
