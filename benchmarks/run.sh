#!/usr/bin/env bash
# Runs every stage of the speed bar (docs/performance.md) on the benchmark
# model at 10, 100, 1,000 and 10,000 cells (70 to 70,000 nodes), then the peak
# memory of `sbd build` at 10,000 cells (/usr/bin/time -v).
#
#   benchmarks/run.sh [BUILD_DIR] [OUT_DIR]
#
# BUILD_DIR (default build/bench) must be a Release build with the benchmarks:
#   cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release \
#         -DSBD_BUILD_BENCHMARKS=ON -DSBD_BUILD_PYTHON=OFF
#   cmake --build build/bench --target bench_read bench_validate bench_emit bench_build bench_growth sbd_cli sbd_generate_model
# OUT_DIR (default BUILD_DIR/bench-results) receives one JSON file per program
# (Google Benchmark's format) and peak-memory.txt. Set MIN_TIME (seconds per
# benchmark, default 0.5) to trade precision for time; SKIP_TIMINGS=1 to
# measure the peak memory only. Wall-clock figures need
# an idle machine; on a shared one read the CPU time.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$here/build/bench}
out=${2:-$build/bench-results}
min_time=${MIN_TIME:-0.5}
mkdir -p "$out"

run() {
  local program=$1 filter=$2 name=${3:-$1}
  echo "== $program ($filter)"
  "$build/benchmarks/$program" --benchmark_filter="$filter" --benchmark_min_time="$min_time" \
    --benchmark_out="$out/$name.json" --benchmark_out_format=json
}

# Sizes in cells: /10, /100, /1000, /10000. SKIP_TIMINGS=1: peak memory only.
if [ "${SKIP_TIMINGS:-0}" != 1 ]; then
  run bench_read     'BM_(Read|Parse|Scan|Libyaml)'
  run bench_validate 'BM_Validate/(10|100|1000|10000)$'
  run bench_emit     'BM_(SamTemplate|EmitSam|StarterCode|StarterCodeStream|EmitServerless)/(10|100|1000|10000)$'
  run bench_build    'BM_(Build|WriteTree)'
  # Between the bar's sizes: 1,000 to 10,000 cells in six steps, warm and cold.
  run bench_growth   '/[0-9]{4,5}$'
  # The bar's x10 (10,000 cells over 1,000) with the two sizes in alternation
  # (counter x10): the figure that the machine's drift moves least.
  run bench_growth   'BM_X10_.*/1000/' bench_growth_x10
fi

# Peak memory of the command-line build at 10,000 cells.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/benchmarks/sbd_generate_model" 10000 yaml > "$work/model.sbd.yaml"
# 70,000 nodes are far over CloudFormation's 500 resources per stack (SBD0202,
# an error that stops the build): the model switches that one rule off.
echo 'x-sbd-disable: [SBD0202]' >> "$work/model.sbd.yaml"
echo "== sbd build, 10,000 cells ($(wc -c < "$work/model.sbd.yaml") bytes of YAML)"
status=0
/usr/bin/time -v "$build/tools/sbd/sbd" build "$work/model.sbd.yaml" --engine sam -o "$work/out" \
  2> "$work/time.txt" || status=$?
grep -E 'Maximum resident|Elapsed|User time|System time' "$work/time.txt" | tee "$out/peak-memory.txt"
echo "exit status: $status; files written: $(find "$work/out" -type f 2>/dev/null | wc -l)" | tee -a "$out/peak-memory.txt"
# A failed build says why on its last line (e.g. the limit of open files).
[ "$status" -eq 0 ] || grep '^sbd: ' "$work/time.txt" | tail -1 | tee -a "$out/peak-memory.txt"
# The same pipeline without the disk (read, validate, emit each file to a
# sink that keeps nothing), once.
/usr/bin/time -v "$build/benchmarks/bench_build" --benchmark_filter='BM_BuildInMemory/10000$' \
  --benchmark_min_time=0.000001 > /dev/null 2> "$work/time-memory.txt"
grep -E 'Maximum resident' "$work/time-memory.txt" | sed 's/^/in memory: /' | tee -a "$out/peak-memory.txt"
